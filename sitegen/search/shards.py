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
   issue (``spool_issue``), grouped by the first UTF-16 unit of the term;
2. by term: the groups are cut into batches of about ``BATCH_NUMBERS``
   numbers (``batches``), and each batch gathers its postings from every issue's
   spool file in document order (``gather``), in a worker process, to be
   encoded there.

Memory holds one batch per worker, however large the archive is.
"""

from __future__ import annotations

import io
import pickle
import struct
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from sitegen.search.index import FIELD_SLOTS, occurrences
from sitegen.search.tokenize import field_terms, utf16_key

#: Aim for shard files of this size: a query of four characters reads two or
#: three shards, so a cold query loads well under a megabyte of index.
TARGET_SHARD_BYTES = 48_000

#: Postings a batch of terms should hold (some 100 bytes each in memory); the
#: last group of a batch may take it over.
BATCH_POSTINGS = 1_500_000

_TAIL = struct.Struct("<Q")


def group_of(term: str) -> int:
    """Spool group: the term's first UTF-16 code unit, 16 units to a group, so groups sort in UTF-16 order."""
    first = ord(term[0])
    if first > 0xFFFF:
        first = 0xD800 + ((first - 0x10000) >> 10)
    return first >> 4


def spool_issue(path: Path, first_doc: int, documents: Iterable[Sequence[str | None]]) -> tuple[list[tuple[int, ...]], dict[int, int]]:
    """Cut the documents (each a tuple of field texts) into terms and write their postings to ``path``.

    Documents are numbered from ``first_doc``.  Each term's postings are flat
    entries ``doc * FIELD_SLOTS + field, frequency, occurrences`` in document
    order (``index.occurrences``: what needs no other document to encode is
    encoded here, where the issue is).  The file holds one pickled
    ``{term: entries}`` per group, in group order, then a table of where each
    group starts.

    Returns each document's field lengths (in terms) and how many postings
    each group holds.
    """
    groups: defaultdict[int, dict[str, list]] = defaultdict(dict)
    lengths: list[tuple[int, ...]] = []
    group_of_term: dict[str, dict[str, list]] = {}
    for doc, fields in enumerate(documents, first_doc):
        counts = []
        for field, text in enumerate(fields):
            terms, length = field_terms(text)
            counts.append(length)
            slot = doc * FIELD_SLOTS + field
            for term, positions in terms.items():
                postings = group_of_term.get(term)
                if postings is None:
                    postings = group_of_term[term] = groups[group_of(term)]
                entries = postings.get(term)
                if entries is None:
                    postings[term] = [slot, len(positions), occurrences(positions)]
                else:
                    entries += (slot, len(positions), occurrences(positions))
        lengths.append(tuple(counts))
    sizes, table = {}, []
    with open(path, "wb") as spool:
        for group in sorted(groups):
            postings = groups[group]
            table.append((group, spool.tell()))
            pickle.dump(postings, spool, protocol=pickle.HIGHEST_PROTOCOL)
            sizes[group] = sum(len(e) for e in postings.values()) // 3
        table.append((None, spool.tell()))
        pickle.dump(table, spool, protocol=pickle.HIGHEST_PROTOCOL)
        spool.write(_TAIL.pack(table[-1][1]))
    return lengths, sizes


def batches(sizes: dict[int, int], target: int | None = None) -> list[tuple[int, int]]:
    """Contiguous group ranges ``[first, last)`` of about ``target`` numbers each, in group order."""
    target = target or BATCH_POSTINGS
    runs: list[tuple[int, int]] = []
    start, held = None, 0
    for group in sorted(sizes):
        if start is None:
            start = group
        held += sizes[group]
        if held >= target:
            runs.append((start, group + 1))
            start, held = None, 0
    if start is not None:
        runs.append((start, max(sizes) + 1))
    return runs


def _read_range(path: Path, first: int, last: int) -> Iterator[dict[str, list]]:
    """The pickled groups of one spool file that lie in ``[first, last)``."""
    with open(path, "rb") as spool:
        spool.seek(-_TAIL.size, io.SEEK_END)
        (table_at,) = _TAIL.unpack(spool.read(_TAIL.size))
        spool.seek(table_at)
        table = pickle.load(spool)
        starts = [at for group, at in table if group is not None and first <= group < last]
        if not starts:
            return
        end = next(at for group, at in table if group is None or group >= last)
        spool.seek(starts[0])
        chunk = io.BytesIO(spool.read(end - starts[0]))
    for _ in starts:
        yield pickle.load(chunk)


def gather(paths: Sequence[Path], first: int, last: int) -> Iterator[tuple[str, list]]:
    """Every term of groups ``[first, last)`` with its entries from all spool files
    (given in document order), in UTF-16 order."""
    postings: dict[str, list] = {}
    for path in paths:
        for part in _read_range(path, first, last):
            for term, entries in part.items():
                held = postings.get(term)
                if held is None:
                    postings[term] = entries
                else:
                    held += entries
    for term in sorted(postings, key=utf16_key):
        yield term, postings.pop(term)


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
