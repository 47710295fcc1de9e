"""Stage: enrich the placed archive with topics and related articles.

Each page's articles get their signals (subjects, keywords, text fingerprint:
``sitegen.topics.signals_of``) in worker processes, from the full reading the
parse stage left in the cache.  Signals are cached too, by the page's bytes and
the taxonomy, so a rebuild only works out those of changed pages.  Then the
archive-wide, cheap part runs here: topics and each article's neighbours.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from sitegen.cache import ContentCache
from sitegen.model import Article, Newspaper, Page, Topic
from sitegen.pool import ordered_map
from sitegen.read_pages import full_reading
from sitegen.related import Neighbours, neighbours
from sitegen.topics import ArticleSignals, Taxonomy, build_topics, load_segmenter, signals_of


@dataclass(frozen=True)
class PageSignals:
    """The stage's work for one page (a picklable callable for ``sitegen.pool``)."""

    archive_dir: Path
    parse_cache: ContentCache
    signals_cache: ContentCache | None
    """None when no later build will look (``--no-cache``): storing would be wasted work."""
    taxonomy: Taxonomy

    def __call__(self, item: tuple[Page, Path]) -> tuple[ArticleSignals, ...]:
        page, path = item
        if self.signals_cache is not None:
            key = self.signals_cache.key(page.source, path.read_bytes() + (page.meta.page_name or "").encode())
            cached = self.signals_cache.load(page.source, key)
            if cached is not None:
                return cached
        reading = full_reading(self.archive_dir, path, self.parse_cache)
        signals = tuple(signals_of(story, page.meta.page_name, self.taxonomy) for story in reading.stories)
        if self.signals_cache is not None:
            self.signals_cache.store(page.source, key, signals)
        return signals


@dataclass(frozen=True)
class Enrichment:
    """What the whole archive knows about its articles beyond each page."""

    topics: tuple[Topic, ...]
    """Subjects, series and keywords, each with its articles newest first."""
    neighbours: dict[str, Neighbours]
    """Reprints and related articles, by article id."""
    summaries: dict[str, str]
    """One-line summary of each article, by id, for topic lists."""
    related_topics: dict[tuple[str, str], tuple[Topic, ...]]
    """For each topic (kind, slug), the topics sharing most of its articles."""


#: Related topics a topic page lists.
RELATED_TOPICS = 6


def related_topics(topics: tuple[Topic, ...]) -> dict[tuple[str, str], tuple[Topic, ...]]:
    """Topics that share articles, most shared first (keyword topics only relate to each other when nothing else does)."""
    of_article: dict[str, list[int]] = {}
    for n, topic in enumerate(topics):
        for article_id in topic.article_ids:
            of_article.setdefault(article_id, []).append(n)
    shared: dict[int, Counter] = {n: Counter() for n in range(len(topics))}
    for members in of_article.values():
        for a in members:
            for b in members:
                if a != b:
                    shared[a][b] += 1
    return {
        (topics[n].kind, topics[n].slug): tuple(
            topics[m] for m, _ in sorted(counts.items(), key=lambda x: (-x[1], topics[x[0]].kind, topics[x[0]].slug))[:RELATED_TOPICS]
        )
        for n, counts in shared.items()
    }


def enrich(
    archive_dir: Path,
    newspapers: tuple[Newspaper, ...],
    articles: list[Article],
    files: dict[str, Path],
    parse_cache: ContentCache,
    taxonomy: Taxonomy,
    jobs: int,
    *,
    cache_signals: bool = True,
) -> Enrichment:
    """The archive's topics, and each article's reprints, related articles and summary.

    With ``cache_signals`` each page's signals are kept in a cache beside the
    parse cache, and taken from it when the page has not changed.
    """
    pages = [page for paper in newspapers for issue in paper.issues for page in issue.pages]
    signals_cache = ContentCache(parse_cache.root.parent, "topics", types=(ArticleSignals,),
                                 salt=taxonomy.fingerprint()) if cache_signals else None
    work = PageSignals(archive_dir, parse_cache, signals_cache, taxonomy)
    load_segmenter()
    signals: dict[str, ArticleSignals] = {}
    for page, page_signals in zip(pages, ordered_map(work, [(p, files[p.source]) for p in pages], jobs=jobs)):
        for article, signal in zip(page.articles, page_signals, strict=True):
            signals[article.id] = signal
    if signals_cache is not None:
        signals_cache.prune([p.source for p in pages])
    topics = build_topics(articles, signals, taxonomy)
    return Enrichment(topics, neighbours(articles, signals), {i: s.summary for i, s in signals.items()},
                      related_topics(topics))
