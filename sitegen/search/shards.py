"""Splitting the index by term, so that a query loads only the shards it needs,
and building it on every core.

Terms are cut into contiguous ranges of JavaScript (UTF-16) order, each range
one shard file of about ``TARGET_SHARD_BYTES``; a term bigger than that (中国
in every other article) gets a shard of its own.  The browser finds a term's
shard by binary search over the first term of each shard, and a one-character
query reads the neighbouring shards that hold every term starting with it.

The work is split twice, so that neither half waits on one process:

1. by document: each issue's articles are cut into terms where the issue is
   rendered (a worker process), and their postings are spooled to one file per
   issue (``spool_issue``), sorted by term;
2. by term: the terms are cut into batches of about ``BATCH_ROWS`` postings
   (``batches``, by their first character), and each batch gathers its
   postings from every issue's spool file in document order (``gather``), in
   a worker process, to be encoded there (``index.encode_batch``).

Both halves work on whole arrays (numpy) rather than a posting at a time: the
corpus pages' 4.8 million postings took 37 s of CPU one by one.  Memory holds
one batch per worker, however large the archive is.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from sitegen.search.index import FIELD_SLOTS
from sitegen.search.tokenize import normalised_code_points, word_characters

#: Aim for shard files of this size: a query of four characters reads two or
#: three shards, so a cold query loads well under a megabyte of index.
TARGET_SHARD_BYTES = 48_000

#: Postings rows (16 bytes each, several times that while sorting) a batch of
#: terms should hold; the last group of a batch may take it over.
BATCH_ROWS = 2_000_000

#: A spooled posting row: term key, ``doc * FIELD_SLOTS + field``, position in the field.
ROW = np.dtype([("key", "<u8"), ("slot", "<u4"), ("position", "<u4")])

# A term is keyed by an integer that sorts as the term does in JavaScript
# (UTF-16 code units): each character's rank, the second one plus one (0 when
# the term is one character).
_SECOND_BITS = 21
_GROUP_SHIFT = _SECOND_BITS + 4


def _rank(code_points):
    """Code points renumbered in UTF-16 order: BMP below the surrogates, then astral planes, then U+E000–U+FFFF."""
    cp = code_points.astype(np.int64)
    return np.where(cp < 0xD800, cp, np.where(cp >= 0x10000, cp - 0x10000 + 0xD800, cp - 0xE000 + 0x10D800))


def _character(rank: int) -> str:
    if rank < 0xD800:
        return chr(rank)
    if rank < 0x10D800:
        return chr(rank - 0xD800 + 0x10000)
    return chr(rank - 0x10D800 + 0xE000)


def term_of(key: int) -> str:
    """The term a key stands for."""
    second = key & ((1 << _SECOND_BITS) - 1)
    first = _character(key >> _SECOND_BITS)
    return first + _character(second - 1) if second else first


def spool_issue(path: Path, first_doc: int, documents: Iterable[Sequence[str | None]]) -> tuple[list[tuple[int, ...]], dict[int, int]]:
    """Cut the documents (each a tuple of field texts) into terms and write their postings to ``path``.

    The terms are those of ``tokenize.field_terms``, found for the whole
    issue at once: every word character starts one term, the bigram with the
    next character or the character alone at the end of its run.  Documents
    are numbered from ``first_doc``; the file holds the posting rows sorted by
    term, each term's in document and position order.

    Returns each document's field lengths (in terms) and how many rows each
    term group holds.
    """
    texts = [text or "" for fields in documents for text in fields]
    assert len(texts) % FIELD_SLOTS == 0, "every document has one text per field slot"
    # One string for the issue, each field closed by a character that is no word character.
    cps = normalised_code_points("\0".join(texts) + "\0")
    word = word_characters()[cps]
    sizes = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)) + 1
    field_of = np.repeat(np.arange(len(texts)), sizes)
    field_start = np.cumsum(sizes) - sizes
    at = np.flatnonzero(word)
    rank = _rank(cps)
    second = np.where(word[at + 1], rank[at + 1] + 1, 0)
    rows = np.empty(len(at), dtype=ROW)
    rows["key"] = (rank[at] << _SECOND_BITS) | second
    rows["slot"] = first_doc * FIELD_SLOTS + field_of[at]
    rows["position"] = at - field_start[field_of[at]]
    rows = rows[np.argsort(rows["key"], kind="stable")]
    np.save(path, rows, allow_pickle=False)
    lengths = np.bincount(field_of[at], minlength=len(texts)).reshape(-1, FIELD_SLOTS)
    groups, counts = np.unique(rows["key"] >> np.uint64(_GROUP_SHIFT), return_counts=True)
    return [tuple(row) for row in lengths.tolist()], dict(zip(groups.tolist(), counts.tolist()))


def batches(sizes: dict[int, int], target: int | None = None) -> list[tuple[int, int]]:
    """Contiguous term-key ranges ``[first, last)`` of about ``target`` rows each, in key order."""
    target = target or BATCH_ROWS
    runs: list[tuple[int, int]] = []
    start, held = None, 0
    for group in sorted(sizes):
        if start is None:
            start = group
        held += sizes[group]
        if held >= target:
            runs.append((start << _GROUP_SHIFT, (group + 1) << _GROUP_SHIFT))
            start, held = None, 0
    if start is not None:
        runs.append((start << _GROUP_SHIFT, (max(sizes) + 1) << _GROUP_SHIFT))
    return runs


def gather(paths: Sequence[Path], first: int, last: int) -> np.ndarray:
    """The posting rows with keys in ``[first, last)`` from every spool file (given in document order)."""
    parts = []
    for path in paths:
        rows = np.load(path, mmap_mode="r")
        a, b = np.searchsorted(rows["key"], [first, last])
        if b > a:
            parts.append(np.array(rows[a:b]))
        del rows
    return np.concatenate(parts) if parts else np.empty(0, dtype=ROW)


def ranges(terms: Iterator[tuple[str, str]], target: int | None = None) -> Iterator[list[tuple[str, str]]]:
    """Consecutive runs of ``(term, postings)`` of about ``target`` bytes each."""
    target = target or TARGET_SHARD_BYTES
    current: list[tuple[str, str]] = []
    size = 0
    for term, postings in terms:
        cost = 3 * len(term) + 8 + len(postings)
        if current and size + cost > target:
            yield current
            current, size = [], 0
        current.append((term, postings))
        size += cost
    if current:
        yield current
