"""Stage 1 of the build, run in worker processes: read and parse each page file.

The full reading goes to the ``ReadingStore`` on disk; what comes back to the
build is the page's *outline*: its metadata and its stories' headlines, kickers
and credits, without block or body text.  That is all the archive's indexes,
topics and neighbours need, and it keeps the build's memory proportional to the
number of articles, not to the size of their text.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from sitegen.archive import ReadPage
from sitegen.cache import ReadingStore, reading_key
from sitegen.metadata import page_meta
from sitegen.model import PageReading
from sitegen.parse import read_page
from sitegen.sources import read_source


@dataclass(frozen=True)
class PageOutline:
    """One page file after stage 1: where it belongs and the key of its stored reading."""

    page: ReadPage
    """Source, encoding, metadata and the reading's outline (see ``outline``)."""
    key: str
    """Key of the full reading in the ``ReadingStore``."""


def outline(reading: PageReading) -> PageReading:
    """The reading without its text: stories keep headline, kicker, subtitle, byline and dateline.

    Pages of the archive hold outlines until they are rendered; the renderer
    loads the full reading back from the store.
    """
    return replace(reading, blocks=(), stories=tuple(replace(s, body=()) for s in reading.stories))


@dataclass(frozen=True)
class ReadPages:
    """The stage's work for one page file (a picklable callable for ``sitegen.pool``)."""

    archive_dir: Path
    store: ReadingStore

    def __call__(self, path: Path) -> PageOutline:
        raw = path.read_bytes()
        key = reading_key(raw)
        source = read_source(path, self.archive_dir)
        reading = self.store.load(key)
        if reading is None:
            reading = read_page(source.text)
            self.store.store(key, reading)
        meta = page_meta(source.path, reading.masthead)
        return PageOutline(ReadPage(source.path, source.encoding, outline(reading), meta), key)
