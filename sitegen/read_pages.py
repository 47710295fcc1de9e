"""Stage 1 of the build, run in worker processes: read and parse each page file.

The full reading goes to the parse cache on disk (``sitegen.cache``); what
comes back to the build is the page's *outline*: its metadata and its stories'
headlines, kickers and credits, without block or body text.  That is all the
archive's indexes, topics and neighbours need, and it keeps the build's memory
proportional to the number of articles, not to the size of their text.  Stage 2
takes the full reading back from the same cache.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from sitegen.cache import ContentCache, ParsedSource, read_and_parse
from sitegen.diagnostics import Diagnostic
from sitegen.model import PageReading
from sitegen.sources import display_path


@dataclass(frozen=True)
class PageOutline:
    """One input file after stage 1."""

    parsed: ParsedSource
    """What reading and parsing gave, its reading cut down to an outline (see ``outline``)."""
    shown: str
    """The file's path as messages show it."""
    reused: bool
    """True when the reading came from the cache rather than from parsing."""


def outline(reading: PageReading) -> PageReading:
    """The reading without its text: stories keep headline, kicker, subtitle, byline and dateline.

    Pages of the archive hold outlines until they are rendered; the renderer
    loads the full reading back from the cache.
    """
    return replace(reading, blocks=(), stories=tuple(replace(s, body=()) for s in reading.stories))


@dataclass(frozen=True)
class ReadPages:
    """The stage's work for one page file (a picklable callable for ``sitegen.pool``)."""

    archive_dir: Path
    cache: ContentCache

    def __call__(self, path: Path) -> PageOutline | Diagnostic:
        hits = self.cache.hits
        parsed = read_and_parse(path, self.archive_dir, self.cache)
        if isinstance(parsed, Diagnostic):
            return parsed
        return PageOutline(
            replace(parsed, reading=outline(parsed.reading)),
            display_path(path, self.archive_dir),
            reused=self.cache.hits > hits,
        )


def full_reading(archive_dir: Path, path: Path, cache: ContentCache) -> PageReading:
    """The whole reading of the input file at ``path``, from the cache stage 1 filled."""
    parsed = read_and_parse(path, archive_dir, cache)
    if isinstance(parsed, Diagnostic):
        raise RuntimeError(f"{parsed}: the file could not be read again while the site was being written")
    return parsed.reading
