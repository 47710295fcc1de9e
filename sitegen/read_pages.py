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

import itertools
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


#: Pages a worker reads at a time (parsing 600 corpus pages and working out their signals took
#: 2.82 s of CPU a page at a time, 2.44 s eight at a time, 2.47 s thirty-two at a time).
PAGES_A_BATCH = 8


@dataclass(frozen=True, slots=True)
class ReadPages:
    """The stage's work for a batch of page files (a picklable callable for ``sitegen.pool``)."""

    archive_dir: Path
    cache: ContentCache
    taxonomy: Taxonomy
    signals_cache: ContentCache | None = None
    """Where signals are kept between builds; None when no later build will look (``--no-cache``)."""

    def __call__(self, paths: tuple[Path, ...]) -> tuple[PageOutline | Diagnostic, ...]:
        """Several pages (``sitegen.pool.ordered_map_in_batches``): all are parsed, then the
        signals of all their stories are worked out together, a step at a time."""
        read = []
        for path in paths:
            hits = self.cache.hits
            read.append((path, read_and_parse(path, self.archive_dir, self.cache), self.cache.hits > hits))
        signals = self._signals([(path, parsed) for path, parsed, _ in read if not isinstance(parsed, Diagnostic)])
        return tuple(
            parsed if isinstance(parsed, Diagnostic) else PageOutline(
                replace(parsed, reading=outline(parsed.reading)),
                display_path(path, self.archive_dir),
                reused=reused,
                signals=signals[path],
            )
            for path, parsed, reused in read)

    def _signals(self, pages: list[tuple[Path, ParsedSource]]) -> dict[Path, tuple[ArticleSignals, ...]]:
        """Each page's signals, from the cache where it has them, else from its stories."""
        signals, keys, fresh = {}, {}, []
        for path, parsed in pages:
            if self.signals_cache is not None:
                try:
                    keys[path] = self.signals_cache.key(parsed.path, path.read_bytes())
                except OSError:
                    keys[path] = None
                cached = self.signals_cache.load(parsed.path, keys[path]) if keys[path] else None
                if cached is not None:
                    signals[path] = cached
                    continue
            fresh.append((path, parsed))
        worked_out = iter(stories_signals([story for _, parsed in fresh for story in parsed.reading.stories], self.taxonomy))
        for path, parsed in fresh:
            signals[path] = tuple(itertools.islice(worked_out, len(parsed.reading.stories)))
            if self.signals_cache is not None and keys[path]:
                self.signals_cache.store(parsed.path, keys[path], signals[path])
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
