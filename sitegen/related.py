"""Related articles: other papers' copies of the same story, then articles that share
keywords and subjects.

Reprints are found from each article's bottom-k sketch of character 8-grams
(``ArticleSignals.fingerprint``) through an inverted index of sketch values, so
the work grows with the number of articles, not with its square: only articles
that share sketch values are ever compared.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

from sitegen.model import Article
from sitegen.topics import SKETCH_SIZE, ArticleSignals

#: Most related articles an article page lists.
RELATED_MAX = 5
#: Share of sketch values two texts must have in common to be one story.
REPRINT_SIMILARITY = 0.35
#: A sketch value or keyword held by more articles than this is boilerplate, not evidence.
COMMON_LIMIT = 60


@dataclass(frozen=True)
class ArticleLink:
    """Another article as a page links to it."""

    path: str
    """Its page from the site root."""
    headline: str
    """Its headline."""
    newspaper: str
    """Its paper."""
    date: dt.date | None
    """Its date."""
    page: str | None
    """Its page number."""


@dataclass(frozen=True)
class Neighbours:
    """What an article page shows of other articles."""

    reprints: tuple[ArticleLink, ...] = ()
    """The same story as printed by other papers (or elsewhere in the same paper)."""
    related: tuple[ArticleLink, ...] = ()
    """Up to five articles on the same subject, closest first."""


def link(article: Article) -> ArticleLink:
    return ArticleLink(article.path, article.story.headline, article.newspaper, article.date, article.page)


def _postings(values_of: dict[str, tuple], ids: list[str]) -> dict:
    postings: dict = defaultdict(list)
    for article_id in ids:
        for value in values_of[article_id]:
            postings[value].append(article_id)
    return {v: members for v, members in postings.items() if 1 < len(members) <= COMMON_LIMIT}


def find_reprints(articles: list[Article], signals: dict[str, ArticleSignals]) -> dict[str, list[str]]:
    """For each article that has copies, the ids of the copies, most alike first."""
    ids = [a.id for a in articles if signals.get(a.id) and signals[a.id].fingerprint]
    sketches = {i: signals[i].fingerprint for i in ids}
    shared: dict[str, Counter] = defaultdict(Counter)
    for members in _postings(sketches, ids).values():
        for a in members:
            shared[a].update(members)  # counts a itself too: dropped below
    copies: dict[str, list[str]] = {}
    for article_id, counts in shared.items():
        del counts[article_id]
        size = min(len(sketches[article_id]), SKETCH_SIZE)
        alike = [(n, other) for other, n in counts.items() if n >= REPRINT_SIMILARITY * size]
        if alike:
            copies[article_id] = [other for n, other in sorted(alike, key=lambda x: (-x[0], x[1]))]
    return copies


def neighbours(articles: list[Article], signals: dict[str, ArticleSignals]) -> dict[str, Neighbours]:
    """Reprints and related articles of every article that has any."""
    by_id = {a.id: a for a in articles}
    reprints = find_reprints(articles, signals)
    ids = [a.id for a in articles if a.id in signals]
    keywords = _postings({i: signals[i].keywords for i in ids}, ids)
    subjects_of = {i: frozenset(signals[i].subjects) for i in ids}
    # Closest first; among equals the newer, then by id, so rebuilds agree.
    newer = {a.id: -(a.date or dt.date.min).toordinal() for a in articles}
    result: dict[str, Neighbours] = {}
    for article in articles:
        signal = signals.get(article.id)
        copies = reprints.get(article.id, [])
        scores: dict[str, int] = {}
        if signal:
            subjects = subjects_of[article.id]
            skip = {article.id, *copies}
            for word in signal.keywords:
                for other in keywords.get(word, ()):
                    if other not in skip:
                        scores[other] = scores.get(other, 0) + 2 + len(subjects & subjects_of[other])
        close = [o for o, score in scores.items() if score >= 3]
        related = sorted(close, key=lambda o: (-scores[o], newer[o], o))[:RELATED_MAX]
        if copies or related:
            result[article.id] = Neighbours(tuple(link(by_id[c]) for c in copies),
                                            tuple(link(by_id[r]) for r in related))
    return result
