"""Related articles: other papers' copies of the same story, then articles that share
keywords and subjects.

Reprints are found from each article's bottom-k sketch of character 8-grams
(``ArticleSignals.fingerprint``) through an inverted index of sketch values, so
the work grows with the number of articles, not with its square: only articles
that share sketch values are ever compared.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections import Counter, defaultdict
from itertools import chain

import numpy as np

from sitegen.model import Article, record
from sitegen.topics import SKETCH_SIZE, ArticleSignals

#: Most related articles an article page lists.
RELATED_MAX = 5
#: Share of sketch values two texts must have in common to be one story.
REPRINT_SIMILARITY = 0.35
#: A sketch value or keyword held by more articles than this is boilerplate, not evidence.
COMMON_LIMIT = 60


@record
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


@record
class Neighbours:
    """What an article page shows of other articles."""

    reprints: tuple[ArticleLink, ...] = ()
    """The same story as printed by other papers (or elsewhere in the same paper)."""
    related: tuple[ArticleLink, ...] = ()
    """Up to five articles on the same subject, closest first."""


def link(article: Article) -> ArticleLink:
    return ArticleLink(article.path, article.story.headline, article.newspaper, article.date, article.page)


def _postings(values_of: dict[str, tuple], ids: list[str]) -> dict:
    """Every value with the ids of the articles that have it, in article order."""
    postings: dict = defaultdict(list)
    for article_id in ids:
        for value in values_of[article_id]:
            postings[value].append(article_id)
    return {v: tuple(members) for v, members in postings.items()}


def _sketch_postings(fingerprints: dict[str, tuple[int, ...]]) -> tuple[dict[int, tuple[str, ...]], set[str]]:
    """``_postings`` of the articles' fingerprints (by id, in article order), and the ids of the articles that hold enough telling
    values to have a copy at all (``_copies_of`` need not look for the others' copies).

    Sorted out by numpy: 32 values an article, nearly all of them held by that article alone (on the
    corpus pages, 211,000 values took 0.21 s one by one, and as long again to be looked up for the
    few hundred articles that can have copies).
    """
    ids = list(fingerprints)
    lengths = np.array([len(sketch) for sketch in fingerprints.values()], dtype=np.int64)
    values = np.fromiter(chain.from_iterable(fingerprints.values()), dtype=np.uint64, count=int(lengths.sum()))
    if not len(values):
        return {}, set()
    order = np.argsort(values, kind="stable")  # stable: each value's articles stay in article order
    values, owners = values[order], np.repeat(np.arange(len(ids)), lengths)[order]
    starts = np.flatnonzero(np.concatenate(([True], values[1:] != values[:-1])))
    held_by = np.diff(np.append(starts, len(values)))
    telling = np.repeat((held_by > 1) & (held_by <= COMMON_LIMIT), held_by)
    enough = np.bincount(owners[telling], minlength=len(ids)) >= REPRINT_SIMILARITY * np.minimum(lengths, SKETCH_SIZE)
    members = [ids[k] for k in owners.tolist()]
    bounds = np.append(starts, len(values)).tolist()
    postings = {value: tuple(members[a:b]) for value, a, b in zip(values[starts].tolist(), bounds, bounds[1:])}
    return postings, {ids[k] for k in np.flatnonzero(enough).tolist()}


def _telling(members: tuple[str, ...] | None) -> bool:
    """Whether a value shared by ``members`` says anything: held by more than one article, and not by too many."""
    return members is not None and 1 < len(members) <= COMMON_LIMIT


def _sharing(values: tuple, postings: dict) -> Counter:
    """How many of ``values`` each article holds, counting the telling ones only (in one pass at C speed:
    a ``Counter.update`` per value had cost more than the counting)."""
    return Counter(chain.from_iterable(filter(_telling, map(postings.get, values))))


def _copies_of(article_id: str, sketch: tuple[int, ...], sketches: dict) -> list[str]:
    """The ids of the article's copies, most alike first: articles sharing enough of its sketch values."""
    counts = _sharing(sketch, sketches)
    del counts[article_id]
    size = min(len(sketch), SKETCH_SIZE)
    alike = [(n, other) for other, n in counts.items() if n >= REPRINT_SIMILARITY * size]
    return [other for n, other in sorted(alike, key=lambda x: (-x[0], x[1]))]


def find_reprints(articles: list[Article], signals: dict[str, ArticleSignals]) -> dict[str, list[str]]:
    """For each article that has copies, the ids of the copies, most alike first."""
    ids = [a.id for a in articles if signals.get(a.id) and signals[a.id].fingerprint]
    sketches, may_copy = _sketch_postings({i: signals[i].fingerprint for i in ids})
    return {i: copies for i in ids if i in may_copy and (copies := _copies_of(i, signals[i].fingerprint, sketches))}


@record
class Neighbourhood:
    """Every article's neighbours, with what they were found from, so that an edit can update them
    (``neighbourhood(..., since=...)``)."""

    of: dict[str, Neighbours]
    """Reprints and related articles of every article that has any, by id, in archive order."""
    inputs: dict[str, tuple[ArticleLink, ArticleSignals | None]]
    """What each article, by id, brings: how it is linked to, and its signals."""
    sketches: dict[int, tuple[str, ...]]
    """Each sketch value with the ids of the articles whose fingerprint has it."""
    keywords: dict[str, tuple[str, ...]]
    """Each keyword with the ids of the articles that have it."""


def neighbours(articles: list[Article], signals: dict[str, ArticleSignals]) -> dict[str, Neighbours]:
    """Reprints and related articles of every article that has any."""
    return neighbourhood(articles, signals).of


#: An update that changes more articles than this share of the archive works everything out afresh.
UPDATE_SHARE = 0.2


def neighbourhood(articles: list[Article], signals: dict[str, ArticleSignals],
                  since: Neighbourhood | None = None) -> Neighbourhood:
    """Reprints and related articles of every article that has any, and what they were found from.

    ``since``, the neighbourhood of an earlier state of the archive, lets an
    edit of a few articles be worked out from it: an article's neighbours
    depend only on the articles that share a telling sketch value or keyword
    with it (their links, dates, subjects), so only those of the changed
    articles, before and after the edit, are worked out again.  The result is
    the same as without ``since``.
    """
    inputs = {a.id: (link(a), signals.get(a.id)) for a in articles}
    changed = _changed(inputs, since.inputs) if since is not None else None
    if changed is None or len(changed) > UPDATE_SHARE * len(inputs):
        ids = [i for i, (_, s) in inputs.items() if s]
        sketches, may_copy = _sketch_postings({i: inputs[i][1].fingerprint for i in ids if inputs[i][1].fingerprint})
        keywords = _postings({i: inputs[i][1].keywords for i in ids}, ids)
        return Neighbourhood(_neighbours_of(list(inputs), inputs, sketches, keywords, may_copy), inputs, sketches, keywords)
    sketches, keywords = dict(since.sketches), dict(since.keywords)
    affected: set[str] = set(changed) & inputs.keys()
    for article_id in changed:
        old, new = since.inputs.get(article_id, (None, None))[1], inputs.get(article_id, (None, None))[1]
        for postings, values_of in ((sketches, lambda s: s.fingerprint), (keywords, lambda s: s.keywords)):
            before = set(values_of(old)) if old else set()
            after = set(values_of(new)) if new else set()
            for value in before | after:
                members = postings.get(value, ())
                if _telling(members):
                    affected.update(members)
                # A posting's order does not matter: counts and scores are sorted before use.
                members = tuple(m for m in members if m != article_id) + ((article_id,) if value in after else ())
                if members:
                    postings[value] = members
                else:
                    postings.pop(value, None)
                if _telling(members):
                    affected.update(members)
    fresh = _neighbours_of([i for i in inputs if i in affected], inputs, sketches, keywords)
    of = {}
    for article_id in inputs:
        found = fresh.get(article_id) if article_id in affected else since.of.get(article_id)
        if found is not None:
            of[article_id] = found
    return Neighbourhood(of, inputs, sketches, keywords)


def _changed(inputs: dict, before: dict) -> set[str] | None:
    """Ids whose inputs differ from ``before`` (added and removed ones too).  The inputs of the others are
    replaced by ``before``'s equal ones, so that later comparisons find the very same objects."""
    changed = set()
    for article_id, value in inputs.items():
        old = before.get(article_id)
        if old == value:
            inputs[article_id] = old
        else:
            changed.add(article_id)
    changed.update(i for i in before if i not in inputs)
    return changed


def _neighbours_of(ids: list[str], inputs: dict, sketches: dict, keywords: dict,
                   may_copy: set[str] | None = None) -> dict[str, Neighbours]:
    """The neighbours of the articles ``ids`` (those that have any), from the postings of every article;
    copies are looked for only among ``may_copy`` when it is given (``_sketch_postings``).

    Related articles are ranked closest first, among equal scores the newer, then by id, so rebuilds
    agree.  That order is kept as one integer per candidate, ``-score * n + rank``, where ``rank`` is the
    article's place among all ``n`` articles sorted newest first, then by id; and the subjects two
    articles share are counted from bit masks.  (With a tuple and a frozenset per candidate the corpus
    pages' 229,000 candidates took 0.31 s instead of 0.26 s.)
    """
    by_rank = sorted(inputs, key=lambda i: (-(inputs[i][0].date or dt.date.min).toordinal(), i))
    n = len(by_rank)
    rank = {article_id: k for k, article_id in enumerate(by_rank)}
    bits: dict[str, int] = {}
    masks = {article_id: sum({1 << bits.setdefault(s, len(bits)) for s in signal.subjects})
             for article_id, (_, signal) in inputs.items() if signal is not None}

    result: dict[str, Neighbours] = {}
    for article_id in ids:
        signal = inputs[article_id][1]
        if signal is None:
            continue
        copies = (_copies_of(article_id, signal.fingerprint, sketches)
                  if signal.fingerprint and (may_copy is None or article_id in may_copy) else [])
        # Each telling keyword shared scores 2, plus the subjects shared; a score of 3 or more counts
        # (so one keyword shared counts only with a subject shared).
        shared = _sharing(signal.keywords, keywords)
        own, skip = masks[article_id], {article_id, *copies}
        close = [rank[other] - count * (2 + (own & masks[other]).bit_count()) * n
                 for other, count in shared.items() if (count > 1 or own & masks[other]) and other not in skip]
        related = [by_rank[key % n] for key in heapq.nsmallest(RELATED_MAX, close)]
        if copies or related:
            result[article_id] = Neighbours(tuple(inputs[c][0] for c in copies), tuple(inputs[r][0] for r in related))
    return result
