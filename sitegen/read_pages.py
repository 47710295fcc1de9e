"""Stage 1 of the build, run in worker processes: read and parse each page file.

The full reading goes to the parse cache on disk (``sitegen.cache``); what
comes back to the build is the page's *outline*: its metadata and its stories'
headlines, kickers and credits, without block or body text.  That is all the
archive's indexes, topics and neighbours need, and it keeps the build's memory
proportional to the number of articles, not to the size of their text.  Stage 2
takes the full reading back from the same cache.

Each article's topic signals (``sitegen.topics.stories_signals``: subject scores,
keywords, fingerprint) are worked out here too, while the page's text is at
hand, and cached beside the parse by the page's bytes and the taxonomy.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from sitegen.cache import ContentCache, ParsedSource, read_and_parse
from sitegen.diagnostics import Diagnostic
from sitegen.model import PageReading
from sitegen.sources import display_path
from sitegen.topics import ArticleSignals, Taxonomy, stories_signals


@dataclass(frozen=True, slots=True)
class PageOutline:
    """One input file after stage 1."""

    parsed: ParsedSource
    """What reading and parsing gave, its reading cut down to an outline (see ``outline``)."""
    shown: str
    """The file's path as messages show it."""
    reused: bool
    """True when the reading came from the cache rather than from parsing."""
    signals: tuple[ArticleSignals, ...] = ()
    """Each story's topic signals from its text, in story order (subjects not yet chosen)."""


def outline(reading: PageReading) -> PageReading:
    """The reading without its text: stories keep headline, kicker, subtitle, byline and dateline.

    Pages of the archive hold outlines until they are rendered; the renderer
    loads the full reading back from the cache.
    """
    return replace(reading, blocks=(), stories=tuple(replace(s, body=()) for s in reading.stories))


@dataclass(frozen=True, slots=True)
class ReadPages:
    """The stage's work for one page file (a picklable callable for ``sitegen.pool``)."""

    archive_dir: Path
    cache: ContentCache
    taxonomy: Taxonomy
    signals_cache: ContentCache | None = None
    """Where signals are kept between builds; None when no later build will look (``--no-cache``)."""

    def __call__(self, path: Path) -> PageOutline | Diagnostic:
        hits = self.cache.hits
        parsed = read_and_parse(path, self.archive_dir, self.cache)
        if isinstance(parsed, Diagnostic):
            return parsed
        return PageOutline(
            replace(parsed, reading=outline(parsed.reading)),
            display_path(path, self.archive_dir),
            reused=self.cache.hits > hits,
            signals=self._signals(path, parsed),
        )

    def _signals(self, path: Path, parsed: ParsedSource) -> tuple[ArticleSignals, ...]:
        if self.signals_cache is not None:
            try:
                key = self.signals_cache.key(parsed.path, path.read_bytes())
            except OSError:
                key = None
            cached = self.signals_cache.load(parsed.path, key) if key else None
            if cached is not None:
                return cached
        signals = stories_signals(parsed.reading.stories, self.taxonomy)
        if self.signals_cache is not None and key:
            self.signals_cache.store(parsed.path, key, signals)
        return signals


def signals_cache(archive_dir: Path, taxonomy: Taxonomy) -> ContentCache:
    """The cache of the pages' topic signals, which the taxonomy's every change makes stale."""
    return ContentCache(archive_dir, "topics", types=(ArticleSignals,), salt=taxonomy.fingerprint())


def full_reading(archive_dir: Path, path: Path, cache: ContentCache) -> PageReading:
    """The whole reading of the input file at ``path``, from the cache stage 1 filled."""
    parsed = read_and_parse(path, archive_dir, cache)
    if isinstance(parsed, Diagnostic):
        raise RuntimeError(f"{parsed}: the file could not be read again while the site was being written")
    return parsed.reading
