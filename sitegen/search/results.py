"""What a query's results are made of, split by when the browser needs it.

A query may match tens of thousands of articles (a single character such as 控
matches most of an archive), and filtering by paper or date and sorting by date
need those facts of every one of them; but a page shows twenty.  So the data of
a result is kept in three places:

    search/d/<n>.js       hit data of ``DOCS_PER_CHUNK`` articles each, loaded for every
                          chunk a query hits: {"runs": [[count, paper, date], ...],
                          "text": offsets}.  Paper (its number in the manifest's
                          list) and date ("YYYY-MM-DD" or null) as runs of articles
                          that share them (an issue's articles do); "text" is each
                          article's place in its text file, in ``index.encode_numbers``'
                          code.  Some 9 KB per 5,000 articles, where all the result
                          data took 215 KB per 2,000.
    search/t/<k>/<n>.js   the texts of a run of articles (``writer.text_files``), each
                          article as ``text_entry`` lists it: the indexed fields for
                          snippets, and what a result shows (id, url, page, topics).
                          Loaded only for the results shown.
    search/topics.js      every topic as [slug, name], and where each topic's
                          members are: {"topics": [...], "files": [first topic of
                          each members file]}.  Loaded for a topic filter (and
                          ``sitegen.searchInfo``), never for a plain query.
    search/k/<n>.js       the members of a run of topics (``TOPIC_FILE_CHARS``): for
                          each, its articles' numbers as gaps in ``encode_numbers``'
                          code.  A topic filter loads its topic's file, whatever
                          the number of hits.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable

from sitegen.search.index import FIELDS, encode_numbers

#: Hit data is split into files of this many articles: a query that matches most of an archive
#: loads them all (20 files for 100,000 articles), one that matches twenty loads at most twenty.
DOCS_PER_CHUNK = 5000
#: A members file holds topics up to about this many characters (a topic with more has a file of its own).
TOPIC_FILE_CHARS = 40_000
#: What a text file holds of each article, in this order (``text_entry``).
TEXT_ENTRY = (*FIELDS, "id", "url", "page", "topics")


def text_entry(doc: dict) -> list:
    """An article as its text file holds it (``TEXT_ENTRY``): the indexed fields ("" when absent),
    then its id, url, page (null when unknown) and topics as [slug, name]."""
    return [*(doc.get(name) or "" for name in FIELDS), doc["id"], doc["url"], doc.get("page"),
            [list(topic) for topic in doc.get("topics", ())]]


class HitTable:
    """Hit data and topic members of the archive, gathered as articles stream past in archive order;
    the hit data is written a chunk at a time, the topics at the end (``finish``)."""

    def __init__(self, write: Callable[[str, object], None]):
        self.write = write
        """Writes a value as the script of a name (``writer._Writer.write``)."""
        self.papers: dict[str, int] = {}
        self.topics: dict[tuple[str, str], int] = {}
        self.members: list[array] = []
        self.count = 0
        self.chunks = 0
        self._runs: list[list] = []
        self._offsets: list[int] = []

    def add(self, doc: dict) -> None:
        """Add the next article: its ``newspaper``, ``date``, ``topics`` and the place ``text`` of its entry in its text file."""
        paper = self.papers.setdefault(doc["newspaper"], len(self.papers))
        date = doc["date"] or None
        if self._runs and self._runs[-1][1] == paper and self._runs[-1][2] == date:
            self._runs[-1][0] += 1
        else:
            self._runs.append([1, paper, date])
        self._offsets.append(doc["text"])
        for topic in doc["topics"]:
            number = self.topics.setdefault(tuple(topic), len(self.topics))
            if number == len(self.members):
                self.members.append(array("I"))
            self.members[number].append(self.count)
        self.count += 1
        if len(self._offsets) == DOCS_PER_CHUNK:
            self.flush()

    def flush(self) -> None:
        """Write the hit data of the articles added since the last chunk."""
        if self._offsets:
            self.write(f"d/{self.chunks}", {"runs": self._runs, "text": encode_numbers(self._offsets)})
            self.chunks += 1
            self._runs, self._offsets = [], []

    def finish(self) -> None:
        """Write the last chunk of hit data, the topics and their members."""
        self.flush()
        files, batch, size = [], [], 0
        for number, members in enumerate(self.members):
            gaps = encode_numbers([b - a for a, b in zip((0, *members), members)])
            if batch and size + len(gaps) > TOPIC_FILE_CHARS:
                self.write(f"k/{len(files) - 1}", batch)
                batch, size = [], 0
            if not batch:
                files.append(number)
            batch.append(gaps)
            size += len(gaps)
        if batch:
            self.write(f"k/{len(files) - 1}", batch)
        self.write("topics", {"topics": [list(t) for t in self.topics], "files": files})
