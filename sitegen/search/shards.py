"""Splitting the index by term, so that a query loads only the shards it needs,
and building it on every core.

Terms are cut into contiguous ranges of JavaScript (UTF-16) order, each range
one shard file of about ``TARGET_SHARD_BYTES``; a term bigger than that (中国
in every other article) gets a shard of its own.  The browser finds a term's
shard by binary search over the first term of each shard, and a one-character
query reads the neighbouring shards that hold every term starting with it.

The work is split twice, so that neither half waits on one process:

1. by document: each issue's articles are cut into terms where the issue is
   rendered (a worker process, ``issue_rows``); the main process appends the
   posting rows, in archive order, to spool files by the first character of
   the term (``Spool``);
2. by term: the spool files are taken in runs of about ``BATCH_ROWS`` rows
   (``Spool.batches``), each run read (``gather``) and encoded in a worker
   process (``index.encode_batch``).

Both halves work on whole arrays (numpy) rather than a posting at a time: the
corpus pages' 4.8 million postings took 37 s of CPU one by one.  Memory holds
one batch per worker, however large the archive is.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack
from pathlib import Path

import numpy as np

from sitegen.search.index import FIELD_SLOTS
from sitegen.search.tokenize import JOINERS, normalised_code_points, word_characters

#: Aim for shard files of this size: a query of four characters reads two or
#: three shards, so a cold query loads well under a megabyte of index.
TARGET_SHARD_BYTES = 48_000

#: Postings rows (16 bytes each, some 150 while encoded) a batch of terms
#: should hold, and the most encoded at once; one bucket may hold more.
BATCH_ROWS = 400_000

#: A spooled posting row: term key, ``doc * FIELD_SLOTS + field``, position in the field.
ROW = np.dtype([("key", "<u8"), ("slot", "<u4"), ("position", "<u4")])

# A term is keyed by an integer that sorts as the term does in JavaScript
# (UTF-16 code units): each character's rank, the second one plus one (0 when
# the term is one character).
_SECOND_BITS = 21


def _rank(code_points):
    """Code points renumbered in UTF-16 order: BMP below the surrogates, then astral planes, then U+E000–U+FFFF."""
    cp = code_points.astype(np.int64)
    return np.where(cp < 0xD800, cp, np.where(cp >= 0x10000, cp - 0x10000 + 0xD800, cp - 0xE000 + 0x10D800))


def _code_points(ranks: np.ndarray) -> np.ndarray:
    """The inverse of ``_rank``."""
    return np.where(ranks < 0xD800, ranks, np.where(ranks < 0x10D800, ranks - 0xD800 + 0x10000, ranks - 0x10D800 + 0xE000))


def terms_of(keys) -> list[str]:
    """The term each key stands for.

    Worked out for all the keys at once (a run has tens of thousands of terms):
    the terms are written as one UTF-32 text, each closed by "\\0" (no word
    character, so in no term), which is decoded once and split.
    """
    keys = np.asarray(keys, dtype=np.uint64)
    if not len(keys):
        return []
    first = _code_points((keys >> np.uint64(_SECOND_BITS)).astype(np.int64))
    second = (keys & np.uint64((1 << _SECOND_BITS) - 1)).astype(np.int64)
    two = second > 0
    width = 2 + two
    starts = np.cumsum(width) - width
    chars = np.zeros(int(width.sum()), dtype="<u4")
    chars[starts] = first
    chars[starts[two] + 1] = _code_points(second[two] - 1)
    return chars[:-1].tobytes().decode("utf-32-le").split("\0")


def term_of(key: int) -> str:
    """The term a key stands for."""
    return terms_of([key])[0]


def issue_rows(first_doc: int, documents: Iterable[Sequence[str | None]]) -> tuple[np.ndarray, list[tuple[int, ...]]]:
    """Cut the documents (each a tuple of field texts) into terms: their posting rows, sorted by term.

    The terms are those of ``tokenize.field_terms``, found for the whole
    issue at once: every word character starts one term, the bigram with the
    next character or the character alone at the end of its run (and with the
    joiner, when one joins the run to the next).  Documents
    are numbered from ``first_doc``; a term's rows are in document, field and
    position order.  Also returns each document's field lengths (in terms).
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
    # Run ends joined to the next run by a joiner: also the term of the character and the joiner.
    following = np.append(word, False)  # the closing "\0" is no joiner, so at + 2 is at most one past
    joined = at[(second == 0) & _joiners()[cps[at + 1]] & following[np.minimum(at + 2, len(word))]]
    starts = np.concatenate([at, joined])
    rows = np.empty(len(starts), dtype=ROW)
    rows["key"] = (rank[starts] << _SECOND_BITS) | np.concatenate([second, rank[joined + 1] + 1])
    rows["slot"] = first_doc * FIELD_SLOTS + field_of[starts]
    rows["position"] = starts - field_start[field_of[starts]]
    rows = rows[_stable_order(rows["key"])]
    lengths = np.bincount(field_of[at], minlength=len(texts)).reshape(-1, FIELD_SLOTS)
    return rows, [tuple(row) for row in lengths.tolist()]


def _stable_order(keys) -> np.ndarray:
    """``np.argsort(keys, kind="stable")`` of unsigned integers, quicker where it can be.

    numpy's stable sort of 64-bit numbers is a timsort, its plain sort
    some 1.5 times as fast on keys in no order, as an issue's are: when each key fits
    in 64 bits with its index below it, those numbers (all different, so any sort
    keeps equal keys in order) are sorted plainly and the indexes read back.  (On
    keys nearly in order already, the stable sort is the quicker.)
    """
    n = len(keys)
    bits = max(1, n - 1).bit_length()
    if n == 0 or int(keys.max()) >> (64 - bits):
        return np.argsort(keys, kind="stable")
    numbered = (keys.astype(np.uint64) << np.uint64(bits)) | np.arange(n, dtype=np.uint64)
    return (np.sort(numbered) & np.uint64((1 << bits) - 1)).astype(np.intp)


@functools.cache
def _joiners() -> np.ndarray:
    """Over all code points: True for one of ``tokenize.JOINERS``."""
    table = np.zeros(0x110000, dtype=bool)
    table[[ord(c) for c in JOINERS]] = True
    return table


def _bucket_edges() -> np.ndarray:
    """First ranks of the spool buckets: narrow ones over the CJK ideographs, where most terms start."""
    edges = [0, 0x80, 0x3000, *range(0x4E00, 0xA000, 64), 0xA000, 0xD800, 0x10D800]
    return np.array(edges, dtype=np.uint64) << np.uint64(_SECOND_BITS)


def bucket_digests(rows: np.ndarray) -> tuple[str, ...]:
    """A hash of the rows (sorted by term) that fall in each spool bucket; "" where none do."""
    cuts = np.searchsorted(rows["key"], _bucket_edges()).tolist() + [len(rows)]
    return tuple(hashlib.blake2b(rows[a:b].tobytes(), digest_size=16).hexdigest() if b > a else ""
                 for a, b in zip(cuts, cuts[1:]))


class Spool:
    """Posting rows in files by the first character of their term (one file a bucket),
    appended issue by issue in document order, so a bucket's rows stay in that order.

    When every issue comes with its ``bucket_digests``, ``contents`` gives them
    with the rows, by bucket (``sitegen serve`` then encodes only the terms
    that changed, ``sitegen.search.update``).
    ``held`` keeps the rows in memory (they are there anyway in a server's
    memo) until ``write`` puts the runs to be encoded in their files.
    """

    def __init__(self, folder: Path, held: bool = False):
        self.folder = folder
        self.edges = _bucket_edges()
        self.rows = [0] * len(self.edges)
        self._files: dict[int, object] = {}
        self._digests: list[list[str]] | None = [[] for _ in self.edges]
        self._held: list[list[np.ndarray]] | None = [[] for _ in self.edges] if held else None

    def add(self, rows: np.ndarray, digests: tuple[str, ...] | None = None) -> None:
        cuts = np.searchsorted(rows["key"], self.edges).tolist() + [len(rows)]
        if digests is None:
            self._digests = None
        for bucket, (a, b) in enumerate(zip(cuts, cuts[1:])):
            if b > a:
                if self._held is not None:
                    self._held[bucket].append(rows[a:b])
                else:
                    out = self._files.get(bucket)
                    if out is None:
                        out = self._files[bucket] = open(self._path(bucket), "wb")
                    out.write(rows[a:b].tobytes())
                self.rows[bucket] += b - a
                if self._digests is not None:
                    self._digests[bucket].append(digests[bucket])

    def contents(self, run: tuple[Path, ...]) -> tuple[tuple[tuple[str, ...], tuple[np.ndarray, ...]], ...]:
        """Per bucket of ``run``: the hash of each issue's rows in it and those rows (held, with digests only)."""
        return tuple((tuple(self._digests[int(p.stem)]), tuple(self._held[int(p.stem)])) for p in run)

    def held_rows(self, run: tuple[Path, ...], keys: np.ndarray) -> np.ndarray:
        """The held rows of a run of buckets, as ``gather`` reads them from the files, of the buckets
        where some of ``keys`` (sorted) fall."""
        buckets = [int(p.stem) for p in run]
        bounds = np.append(self.edges, np.uint64(np.iinfo(np.uint64).max))
        counts = np.searchsorted(keys, bounds[buckets + [buckets[-1] + 1]]) if buckets else []
        wanted = [b for b, start, end in zip(buckets, counts, counts[1:]) if end > start]
        # Joined as plain bytes: numpy joins structured arrays field by field, several times slower.
        parts = [rows.view(f"V{ROW.itemsize}") for b in wanted for rows in self._held[b]]
        return np.concatenate(parts).view(ROW) if parts else np.zeros(0, dtype=ROW)

    def close(self) -> None:
        for out in self._files.values():
            out.close()

    def write(self, runs: list[tuple[Path, ...]]) -> None:
        """Put the held rows of the buckets of ``runs`` in their files (after ``close``)."""
        if self._held is None:
            return
        for run in runs:
            for path in run:
                with open(path, "wb") as out:
                    for rows in self._held[int(path.stem)]:
                        out.write(rows.tobytes())

    def batches(self, target: int | None = None) -> list[tuple[Path, ...]]:
        """The bucket files in runs of about ``target`` rows each, in term order."""
        target = target or BATCH_ROWS
        runs: list[tuple[Path, ...]] = []
        run, held = [], 0
        for bucket, count in enumerate(self.rows):
            if count:
                run.append(self._path(bucket))
                held += count
            if run and held >= target:
                runs.append(tuple(run))
                run, held = [], 0
        if run:
            runs.append(tuple(run))
        return runs

    def _path(self, bucket: int) -> Path:
        return self.folder / f"{bucket}.rows"


def gather(paths: Sequence[Path]) -> np.ndarray:
    """The posting rows of a run of buckets, in term order, each term's in document order."""
    return np.concatenate([np.fromfile(path, dtype=ROW) for path in paths])


#: Rows read at a time from a run too big to hold at once, and every how many rows a key is
#: sampled there to cut it into parts.
BLOCK_ROWS = 1_000_000
SAMPLE_EVERY = 16


def gather_parts(paths: Sequence[Path], target: int | None = None) -> Iterator[np.ndarray]:
    """The posting rows of a run of buckets in parts of about ``target`` rows, each part holding
    whole terms, the parts in term order; within a part, each term's rows in document order.

    A run is one bucket at least, and the bucket of 的 holds some 4 % of all rows
    (6 million at 100,000 articles): read whole and sorted, it took some 200 MB
    of a worker.  So a big run is read a block at a time, twice: once for a
    sample of its keys, which gives the keys to cut it at, and once to put each
    block's rows in a file per part, beside the buckets; each part is then read
    back alone.
    """
    target = target or BATCH_ROWS
    total = sum(path.stat().st_size for path in paths) // ROW.itemsize
    if total <= 2 * target:
        yield gather(paths)
        return
    sample = np.sort(np.concatenate([block["key"][::SAMPLE_EVERY] for block in _blocks(paths)]))
    cuts = np.unique(sample[target // SAMPLE_EVERY :: target // SAMPLE_EVERY])  # a part is [cut, next cut)
    parts = [paths[0].with_name(f"{paths[0].name}.part{n}") for n in range(len(cuts) + 1)]
    with ExitStack() as stack:
        files = [stack.enter_context(open(part, "wb")) for part in parts]
        for block in _blocks(paths):
            part_of = np.searchsorted(cuts, block["key"], side="right")
            order = np.argsort(part_of, kind="stable")  # each part's rows stay in document order
            bounds = np.cumsum(np.bincount(part_of, minlength=len(parts)))
            ordered = block[order]
            for out, start, end in zip(files, np.concatenate([[0], bounds[:-1]]), bounds):
                if end > start:
                    out.write(ordered[start:end].tobytes())
    for part in parts:
        rows = np.fromfile(part, dtype=ROW)
        part.unlink()
        if len(rows):
            yield rows


def _blocks(paths: Sequence[Path]) -> Iterator[np.ndarray]:
    for path in paths:
        with open(path, "rb") as handle:
            while len(block := np.fromfile(handle, dtype=ROW, count=BLOCK_ROWS)):
                yield block


def costs(terms: list[str], postings: list[str]) -> np.ndarray:
    """What each term costs in its shard, as ``ranges`` counts."""
    return (3 * np.fromiter(map(len, terms), dtype=np.int64, count=len(terms)) + 8
            + np.fromiter(map(len, postings), dtype=np.int64, count=len(postings)))


def shard_end(total: np.ndarray, start: int, room: int, *, first: bool) -> int:
    """Where the terms from ``start`` that fit in ``room`` bytes end, ``total`` being the running total of
    the terms' costs: before the first term that would overfill it, or (for the ``first`` term of a
    shard, however big) after that term."""
    before = int(total[start - 1]) if start else 0
    end = max(start, int(np.searchsorted(total, before + room, side="right")))
    return start + 1 if end == start and first else end


def ranges(parts: Iterable[tuple[list[str], list[str]]],
           target: int | None = None) -> Iterator[tuple[list[str], list[str]]]:
    """Consecutive runs of terms with their postings, of about ``target`` bytes each (as ``costs`` counts),
    from ``(terms, postings)`` parts in term order; a run may go on from one part into the next.

    A run ends before the term that would take it past ``target``, and a term bigger than
    that has a run of its own.  Each part is cut a run at a time (by a search over its
    running total of costs), not a term at a time: a part holds tens of thousands of terms.
    """
    target = target or TARGET_SHARD_BYTES
    terms: list[str] = []
    postings: list[str] = []
    size = 0
    for part_terms, part_postings in parts:
        total = np.cumsum(costs(part_terms, part_postings))
        start = 0
        while start < len(total):
            before = int(total[start - 1]) if start else 0
            end = shard_end(total, start, target - size, first=not terms)
            if end > start:
                terms += part_terms[start:end]
                postings += part_postings[start:end]
                size += int(total[end - 1]) - before
            if end < len(total):  # the next term does not fit
                yield terms, postings
                terms, postings, size = [], [], 0
            start = end
    if terms:
        yield terms, postings
