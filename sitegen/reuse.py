"""Reusing an issue's rendered files when nothing it is made from has changed.

Rendering the issues (article pages, page views, issue pages) is most of a
build.  An issue's files are a function of its rendering task (the issue's
outline, its paper, its neighbours' links, its articles' topics), the bytes of
its page files, the templates, the site settings and sitegen's own code.  The
key of an entry hashes all of them, so when one page of a 90-issue archive is
edited only that issue is rendered again; the others' files are written from
the cache.  A template change misses every entry, as it must.

Entries live in ``<archive>/.sitegen-cache/issues/``, one per issue, and are
safe to share between worker processes (see ``sitegen.cache.ContentCache``).
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass, replace
from pathlib import Path

from sitegen import theme
from sitegen.cache import ContentCache
from sitegen.config import Config
from sitegen.output import SiteFolder


@dataclass(frozen=True)
class IssueFiles:
    """What rendering one issue gave: its files and the value the renderer returned."""

    files: tuple[tuple[str, bytes], ...]
    """Every file written, as (site path, bytes), in the order written."""
    result: object
    """The renderer's ``RenderedIssue``."""


class Recorder:
    """A ``SiteFolder`` that also keeps what was written, for the cache."""

    def __init__(self, folder: SiteFolder):
        self.folder = folder
        self.files: list[tuple[str, bytes]] = []

    def write_text(self, path: str, text: str) -> None:
        self.write_bytes(path, text.encode("utf-8"))

    def write_bytes(self, path: str, data: bytes) -> None:
        self.folder.write_bytes(path, data)
        self.files.append((path, data))


def templates_digest(archive_dir: Path) -> str:
    """A hash of every template the archive's pages are rendered with."""
    digest = hashlib.sha256()
    for folder in theme.template_dirs(archive_dir):
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(f"\0{folder}/{path.relative_to(folder).as_posix()}\0".encode("utf-8", "surrogateescape"))
            digest.update(path.read_bytes())
    return digest.hexdigest()


def render_context(archive_dir: Path, config: Config) -> str:
    """What every page of a build depends on besides its own inputs: the templates and the settings."""
    return f"{templates_digest(archive_dir)}|{config!r}"


class IssueReuse:
    """The cache of rendered issues of one archive, for one build's templates and settings."""

    def __init__(self, archive_dir: Path, config: Config, types: tuple[type, ...]):
        self.cache = ContentCache(archive_dir, "issues", types=(IssueFiles, *types),
                                  salt=render_context(archive_dir, config))

    def key(self, task) -> str:
        """Hash of the task, with each page file's path replaced by a hash of its bytes."""
        files = tuple(hashlib.sha256(path.read_bytes()).hexdigest() for path in task.files)
        # The issue's pages do not depend on where its articles stand in the search index.
        task = replace(task, files=(), first_article=0)
        return self.cache.key(task.issue.path, pickle.dumps(task, protocol=5) + repr(files).encode())

    def load(self, task, key: str, out: SiteFolder):
        """Write the cached files of ``task`` into ``out`` and return the cached result, or None."""
        entry = self.cache.load(task.issue.path, key)
        if not isinstance(entry, IssueFiles):
            return None
        for path, data in entry.files:
            out.write_bytes(path, data)
        return entry.result

    def store(self, task, key: str, recorder: Recorder, result) -> None:
        self.cache.store(task.issue.path, key, IssueFiles(tuple(recorder.files), result))

    def prune(self, tasks) -> None:
        self.cache.prune([t.issue.path for t in tasks])
