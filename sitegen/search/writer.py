"""The search index as files in the site's ``search/`` folder.

    search/manifest.js        shard bounds, papers, topics, counts (read first)
    search/s/<n>.js           index shards: postings of a range of terms (see index.py)
    search/d/<n>.js           result data (id, url, headline, paper, date, page,
                              topics) for ``DOCS_PER_CHUNK`` articles each
    search/t/<k>/<n>.js       an article's text, for snippets

Every file is a script that stores one JSON value in
``window.sitegenSearchData[name]``: the browser loads them with ``<script>``
tags, which work from ``file://`` where fetch does not.
"""

from __future__ import annotations

import json
import tempfile
import time
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sitegen.escaping import json_text
from sitegen.search.index import BOOSTS, FIELDS, WEIGHT_LEVELS, K1, encode_postings
from sitegen.search.shards import PostingCollector, ranges
from sitegen.search.tokenize import field_terms

#: Result data is split into files of this many articles.
DOCS_PER_CHUNK = 2000
#: Text files are kept in folders of this many articles.
TEXTS_PER_FOLDER = 1000
#: Bumped whenever the file formats change; search.js checks it.
FORMAT_VERSION = 1


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
    payload = json_text(value, compact=True)
    return f"(window.sitegenSearchData=window.sitegenSearchData||{{}})[{json.dumps(name)}]={payload};\n"


class _Writer:
    def __init__(self, out_dir: Path):
        self.out_dir = out_dir
        self.files = 0
        self.bytes = 0

    def write(self, name: str, value) -> None:
        data = script(name, value).encode("utf-8")
        path = self.out_dir / f"{name}.js"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.files += 1
        self.bytes += len(data)


def _front_coded(previous: str, current: str) -> list:
    """[length of the prefix shared with the previous string, the rest]."""
    shared = 0
    limit = min(len(previous), len(current), 99)
    while shared < limit and previous[shared] == current[shared]:
        shared += 1
    return [shared, current[shared:]]


class _DocTable:
    """Result data, written a chunk at a time as articles stream past."""

    def __init__(self, writer: _Writer):
        self.writer = writer
        self.papers: dict[str, int] = {}
        self.topics: dict[tuple[str, str], int] = {}
        self.chunks = 0
        self._reset()

    def _reset(self) -> None:
        self.rows = {"id": [], "url": [], "title": [], "paper": [], "date": [], "page": [], "topics": []}
        self.last_id = self.last_url = ""

    def add(self, doc: SearchDoc) -> None:
        rows = self.rows
        rows["id"] += _front_coded(self.last_id, doc.id)
        rows["url"] += _front_coded(self.last_url, doc.url)
        self.last_id, self.last_url = doc.id, doc.url
        rows["title"].append(doc.title)
        rows["paper"].append(self.papers.setdefault(doc.newspaper, len(self.papers)))
        rows["date"].append(doc.date or "")
        rows["page"].append(doc.page or "")
        rows["topics"].append([self.topics.setdefault(tuple(t), len(self.topics)) for t in doc.topics])
        if len(rows["title"]) == DOCS_PER_CHUNK:
            self.flush()

    def flush(self) -> None:
        if self.rows["title"]:
            self.writer.write(f"d/{self.chunks}", self.rows)
            self.chunks += 1
            self._reset()


def build_search_index(docs: Iterable[SearchDoc], out_dir: Path) -> SearchStats:
    """Write the search index of ``docs`` into ``out_dir`` (the site's ``search/`` folder).

    Articles are numbered in the order given; the output depends only on the
    input, byte for byte.
    """
    start = time.perf_counter()
    writer = _Writer(out_dir)
    table = _DocTable(writer)
    lengths = [array("I") for _ in FIELDS]
    with tempfile.TemporaryDirectory(prefix="sitegen-search-") as spool_dir:
        collector = PostingCollector(Path(spool_dir))
        count = 0
        for number, doc in enumerate(docs):
            texts = (doc.title, doc.kicker, doc.subtitle, doc.body)
            for field, text in enumerate(texts):
                terms, length = field_terms(text)
                lengths[field].append(length)
                if terms:
                    collector.add(number, field, terms)
            table.add(doc)
            writer.write(f"t/{number // TEXTS_PER_FOLDER}/{number}", [t or "" for t in texts])
            count = number + 1
        table.flush()

        average = [sum(lengths[f]) / count if count else 0.0 for f in range(len(FIELDS))]
        bounds: list[str] = []
        shards = terms_total = 0
        for run in ranges(collector.terms()):
            if shards:
                bounds.append(run[0][0])
            writer.write(
                f"s/{shards}",
                {"terms": [term for term, _ in run], "postings": [encode_postings(r, lengths, average) for _, r in run]},
            )
            shards += 1
            terms_total += len(run)

    writer.write(
        "manifest",
        {
            "version": FORMAT_VERSION,
            "documents": count,
            "fields": list(FIELDS),
            "boosts": [BOOSTS[name] for name in FIELDS],
            "weightScale": (K1 + 1) / WEIGHT_LEVELS,
            "docsPerChunk": DOCS_PER_CHUNK,
            "textsPerFolder": TEXTS_PER_FOLDER,
            "shards": shards,
            "bounds": bounds,
            "papers": list(table.papers),
            "topics": [list(t) for t in table.topics],
        },
    )
    return SearchStats(count, writer.files, writer.bytes, terms_total, shards, time.perf_counter() - start)
