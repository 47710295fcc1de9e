"""The archive's index pages, rendered from metadata only (topic pages in worker processes, the rest here):
newspaper → year → month → issue, topics (in pages of ``PAGE_SIZE``), home, about,
search, 404, sitemap and feeds; the topics overview, and every series and keyword in pinyin order.

Index pages must stay usable when a paper has ten years of daily issues: the
paper page lists years and months, a year page lists its issues by month (at
most 366 links), a month page its issues with their front-page headlines, and
a topic's articles are split into numbered pages.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from sitegen import charts, dates, feeds, theme, urls
from sitegen.config import Config
from sitegen.enrich import Enrichment
from sitegen.memo import MemoRound, NoMemo
from sitegen.model import Article, Issue, Newspaper, Topic
from sitegen.output import SiteFolder
from sitegen.pool import ordered_map
from sitegen.render import Renderer, environment

#: Articles per page of a topic's list.
PAGE_SIZE = 100


@dataclass(frozen=True)
class Month:
    """One month of a paper, as the year and paper pages list it."""

    number: int
    """1–12."""
    path: str
    """Its month page."""
    issues: tuple[Issue, ...]
    """Its issues in date order."""


@dataclass(frozen=True)
class Year:
    """One year of a paper."""

    number: int
    """The year, e.g. 2022."""
    path: str
    """Its year page."""
    months: tuple[Month, ...]
    """Months that have issues, in order."""


def paper_years(paper: Newspaper) -> tuple[Year, ...]:
    """The paper's dated issues grouped by year and month."""
    grouped: dict[int, dict[int, list[Issue]]] = defaultdict(lambda: defaultdict(list))
    for issue in paper.issues:
        if issue.date:
            grouped[issue.date.year][issue.date.month].append(issue)
    return tuple(
        Year(y, urls.year(paper.slug, y), tuple(Month(m, urls.month(paper.slug, y, m), tuple(grouped[y][m])) for m in sorted(grouped[y])))
        for y in sorted(grouped)
    )


def article_count(issue: Issue) -> int:
    return sum(len(p.articles) for p in issue.pages)


def span(dated: list[dt.date]) -> str:
    if not dated:
        return dates.UNKNOWN_DATE
    first, last = min(dated), max(dated)
    return dates.chinese_date(first) if first == last else f"{dates.chinese_date(first)}—{dates.chinese_date(last)}"


def paper_entry(paper: Newspaper) -> dict:
    """How the home page lists a paper."""
    return {
        "paper": paper,
        "span": span([i.date for i in paper.issues if i.date]),
        "issue_count": len(paper.issues),
        "article_count": sum(article_count(i) for i in paper.issues),
    }


def render_paper(renderer: Renderer, out: SiteFolder, paper: Newspaper) -> None:
    """The paper page, and a page for each of its years and months."""
    years = paper_years(paper)
    undated = next((i for i in paper.issues if i.date is None), None)
    entry = paper_entry(paper)
    out.write_text(
        paper.path,
        renderer.render("newspaper.html", paper.path, paper=paper, years=years, undated=undated,
                        span=entry["span"], article_count=entry["article_count"], count=article_count),
    )
    months = [(year, month) for year in years for month in year.months]
    for n, year in enumerate(years):
        out.write_text(
            year.path,
            renderer.render("year.html", year.path, paper=paper, year=year, count=article_count,
                            prev_year=years[n - 1] if n > 0 else None,
                            next_year=years[n + 1] if n + 1 < len(years) else None),
        )
    for n, (year, month) in enumerate(months):
        out.write_text(
            month.path,
            renderer.render("month.html", month.path, paper=paper, year=year, month=month, count=article_count,
                            prev_month=months[n - 1] if n > 0 else None,
                            next_month=months[n + 1] if n + 1 < len(months) else None),
        )


@dataclass(frozen=True)
class TopicTask:
    """One topic's list pages, with what they show of other things."""

    topic: Topic
    """The topic."""
    articles: tuple[Article, ...]
    """Its articles (outlines), newest first."""
    related: tuple[Topic, ...]
    """Its related topics."""


@dataclass(frozen=True)
class TopicPart:
    """A run of one topic's list pages, as a worker gets it: the topics by key (``RenderTopics.topics``
    has them), for a subject's tens of thousands of article ids are not to be sent with every part."""

    topic: tuple[str, str]
    """The topic's kind and slug."""
    articles: tuple[Article, ...]
    """The articles (outlines) of these pages, newest first."""
    related: tuple[tuple[str, str], ...]
    """The kind and slug of each of its related topics."""
    summaries: dict[str, str]
    """One-line summary of each of these articles, by id."""
    first_page: int = 1
    """The number of the first of these pages."""
    dates: tuple[dt.date | None, ...] = ()
    """The dates of all the topic's articles, for the chart on its first page (with ``first_page`` 1)."""


@dataclass
class RenderTopics:
    """Topic list pages for a batch of topic parts (a picklable callable for ``sitegen.pool``):
    a big archive has thousands of keyword topics."""

    archive_dir: Path
    config: Config
    site: SiteFolder
    topics: dict[tuple[str, str], Topic]
    """Every topic, by kind and slug (forked workers share it; others get it once)."""
    _tools: tuple | None = field(default=None, repr=False)

    def __getstate__(self):
        return {**self.__dict__, "_tools": None}  # the Jinja environment is rebuilt in each process

    def __call__(self, parts: tuple[TopicPart, ...]) -> int:
        if self._tools is None:
            self._tools = (Renderer(environment(theme.template_dirs(self.archive_dir)), self.config),
                           self.site)
        renderer, out = self._tools
        files = 0
        for part in parts:
            topic, related = self.topics[part.topic], tuple(self.topics[key] for key in part.related)
            pages = topic_pages(topic)
            chart = (charts.articles_per_month(list(part.dates), f"“{topic.name}”每月文章数")
                     if part.first_page == 1 else "")
            for k in range(0, max(1, len(part.articles)), PAGE_SIZE):  # a topic with no articles: its empty first page
                n = part.first_page + k // PAGE_SIZE
                out.write_text(
                    pages[n - 1],
                    renderer.render("topic.html", pages[n - 1], topic=topic, articles=part.articles[k : k + PAGE_SIZE],
                                    pager=pager(pages, n), chart=chart if n == 1 else "",
                                    related_topics=related, summaries=part.summaries),
                )
                files += 1
        return files


#: Most topics, and most articles listed, in one task of the pool: a big archive has thousands
#: of small keyword topics, and subjects of tens of thousands of articles, which go in parts
#: (all of them in one task took some 250 MB a worker at 100,000 articles).
TOPICS_PER_TASK = 64
ARTICLES_PER_TASK = 2_000


def render_topics(renderer: Renderer, out: SiteFolder, enrichment: Enrichment, by_id: dict[str, Article],
                  archive_dir: Path, jobs: int, remember: MemoRound | NoMemo = NoMemo()) -> None:
    """Each topic's article list in pages of ``PAGE_SIZE`` (the first with a chart of
    articles per month and the related topics), on ``jobs`` processes; and the list of topics.

    A topic whose list ``remember`` knows made from the same task is not rendered again (``sitegen serve``).
    """
    topics = enrichment.topics
    tasks = []
    for topic in topics:
        members = tuple(by_id[i] for i in topic.article_ids)
        task = TopicTask(topic, members, enrichment.related_topics.get((topic.kind, topic.slug), ()))
        group, made_from = f"topic:{topic.kind}/{topic.slug}", _made_from(task, enrichment)
        if remember.take(group, made_from) is None:
            remember.note(group, made_from, tuple(topic_pages(topic)))
            tasks.append(task)
    folder = out.for_workers()
    work = RenderTopics(archive_dir, renderer.config, folder, {(t.kind, t.slug): t for t in topics},
                        _tools=(renderer, folder))
    for _ in ordered_map(work, _batches(tasks, enrichment.summaries), jobs=jobs):
        pass
    if remember.take("topic index", topics) is None:
        by_kind = {kind: [t for t in topics if t.kind == kind] for kind in ("subject", *LISTED_KINDS)}
        remember.note("topic index", topics, (urls.topic_index(), *(
            path for kind in LISTED_KINDS if by_kind[kind] for path in kind_pages(kind, len(by_kind[kind])))))
        groups = [
            (kind, label, sorted(by_kind[kind], key=lambda t: (-len(t.article_ids), t.slug))[: None if kind == "subject" else OVERVIEW_TOPICS],
             len(by_kind[kind]))
            for kind, label in (("subject", "主题分类"), *LISTED_KINDS.items())
        ]
        out.write_text(urls.topic_index(), renderer.render("topics.html", urls.topic_index(), groups=groups))
        for kind in LISTED_KINDS:
            if by_kind[kind]:
                render_kind_index(renderer, out, kind, by_kind[kind])


def _batches(tasks: list[TopicTask], summaries: dict[str, str]) -> Iterator[tuple[TopicPart, ...]]:
    """The topics' pages in pool-sized batches, in order: a topic of more than ``ARTICLES_PER_TASK``
    articles in parts of whole pages, each with the ``summaries`` of its articles; at most
    ``TOPICS_PER_TASK`` topics and about ``ARTICLES_PER_TASK`` articles a batch."""
    step = max(1, ARTICLES_PER_TASK // PAGE_SIZE) * PAGE_SIZE
    batch: list[TopicPart] = []
    listed = 0
    for task in tasks:
        key, related = (task.topic.kind, task.topic.slug), tuple((t.kind, t.slug) for t in task.related)
        for start in range(0, max(1, len(task.articles)), step):
            articles = task.articles[start : start + step]
            if batch and (len(batch) == TOPICS_PER_TASK or listed + len(articles) > ARTICLES_PER_TASK):
                yield tuple(batch)
                batch, listed = [], 0
            batch.append(TopicPart(key, articles, related, {a.id: summaries[a.id] for a in articles if a.id in summaries},
                                   first_page=start // PAGE_SIZE + 1,
                                   dates=tuple(a.date for a in task.articles) if start == 0 else ()))
            listed += len(articles)
    if batch:
        yield tuple(batch)


def _made_from(task: TopicTask, enrichment: Enrichment) -> tuple | TopicTask:
    """What a topic's pages show: the task, with each article as it is linked to (``sitegen.related.link``),
    which a server's rebuilds keep as the same objects while they are unchanged, so comparing is quick."""
    if enrichment.basis is None:
        return task
    links, summaries = enrichment.basis.neighbourhood.inputs, enrichment.summaries
    return (task.topic, task.related, tuple(links[a.id][0] for a in task.articles),
            tuple(summaries.get(a.id) for a in task.articles))


def topic_pages(topic: Topic) -> list[str]:
    """The paths of a topic's numbered list pages."""
    page_count = max(1, -(-len(topic.article_ids) // PAGE_SIZE))
    return [urls.topic(topic.kind, topic.slug, n) for n in range(1, page_count + 1)]


#: The topics overview lists every subject, and of series and keywords the largest this many with a
#: link to the whole list of their kind: a decade of a daily paper has tens of thousands of keywords.
OVERVIEW_TOPICS = 100
#: Topics on one page of a kind's whole list.
KIND_PAGE_SIZE = 500
#: The kinds of topic that have a whole list of their own, in pinyin order, and their names.
LISTED_KINDS = {"series": "栏目与系列", "keyword": "关键词"}


def kind_pages(kind: str, count: int) -> list[str]:
    """The paths of the numbered pages listing the ``count`` topics of one of ``LISTED_KINDS``."""
    return [urls.topic_kind_index(kind, n) for n in range(1, max(1, -(-count // KIND_PAGE_SIZE)) + 1)]


def initial(topic: Topic) -> str:
    """The heading a topic stands under in its kind's list: the first letter of its pinyin slug, or 0-9."""
    first = topic.slug[:1].upper()
    return first if "A" <= first <= "Z" else "0-9"


def render_kind_index(renderer: Renderer, out: SiteFolder, kind: str, topics: list[Topic]) -> None:
    """The whole list of one kind of topic in pinyin order, in pages of ``KIND_PAGE_SIZE`` under
    letter headings, each page with links to where every letter starts."""
    listed = sorted(topics, key=lambda t: (t.slug, t.name))
    pages = kind_pages(kind, len(listed))
    letters: dict[str, str] = {}
    for n, topic in enumerate(listed):
        letters.setdefault(initial(topic), pages[n // KIND_PAGE_SIZE])
    for k, path in enumerate(pages):
        first = k * KIND_PAGE_SIZE
        groups: dict[str, list[Topic]] = {}
        for topic in listed[first : first + KIND_PAGE_SIZE]:
            groups.setdefault(initial(topic), []).append(topic)
        out.write_text(path, renderer.render(
            "topic_kind.html", path, kind=kind, kind_name=LISTED_KINDS[kind], total=len(listed),
            letters=letters, groups=groups, pager=pager(pages, k + 1),
            continued=first > 0 and initial(listed[first - 1]) == initial(listed[first])))


def pager(pages: list[str], number: int) -> dict:
    """Links between the numbered pages of one list (``pages`` are their paths, ``number`` counts from 1)."""
    return {
        "number": number,
        "count": len(pages),
        "pages": pages,
        "prev": pages[number - 2] if number > 1 else None,
        "next": pages[number] if number < len(pages) else None,
    }


def render_site_pages(
    renderer: Renderer, out: SiteFolder, newspapers: tuple[Newspaper, ...], topics: tuple[Topic, ...], article_total: int
) -> None:
    """Home, about, 404 and search."""
    stats = {
        "papers": len(newspapers),
        "issues": sum(len(p.issues) for p in newspapers),
        "pages": sum(len(i.pages) for p in newspapers for i in p.issues),
        "articles": article_total,
    }
    dated_issues = [i for p in newspapers for i in p.issues if i.date]
    latest = sorted(dated_issues, key=lambda i: (i.date, i.newspaper), reverse=True)[:12]
    top_topics = sorted(topics, key=lambda t: (-len(t.article_ids), t.kind, t.slug))[:24]
    out.write_text(
        urls.home(),
        renderer.render("home.html", urls.home(), papers=[paper_entry(p) for p in newspapers],
                        latest_issues=latest, topics=top_topics),
    )
    out.write_text(urls.about(), renderer.render("about.html", urls.about(), stats=stats))
    out.write_text(urls.not_found(), renderer.render("404.html", urls.not_found(), absolute_links=True))
    out.write_text(urls.search(), renderer.render("search.html", urls.search(), papers=newspapers, topics=topics))
    out.write_text(".nojekyll", "")


def write_feeds(out: SiteFolder, base_url: str, newspapers: tuple[Newspaper, ...], topics: tuple[Topic, ...]) -> None:
    """sitemap.xml over every HTML page, and an Atom feed per paper."""
    paths = [urls.home(), urls.search(), urls.topic_index(), urls.about()]
    for paper in newspapers:
        paths.append(paper.path)
        for year in paper_years(paper):
            paths.append(year.path)
            paths.extend(m.path for m in year.months)
        for issue in paper.issues:
            paths.append(issue.path)
            for page in issue.pages:
                paths.append(page.path)
                paths.extend(a.path for a in page.articles)
        paper_articles = [a for i in paper.issues for p in i.pages for a in p.articles]
        out.write_text(urls.feed(paper.slug), feeds.atom_feed(base_url, paper, paper_articles))
    for kind in LISTED_KINDS:
        count = sum(t.kind == kind for t in topics)
        if count:
            paths.extend(kind_pages(kind, count))
    for topic in topics:
        paths.extend(topic_pages(topic))
    out.write_text("sitemap.xml", feeds.sitemap_xml(base_url, paths))
