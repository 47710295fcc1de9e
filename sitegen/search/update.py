"""Updating the encoded index after an edit (``sitegen serve``): only the terms
whose postings changed are encoded again.

An edit of one page changes the postings of the terms in that page's
articles: a few thousand of an index's half a million terms, but spread over
nearly every run of spool buckets (``shards.Spool.batches``).  And since BM25
weighs a posting by its field's length against the average length
(``index.weight_levels``), a posting elsewhere may now fall on another weight
level.  So a run the last build encoded is not encoded again as a whole: its
terms that have rows from a changed issue (told by the hashes of each issue's
rows in each bucket) or a posting whose weight level moved are encoded again
from the new rows, put in place among the run's other terms, and the run is
cut into shards again (``shards.ranges``).  A shard whose terms all kept their
postings, and its place, keeps its file.  Each term's postings string depends
only on the term's own rows, the field lengths and their averages, so the
result is the one a clean build gives.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import compress

import numpy as np

from sitegen.search.index import weight_levels
from sitegen.search import shards
from sitegen.search.shards import costs

#: A run in which more than this share of the terms changed is encoded afresh (on every core).
UPDATE_SHARE = 0.3


@dataclass(frozen=True)
class Weighed:
    """What the weights of a run's postings were worked out from, one entry per (term, document field)."""

    keys: np.ndarray
    """The term's key."""
    slots: np.ndarray
    """The document field's slot (``doc * FIELD_SLOTS + field``)."""
    frequency: np.ndarray
    """The term's frequency there."""
    levels: np.ndarray
    """The weight level it got (``index.weight_levels``)."""


@dataclass(frozen=True)
class EncodedRun:
    """A run of spool buckets as encoded, kept by a server for its next rebuild."""

    buckets: tuple[int, ...]
    """The spool buckets of the run."""
    contents: tuple[tuple[tuple[str, ...], tuple[np.ndarray, ...]], ...]
    """Per bucket: the hash of each issue's rows in it, and those rows (``shards.Spool.contents``)."""
    documents: int
    """Documents in the whole index."""
    keys: np.ndarray
    """The keys of its terms, in term order."""
    terms: list[str]
    """Its terms."""
    postings: list[str]
    """Each term's postings string."""
    costs: np.ndarray
    """What each term costs in its shard (``shards.ranges``)."""
    shard_terms: tuple[int, ...]
    """How many terms each of its shards holds."""
    first_shard: int
    """The number of its first shard in the index."""
    shard_bytes: tuple[int, ...]
    """The size of each shard's file."""
    weighed: Weighed
    """What its weights were worked out from, in term order."""
    lengths: np.ndarray | None = None
    """The field lengths by slot its weights are of."""
    average: tuple[float, ...] = ()
    """The average field lengths its weights are of."""

    def shard_bounds(self) -> list[tuple[int, int]]:
        """(first, end) index of each shard's terms."""
        ends = np.cumsum(self.shard_terms).tolist()
        return list(zip([0, *ends[:-1]], ends))


def changed_keys(before: EncodedRun, buckets: tuple[int, ...], contents, documents: int,
                 lengths: np.ndarray, average: tuple[float, ...]) -> np.ndarray | None:
    """The keys (sorted) of the run's terms whose postings may differ from ``before``'s, or None when the run
    is better encoded afresh (other buckets, another number of documents, too much changed)."""
    if before.buckets != buckets or before.documents != documents:
        return None
    touched = []
    for (old_digests, old_rows), (new_digests, new_rows) in zip(before.contents, contents):
        if old_digests == new_digests:
            continue
        if len(old_digests) == len(new_digests):
            # The same issues have rows in the bucket (as a rule): the rows one of them gained or lost.
            touched += [_different_rows(old_rows[n], new_rows[n])["key"]
                        for n, (old, new) in enumerate(zip(old_digests, new_digests)) if old != new]
        else:
            old, new = set(old_digests), set(new_digests)
            touched += [rows["key"] for digest, rows in zip(old_digests, old_rows) if digest not in new]
            touched += [rows["key"] for digest, rows in zip(new_digests, new_rows) if digest not in old]
    weighed = before.weighed
    if before.average == average and before.lengths is not None:
        # The averages are as they were (``index.average_length``): a weight level can move only where a
        # field's own length changed, in the edited documents.
        at = (before.lengths != lengths)[weighed.slots]
        weighed = Weighed(*(getattr(weighed, name)[at] for name in ("keys", "slots", "frequency", "levels")))
    moved = weight_levels(weighed.frequency, weighed.slots, lengths, average) != weighed.levels
    touched.append(weighed.keys[moved])
    keys = np.unique(np.concatenate(touched))
    if len(keys) > UPDATE_SHARE * max(1, len(before.keys)):
        return None
    return keys


def _different_rows(old: np.ndarray, new: np.ndarray) -> np.ndarray:
    """The posting rows in one of ``old`` and ``new`` but not in both (a row is unique: a term at a position)."""
    old_bytes, new_bytes = (np.ascontiguousarray(rows).view(f"V{rows.dtype.itemsize}") for rows in (old, new))
    return np.setxor1d(old_bytes, new_bytes).view(old.dtype)


def among(values: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """For each of ``values``, whether it is one of the sorted ``keys`` (``np.isin`` without sorting ``values``)."""
    if not len(keys):
        return np.zeros(len(values), dtype=bool)
    at = np.minimum(np.searchsorted(keys, values), len(keys) - 1)
    return keys[at] == values


def cut(costs: np.ndarray) -> tuple[int, ...]:
    """How many terms each shard holds: ``shards.ranges`` worked out a shard at a time rather than a term
    at a time (a run has tens of thousands of terms)."""
    total = np.cumsum(costs)
    sizes, start = [], 0
    while start < len(costs):
        end = shards.shard_end(total, start, shards.TARGET_SHARD_BYTES, first=True)
        sizes.append(end - start)
        start = end
    return tuple(sizes)


def _without(keys: np.ndarray, changed: np.ndarray) -> np.ndarray:
    """Which of the sorted ``keys`` are not among the sorted ``changed`` (found by their place, not by a pass)."""
    counts = np.zeros(len(keys) + 1, dtype=np.int64)
    np.add.at(counts, np.searchsorted(keys, changed, side="left"), 1)
    np.add.at(counts, np.searchsorted(keys, changed, side="right"), -1)
    return np.cumsum(counts[:-1]) == 0


def updated(before: EncodedRun, changed: np.ndarray, encoded: list[tuple[int, str, str]], weighed: Weighed,
            contents) -> tuple[EncodedRun, list[int | None]]:
    """``before`` with the terms of ``changed`` replaced by ``encoded`` ((key, term, postings) of those that
    still have postings, in term order, and what their weights came from); and for each of its shards the
    number within ``before`` of the shard with the very same terms and postings, or None."""
    keep = _without(before.keys, changed)
    kept = keep.tolist()
    kept_keys = before.keys[keep]
    new_keys = np.fromiter((k for k, _, _ in encoded), dtype=np.uint64, count=len(encoded))
    at = np.searchsorted(kept_keys, new_keys).tolist()
    keys = np.insert(kept_keys, at, new_keys)
    terms, postings = list(compress(before.terms, kept)), list(compress(before.postings, kept))
    new_terms, new_postings = [t for _, t, _ in encoded], [p for _, _, p in encoded]
    terms, postings = _inserted(terms, at, new_terms), _inserted(postings, at, new_postings)
    term_costs = np.insert(before.costs[keep], at, costs(new_terms, new_postings))
    held = _without(before.weighed.keys, changed)
    into = np.searchsorted(before.weighed.keys[held], weighed.keys)
    merged = Weighed(*(np.insert(getattr(before.weighed, name)[held], into, getattr(weighed, name))
                       for name in ("keys", "slots", "frequency", "levels")))
    run = EncodedRun(before.buckets, contents, before.documents, keys, terms, postings, term_costs, cut(term_costs),
                     before.first_shard, (), merged)
    # A shard is as it was when it spans the same terms, from the same first to the same last, and none changed.
    old = {(int(before.keys[a]), int(before.keys[b - 1])): n for n, (a, b) in enumerate(before.shard_bounds())}
    same = []
    for a, b in run.shard_bounds():
        first, last = int(keys[a]), int(keys[b - 1])
        inside = np.searchsorted(changed, [first, last], side="left").tolist()
        untouched = inside[0] == inside[1] and not (inside[1] < len(changed) and changed[inside[1]] == last)
        same.append(old.get((first, last)) if untouched else None)
    return run, same


def _inserted(items: list, at: list[int], new: list) -> list:
    """``items`` with each of ``new`` put before the item at its index in ``at`` (as ``np.insert`` does)."""
    out, start = [], 0
    for position, item in zip(at, new):
        out += items[start:position]
        out.append(item)
        start = position
    out += items[start:]
    return out
