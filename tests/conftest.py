"""Shared test set-up: the repository root on sys.path, and where the corpus lives."""

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

#: The People's Daily corpus kept beside the checkout (never copied into it).
CORPUS = REPO.parent / "shared" / "corpus" / "people-daily"
SEEDS = REPO / "seeds"

needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is absent")


def copy_seeds(folder: Path, count: int) -> Path:
    """A small archive in ``folder``: the first ``count`` seed pages, so tests may edit it."""
    folder.mkdir(parents=True, exist_ok=True)
    for page in sorted(SEEDS.glob("*.txt"))[:count]:
        (folder / page.name).write_bytes(page.read_bytes())
    return folder


# --- a built sample site, served and opened in a real browser ----------------------

import functools
import http.server
import os
import shutil
import threading
from urllib.parse import urlsplit

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
def seeds_site(tmp_path_factory) -> Path:
    """seeds/ built once for the whole session (tests must not modify it)."""
    from sitegen.build import build

    archive = tmp_path_factory.mktemp("seeds-archive")
    shutil.copytree(SEEDS, archive, dirs_exist_ok=True)
    out = tmp_path_factory.mktemp("seeds-site") / "site"
    build(archive, out)
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def http_server():
    """Serves folders on 127.0.0.1: ``http_server(folder)`` gives the root URL ("http://127.0.0.1:N/")."""
    servers = []

    def serve(folder: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield serve
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("/usr/bin/chromium is missing: the README's test command installs Debian's chromium")
        pytest.skip("/usr/bin/chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class PageLog:
    """What a page did that a reader would not want: errors, failed and outside requests."""

    def __init__(self):
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.failed: list[str] = []
        self.outside: list[str] = []
        self.dialogs: list[str] = []

    def problems(self) -> list[str]:
        return [*self.console_errors, *self.page_errors, *(f"failed: {u}" for u in self.failed),
                *(f"left the machine: {u}" for u in self.outside), *(f"dialog: {d}" for d in self.dialogs)]


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("file", "data", "blob", "about") or parts.hostname in ("127.0.0.1", "localhost")


@pytest.fixture
def page(browser):
    """A fresh tab whose ``page.log`` records console errors, failed requests, dialogs, and any
    request to another machine (which is aborted)."""
    context = browser.new_context()
    tab = context.new_page()
    log = PageLog()
    tab.on("console", lambda m: m.type == "error" and log.console_errors.append(m.text))
    tab.on("pageerror", lambda e: log.page_errors.append(str(e)))
    # A request cut short because the reader moved on (ERR_ABORTED) is no fault of the page;
    # a missing file is: net::ERR_FILE_NOT_FOUND from disk, a 4xx/5xx status over HTTP.
    tab.on("requestfailed", lambda r: "ERR_ABORTED" not in (r.failure or "") and log.failed.append(r.url))
    tab.on("response", lambda r: r.status >= 400 and log.failed.append(f"{r.url} ({r.status})"))

    def on_dialog(dialog):
        log.dialogs.append(dialog.message)
        dialog.dismiss()

    tab.on("dialog", on_dialog)

    def guard(route):
        if _is_local(route.request.url):
            route.continue_()
        else:
            log.outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    tab.log = log
    yield tab
    context.close()
