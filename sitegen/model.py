"""The archive's data model: a few frozen records, whole when they are made.

Everything else in sitegen is a function over these.  The parser turns one input
file into a ``PageReading`` (what was on the page: blocks and stories); the
metadata stage decides where that page belongs (``PageMeta``); ``assemble``
combines the two into a ``Page`` whose ``Article`` objects carry stable ids.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import typing
from operator import attrgetter

#: Roles a block of text can play on a page.  ``duplicate`` marks a repeated
#: block that was kept once (the copy stays visible on the page view);
#: ``fragment`` is real text that belongs to no article (a piece continued from
#: another page, an orphan paragraph); ``furniture`` is page furniture (masthead
#: remains, editors line, app names, column logos).
ROLES = (
    "masthead",
    "kicker",
    "headline",
    "subtitle",
    "byline",
    "dateline",
    "body",
    "subhead",
    "caption",
    "continuation",
    "furniture",
    "fragment",
    "duplicate",
)


@typing.dataclass_transform(frozen_default=True)
def record(cls: type) -> type:
    """``@dataclass(frozen=True, slots=True)``, pickled as the tuple of its fields.

    The dataclasses module pickles a class with slots through Python functions
    that look its fields up again for every object.  The archive's records cross
    between processes and the parse cache by the hundred thousand (a page's
    blocks into the cache and back, an issue to the worker that renders it), and
    pickled as a tuple they go much faster (``python -m benchmarks.pickling``, the
    readings of 300 corpus pages: 53 → 29 ms to pickle, 59 → 40 ms to unpickle).
    A pickle made the old way (a list of the fields in the same order) still loads.
    """
    cls = dataclasses.dataclass(frozen=True, slots=True)(cls)
    names = tuple(f.name for f in dataclasses.fields(cls))
    values = attrgetter(*names)  # a tuple of them, or the one value when there is one field
    set_field = object.__setattr__

    def __getstate__(self):
        return values(self)

    def __getstate_of_one__(self):
        return (values(self),)

    def __setstate__(self, state):
        for name, value in zip(names, state, strict=True):
            set_field(self, name, value)

    cls.__getstate__ = __getstate__ if len(names) > 1 else __getstate_of_one__
    cls.__setstate__ = __setstate__
    return cls


@record
class Block:
    """One paragraph-sized run of text as it stands on the page, with its role."""

    role: str
    """What the block is on the page: one of ``ROLES``."""
    text: str
    """The text, repaired (a paragraph cut by a column break is joined into one block)."""
    line_start: int
    """First line of the block in the source file, counting from 1."""
    line_end: int
    """Last line of the block in the source file (inclusive)."""
    article: int | None = None
    """Index into ``PageReading.stories`` of the story the block belongs to; None for furniture and fragments."""
    ref: str | None = None
    """For ``continuation`` blocks the page number pointed to ("03"); for ``duplicate`` blocks "L<start>-<end>" of the kept copy."""
    note: str = ""
    """Why the parser read the block this way, for ``sitegen inspect`` (e.g. "joined across column break")."""


@record
class Story:
    """One article as read from a page: its headline hierarchy, credits and body."""

    headline: str
    """The main headline (主题); never empty (a headline-less story gets its first words, see ``headline_inferred``)."""
    kicker: str | None
    """The 引题 above the headline, often a series slogan such as 新时代 新征程 新伟业; several lines are joined by "\\n"."""
    subtitle: str | None
    """The 副题 below the headline (——… or a line of officials' roles such as 冯云龙讲话); several lines are joined by "\\n"."""
    byline: str | None
    """Names of reporters or authors (新华社记者, 本报评论员, 记者 武跃林)."""
    dateline: str | None
    """Where and when the report was filed (新华社北京11月27日电, 本报讯)."""
    body: tuple[Block, ...]
    """Body blocks in reading order: roles body, subhead, caption and continuation, and byline or dateline
    for a credit printed inside the text that is not the story's own (a section's writer under its
    subhead, a letter's signature, a note on the writer)."""
    line_start: int
    """First source line of the story (its first headline line)."""
    line_end: int
    """Last source line of the story."""
    headline_inferred: bool = False
    """True when the page had no headline for this text and one was made from its opening words."""


@record
class Masthead:
    """What a page says about itself in its masthead or page header; every field may be unknown."""

    newspaper: str | None = None
    """Paper name as printed (朔州日报)."""
    publisher: str | None = None
    """Publisher line (中共朔州市委机关报)."""
    date: dt.date | None = None
    """Publication date printed on the page."""
    issue_number: str | None = None
    """Serial issue number as printed (第8607期)."""
    page: str | None = None
    """Page number as two digits ("01") when printed."""
    page_name: str | None = None
    """Section or page name (要闻, 聚焦)."""


@record
class PageReading:
    """Everything the parser read from one page file."""

    blocks: tuple[Block, ...]
    """Every block of the page in reading order; together they hold all of the page's text."""
    stories: tuple[Story, ...]
    """The articles found on the page, in reading order."""
    masthead: Masthead
    """Metadata the page states about itself."""
    warnings: tuple[str, ...] = ()
    """Problems worth telling the archivist about, each naming the line."""


@record
class PageMeta:
    """Where a page belongs in the archive, after every metadata source was weighed."""

    newspaper: str
    """Paper name; "未知报纸" (unknown paper) when nothing names it."""
    date: dt.date | None
    """Publication date, None when unknown (shown as 日期不详)."""
    page: str | None
    """Page number as two digits, None when unknown."""
    page_name: str | None = None
    """Section or page name when known."""
    publisher: str | None = None
    """Publisher line when known."""
    issue_number: str | None = None
    """Serial issue number when known."""
    origins: tuple[tuple[str, str], ...] = ()
    """(field, source) pairs saying where each value came from: masthead, front-matter, catalog, folder."""


@record
class SourceSpan:
    """Where an article stands in the input."""

    file: str
    """Path of the input file relative to the archive folder, with forward slashes."""
    line_start: int
    """First line, counting from 1."""
    line_end: int
    """Last line (inclusive)."""


@record
class Article:
    """One article placed in the archive: a story plus where it was printed."""

    id: str
    """Stable ASCII id, unique in the archive (paper slug, date, page, order)."""
    newspaper: str
    """Paper name."""
    date: dt.date | None
    """Publication date, None when unknown."""
    page: str | None
    """Page number as two digits, None when unknown."""
    order: int
    """Position on its page, counting from 1."""
    story: Story
    """What was printed."""
    source: SourceSpan
    """Where it stands in the input."""
    path: str
    """Its HTML file from the site root, as ``sitegen.urls`` decides."""


@record
class Page:
    """One input file placed in the archive."""

    id: str
    """Stable ASCII id of the page view."""
    source: str
    """Input file path relative to the archive folder."""
    encoding: str
    """Encoding the file was decoded with (utf-8, gb18030, …)."""
    meta: PageMeta
    """Paper, date and page number."""
    reading: PageReading
    """Blocks and stories as parsed."""
    articles: tuple[Article, ...]
    """The page's articles, in the order of ``reading.stories``."""
    key: str
    """URL segment of the page within its issue: the page number ("01") or one made from the file name."""
    path: str
    """Its page view from the site root, as ``sitegen.urls`` decides."""


@record
class Topic:
    """A subject, series or keyword that groups articles."""

    slug: str
    """ASCII slug, unique within its kind."""
    kind: str
    """"subject", "series" or "keyword"."""
    name: str
    """Display name (疫情防控)."""
    description: str
    """One sentence saying what belongs here."""
    article_ids: tuple[str, ...]
    """Ids of its articles, newest first."""


@record
class Issue:
    """One paper's pages of one date (or all its undated pages, which share one issue)."""

    newspaper: str
    """Paper name."""
    date: dt.date | None
    """Publication date; None for the paper's undated pages."""
    key: str
    """URL segment: the date as YYYY-MM-DD, or "undated"."""
    pages: tuple[Page, ...]
    """Pages in page-number order (unnumbered pages last, by file name)."""
    path: str
    """Its index page from the site root."""


@record
class Newspaper:
    """A newspaper and all of its issues in the archive."""

    name: str
    """Name as printed (朔州日报)."""
    slug: str
    """ASCII URL segment made from the name's pinyin (shuozhouribao)."""
    publisher: str | None
    """Publisher line when any page states it."""
    issues: tuple[Issue, ...]
    """Issues in date order, the undated issue last."""
    path: str
    """Its index page from the site root."""
