"""Placing read pages in the archive: newspapers, issues, pages and article ids.

Ids and paths must be stable across rebuilds, so they are made only from the
paper's name, the date, the page number (or the file name when the page number
is unknown) and the article's position on its page.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from pathlib import PurePosixPath

from sitegen import urls
from sitegen.model import Article, Issue, Newspaper, Page, PageMeta, PageReading, SourceSpan


@dataclass(frozen=True, slots=True)
class ReadPage:
    """One input file after reading, parsing and metadata, before it has a place."""

    source: str
    """Input path relative to the archive folder."""
    encoding: str
    """Encoding the file was decoded with."""
    reading: PageReading
    """What the parser found."""
    meta: PageMeta
    """Where the page belongs."""


def paper_slugs(names: list[str]) -> dict[str, str]:
    """A distinct slug for each paper name; clashes get -2, -3 in name order."""
    slugs: dict[str, str] = {}
    taken: set[str] = set()
    for name in sorted(set(names)):
        base = urls.slugify(name)
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        slugs[name] = slug
    return slugs


def _page_sort_key(read: ReadPage) -> tuple:
    number = read.meta.page
    return (number is None, int(number) if number and number.isdigit() else 0, number or "", read.source)


def _page_keys(pages: list[ReadPage]) -> list[str]:
    """URL segment per page: its number, or its file name; repeats get -2, -3."""
    keys, taken = [], set()
    for read in pages:
        base = read.meta.page or urls.slugify(PurePosixPath(read.source).stem)
        key, n = base, 2
        while key in taken:
            key, n = f"{base}-{n}", n + 1
        taken.add(key)
        keys.append(key)
    return keys


def _place_page(read: ReadPage, paper_slug: str, issue_key: str, page_key: str) -> Page:
    articles = tuple(
        Article(
            id=f"{paper_slug}-{issue_key}-{page_key}-{order:02d}",
            newspaper=read.meta.newspaper,
            date=read.meta.date,
            page=read.meta.page,
            order=order,
            story=story,
            source=SourceSpan(read.source, story.line_start, story.line_end),
            path=urls.article(paper_slug, issue_key, page_key, order),
        )
        for order, story in enumerate(read.reading.stories, 1)
    )
    return Page(
        id=f"{paper_slug}-{issue_key}-{page_key}",
        source=read.source,
        encoding=read.encoding,
        meta=read.meta,
        reading=read.reading,
        articles=articles,
        key=page_key,
        path=urls.page(paper_slug, issue_key, page_key),
    )


def assemble(read_pages: list[ReadPage]) -> tuple[Newspaper, ...]:
    """Group pages by paper and date, order them, and give every page and article its id."""
    slugs = paper_slugs([r.meta.newspaper for r in read_pages])
    by_paper: dict[str, dict[dt.date | None, list[ReadPage]]] = defaultdict(lambda: defaultdict(list))
    for read in read_pages:
        by_paper[read.meta.newspaper][read.meta.date].append(read)

    newspapers = []
    for name in sorted(by_paper, key=lambda n: slugs[n]):
        slug = slugs[name]
        issues = []
        for date in sorted(by_paper[name], key=lambda d: (d is None, d or dt.date.min)):
            key = urls.issue_key(date)
            pages = sorted(by_paper[name][date], key=_page_sort_key)
            placed = tuple(_place_page(r, slug, key, pk) for r, pk in zip(pages, _page_keys(pages)))
            issues.append(Issue(name, date, key, placed, urls.issue(slug, key)))
        publisher = next((r.meta.publisher for d in by_paper[name].values() for r in d if r.meta.publisher), None)
        newspapers.append(Newspaper(name, slug, publisher, tuple(issues), urls.newspaper(slug)))
    return tuple(newspapers)


def all_articles(newspapers: tuple[Newspaper, ...]):
    """Every article in archive order: paper, date, page, position."""
    for paper in newspapers:
        for issue in paper.issues:
            for page in issue.pages:
                yield from page.articles
