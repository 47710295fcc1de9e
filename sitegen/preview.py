"""The pages an archivist looks at, shown at once after a template edit while ``sitegen serve`` rebuilds.

A template edit changes every page of the site, and rendering a big
archive's pages again takes seconds; but the archivist looks at one page.  When
the only files that changed since the last build are templates, the server
makes a ``ThemePreview`` before it starts the rebuild and reloads the browser
at once.  The preview renders an issue's pages (its articles, page views and
issue page) with the new templates when one of them is asked for, from the
last build's issue tasks: the very bytes the rebuild writes for them, since
nothing else changed.  Any other page (home, paper, topic lists, search) waits
for the rebuild.  So no page is ever served with the old templates once the
edit is seen, and the page the archivist has open shows the edit within a
fraction of a second.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from sitegen import theme
from sitegen.cache import CACHE_DIR, parse_cache
from sitegen.config import load_config
from sitegen.memo import BuildMemo
from sitegen.render import Renderer, environment
from sitegen.render_issues import IssueTask, RenderIssues
from sitegen.reuse import render_context

log = logging.getLogger("sitegen.serve")


def input_state(archive_dir: Path) -> tuple[tuple[str, int, int], ...]:
    """(path, modification time, size) of every file a build reads except templates: the archive's
    files outside its templates and cache folders, and the default theme's static files."""
    skip = {archive_dir / "templates", archive_dir / CACHE_DIR}
    found = []
    for folder in (archive_dir, theme.default_theme_dir() / "static"):
        for root, dirs, names in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if Path(root, d) not in skip)
            for name in names:
                try:
                    stat = os.stat(os.path.join(root, name))
                except OSError:
                    continue
                found.append((os.path.join(root, name), stat.st_mtime_ns, stat.st_size))
    return tuple(sorted(found))


class _Pages:
    """A site folder in memory: the files an issue's rendering writes."""

    def __init__(self):
        self.files: dict[str, bytes] = {}

    def write_bytes(self, path: str, data: bytes) -> None:
        self.files[path] = data

    def write_text(self, path: str, text: str) -> None:
        self.write_bytes(path, text.encode("utf-8"))


class ThemePreview:
    """The last build's issue pages rendered with the archive's new templates, on demand."""

    def __init__(self, archive_dir: Path, memo: BuildMemo):
        self.archive_dir = archive_dir
        self._tasks: dict[str, IssueTask] = memo.tasks
        self._groups = memo.made
        self._issue_of: dict[str, str] | None = None
        self._out = _Pages()
        self._failed = False
        self._render: RenderIssues | None = None

    @classmethod
    def after_template_edit(cls, archive_dir: Path, memo: BuildMemo) -> ThemePreview | None:
        """A preview when the templates differ from those the memo's build rendered with; None when they do not."""
        if memo.site is None or not memo.tasks:
            return None
        try:
            if render_context(archive_dir, load_config(archive_dir)) == memo.context:
                return None
        except Exception:  # noqa: BLE001 - a broken settings file is the rebuild's to report
            return None
        return cls(archive_dir, memo)

    def page(self, name: str) -> bytes | None:
        """The HTML page at site path ``name`` with the new templates; None when it is not an issue's
        page (it waits for the rebuild) or the new templates fail on it (the rebuild reports that)."""
        if not name.endswith(".html"):
            return None
        if name not in self._out.files and not self._failed:
            issue = self._where().get(name)
            if issue is not None:
                self._render_issue(issue)
        return self._out.files.get(name)

    def _where(self) -> dict[str, str]:
        """The issue path of each page an issue's rendering writes."""
        if self._issue_of is None:
            self._issue_of = {}
            for issue in self._tasks:
                made = self._groups.get(f"issue:{issue}")
                for path in made.paths if made is not None else ():
                    if path.endswith(".html"):
                        self._issue_of[path] = issue
        return self._issue_of

    def _render_issue(self, issue: str) -> None:
        try:
            if self._render is None:
                config = load_config(self.archive_dir)
                renderer = Renderer(environment(theme.template_dirs(self.archive_dir)), config)
                self._render = RenderIssues(self.archive_dir, config, parse_cache(self.archive_dir), self._out,
                                            _tools=(renderer, self._out))
            self._render(self._tasks[issue])
        except Exception as error:  # noqa: BLE001 - a template error is reported by the rebuild itself
            log.info("the new templates could not be previewed: %s", error)
            self._failed = True
            self._out.files.clear()
