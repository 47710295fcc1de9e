"""The search index as files in the site's ``search/`` folder.

    search/manifest.js        shard bounds, papers, counts (read first)
    search/s/<n>.js           index shards: postings of a range of terms (see index.py)
    search/d/<n>.js           hit data (paper, date, place of the text) of
                              ``results.DOCS_PER_CHUNK`` articles each, for every hit of a query
    search/t/<k>/<n>.js       the texts of a run of articles of one issue, from
                              article n on (``TEXT_FILE_CHARS``), with what a
                              result shows (id, url, page, topics): for the results shown
    search/topics.js          the topics, and where their members are
    search/k/<n>.js           the articles of a run of topics, for a topic filter

(``results.py`` tells why a result's data is split so, and the formats of
``d/``, ``t/``, ``topics.js`` and ``k/``.)  Every file is a script that stores
one JSON value in ``window.sitegenSearchData[name]``: the browser loads them
with ``<script>`` tags, which work from ``file://`` where fetch does not.
"""

from __future__ import annotations

import json
import tempfile
import time
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path

from sitegen.escaping import json_text
from sitegen.memo import MemoRound, NoMemo
from sitegen.output import SiteFolder
from sitegen.pool import ordered_map
import numpy as np

from sitegen.search.index import BOOSTS, FIELD_SLOTS, FIELDS, WEIGHT_LEVELS, K1, average_length, encode_batch, weight_levels
from sitegen.search import shards
from sitegen.search.shards import Spool, costs, gather, gather_parts, issue_rows, ranges, terms_of
from sitegen.search.update import EncodedRun, Weighed, among, changed_keys, updated
from sitegen.search.tokenize import tables
from sitegen.search import results  # results.DOCS_PER_CHUNK is read where used, so that a test may set it
from sitegen.search.results import HitTable, text_entry

#: Text files are kept in folders of this many articles.
TEXTS_PER_FOLDER = 1000
#: A text file holds consecutive articles of one issue up to about this many characters
#: (about 18 KB; an article longer than that has a file of its own).  A result's snippet
#: loads its article's file, so this bounds what a page of 20 results loads; and a site
#: has a quarter of the text files it would have with one per article, which makes it
#: quicker to write, to copy to a memory stick and to publish.
TEXT_FILE_CHARS = 6_000
#: Bumped whenever the file formats change; search.js checks it.
FORMAT_VERSION = 3


@dataclass(frozen=True)
class SearchDoc:
    """One article as the search index sees it."""

    id: str
    """The article's stable id."""
    url: str
    """Its HTML page from the site root."""
    title: str
    """Headline."""
    kicker: str | None
    """引题 above the headline, if any."""
    subtitle: str | None
    """副题 below the headline, if any."""
    body: str
    """Body text, paragraphs separated by newlines."""
    newspaper: str
    """Paper name."""
    date: str | None
    """Publication date as YYYY-MM-DD, None when unknown."""
    page: str | None
    """Page number ("01"), None when unknown."""
    topics: tuple[tuple[str, str], ...] = ()
    """(slug, name) of each topic the article belongs to."""

    @classmethod
    def from_dict(cls, record: dict) -> "SearchDoc":
        """A SearchDoc from its JSON form (lists where the dataclass has tuples)."""
        return cls(**{**record, "topics": tuple(tuple(t) for t in record.get("topics", ()))})


@dataclass(frozen=True)
class SearchStats:
    """What ``build_search_index`` wrote."""

    documents: int
    """Articles indexed."""
    files: int
    """Files written."""
    bytes: int
    """Their total size."""
    terms: int
    """Distinct terms in the index."""
    shards: int
    """Index shard files among them."""
    seconds: float
    """Time taken."""


def script(name: str, value) -> str:
    """A script that hands ``value`` to search.js under ``name``."""
    return _script_of_json(name, json_text(value, compact=True))


def _script_of_json(name: str, payload: str) -> str:
    return f"(window.sitegenSearchData=window.sitegenSearchData||{{}})[{json.dumps(name)}]={payload};\n"


class _Writer:
    def __init__(self, out: SiteFolder):
        self.out = out
        self.files = 0
        self.bytes = 0

    def write(self, name: str, value) -> None:
        self.write_json(name, json_text(value, compact=True))

    def write_json(self, name: str, payload: str) -> None:
        """Write a value already serialised by ``json_text``."""
        data = _script_of_json(name, payload).encode("utf-8")
        self.out.write_bytes(f"{name}.js", data)
        self.files += 1
        self.bytes += len(data)


@dataclass(frozen=True)
class SpooledIssue:
    """What ``IssueIndexer`` sends back for one issue's articles."""

    documents: tuple[dict, ...]
    """The articles' hit data: ``newspaper``, ``date``, ``topics`` and ``text``, their place in their text file
    (``results.HitTable.add``)."""
    lengths: tuple[tuple[int, ...], ...]
    """Each article's field lengths in terms."""
    rows: np.ndarray
    """Their posting rows, sorted by term (``shards.issue_rows``)."""
    files: int
    """Text files written."""
    bytes: int
    """Their size."""
    paths: tuple[str, ...] = ()
    """Their paths under ``search/``."""
    buckets: tuple[str, ...] | None = None
    """A hash of the rows in each spool bucket (``shards.bucket_digests``), when asked for."""


_TEXT_FIELDS = ("title", "kicker", "subtitle", "body")
assert _TEXT_FIELDS == FIELDS


@dataclass(frozen=True)
class IssueIndexer:
    """The document half of indexing, run where an issue is rendered (a picklable callable).

    Writes the articles' texts (for snippets and what a result shows, ``text_files``) and cuts them into
    terms; articles are numbered from ``first_doc``, their place in the whole
    archive.
    """

    out: SiteFolder
    """The site's ``search/`` folder."""
    digests: bool = False
    """Whether to hash the rows of each spool bucket (for ``sitegen serve``, which encodes only what changed)."""

    def __call__(self, first_doc: int, documents: Sequence[dict]) -> SpooledIssue:
        writer = _Writer(self.out)
        texts = [tuple(d.get(name) for name in _TEXT_FIELDS) for d in documents]
        names, offsets = [], []
        for first, count in text_files(texts):
            names.append(text_file(first_doc + first))
            writer.write(names[-1], [text_entry(d) for d in documents[first : first + count]])
            offsets.extend(range(count))
        rows, lengths = issue_rows(first_doc, texts)
        data = tuple({"newspaper": d["newspaper"], "date": d["date"], "topics": d.get("topics", ()), "text": offset}
                     for d, offset in zip(documents, offsets))
        return SpooledIssue(data, tuple(lengths), rows, writer.files, writer.bytes, tuple(f"{n}.js" for n in names),
                            shards.bucket_digests(rows) if self.digests else None)


def text_file(first: int) -> str:
    """The name of the text file that starts with article ``first`` (numbered in the whole archive)."""
    return f"t/{first // TEXTS_PER_FOLDER}/{first}"


def text_files(texts: Sequence[tuple[str | None, ...]]) -> Iterator[tuple[int, int]]:
    """(first, count) of each run of ``texts`` that shares a text file: consecutive articles
    up to ``TEXT_FILE_CHARS`` characters, or one longer article alone."""
    first = size = 0
    for n, fields in enumerate(texts):
        length = sum(len(t) for t in fields if t)
        if n > first and size + length > TEXT_FILE_CHARS:
            yield first, n - first
            first, size = n, 0
        size += length
    if texts:
        yield first, len(texts) - first


@dataclass(frozen=True)
class Shard:
    """One index shard, ready to write."""

    first: str
    """Its first term."""
    terms: int
    """How many terms it holds."""
    json: str
    """Its content as JSON: ``{"terms": [...], "postings": [...]}``."""


@dataclass(frozen=True)
class EncodedBatch:
    """A run of spool buckets encoded; for ``sitegen serve``, with its terms (``update.EncodedRun``)."""

    shards: tuple[Shard, ...]
    """Its shards in term order."""
    terms: list[tuple[int, str, str]] | None = None
    """(key, term, postings) of each of its terms, in term order; None when not asked for."""
    weighed: Weighed | None = None
    """What its weights were worked out from; None when not asked for."""


@dataclass(frozen=True)
class EncodeTerms:
    """The term half of indexing: a run of spool buckets read, encoded and cut
    into shards (a picklable callable for ``sitegen.pool``)."""

    lengths: np.ndarray
    """Field lengths by slot (``doc * FIELD_SLOTS + field``)."""
    average: tuple[float, ...]
    """Average length of each field."""
    weighed: bool = False
    """Whether to send back the terms and what the weights were worked out from (``EncodedBatch``)."""

    def __call__(self, buckets: tuple[Path, ...]) -> EncodedBatch:
        """The terms of the run's buckets encoded and cut into shards."""
        if not self.weighed:  # a plain build: the terms stream into shards, none kept, a part of the run at a time
            return EncodedBatch(_shards(part[1:] for rows in gather_parts(buckets) for part in self._encoded(rows)))
        terms, weighed = self.terms(gather(buckets))
        return EncodedBatch(_shards([([t for _, t, _ in terms], [p for _, _, p in terms])]), terms, weighed)

    def terms(self, rows: np.ndarray) -> tuple[list[tuple[int, str, str]], Weighed | None]:
        """(key, term, postings) of each term of ``rows`` in term order, and (when ``weighed``) what the
        weights were worked out from."""
        weighed: list | None = [] if self.weighed else None
        terms = [term for part in self._encoded(rows, weighed) for term in zip(*part)]
        if weighed is None:
            return terms, None
        slots, frequency, keys = ((np.concatenate([w[n] for w in weighed]) if weighed else np.zeros(0)).astype(kind)
                                  for n, kind in enumerate((np.uint32, np.uint32, np.uint64)))
        levels = weight_levels(frequency, slots, self.lengths, self.average).astype(np.uint8)
        return terms, Weighed(keys, slots, frequency, levels)

    def _encoded(self, rows: np.ndarray, weighed: list | None = None) -> Iterator[tuple[list[int], list[str], list[str]]]:
        """The keys, terms and postings strings of the terms of ``rows``, in term order, in parts of
        ``BATCH_ROWS`` rows encoded at a time (a bucket may hold far more: 的 begins
        some 4 % of all terms)."""
        order = np.argsort(rows["key"], kind="stable") if len(rows) > shards.BATCH_ROWS else None
        keys = rows["key"] if order is None else rows["key"][order]
        start = 0
        while start < len(rows):
            end = min(start + shards.BATCH_ROWS, len(rows))
            if end < len(rows):  # end the part between two terms
                end = int(np.searchsorted(keys, keys[end - 1], side="right"))
            part = rows[start:end] if order is None else rows[order[start:end]]
            keys_of, postings = encode_batch(part["key"], part["slot"], part["position"], self.lengths, self.average,
                                             weighed)
            del part
            yield keys_of, terms_of(keys_of), postings
            start = end


@dataclass
class SearchIndex:
    """The search index of a site, put together from issues as they are rendered.

    ``indexer()`` is handed to the workers that render the issues; each issue's
    ``SpooledIssue`` comes back to ``add`` in archive order; ``finish`` encodes
    the postings on ``jobs`` processes and writes the shards and the manifest.
    """

    out: SiteFolder
    """The site's ``search/`` folder."""
    spool_dir: Path
    remember: MemoRound | NoMemo = field(default_factory=NoMemo)
    """``sitegen serve``'s memory of the last build (``sitegen.memo``): shards it need not encode again."""
    started: float = field(default_factory=time.perf_counter)
    _writer: _Writer = field(init=False)
    _table: HitTable = field(init=False)
    _lengths: list[array] = field(init=False)
    _spool: Spool = field(init=False)
    _count: int = 0

    def __post_init__(self):
        self._writer = _Writer(self.out)
        self._table = HitTable(self._writer.write)
        self._lengths = [array("I") for _ in FIELDS]
        self._spool = Spool(self.spool_dir, held=self.remember.active)
        tables()  # built once here, shared by the worker processes forked next

    def indexer(self) -> IssueIndexer:
        return IssueIndexer(self.out.for_workers(), digests=self.remember.active)

    @property
    def count(self) -> int:
        """Documents added so far: the number the next document will have."""
        return self._count

    def add(self, issue: SpooledIssue) -> None:
        for doc in issue.documents:
            self._table.add(doc)
        for counts in issue.lengths:
            for column, n in zip(self._lengths, counts):
                column.append(n)
        self._spool.add(issue.rows, issue.buckets)
        self._writer.files += issue.files
        self._writer.bytes += issue.bytes
        self._count += len(issue.documents)

    def _plan(self, run: tuple[Path, ...], lengths: np.ndarray, average: tuple[float, ...]):
        """How ``sitegen serve`` encodes a run: None, afresh; else the run as the last build encoded it
        and the keys of the terms to encode again (none: the run is as it was)."""
        before = self.remember.last(f"search:{run[0].stem}")
        if before is None:
            return None
        buckets = tuple(int(p.stem) for p in run)
        changed = changed_keys(before, buckets, self._spool.contents(run), self._count, lengths, average)
        return None if changed is None else (before, changed)

    def _encoded_run(self, run: tuple[Path, ...], batch: EncodedBatch, encode: EncodeTerms,
                     first_shard: int) -> EncodedRun:
        """A run encoded afresh, as the next rebuild of a server takes it up."""
        keys = np.fromiter((k for k, _, _ in batch.terms), dtype=np.uint64, count=len(batch.terms))
        terms, postings = [t for _, t, _ in batch.terms], [p for _, _, p in batch.terms]
        return EncodedRun(tuple(int(p.stem) for p in run), self._spool.contents(run), self._count, keys,
                          terms, postings, costs(terms, postings),
                          tuple(shard.terms for shard in batch.shards), first_shard, (), batch.weighed,
                          encode.lengths, encode.average)

    def _updated_run(self, run: tuple[Path, ...], plan, encode: EncodeTerms,
                     first_shard: int) -> tuple[EncodedRun, list[int | None]]:
        """A run the last build encoded with its changed terms encoded again (``update.updated``)."""
        before, changed = plan
        contents = self._spool.contents(run)
        # The run's weight levels are now those of the new lengths (changed_keys found where they moved).
        now = {"contents": contents, "first_shard": first_shard, "lengths": encode.lengths, "average": encode.average}
        if not len(changed):
            return replace(before, **now), list(range(len(before.shard_terms)))
        rows = self._spool.held_rows(run, changed)
        terms, weighed = encode.terms(rows[among(rows["key"], changed)])
        encoded, same = updated(before, changed, terms, weighed, contents)
        return replace(encoded, **now), same

    def finish(self, jobs: int = 1) -> SearchStats:
        writer, count = self._writer, self._count
        self._table.finish()
        self._spool.close()
        average = tuple(average_length(sum(column), count) for column in self._lengths)
        by_slot = np.zeros(count * FIELD_SLOTS, dtype=np.int64)
        for field, column in enumerate(self._lengths):
            by_slot[field::FIELD_SLOTS] = column
        encode = EncodeTerms(by_slot, average, weighed=self.remember.active)
        runs = self._spool.batches()
        # sitegen serve: a run the last build encoded gets only its changed terms encoded again
        # (sitegen.search.update); its shards keep their files when they keep their terms and numbers.
        plans = [self._plan(run, by_slot, average) if self.remember.active else None for run in runs]
        unknown = [run for run, plan in zip(runs, plans) if plan is None]
        self._spool.write(unknown)
        fresh = ordered_map(encode, unknown, jobs=jobs)
        bounds: list[str] = []
        shards = terms_total = 0
        for run, plan in zip(runs, plans):
            if plan is None:
                batch = next(fresh)
                made = [(shard.first, shard.terms, shard.json) for shard in batch.shards]
                same: list[int | None] = [None] * len(made)
                encoded = self._encoded_run(run, batch, encode, shards) if self.remember.active else None
            else:
                encoded, same = self._updated_run(run, plan, encode, shards)
                made = [(encoded.terms[a], b - a, None) for a, b in encoded.shard_bounds()]
            sizes = []
            for n, ((first, terms, text), old) in enumerate(zip(made, same)):
                name = f"s/{shards}"
                if shards:
                    bounds.append(first)
                if old is not None and plan[0].first_shard + old == shards and self.out.holds([f"{name}.js"]):
                    self.out.keep(f"{name}.js")
                    writer.files += 1
                    writer.bytes += plan[0].shard_bytes[old]
                    sizes.append(plan[0].shard_bytes[old])
                else:
                    size = writer.bytes
                    if text is None:
                        first_term, end = encoded.shard_bounds()[n]
                        text = _shard_json(encoded.terms[first_term:end], encoded.postings[first_term:end])
                    writer.write_json(name, text)
                    sizes.append(writer.bytes - size)
                shards += 1
                terms_total += terms
            if encoded is not None:
                self.remember.note(f"search:{run[0].stem}", None, (), replace(encoded, shard_bytes=tuple(sizes)),
                                   themed=False)
        writer.write(
            "manifest",
            {
                "version": FORMAT_VERSION,
                "documents": count,
                "fields": list(FIELDS),
                "boosts": [BOOSTS[name] for name in FIELDS],
                "weightScale": (K1 + 1) / WEIGHT_LEVELS,
                "docsPerChunk": results.DOCS_PER_CHUNK,
                "textsPerFolder": TEXTS_PER_FOLDER,
                "shards": shards,
                "bounds": bounds,
                "papers": list(self._table.papers),
            },
        )
        return SearchStats(count, writer.files, writer.bytes, terms_total, shards, time.perf_counter() - self.started)


#: ``build_search_index`` spools its documents this many at a time.
SPOOL_DOCUMENTS = 200


def _shards(parts: Iterable[tuple[list[str], list[str]]]) -> tuple[Shard, ...]:
    """Terms and their postings, in parts in term order, cut into shards (``shards.ranges``)."""
    return tuple(Shard(terms[0], len(terms), _shard_json(terms, postings)) for terms, postings in ranges(parts))


def _shard_json(terms: list[str], postings: list[str]) -> str:
    """A shard's content: its terms and their postings strings."""
    return json_text({"terms": terms, "postings": postings}, compact=True)


def build_search_index(docs: Iterable[SearchDoc], out_dir: Path, jobs: int = 1) -> SearchStats:
    """Write the search index of ``docs`` into ``out_dir`` (the site's ``search/`` folder).

    Articles are numbered in the order given; the output depends only on the
    input, byte for byte.  (The build indexes issue by issue as they are
    rendered, through ``SearchIndex``; this is the same for a plain list.)
    """
    docs = iter(docs)
    with tempfile.TemporaryDirectory(prefix="sitegen-search-") as spool_dir:
        index = SearchIndex(SiteFolder(out_dir), Path(spool_dir))
        indexer = index.indexer()
        while chunk := [doc.__dict__ for doc in islice(docs, SPOOL_DOCUMENTS)]:
            index.add(indexer(index.count, chunk))
        return index.finish(jobs)
