"""Stage 2 of the build, run in worker processes: one issue at a time, render
and write its article pages (HTML and Markdown), its page views and its issue page.

A task carries the issue's outline (metadata and headlines) and the little it
needs from the rest of the archive: the paper, the neighbouring issues and the
topics of its articles.  The worker loads the pages' full readings from the
parse cache that stage 1 filled, writes the files straight into the staging folder, and sends
back only small records: the article list entries and the search documents.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path

from sitegen import article_markdown, dates, theme, urls
from sitegen.cache import ContentCache
from sitegen.config import Config
from sitegen.model import Article, Issue, Page, record
from sitegen.output import SiteFolder
from sitegen.read_pages import full_reading
from sitegen.related import Neighbours
from sitegen.render import Renderer, environment
from sitegen.reuse import IssueReuse, Recorder
from sitegen.search.writer import IssueIndexer, SpooledIssue

ROLE_NAMES = {
    "masthead": "报头", "kicker": "引题", "headline": "标题", "subtitle": "副题", "byline": "作者",
    "dateline": "电头", "body": "正文", "subhead": "小标题", "caption": "图片说明", "continuation": "转版",
    "furniture": "版面信息", "fragment": "残段", "duplicate": "重复",
}


@record
class PaperLink:
    """What an issue's pages show of their newspaper."""

    name: str
    """Paper name."""
    slug: str
    """URL segment of the paper."""
    path: str
    """The paper's index page."""


@record
class IssueLink:
    """A neighbouring issue, for the 上一期 / 下一期 links."""

    date: dt.date | None
    """Its date."""
    path: str
    """Its index page."""


@record
class TopicLink:
    """A topic as an article page links to it."""

    kind: str
    """"subject", "series" or "keyword"."""
    slug: str
    """Slug within its kind."""
    name: str
    """Display name."""


@record
class IssueTask:
    """Everything stage 2 needs to render one issue."""

    paper: PaperLink
    """The issue's newspaper."""
    issue: Issue
    """The issue, its pages holding reading outlines."""
    files: tuple[Path, ...]
    """The input file of each page, in the order of ``issue.pages``."""
    prev_issue: IssueLink | None
    """The paper's previous dated issue."""
    next_issue: IssueLink | None
    """The paper's next dated issue."""
    topics: dict[str, tuple[TopicLink, ...]] = field(default_factory=dict)
    """Topics of the issue's articles, by article id."""
    keywords: dict[str, tuple[tuple[str, str | None], ...]] = field(default_factory=dict)
    """Every keyword of the issue's articles, most telling first, by article id: (word, slug of its
    keyword page, or None where too few articles share it to have one)."""
    neighbours: dict[str, Neighbours] = field(default_factory=dict)
    """Reprints and related articles of the issue's articles, by article id."""
    first_article: int = 0
    """The number of the issue's first article in the whole archive (its search document number)."""


@dataclass(frozen=True)
class RenderedIssue:
    """What stage 2 sends back for one issue."""

    records: tuple[dict, ...]
    """One entry of ``api/articles.json`` per article."""
    search_documents: tuple[dict, ...]
    """One document per article for the search index: id, url, title and text."""
    files: int
    """How many files were written."""
    reused: bool = False
    """True when the files were written from the cache of rendered issues, not rendered."""
    search: SpooledIssue | None = None
    """The articles as indexed for search, where ``search_documents`` went (then emptied)."""
    paths: tuple[str, ...] = ()
    """Site paths of the issue's files, for ``sitegen serve``'s memory (``sitegen.memo``)."""


def whole_page(page: Page, reading) -> Page:
    """The page with its full reading in place of the outline, and its articles' stories with bodies."""
    articles = tuple(replace(a, story=s) for a, s in zip(page.articles, reading.stories, strict=True))
    return replace(page, reading=reading, articles=articles)


#: How many pages before and after a page its view links to; a normal issue has
#: fewer, so its pages link to all of them, but an undated pile of 1,000 page
#: files must not make every page list 1,000 links.
NEARBY_PAGES = 12


def nearby(pages: tuple[Page, ...], index: int) -> tuple[Page, ...]:
    """The pages of an issue around ``pages[index]`` that a page view links to."""
    return pages[max(0, index - NEARBY_PAGES) : index + NEARBY_PAGES + 1]


#: The kinds of topic, in the order an article page lists them.
TOPIC_KINDS = ("subject", "series", "keyword")


def topics_by_kind(topics: tuple[TopicLink, ...]) -> dict[str, tuple[TopicLink, ...]]:
    """An article's topics of each kind, in their order: its page lists them a kind at a time
    (picked out here, as a template's ``selectattr`` filter took a tenth of rendering the page)."""
    return {kind: tuple(t for t in topics if t.kind == kind) for kind in TOPIC_KINDS}


def citation(article: Article, base_url: str | None) -> str:
    where = urls.absolute_url(base_url, article.path) if base_url else article.path
    return (
        f"《{article.story.headline}》，{article.newspaper}，{dates.chinese_date(article.date)}，"
        f"{dates.page_label(article.page)}。{where}"
    )


def page_runs(page: Page) -> list[dict]:
    """The page's blocks in reading order, grouped into runs of one article (or none)."""
    runs: list[dict] = []
    for block in page.reading.blocks:
        if runs and runs[-1]["article"] == block.article:
            runs[-1]["blocks"].append(block)
        else:
            runs.append({"article": block.article, "blocks": [block]})
    return runs


def article_record(article: Article, page: Page, topics: tuple[TopicLink, ...], keywords: tuple[str, ...] = ()) -> dict:
    """The article's entry in ``api/articles.json`` (and its Markdown front matter)."""
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
        "keywords": list(keywords),
        "source": {"file": article.source.file, "line_start": article.source.line_start, "line_end": article.source.line_end},
    }


def search_document(article: Article, topics: tuple[TopicLink, ...]) -> dict:
    """What the search index needs of an article (the fields of ``sitegen.search.SearchDoc``)."""
    story = article.story
    credits = [t for t in (story.byline, story.dateline) if t]
    return {
        "id": article.id,
        "url": article.path,
        "title": story.headline,
        "kicker": story.kicker,
        "subtitle": story.subtitle,
        "body": "\n".join(credits + [b.text for b in story.body]),
        "newspaper": article.newspaper,
        "date": dates.iso_date(article.date),
        "page": article.page,
        "topics": [[f"{t.kind}/{t.slug}", t.name] for t in topics],
    }


@dataclass
class RenderIssues:
    """The stage's work for one issue (a picklable callable for ``sitegen.pool``)."""

    archive_dir: Path
    config: Config
    cache: ContentCache
    site: SiteFolder
    """Where the issue's files go (the staging folder)."""
    reuse: IssueReuse | None = None
    """The cache of rendered issues (``sitegen.reuse``); None renders every issue."""
    index: IssueIndexer | None = None
    """Indexes each issue's articles for search, here in the worker; None leaves that to the caller."""
    _tools: tuple | None = field(default=None, repr=False)

    def __getstate__(self):
        return {**self.__dict__, "_tools": None}  # the Jinja environment is rebuilt in each process

    def _ready(self) -> tuple[Renderer, SiteFolder]:
        if self._tools is None:
            renderer = Renderer(environment(theme.template_dirs(self.archive_dir)), self.config)
            self._tools = (renderer, self.site)
        return self._tools

    def __call__(self, task: IssueTask) -> RenderedIssue:
        renderer, out = self._ready()
        noted = _Noted(out)
        rendered = replace(self._rendered(task, renderer, noted), paths=tuple(noted.paths))
        if self.index is None:
            return rendered
        return replace(rendered, search_documents=(), search=self.index(task.first_article, rendered.search_documents))

    def _rendered(self, task: IssueTask, renderer: Renderer, out: _Noted) -> RenderedIssue:
        if self.reuse is None:
            return self._render(task, renderer, out)
        key = self.reuse.key(task)
        cached = self.reuse.load(task, key, out)
        if cached is not None:
            return replace(cached, reused=True)
        recorder = Recorder(out)
        rendered = self._render(task, renderer, recorder)
        self.reuse.store(task, key, recorder, rendered)
        return rendered

    def _render(self, task: IssueTask, renderer: Renderer, out: _Noted | Recorder) -> RenderedIssue:
        issue, paper = task.issue, task.paper
        pages = [whole_page(p, full_reading(self.archive_dir, path, self.cache))
                 for p, path in zip(issue.pages, task.files, strict=True)]
        issue_articles = [a for page in pages for a in page.articles]
        page_links = {p.meta.page: p.path for p in pages if p.meta.page}
        records, documents, files = [], [], 0
        n = 0
        for index, page in enumerate(pages):
            # The links to the other pages, from the page's folder, where its articles are.
            links = {num: urls.relative_url(page.path, path) for num, path in page_links.items()}
            for article in page.articles:
                topics = task.topics.get(article.id, ())
                keywords = task.keywords.get(article.id, ())
                body_md = article_markdown.body_markdown(article, links)
                record = article_record(article, page, topics, tuple(word for word, _ in keywords))
                records.append(record)
                documents.append(search_document(article, topics))
                front = {k: v for k, v in record.items() if k not in ("url", "markdown")}
                out.write_text(urls.article_markdown(article.path), article_markdown.article_document(article, front, body_md))
                out.write_text(
                    article.path,
                    renderer.render(
                        "article.html", article.path, article=article, page=page, issue=issue, paper=paper,
                        body_html=article_markdown.direct_body_html(article, links),
                        topics=topics, topics_by_kind=topics_by_kind(topics), keywords=keywords,
                        neighbours=task.neighbours.get(article.id, Neighbours()),
                        prev_article=issue_articles[n - 1] if n > 0 else None,
                        next_article=issue_articles[n + 1] if n + 1 < len(issue_articles) else None,
                        citation=citation(article, self.config.site.base_url),
                    ),
                )
                files += 2
                n += 1
            out.write_text(
                page.path,
                renderer.render("page.html", page.path, page=page, issue=issue, paper=paper,
                                runs=page_runs(page), role_names=ROLE_NAMES,
                                nearby_pages=nearby(issue.pages, index)),
            )
            files += 1
        out.write_text(
            issue.path,
            renderer.render("issue.html", issue.path, issue=issue, paper=paper,
                            prev_issue=task.prev_issue, next_issue=task.next_issue),
        )
        return RenderedIssue(tuple(records), tuple(documents), files + 1)


class _Noted:
    """A ``SiteFolder`` that notes the paths written (what ``RenderedIssue.paths`` lists)."""

    def __init__(self, folder: SiteFolder):
        self.folder = folder
        self.paths: list[str] = []

    def write_text(self, path: str, text: str) -> None:
        self.write_bytes(path, text.encode("utf-8"))

    def write_bytes(self, path: str, data: bytes) -> None:
        self.folder.write_bytes(path, data)
        self.paths.append(path)
