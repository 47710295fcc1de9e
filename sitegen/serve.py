"""``sitegen serve``: build the archive, serve it over HTTP and rebuild on every change.

The loop an archivist works in: fix a page's text, its catalog entry or a
template, save, and the browser shows the result.  It is made of

* livereload's server and its browser script (``/livereload.js``, which reloads
  the page over a WebSocket after each rebuild);
* a builder thread that runs the ordinary ``build()`` with a memory of the last
  build (``sitegen.memo``), so a rebuild parses, renders and writes only what
  an edit changed, into a fresh generation folder;
* the switch: the server serves one ``SiteView`` (each file of the site and the
  generation folder holding it) and moves to the next in a single assignment
  once that rebuild has finished, so it never shows a half-built site.  A
  rebuild that fails, or that brings errors the served site did not have (an
  undecodable file, a bad catalog entry), is not switched to:
  the last good site stays, with the errors shown on top of every page;
* after a template edit, a preview (``sitegen.preview``) that shows an issue's
  pages with the new templates at once while the rebuild renders every page;
* file events (watchdog) that tell the builder of each change as it is made.

The generation folders live in the archive's cache folder
(``.sitegen-cache/serve/<pid>-…``) and are removed when the server stops
(Ctrl-C); folders left by a server that was killed are removed on the next start.
"""

from __future__ import annotations

import asyncio
import base64
import errno
import gc
import hashlib
import html
import logging
import mimetypes
import os
import re
import shutil
import signal
import socket
import tempfile
import threading
import time
import traceback
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from livereload import Server
from livereload.handlers import LiveReloadHandler
from livereload.watcher import Watcher
from watchdog.events import (EVENT_TYPE_CLOSED_NO_WRITE, EVENT_TYPE_CREATED, EVENT_TYPE_MOVED, EVENT_TYPE_OPENED,
                             FileSystemEvent, FileSystemEventHandler)
from watchdog.observers import Observer
from watchdog.observers.api import ObservedWatch
from tornado import ioloop, web

from sitegen import theme
from sitegen.build import BuildStopped, build
from sitegen.cache import CACHE_DIR
from sitegen.memo import BuildMemo
from sitegen.output import SiteView
from sitegen.preview import ThemePreview, input_state

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
#: How long to wait after a change for more changes, so that saving several files gives one rebuild
#: (file events tell of each file as it is saved).
SETTLE_SECONDS = 0.05
#: How often the watcher looks at the files' modification times, where the system does not tell of changes.
POLL_SECONDS = 0.1
#: Python's cyclic garbage collector is run by the builder on its young generations once the server
#: has been idle this long after a rebuild (see ``Builder``) ...
COLLECT_WHEN_IDLE_SECONDS = 1.0
#: ... on all of them once it has been idle this long ...
COLLECT_ALL_WHEN_IDLE_SECONDS = 10.0
#: ... and at least this often while the server is idle, for the garbage of serving requests.
COLLECT_EVERY_SECONDS = 60.0
#: How often a request for a page that waits for a rebuild after a template edit looks again.
PREVIEW_WAIT_SECONDS = 0.05
#: Ports tried after a busy one before giving up.
PORT_ATTEMPTS = 20
#: Files of the serve overlay, under a folder no site path can have.
OVERLAY_CSS = "__sitegen__/serve.css"
#: Warnings listed on the overlay; the terminal has them all.
OVERLAY_WARNINGS = 20

log = logging.getLogger("sitegen.serve")


@dataclass(frozen=True)
class Served:
    """What the server shows: the last good site and the outcome of the last rebuild."""

    site: SiteView | None
    """The site being served (None until a build has succeeded)."""
    errors: tuple[str, ...] = ()
    """Errors of the last rebuild; when it was rejected for them, ``site`` is an older site."""
    warnings: tuple[str, ...] = ()
    """Warnings of the last rebuild."""
    generation: int = 0
    """How many rebuilds have finished."""
    preview: ThemePreview | None = None
    """While a rebuild for a template edit runs: its issue pages, rendered when asked for (``sitegen.preview``)."""
    reload: bool = True
    """Whether browsers are to reload for this state (not when a preview already showed what the rebuild made)."""


@dataclass
class Builder:
    """Runs rebuilds one at a time in a background thread, coalescing changes that arrive meanwhile.

    After the first build the server's cyclic garbage collector runs only when
    the builder has been idle for ``COLLECT_WHEN_IDLE_SECONDS``, not by itself:
    the memo keeps millions of objects alive, and each full collection the
    collector starts on its own walks all of them (some 0.2-0.3 s, twice in a
    rebuild after a one-page edit), which the archivist would wait for.  Idle,
    it collects the young generations first, and everything only after a longer
    pause.
    """

    archive_dir: Path
    session: Path
    """Folder for this server's generation folders."""
    on_done: Callable[[Served], None]
    """Called (in the builder thread) with the new state after every rebuild."""
    echo: Callable[[str], None] = print
    served: Served = field(default_factory=lambda: Served(None))
    _wanted: threading.Event = field(default_factory=threading.Event)
    _stopping: bool = False
    busy: bool = False
    """True while a rebuild runs."""
    watching: bool = True
    """Whether the files are to be watched now: not while a rebuild runs, unless it follows a template edit."""
    memo: BuildMemo = field(default_factory=BuildMemo)
    """What the last build left for the next (``sitegen.memo``)."""
    _generations: list[Path] = field(default_factory=list)
    _shown_before: SiteView | None = None
    _inputs: tuple = ()
    """The inputs other than templates (``sitegen.preview.input_state``) when the last committed build started."""
    _collected: float = field(default_factory=time.monotonic)
    """When the garbage collector last collected everything (``collect_when_idle``)."""
    _garbage: bool = False
    """Whether a rebuild ran since the young generations were last collected."""
    _old_garbage: bool = False
    """Whether young generations were collected since everything was last collected."""

    def rebuild(self) -> Served:
        """One rebuild, in the calling thread; returns (and publishes) what is served afterwards."""
        started = time.perf_counter()
        generation = self.served.generation + 1
        out = self.session / f"site-{generation}"
        inputs = input_state(self.archive_dir)
        before, preview = self.served, self._preview(inputs)
        if preview is not None:  # only templates changed: show their pages now, rendered as they are asked for
            self.served = replace(before, preview=preview, reload=True)
            self.on_done(self.served)
        self.watching = preview is not None
        try:
            # Rebuilds run beside the server's thread, so their workers come from a fork server
            # (sitegen.pool).  Files the edit did not change stay in the folders they are in.
            result = build(self.archive_dir, out, memo=self.memo, stop=lambda: self._stopping or self._restart(preview))
        except BuildStopped:
            return self.served  # stopping, or an edit came during a template edit's rebuild: the next one starts now
        except Exception as error:  # noqa: BLE001 - a broken input or template must not stop the server
            self.echo(traceback.format_exc().rstrip())
            errors, warnings, built = (f"{type(error).__name__}: {error}",), (), False
        else:
            errors, warnings, built = tuple(map(str, result.errors)), tuple(map(str, result.warnings)), True
            for line in (*errors, *warnings):
                self.echo(line)
        finally:
            self.watching = True
        if built:
            self._generations.append(out)
            self._inputs = inputs
        new_errors = set(errors) - (set(before.errors) if before.site else set())
        accepted = built and (not new_errors or before.site is None)
        seconds = time.perf_counter() - started
        if accepted:
            self._shown_before = before.site
            self.echo(f"Rebuilt in {seconds:.2f} s: {result.summary().rsplit(' in ', 1)[0]} "
                      f"(parsed {result.parsed} pages, reused {result.reused}; "
                      f"rendered {result.issues - result.issues_reused} issues, reused {result.issues_reused})")
        else:
            self.echo(f"Rebuild failed after {seconds:.2f} s; still serving the last good site")
        self.served = Served(
            site=result.site if accepted else before.site,
            errors=errors,
            warnings=warnings,
            generation=generation,
            # The preview showed the rebuilt pages already; others waited for them.
            reload=not (preview and accepted and (errors, warnings) == (before.errors, before.warnings)),
        )
        self._remove_unused()
        self._garbage = True
        self.on_done(self.served)
        return self.served

    def _restart(self, preview: ThemePreview | None) -> bool:
        """Whether to give up the rebuild under way for a newer edit: only one that follows a template edit,
        whose pages the preview shows meanwhile, so that a second template edit soon after the first is
        shown at once too, not after the first edit's rebuild."""
        return preview is not None and self._wanted.is_set()

    def _preview(self, inputs: tuple) -> ThemePreview | None:
        """A preview of the new templates when nothing but templates changed since the site served was built."""
        if inputs != self._inputs or self.served.site is None or self.served.site is not self.memo.site:
            return None
        return ThemePreview.after_template_edit(self.archive_dir, self.memo)

    def collect_when_idle(self, idle: float) -> None:
        """Collect garbage once the builder has been idle long enough after a rebuild, and now and then
        while it serves; ``idle`` is the seconds since the last rebuild ended."""
        if gc.isenabled() or idle < COLLECT_WHEN_IDLE_SECONDS:
            return
        if self._garbage:
            # What a rebuild leaves is in the young generations: collecting them takes ~0.04 s on the
            # corpus pages, where walking the memo's objects too takes ~0.2 s, which a save made just
            # then would wait for.
            gc.collect(1)
            self._garbage, self._old_garbage = False, True
        if idle >= COLLECT_ALL_WHEN_IDLE_SECONDS and (
                self._old_garbage or time.monotonic() - self._collected > COLLECT_EVERY_SECONDS):
            gc.collect()
            self._old_garbage, self._collected = False, time.monotonic()

    def _remove_unused(self) -> None:
        """Delete generation folders no longer holding a file of the site served, of the one served
        before it (requests may still be reading it) or of the memo's (the next build's base)."""
        used: set[Path] = set()
        for site in (self.served.site, self._shown_before, self.memo.site):
            if site is not None:
                used |= site.folders()
        for folder in [f for f in self._generations if f not in used]:
            self._generations.remove(folder)
            _remove_later(folder)

    def request(self) -> None:
        """Ask for a rebuild soon (several requests before it starts give one rebuild)."""
        self._wanted.set()

    def run(self) -> None:
        """The builder thread: wait for a request, let further changes settle, rebuild."""
        idle_since = time.monotonic()
        while not self._stopping:
            if not self._wanted.wait(timeout=0.2):
                self.collect_when_idle(time.monotonic() - idle_since)
                continue
            while not self._stopping:  # settle: rebuild only once the files stop changing for a moment
                self._wanted.clear()
                time.sleep(SETTLE_SECONDS)
                if not self._wanted.is_set():
                    break
            if not self._stopping:
                self.busy = True
                try:
                    self.rebuild()
                finally:
                    self.busy = False
                    idle_since = time.monotonic()

    def stop(self) -> None:
        self._stopping = True


def _remove_later(folder: Path) -> None:
    """Delete an old generation without holding up the next rebuild (a big site is many files).

    A folder still being deleted when the server stops goes with the session folder."""
    threading.Thread(target=shutil.rmtree, args=(folder,), kwargs={"ignore_errors": True},
                     name="sitegen-remove", daemon=True).start()


def open_session(archive_dir: Path) -> Path:
    """A fresh folder for this server's sites, after removing those of servers that are gone."""
    parent = archive_dir / CACHE_DIR / "serve"
    parent.mkdir(parents=True, exist_ok=True)
    for old in parent.iterdir():
        pid = old.name.split("-", 1)[0]
        if pid.isdigit() and not _running(int(pid)):
            shutil.rmtree(old, ignore_errors=True)
    return Path(tempfile.mkdtemp(prefix=f"{os.getpid()}-", dir=parent))


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class FileEvents(FileSystemEventHandler):
    """Tells ``on_change`` of every change under the watched folders as the system reports it
    (inotify on Linux, FSEvents on macOS, … by way of watchdog): at once, and at no cost
    while nothing changes, where looking at every file's time takes the server's thread
    35 ms per look on 1,300 page files and half a second on 20,000.

    The archive's cache folder, where the server writes its builds, is not watched: the
    archive folder is watched without its subfolders, and each of its other folders with
    theirs (one made later from when it appears).
    """

    def __init__(self, archive_dir: Path, on_change: Callable[[], None]):
        super().__init__()
        self.archive_dir, self.on_change = archive_dir, on_change
        self.observer = Observer()
        self._watches: dict[Path, ObservedWatch] = {}
        """The archive's folders watched with their subfolders."""

    @classmethod
    def started(cls, archive_dir: Path, on_change: Callable[[], None]) -> FileEvents | None:
        """Watching, or None when the system cannot tell of changes (too many folders, say)."""
        events = cls(archive_dir, on_change)
        try:
            for folder in watched_paths(archive_dir):
                if folder == archive_dir:  # without its subfolders, then each but the cache with theirs
                    events.observer.schedule(events, str(archive_dir), recursive=False)
                    for inside in sorted(archive_dir.iterdir()):
                        events._watch_folder(inside)
                else:
                    events._watch_folder(folder)
            events.observer.start()
        except (OSError, RuntimeError) as error:
            log.info("file events unavailable: %s", error)
            events.stop()
            return None
        return events

    def _watch_folder(self, folder: Path) -> None:
        """Watch ``folder`` with its subfolders (again, when it was deleted and made anew)."""
        old = self._watches.pop(folder, None)
        if old is not None:
            try:
                self.observer.unschedule(old)
            except KeyError:
                pass
        if folder.is_dir() and not _ignored(str(folder)):
            self._watches[folder] = self.observer.schedule(self, str(folder), recursive=True)

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in (EVENT_TYPE_OPENED, EVENT_TYPE_CLOSED_NO_WRITE):  # read, not changed (builds read every page)
            return
        paths = [Path(os.fsdecode(p)) for p in (event.src_path, event.dest_path) if p]
        if event.is_directory and event.event_type in (EVENT_TYPE_CREATED, EVENT_TYPE_MOVED):
            for path in paths:
                if path.parent == self.archive_dir:
                    try:
                        self._watch_folder(path)  # a folder made in the archive (a new paper's pages, its templates)
                    except OSError as error:  # the system's limit of watched folders, say
                        log.warning("changes in %s will not be seen: %s", path, error)
        if any(not _ignored(str(path)) for path in paths):
            self.on_change()

    def stop(self) -> None:
        if self.observer.is_alive():
            self.observer.stop()
            self.observer.join()


class ArchiveWatcher(Watcher):
    """livereload's watcher: idle when the system tells of changes (``FileEvents``), else livereload's
    polling, looking every ``POLL_SECONDS`` rather than every 0.8 s."""

    def __init__(self, paused: Callable[[], bool] = lambda: False, events: FileEvents | None = None):
        super().__init__()
        self.paused = paused
        """Whether to skip looking for now (while a rebuild runs)."""
        self.events = events
        self.ignore_dirs(CACHE_DIR, "__pycache__")
        self._callback: ioloop.PeriodicCallback | None = None

    def start(self, callback) -> bool:
        if self.events is not None:  # the system tells of changes: nothing to look at
            return True
        self._callback = ioloop.PeriodicCallback(callback, POLL_SECONDS * 1000)
        self._callback.start()
        return True

    def examine(self):
        """Run the tasks (which ask for a rebuild), but never let livereload reload the browser
        itself: that happens when the rebuild is done, not when a file changed.

        While a rebuild runs it does not look (``paused``): a look over a big archive
        takes ~35 ms of the interpreter every ``POLL_SECONDS`` (1,300 files), which the
        rebuild's own thread needs, and a file saved meanwhile is still seen, at the
        first look after the rebuild (its time differs from the one noted before).  The
        exception is the rebuild after a template edit, which a newer edit stops
        (``Builder._restart``)."""
        if not self.paused():
            super().examine()
        return None, None


def watched_paths(archive_dir: Path) -> list[Path]:
    """The archive folder (pages, catalog and settings, its own templates and static files) and the default theme."""
    default = theme.default_theme_dir()
    return [archive_dir, default / "templates", default / "static"]


def _ignored(path: str) -> bool:
    parts = Path(path).parts
    return any(part.startswith(".") for part in parts[-1:]) or path.endswith(("~", ".swp", ".swx", ".tmp"))


# ---- serving ---------------------------------------------------------------------------------------

_OVERLAY_STYLE = """\
.sitegen-serve-overlay { position: fixed; z-index: 2147483647; left: 0; right: 0; top: 0;
  max-height: 60vh; overflow: auto; margin: 0; padding: 1em 1.5em; font: 14px/1.5 monospace;
  background: #fff4f4; color: #5c0000; border-bottom: 4px solid #c00; box-shadow: 0 2px 8px #0004; }
.sitegen-serve-overlay.warnings-only { background: #fffbe6; color: #4d3b00; border-bottom-color: #d9a400;
  position: static; max-height: none; }
.sitegen-serve-overlay h2 { font-size: 1.1em; margin: 0 0 .5em; }
.sitegen-serve-overlay ul { margin: 0; padding-left: 1.5em; }
.sitegen-serve-overlay li { white-space: pre-wrap; }
"""

_HEAD_END = re.compile(r"</head>", re.I)
_BODY_START = re.compile(r"<body[^>]*>", re.I)
_CSP = re.compile(r'(<meta\s+http-equiv="Content-Security-Policy"\s+content=")([^"]*)(")', re.I)


def overlay_html(served: Served) -> str:
    """The banner listing the last rebuild's errors (and warnings) on top of a served page."""
    if not served.errors and not served.warnings:
        return ""
    parts = []
    if served.errors:
        parts.append(f"<h2>sitegen: the last rebuild failed ({len(served.errors)} errors); this is the last good site</h2>")
        parts.append("<ul>" + "".join(f"<li>{html.escape(e)}</li>" for e in served.errors) + "</ul>")
    if served.warnings:
        shown = served.warnings[:OVERLAY_WARNINGS]
        more = len(served.warnings) - len(shown)
        parts.append(f"<h2>{len(served.warnings)} warnings</h2>")
        parts.append(
            "<ul>" + "".join(f"<li>{html.escape(w)}</li>" for w in shown)
            + (f"<li>… and {more} more (see the terminal)</li>" if more else "") + "</ul>"
        )
    kind = "" if served.errors else " warnings-only"
    return f'<div class="sitegen-serve-overlay{kind}" role="alert" id="sitegen-serve-overlay">{"".join(parts)}</div>'


def allow_script(page: str, script_hash: str) -> str:
    """Let the page run livereload's inline loader, by adding its hash to the page's own CSP.

    Only pages served by ``sitegen serve`` get this; built sites keep their policy.
    """
    if not script_hash:
        return page

    def widen(match: re.Match) -> str:
        directives = [d.strip() for d in match.group(2).split(";") if d.strip()]
        names = [d.split()[0].lower() for d in directives]
        if "script-src" in names:
            i = names.index("script-src")
            directives[i] += f" '{script_hash}'"
        else:
            directives.append(f"script-src 'self' '{script_hash}'")
        return match.group(1) + "; ".join(directives) + match.group(3)

    return _CSP.sub(widen, page, count=1)


def serve_page(page: str, served: Served, script_hash: str) -> str:
    """A built page as ``sitegen serve`` shows it: livereload allowed by its CSP, the overlay on top."""
    page = allow_script(page, script_hash)
    banner = overlay_html(served)
    if banner:
        page = _HEAD_END.sub(f'<link rel="stylesheet" href="/{OVERLAY_CSS}">\n</head>', page, count=1)
        page = _BODY_START.sub(lambda m: m.group(0) + "\n" + banner, page, count=1)
    return page


def _not_built_page() -> str:
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>sitegen serve</title></head>'
        "<body><p>The site has not been built yet.</p></body></html>\n"
    )


def _is_page(name: str, served: Served) -> bool:
    """Whether ``name`` is made from templates: an HTML page, or a path the site lacks (the 404 page)."""
    return name.endswith(".html") or served.site is None or served.site.file(name) is None


def _read(site: SiteView | None, name: str) -> bytes | None:
    """The file ``name`` of the site; None when the site has no such file."""
    target = site.file(name) if site is not None else None
    if target is None:
        return None
    try:
        return target.read_bytes()
    except OSError:
        return None


class SiteHandler(web.RequestHandler):
    """Serves the current generation of the site; livereload's transform adds its script to HTML pages."""

    def initialize(self, current: Callable[[], Served], script_hash: Callable[[], str]):
        self.current, self.script_hash = current, script_hash

    def compute_etag(self):
        return None

    def head(self, path: str):
        return self.get(path, include_body=False)

    async def get(self, path: str, include_body: bool = True):
        served = self.current()
        self.set_header("Cache-Control", "no-store")
        if path == OVERLAY_CSS:
            self.set_header("Content-Type", "text/css; charset=utf-8")
            self.finish(_OVERLAY_STYLE if include_body else None)
            return
        name = path + "index.html" if path == "" or path.endswith("/") else path
        content = None
        # After a template edit no page is served with the old templates: an issue's pages are
        # rendered with the new ones now (sitegen.preview), any other page waits for the rebuild.
        while served.preview is not None and _is_page(name, served):
            if (content := served.preview.page(name)) is not None:
                break
            await asyncio.sleep(PREVIEW_WAIT_SECONDS)
            served = self.current()
        content = content or _read(served.site, name)
        if content is None and _read(served.site, f"{name}/index.html") is not None:
            self.redirect(f"/{path}/", permanent=False)
            return
        if content is None:
            self.set_status(404)
            name = "404.html"
            content = _read(served.site, name) or (_not_built_page() if served.site is None else "Not found")
        kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
        if kind == "text/html":
            content = serve_page(content if isinstance(content, str) else content.decode("utf-8"), served, self.script_hash())
        if isinstance(content, str):
            content = content.encode("utf-8")
            kind += "; charset=utf-8"
        self.set_header("Content-Type", kind)
        if include_body:
            self.write(content)
        self.finish()


class SiteServer(Server):
    """livereload's ``Server``, serving whichever generation of the site is current."""

    def __init__(self, current: Callable[[], Served], watcher: Watcher):
        super().__init__(watcher=watcher)
        self.current = current
        self.script_hash = ""

    def get_web_handlers(self, script):
        # ``script`` is livereload's inline loader, which its transform puts before </head>;
        # the site's CSP allows it by hash.
        body = re.sub(rb"^<script[^>]*>|</script>$", b"", bytes(script))
        self.script_hash = "sha256-" + base64.b64encode(hashlib.sha256(body).digest()).decode()
        return [(r"/(.*)", SiteHandler, {"current": self.current, "script_hash": lambda: self.script_hash})]


def free_port(host: str, port: int, attempts: int = PORT_ATTEMPTS) -> int:
    """``port`` if it can be bound on ``host``, else the next one that can; OSError when none."""
    last: OSError | None = None
    for candidate in range(port, port + attempts):
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind((host, candidate))
                return candidate
            except OSError as error:
                if error.errno != errno.EADDRINUSE:
                    raise
                last = error
    raise OSError(errno.EADDRINUSE, f"ports {port}-{port + attempts - 1} on {host} are all in use") from last


def serve(archive_dir: Path, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, open_browser: bool = False,
          echo: Callable[[str], None] = print) -> int:
    """Build, serve and rebuild until interrupted; the exit status."""
    try:
        chosen = free_port(host, port)
    except OSError as error:
        echo(f"sitegen: cannot serve on {host}:{port}: {error.strerror or error}")
        return 2
    if chosen != port:
        echo(f"Port {port} is in use; serving on port {chosen} instead.")

    server_pid = os.getpid()

    def on_term(signum, frame):
        """The same clean stop for `kill` as for Ctrl-C, in the server only: a build's
        worker process inherits this handler until it sets its own (``sitegen.pool``),
        and its pool stops it with SIGTERM."""
        if os.getpid() != server_pid:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            os.kill(os.getpid(), signal.SIGTERM)
            return
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_term)
    logging.getLogger("tornado.access").setLevel(logging.WARNING)
    loop = ioloop.IOLoop.current()

    def reload_browsers(served: Served) -> None:
        if served.reload:
            loop.add_callback(LiveReloadHandler.reload_waiters, "*")

    session = open_session(archive_dir)
    builder = Builder(archive_dir, session, reload_browsers, echo=echo)
    worker = threading.Thread(target=builder.run, name="sitegen-rebuild", daemon=True)
    events = None
    try:
        # Watching starts now, so that a change made during the first build is seen.
        events = FileEvents.started(archive_dir, builder.request)
        if events is None:
            echo(f"The system does not tell of file changes here; looking for them every {POLL_SECONDS} s.")
        watcher = ArchiveWatcher(paused=lambda: not builder.watching, events=events)
        for path in watched_paths(archive_dir):
            if path.is_dir():
                # 'forever': livereload must not reload the browser on a change, only after the rebuild.
                watcher.watch(str(path), builder.request, delay="forever", ignore=_ignored)
        if events is None:
            watcher.examine()  # note every file's time now
        echo(f"Building {archive_dir} …")
        builder.rebuild()
        gc.disable()  # from now on the builder collects garbage when idle (see ``Builder``)
        worker.start()
        echo(f"Serving {archive_dir} on http://{host}:{chosen}/ (Ctrl-C to stop)")
        server = SiteServer(lambda: builder.served, watcher)
        server.serve(port=chosen, host=host, open_url_delay=0.5 if open_browser else None, restart_delay=0)
    except KeyboardInterrupt:
        pass
    finally:
        if events is not None:
            events.stop()
        builder.stop()
        if builder.busy:
            echo("Stopping the rebuild …")  # it stops at its next page or issue
        if worker.is_alive():
            worker.join()
        shutil.rmtree(session, ignore_errors=True)
    echo("Stopped.")
    return 0
