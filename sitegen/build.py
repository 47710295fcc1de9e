"""The build: one pipeline from a folder of page files to a finished site.

    read inputs -> parse pages into articles -> place them in the archive
    -> enrich (topics) -> render Markdown and HTML -> index for search -> write

Every page of the archive is read and placed before anything is rendered,
because an article's page needs things only the whole archive knows: its
neighbours in the issue, the previous and next issue, its topics.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from sitegen import archive as archive_mod
from sitegen import article_markdown, dates, diagnostics, feeds, metadata, theme, urls
from sitegen.archive import ReadPage
from sitegen.cache import ParsedSource, parse_cache, read_and_parse
from sitegen.config import Config, load_config
from sitegen.diagnostics import Diagnostic
from sitegen.model import Article, Issue, Newspaper, Page, Topic
from sitegen.output import Staging, check_output_dir
from sitegen.render import Renderer, environment
from sitegen.sources import discover, display_path
from sitegen.topics import build_topics

ROLE_NAMES = {
    "masthead": "报头", "kicker": "引题", "headline": "标题", "subtitle": "副题", "byline": "作者",
    "dateline": "电头", "body": "正文", "subhead": "小标题", "caption": "图片说明", "continuation": "转版",
    "furniture": "版面信息", "fragment": "残段", "duplicate": "重复",
}


@dataclass
class BuildResult:
    """What a build made, for the summary line and for tests."""

    papers: int = 0
    issues: int = 0
    pages: int = 0
    articles: int = 0
    diagnostics: list[Diagnostic] = field(default_factory=list)
    """Every message about the input, in the order met."""
    seconds: float = 0.0
    timings: list[tuple[str, float]] = field(default_factory=list)
    parsed: int = 0
    """Input files decoded and parsed by this build."""
    reused: int = 0
    """Input files taken unchanged from the parse cache (``sitegen.cache``)."""

    def summary(self) -> str:
        return (
            f"{self.papers} papers, {self.issues} issues, {self.pages} pages, {self.articles} articles, "
            f"{diagnostics.summary(self.diagnostics)} in {self.seconds:.2f} s"
        )

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == diagnostics.WARNING]

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == diagnostics.ERROR]


class _Timer:
    """Logs how long each stage took (shown with ``sitegen build -v``)."""

    def __init__(self, result: BuildResult, log: Callable[[str], None] | None):
        self.result, self.log, self.start = result, log, time.perf_counter()
        self.last = self.start

    def done(self, stage: str) -> None:
        now = time.perf_counter()
        self.result.timings.append((stage, now - self.last))
        if self.log:
            self.log(f"  {stage}: {now - self.last:.2f} s")
        self.last = now


def build(
    archive_dir: Path,
    out_dir: Path,
    *,
    base_url: str | None = None,
    log: Callable[[str], None] | None = None,
    use_cache: bool = True,
) -> BuildResult:
    """Build the archive folder into ``out_dir``; return counts, warnings and timings.

    With ``use_cache`` (the default) pages whose bytes are unchanged since an
    earlier build are taken from the archive's parse cache instead of being
    decoded and parsed again.
    """
    result = BuildResult()
    timer = _Timer(result, log)
    config = load_config(archive_dir)
    if base_url:
        config = Config(site=type(config.site)(**{**config.site.__dict__, "base_url": base_url}))
    check_output_dir(out_dir, archive_dir)

    catalog, problems = metadata.load_catalog(archive_dir)
    result.diagnostics.extend(problems)
    cache = parse_cache(archive_dir) if use_cache else None
    read_pages = []
    for path in discover(archive_dir):
        parsed = read_and_parse(path, archive_dir, cache)
        if isinstance(parsed, Diagnostic):
            result.diagnostics.append(parsed)
        else:
            read_pages.append(_place_source(parsed, display_path(path, archive_dir), catalog, result.diagnostics))
    result.diagnostics.extend(catalog.unmatched(r.source for r in read_pages))
    result.diagnostics.extend(metadata.duplicate_pages((display_path(archive_dir / r.source, archive_dir), r.meta)
                                                       for r in read_pages))
    if log:
        log(f"  encodings: {_encodings(read_pages)}")
    if cache is not None:
        cache.prune([r.source for r in read_pages])
        result.reused, result.parsed = cache.hits, cache.misses
    else:
        result.parsed = len(read_pages)
    timer.done("read and parse pages")

    newspapers = archive_mod.assemble(read_pages)
    articles = list(archive_mod.all_articles(newspapers))
    timer.done("place pages in the archive")

    topics = build_topics(articles)
    timer.done("topics")

    staging = Staging(out_dir)
    try:
        renderer = Renderer(environment(theme.template_dirs(archive_dir)), config)
        _render_site(renderer, staging, newspapers, articles, topics, config, timer)
        _write_static(staging, archive_dir)
        timer.done("static files")
        staging.commit()
    except BaseException:
        staging.discard()
        raise

    result.papers = len(newspapers)
    result.issues = sum(len(p.issues) for p in newspapers)
    result.pages = len(read_pages)
    result.articles = len(articles)
    result.seconds = time.perf_counter() - timer.start
    return result


def _place_source(parsed: ParsedSource, shown: str, catalog: metadata.Catalog, problems: list[Diagnostic]) -> ReadPage:
    """Decide where a parsed input file belongs; its messages go to ``problems``."""
    problems.extend(parsed.problems)
    problems.extend(diagnostics.from_text(shown, w) for w in parsed.reading.warnings)
    meta, disagreements = metadata.page_meta(
        parsed.path, shown, front_matter=parsed.front_matter, catalog=catalog.statement_for(parsed.path),
        masthead=parsed.reading.masthead,
    )
    problems.extend(disagreements)
    return ReadPage(parsed.path, parsed.encoding, parsed.reading, meta)


def _encodings(read_pages: list[ReadPage]) -> str:
    """``utf-8 ×9998, gb18030 ×2 (a.txt, b.txt)``: what the inputs were decoded from."""
    files: dict[str, list[str]] = defaultdict(list)
    for read in read_pages:
        files[read.encoding].append(read.source)
    parts = []
    for rank, (encoding, sources) in enumerate(sorted(files.items(), key=lambda item: (-len(item[1]), item[0]))):
        part = f"{encoding} ×{len(sources)}"
        if rank:  # the files of the rarer encodings, named so they can be checked
            part += f" ({', '.join(sources[:3])}{', …' if len(sources) > 3 else ''})"
        parts.append(part)
    return ", ".join(parts) or "no pages"


def _issue_articles(issue: Issue) -> list[Article]:
    return [a for page in issue.pages for a in page.articles]


def _topics_by_article(topics: tuple[Topic, ...]) -> dict[str, list[Topic]]:
    by_article: dict[str, list[Topic]] = defaultdict(list)
    for topic in topics:
        for article_id in topic.article_ids:
            by_article[article_id].append(topic)
    return by_article


def _citation(article: Article, config: Config) -> str:
    where = urls.absolute_url(config.site.base_url, article.path) if config.site.base_url else article.path
    return (
        f"《{article.story.headline}》，{article.newspaper}，{dates.chinese_date(article.date)}，"
        f"{dates.page_label(article.page)}。{where}"
    )


def _page_runs(page: Page) -> list[dict]:
    """The page's blocks in reading order, grouped into runs of one article (or none)."""
    runs: list[dict] = []
    for block in page.reading.blocks:
        if runs and runs[-1]["article"] == block.article:
            runs[-1]["blocks"].append(block)
        else:
            runs.append({"article": block.article, "blocks": [block]})
    return runs


def _article_record(article: Article, page: Page, topics: list[Topic]) -> dict:
    story = article.story
    return {
        "id": article.id,
        "url": article.path,
        "markdown": urls.article_markdown(article.path),
        "newspaper": article.newspaper,
        "date": dates.iso_date(article.date),
        "page": article.page,
        "page_name": page.meta.page_name,
        "kicker": story.kicker,
        "title": story.headline,
        "subtitle": story.subtitle,
        "byline": story.byline,
        "dateline": story.dateline,
        "topics": [{"kind": t.kind, "slug": t.slug, "name": t.name} for t in topics],
        "source": {"file": article.source.file, "line_start": article.source.line_start, "line_end": article.source.line_end},
    }


def _render_site(
    renderer: Renderer,
    staging: Staging,
    newspapers: tuple[Newspaper, ...],
    articles: list[Article],
    topics: tuple[Topic, ...],
    config: Config,
    timer: _Timer,
) -> None:
    topics_of = _topics_by_article(topics)
    by_id = {a.id: a for a in articles}
    md = article_markdown.new_renderer()
    records = []

    for paper in newspapers:
        for i, issue in enumerate(paper.issues):
            issue_articles = _issue_articles(issue)
            page_links = {p.meta.page: p.path for p in issue.pages if p.meta.page}
            for page in issue.pages:
                for article in page.articles:
                    n = issue_articles.index(article)
                    links = {num: urls.relative_url(article.path, path) for num, path in page_links.items()}
                    body_md = article_markdown.body_markdown(article, links)
                    record = _article_record(article, page, topics_of[article.id])
                    records.append(record)
                    front = {k: v for k, v in record.items() if k not in ("url", "markdown")}
                    staging.write_text(
                        urls.article_markdown(article.path), article_markdown.article_document(article, front, body_md)
                    )
                    staging.write_text(
                        article.path,
                        renderer.render(
                            "article.html", article.path, article=article, page=page, issue=issue, paper=paper,
                            body_html=article_markdown.body_html(md, body_md),
                            topics=topics_of[article.id], reprints=[], related=[],
                            prev_article=issue_articles[n - 1] if n > 0 else None,
                            next_article=issue_articles[n + 1] if n + 1 < len(issue_articles) else None,
                            citation=_citation(article, config),
                        ),
                    )
                staging.write_text(
                    page.path,
                    renderer.render("page.html", page.path, page=page, issue=issue, paper=paper,
                                    runs=_page_runs(page), role_names=ROLE_NAMES),
                )
            staging.write_text(
                issue.path,
                renderer.render(
                    "issue.html", issue.path, issue=issue, paper=paper,
                    prev_issue=paper.issues[i - 1] if i > 0 and issue.date else None,
                    next_issue=paper.issues[i + 1] if i + 1 < len(paper.issues) and paper.issues[i + 1].date else None,
                ),
            )
        staging.write_text(paper.path, renderer.render("newspaper.html", paper.path, paper=paper, **_paper_overview(paper)))
    timer.done("render articles, pages and issues")

    for topic in topics:
        path = urls.topic(topic.kind, topic.slug)
        members = [by_id[i] for i in topic.article_ids]
        staging.write_text(path, renderer.render("topic.html", path, topic=topic, articles=members))
    groups = [
        (kind, label, sorted((t for t in topics if t.kind == kind), key=lambda t: (-len(t.article_ids), t.slug)))
        for kind, label in (("subject", "主题分类"), ("series", "栏目与系列"), ("keyword", "关键词"))
    ]
    staging.write_text(urls.topic_index(), renderer.render("topics.html", urls.topic_index(), groups=groups))
    timer.done("render topics")

    stats = {
        "papers": len(newspapers),
        "issues": sum(len(p.issues) for p in newspapers),
        "pages": sum(len(i.pages) for p in newspapers for i in p.issues),
        "articles": len(articles),
    }
    dated_issues = [i for p in newspapers for i in p.issues if i.date]
    latest = sorted(dated_issues, key=lambda i: (i.date, i.newspaper), reverse=True)[:12]
    top_topics = sorted(topics, key=lambda t: (-len(t.article_ids), t.kind, t.slug))[:24]
    staging.write_text(
        urls.home(),
        renderer.render("home.html", urls.home(), papers=[_paper_entry(p) for p in newspapers],
                        latest_issues=latest, topics=top_topics),
    )
    staging.write_text(urls.about(), renderer.render("about.html", urls.about(), stats=stats))
    staging.write_text(urls.not_found(), renderer.render("404.html", urls.not_found(), absolute_links=True))
    staging.write_text(urls.search(), renderer.render("search.html", urls.search(), papers=newspapers, topics=topics))
    staging.write_text(
        "api/articles.json",
        json.dumps({"articles": records}, ensure_ascii=False, indent=1, sort_keys=False) + "\n",
    )
    staging.write_text(".nojekyll", "")
    if config.site.base_url:
        _write_feeds(staging, config.site.base_url, newspapers, topics)
    timer.done("render home, about, search and api")


def _write_feeds(staging: Staging, base_url: str, newspapers: tuple[Newspaper, ...], topics: tuple[Topic, ...]) -> None:
    """sitemap.xml over every HTML page, and an Atom feed per paper."""
    paths = [urls.home(), urls.search(), urls.topic_index(), urls.about()]
    for paper in newspapers:
        paths.append(paper.path)
        for issue in paper.issues:
            paths.append(issue.path)
            for page in issue.pages:
                paths.append(page.path)
                paths.extend(a.path for a in page.articles)
        paper_articles = [a for i in paper.issues for p in i.pages for a in p.articles]
        staging.write_text(urls.feed(paper.slug), feeds.atom_feed(base_url, paper, paper_articles))
    paths.extend(urls.topic(t.kind, t.slug) for t in topics)
    staging.write_text("sitemap.xml", feeds.sitemap_xml(base_url, paths))


def _paper_entry(paper: Newspaper) -> dict:
    dated = [i.date for i in paper.issues if i.date]
    return {
        "paper": paper,
        "span": _span(dated),
        "issue_count": len(paper.issues),
        "article_count": sum(len(p.articles) for i in paper.issues for p in i.pages),
    }


def _span(dated: list[dt.date]) -> str:
    if not dated:
        return dates.UNKNOWN_DATE
    first, last = min(dated), max(dated)
    return dates.chinese_date(first) if first == last else f"{dates.chinese_date(first)}—{dates.chinese_date(last)}"


def _paper_overview(paper: Newspaper) -> dict:
    calendar: dict[str, dict[str, list[Issue]]] = defaultdict(lambda: defaultdict(list))
    for issue in paper.issues:
        if issue.date:
            calendar[f"{issue.date.year}年"][f"{issue.date.month}月"].append(issue)
        else:
            calendar[dates.UNKNOWN_DATE][dates.UNKNOWN_DATE].append(issue)
    return {
        "calendar": [(y, list(m.items())) for y, m in calendar.items()],
        "span": _span([i.date for i in paper.issues if i.date]),
        "article_count": sum(len(p.articles) for i in paper.issues for p in i.pages),
        "issue_counts": {i.key: sum(len(p.articles) for p in i.pages) for i in paper.issues},
    }


def _write_static(staging: Staging, archive_dir: Path) -> None:
    for name, path in theme.static_files(archive_dir).items():
        staging.copy_file(urls.static(name), path)
