"""`sitegen serve` as an archivist uses it: start it, open pages, edit files, see the change."""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from sitegen.build import build
from sitegen.cache import CACHE_DIR
from tests.conftest import REPO, copy_seeds

TIMEOUT = 30


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def _until(check, what: str):
    """Poll ``check()`` until it returns something truthy, for at most TIMEOUT seconds."""
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        try:
            value = check()
        except (urllib.error.URLError, ConnectionError):
            value = None
        if value:
            return value
        time.sleep(0.1)
    pytest.fail(f"timed out waiting for {what}")


class Served:
    """A `sitegen serve` subprocess and what it printed."""

    def __init__(self, archive: Path, port: int, log: Path):
        self.archive, self.port, self.log = archive, port, log
        self.url = f"http://127.0.0.1:{port}/"
        env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "sitegen", "serve", str(archive), "--port", str(port)],
            cwd=REPO, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True,
        )

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait_ready(self) -> None:
        _until(lambda: self.process.poll() is None and _fetch(self.url)[0] == 200 or self._died(), "the server")

    def _died(self):
        if self.process.poll() is not None:
            pytest.fail(f"sitegen serve exited:\n{self.output()}")

    def get(self, path: str) -> tuple[int, str]:
        return _fetch(self.url + path)

    def articles(self) -> list[dict]:
        return json.loads(self.get("api/articles.json")[1])["articles"]

    def stop(self) -> int:
        self.process.terminate()
        try:
            return self.process.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)  # never leave a hung server (or its workers) behind
            raise


@pytest.fixture
def archive(tmp_path) -> Path:
    return copy_seeds(tmp_path / "archive", 2)


@pytest.fixture
def served(archive, tmp_path):
    server = Served(archive, _free_port(), tmp_path / "serve.log")
    try:
        server.wait_ready()
        yield server
    finally:
        if server.process.poll() is None:
            server.stop()


def _last_article_of(server: Served, file_name: str) -> dict:
    records = [r for r in server.articles() if r["source"]["file"] == file_name]
    return max(records, key=lambda r: r["source"]["line_start"])


def test_served_pages_load_livereload_and_built_pages_do_not(served, tmp_path):
    status, home = served.get("")
    assert status == 200
    assert "/livereload.js" in home
    assert served.get("livereload.js")[0] == 200
    # The page's own CSP lets livereload's loader run (by its hash), only when served.
    assert "script-src 'self' 'sha256-" in home

    build(served.archive, tmp_path / "site")
    for page in (tmp_path / "site").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "livereload" not in text and "sha256-" not in text, page


def test_saving_a_page_shows_its_new_text(served):
    page = served.archive / served.articles()[0]["source"]["file"]
    article = _last_article_of(served, page.name)
    assert "档案馆补录的一段正文" not in served.get(article["url"])[1]

    page.write_text(page.read_text(encoding="utf-8") + "\n\n　　档案馆补录的一段正文。\n", encoding="utf-8")
    _until(lambda: "档案馆补录的一段正文" in served.get(article["url"])[1], "the edited article")


def test_editing_a_template_changes_every_page(served):
    templates = served.archive / "templates"
    templates.mkdir()
    base = (REPO / "templates" / "base.html").read_text(encoding="utf-8")
    (templates / "base.html").write_text(base.replace("</footer>", "<p>本馆自定义页脚</p></footer>"), encoding="utf-8")
    _until(lambda: "本馆自定义页脚" in served.get("")[1], "the edited template on the home page")
    assert "本馆自定义页脚" in served.get(served.articles()[0]["url"])[1]


def test_deleting_a_page_removes_its_articles(served):
    article = served.articles()[-1]
    page = served.archive / article["source"]["file"]
    assert served.get(article["url"])[0] == 200

    page.unlink()
    _until(lambda: served.get(article["url"])[0] == 404, "the deleted page's article to go")
    assert all(r["source"]["file"] != page.name for r in served.articles())


def test_a_broken_input_keeps_the_last_good_site_and_shows_the_error(served):
    article = served.articles()[0]
    (served.archive / "broken.txt").write_bytes(b"\x00\x01\x02 binary \xff\xfe\x00" * 50)
    home = _until(lambda: (lambda html: "sitegen-serve-overlay" in html and html)(served.get("")[1]),
                  "the error overlay")
    assert "broken.txt" in home
    status, still = served.get(article["url"])
    assert status == 200 and article["title"] in still
    assert "broken.txt" in served.output()

    (served.archive / "broken.txt").unlink()
    _until(lambda: "sitegen-serve-overlay" not in served.get("")[1], "the overlay to go once the file is fixed")


def test_stopping_leaves_no_process_and_no_temporary_folder(served):
    assert list((served.archive / CACHE_DIR / "serve").iterdir())
    assert served.stop() == 0
    assert list((served.archive / CACHE_DIR / "serve").iterdir()) == []
    assert "Stopped." in served.output()


def test_a_busy_port_gives_the_next_free_one_and_says_so(archive, tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        server = Served(archive, port, tmp_path / "serve.log")
        try:
            _until(lambda: "serving on port" in server.output() or server._died(), "the port message")
            chosen = int(server.output().split("serving on port ")[1].split()[0])
            assert chosen != port
            server.url = f"http://127.0.0.1:{chosen}/"
            server.wait_ready()
        finally:
            server.stop()


def test_a_page_in_a_folder_made_while_serving_is_seen(served):
    before = len(served.articles())
    folder = served.archive / "新到报纸" / "2022-11-29"
    folder.mkdir(parents=True)
    seed = sorted(served.archive.glob("*.txt"))[0]
    (folder / "01.txt").write_bytes(seed.read_bytes())
    _until(lambda: len(served.articles()) > before, "the new folder's page")


def test_file_events_tell_of_changes_to_pages_and_not_of_reads_or_the_cache(archive):
    from sitegen.serve import FileEvents

    (archive / CACHE_DIR).mkdir()
    changes = []
    events = FileEvents.started(archive, lambda: changes.append(1))
    assert events is not None
    try:
        page = sorted(archive.glob("*.txt"))[0]
        page.read_bytes()
        (archive / CACHE_DIR / "entry.pickle").write_bytes(b"parsed")
        time.sleep(0.5)
        assert changes == []  # a build reads every page and writes its cache: no rebuild for that

        page.write_bytes(page.read_bytes() + "\n\n　　补录。\n".encode())
        _until(lambda: changes, "the edit to be told")
    finally:
        events.stop()


def test_a_template_folder_deleted_and_made_again_is_watched_again(served):
    templates = served.archive / "templates"
    base = (REPO / "templates" / "base.html").read_text(encoding="utf-8")
    for mark in ("第一版页脚", "第二版页脚"):
        templates.mkdir()
        (templates / "base.html").write_text(base.replace("</footer>", f"<p>{mark}</p></footer>"), encoding="utf-8")
        _until(lambda: mark in served.get("")[1], f"the template with {mark}")
        (templates / "base.html").write_text(base.replace("</footer>", f"<p>{mark}改</p></footer>"), encoding="utf-8")
        _until(lambda: f"{mark}改" in served.get("")[1], f"the template edited again ({mark})")
        shutil.rmtree(templates)
        _until(lambda: mark not in served.get("")[1], "the theme's own template again")
