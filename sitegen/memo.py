"""What ``sitegen serve`` keeps in memory from one rebuild to the next.

``sitegen build`` starts from the caches on disk (``sitegen.cache``,
``sitegen.reuse``) and from the site it replaces.  A server runs many builds in
one process, so it can keep more, and keep it at hand:

* each page file's outline (stage 1's result) by a hash of the file's bytes,
  so a rebuild parses, or even unpickles, only the changed files; and each
  file's hash by its modification time and size, so it reads and hashes only
  files whose time or size changed (as git does, a file's time counts only once
  it is older than ``RACY_SECONDS``: a file saved twice within the clock's
  granularity keeps its time);
* for each group of files (an issue's pages, a topic's list pages, a run of
  search index shards) what they were made from and their site paths: when a
  rebuild finds the same inputs, the group's files stay where they are in the
  site being served (``sitegen.output.LayeredStaging``), without being
  rendered, loaded from the cache or compared byte by byte;
* that site, as a ``SiteView``.

A build reads the memo as it was when it started and replaces what it learnt
only once its site is committed, so a build that fails or is stopped leaves the
memo describing the site still served.  ``sitegen build`` has no memo.
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from sitegen import theme
from sitegen.output import SiteView
from sitegen.render import environment


#: A file whose modification time is younger than this when it is hashed is hashed again next time.
RACY_SECONDS = 2.0


@dataclass(frozen=True)
class Made:
    """A group of files of the site and what they were made from."""

    inputs: object
    """What the files are a function of, compared with ``==`` (a hash, or the very task)."""
    paths: tuple[str, ...]
    """Their site paths."""
    value: object = None
    """What making them returned, where the build needs it again (a ``RenderedIssue``)."""


@dataclass
class BuildMemo:
    """One server's memory of its last build (see the module's docstring)."""

    outlines: dict[str, tuple[str, object]] = field(default_factory=dict)
    """By input path: the hash of the file's bytes and its ``PageOutline``."""
    site: SiteView | None = None
    """The site the last build committed, which the next one is layered on."""
    made: dict[str, Made] = field(default_factory=dict)
    """The groups of files of ``site`` by name (``issue:<path>``, ``topic:<kind>/<slug>``, …)."""
    environments: dict[str, jinja2.Environment] = field(default_factory=dict)
    """The Jinja environment of the last build, by its templates' hash, its templates compiled."""
    placed: dict[str, tuple] = field(default_factory=dict)
    """By input path: its parsed file, (shown name, catalog statement), its ``ReadPage`` and its messages."""
    article_lines: dict[int, tuple[tuple[dict, ...], str]] = field(default_factory=dict)
    """Each issue's lines of ``api/articles.json``, by the identity of its records (kept with them)."""
    hashes: dict[str, tuple[tuple[int, int, int], str]] = field(default_factory=dict)
    """By input file: its (modification time, size, inode) when it was hashed, and the hash."""
    context: str = ""
    """The templates and settings the last build rendered with (``MemoRound.context``)."""
    tasks: dict[str, object] = field(default_factory=dict)
    """The last build's ``IssueTask`` of each issue, by the issue's path (for ``sitegen.preview``)."""

    def file_hash(self, path: Path) -> str:
        """``content_hash`` of the file's bytes, read only when its time or size changed since it was hashed."""
        stat = os.stat(path)
        known = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
        seen = self.hashes.get(str(path))
        if seen is not None and seen[0] == known:
            return seen[1]
        digest = content_hash(path.read_bytes())
        if time.time_ns() - stat.st_mtime_ns > RACY_SECONDS * 1e9:
            self.hashes[str(path)] = (known, digest)
        else:  # saved just now: it could change again within the same tick of the clock
            self.hashes.pop(str(path), None)
        return digest

    def environment(self, archive_dir: Path, templates: str) -> jinja2.Environment:
        """The Jinja environment for templates whose hash is ``templates`` (a fresh one when they changed:
        Jinja would not notice a new template of the archive's hiding one of the default theme)."""
        if templates not in self.environments:
            self.environments = {templates: environment(theme.template_dirs(archive_dir))}
        return self.environments[templates]

    def reusable(self, group: str, inputs: object) -> Made | None:
        """The group as the last build made it, if it was made from equal ``inputs``."""
        made = self.made.get(group)
        if self.site is None or made is None or made.inputs != inputs:
            return None
        return made


def content_hash(data: bytes) -> str:
    """The hash a page file's bytes are known by."""
    return hashlib.blake2b(data, digest_size=20).hexdigest()


class MemoRound:
    """One build's use of a ``BuildMemo``: groups taken over from the last build, groups made anew.

    ``context`` is what every group depends on besides its own inputs (the
    templates, the settings).
    """

    active = True

    def __init__(self, memo: BuildMemo, staging, context: str):
        self.memo, self.staging, self.context = memo, staging, context
        self.now: dict[str, Made] = {}

    def recall(self, group: str, inputs: object, *, themed: bool = True) -> Made | None:
        """The group as the last build made it from equal ``inputs``; its files are not taken over.

        ``themed`` False: the group does not depend on the templates and settings (the search index).
        """
        return self.memo.reusable(group, (self.context if themed else None, inputs))

    def last(self, group: str) -> object:
        """What making the group returned in the last build, whatever it was made from (None: not made)."""
        made = self.memo.made.get(group) if self.memo.site is not None else None
        return None if made is None else made.value

    def take(self, group: str, inputs: object) -> Made | None:
        """The group's files kept as they are in the site underneath, when it was made from equal inputs."""
        made = self.memo.reusable(group, (self.context, inputs))
        if made is None or not self.staging.holds(made.paths):
            return None
        for path in made.paths:
            self.staging.keep(path)
        self.now[group] = made
        return made

    def note(self, group: str, inputs: object, paths: tuple[str, ...], value: object = None, *,
             themed: bool = True) -> None:
        """The group was made from ``inputs`` into the files ``paths``."""
        self.now[group] = Made((self.context if themed else None, inputs), paths, value)

    def install(self, site: SiteView, tasks: list) -> None:
        """The build committed ``site``, rendering the issues of ``tasks``: the next one is layered on it."""
        self.memo.site, self.memo.made, self.memo.context = site, self.now, self.context
        self.memo.tasks = {task.issue.path: task for task in tasks}


class NoMemo:
    """``sitegen build``: nothing is remembered or taken over."""

    active = False

    def recall(self, group: str, inputs: object, *, themed: bool = True) -> None:
        return None

    def last(self, group: str) -> None:
        return None

    def take(self, group: str, inputs: object) -> None:
        return None

    def note(self, group: str, inputs: object, paths: tuple[str, ...], value: object = None, *,
             themed: bool = True) -> None:
        pass
