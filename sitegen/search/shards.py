"""Splitting the index by term, so that a query loads only the shards it needs.

Terms are cut into contiguous ranges of JavaScript (UTF-16) order, each range
one shard file of about ``TARGET_SHARD_BYTES``; a term bigger than that (中国
in every other article) gets a shard of its own.  The browser finds a term's
shard by binary search over the first term of each shard, and a one-character
query reads the neighbouring shards that hold every term starting with it.

Postings are gathered in one pass over the articles, grouped by the first
UTF-16 unit of their term; past ``FLUSH_NUMBERS`` they are appended to
temporary files, so memory stays bounded however large the archive is.
"""

from __future__ import annotations

import pickle
from array import array
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from sitegen.search.tokenize import utf16_key

#: Aim for shard files of this size: a query of four characters reads two or
#: three shards, so a cold query loads well under a megabyte of index.
TARGET_SHARD_BYTES = 48_000

#: Numbers (4 bytes each) held in memory before postings go to the spool files.
FLUSH_NUMBERS = 40_000_000


def _group_of(term: str) -> int:
    """Spool group: the term's first UTF-16 code unit, 16 units to a group, so groups sort in UTF-16 order."""
    first = ord(term[0])
    if first > 0xFFFF:
        first = 0xD800 + ((first - 0x10000) >> 10)
    return first >> 4


class PostingCollector:
    """Every term's postings as flat records ``doc, field, frequency, positions…`` in document order."""

    def __init__(self, spool_dir: Path):
        self.spool_dir = spool_dir
        self.postings: dict[str, array] = {}
        self.spooled: set[int] = set()
        self.held = 0

    def add(self, doc: int, field: int, terms: dict[str, list[int]]) -> None:
        postings = self.postings
        held = 0
        for term, positions in terms.items():
            records = postings.get(term)
            if records is None:
                records = postings[term] = array("I")
            records.extend((doc, field, len(positions)))
            records.extend(positions)
            held += len(positions)
        self.held += held + 3 * len(terms)
        if self.held >= FLUSH_NUMBERS:
            self._flush()

    def _grouped(self) -> dict[int, dict[str, array]]:
        groups: dict[int, dict[str, array]] = defaultdict(dict)
        for term, records in self.postings.items():
            groups[_group_of(term)][term] = records
        self.postings = {}
        self.held = 0
        return groups

    def _flush(self) -> None:
        for group, postings in self._grouped().items():
            with open(self.spool_dir / f"{group}.pickle", "ab") as spool:
                pickle.dump(postings, spool, protocol=pickle.HIGHEST_PROTOCOL)
            self.spooled.add(group)

    def terms(self) -> Iterator[tuple[str, array]]:
        """Every term with its records, in UTF-16 order; the collector is emptied as it goes."""
        in_memory = self._grouped()
        for group in sorted(set(in_memory) | self.spooled):
            postings: dict[str, array] = {}
            if group in self.spooled:
                path = self.spool_dir / f"{group}.pickle"
                with open(path, "rb") as spool:
                    while True:
                        try:
                            part = pickle.load(spool)
                        except EOFError:
                            break
                        for term, records in part.items():
                            if term in postings:
                                postings[term].extend(records)
                            else:
                                postings[term] = records
                path.unlink()
            for term, records in in_memory.pop(group, {}).items():
                if term in postings:
                    postings[term].extend(records)
                else:
                    postings[term] = records
            for term in sorted(postings, key=utf16_key):
                yield term, postings[term]


def ranges(terms: Iterator[tuple[str, array]], target: int | None = None) -> Iterator[list[tuple[str, array]]]:
    """Consecutive runs of terms of about ``target`` bytes each (a number takes about 1.6 characters)."""
    target = target or TARGET_SHARD_BYTES
    current: list[tuple[str, array]] = []
    size = 0
    for term, records in terms:
        cost = 3 * len(term) + 8 + int(1.6 * len(records))
        if current and size + cost > target:
            yield current
            current, size = [], 0
        current.append((term, records))
        size += cost
    if current:
        yield current
