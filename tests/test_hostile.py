"""An archive written to attack the site: markup, script and Markdown in OCR text,
a paper name that climbs folders, file names with spaces and Chinese.

A reader must see every hostile string as the text it is, no script may run, and
the build must touch nothing outside its output folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sitegen.build import build
from sitegen.check import check_site
from tests.conftest import REPO

HOSTILE = REPO / "tests" / "fixtures" / "hostile"

#: Strings of the input that a reader must find, character for character, in an article body.
HOSTILE_TEXT = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
    "[点我](javascript:window.__pwned=1)",
    "&lt;script&gt;",
    "&amp;",
    "`反引号`",
    "|竖线|",
    "---",
    "1. 看起来像列表的一行",
    "<http://x>",
    "# 不是标题",
    "注释<!-- 不是注释 -->与分行",
]


def _hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and ".sitegen-cache" not in p.parts}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    archive = root / "archive"
    shutil.copytree(HOSTILE, archive)
    before_inputs = _hashes(archive)
    out = root / "out" / "site"
    build(archive, out, use_cache=False)
    return root, archive, out, before_inputs


@pytest.fixture(scope="module")
def site(built) -> Path:
    return built[2]


def test_the_input_files_are_left_unchanged(built):
    root, archive, out, before = built
    assert _hashes(archive) == before


def test_nothing_is_written_outside_the_output_folder(built):
    root, archive, out, _ = built
    outside = [p.relative_to(root).as_posix() for p in root.rglob("*")
               if p.is_file() and out not in p.parents and archive not in p.parents]
    assert outside == []
    assert not (root / "evil").exists() and not (out.parent.parent / "evil").exists()


def test_check_finds_no_problem(site):
    assert [str(p) for p in check_site(site)] == []


class _Markup(HTMLParser):
    """Inline scripts, event-handler attributes and style attributes of one page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.bad: list[str] = []

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        if tag == "script" and not names.get("src"):
            self.bad.append("inline <script>")
        for name, _ in attrs:
            if name.startswith("on") or name == "style":
                self.bad.append(f"<{tag} {name}=>")


def test_no_page_carries_inline_script_event_handlers_or_style_attributes(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    found = {}
    for page in pages:
        parser = _Markup()
        parser.feed(page.read_text(encoding="utf-8"))
        if parser.bad:
            found[page.relative_to(site).as_posix()] = parser.bad
    assert found == {}


def _article_urls(site: Path) -> list[str]:
    return [r["url"] for r in json.loads((site / "api/articles.json").read_text(encoding="utf-8"))["articles"]]


def test_a_paper_name_that_climbs_folders_stays_inside_papers(site):
    urls = _article_urls(site)
    assert len(urls) == 2
    for url in urls:
        assert ".." not in url.split("/") and url.startswith("papers/")
        assert (site / url).resolve().is_relative_to(site.resolve())


def test_markdown_files_keep_the_text_as_written_once_rendered(site):
    import markdown

    text = ""
    for url in _article_urls(site):
        source = (site / url).with_suffix(".md").read_text(encoding="utf-8").split("\n---\n", 1)[1]
        text += markdown.Markdown(extensions=["attr_list"]).convert(source)
    for hostile in HOSTILE_TEXT:
        escaped = hostile.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        assert escaped in text or escaped.replace('"', "&quot;") in text, hostile


@pytest.mark.browser
def test_pages_show_hostile_text_as_text_and_run_no_script(site, page):
    bodies = ""
    for rel in ["index.html", *_article_urls(site), *{str(Path(u).parent / "index.html") for u in _article_urls(site)}]:
        page.goto((site / rel).as_uri())
        assert page.evaluate("typeof window.__pwned") == "undefined", rel
        if page.locator(".article-body").count():
            bodies += page.locator(".article-body").inner_text()
        headline = page.locator("h1").first.inner_text()
        assert "<script>" not in page.evaluate("document.head.innerHTML + document.body.innerHTML")
        assert headline
    assert page.log.problems() == []
    for hostile in HOSTILE_TEXT:
        assert hostile in bodies, hostile


@pytest.mark.browser
def test_the_headline_with_a_closing_script_tag_reads_as_written(site, page):
    url = next(u for u in _article_urls(site) if u.startswith("papers/evil/"))
    page.goto((site / url).as_uri())
    assert page.locator("h1").first.inner_text().split() == ["大字报头条</script>", "第二行"]
    assert page.log.problems() == []


@pytest.mark.browser
def test_searching_for_a_hostile_string_finds_it_without_running_it(site, page):
    page.goto((site / "search.html").as_uri() + "?q=" + "onerror")
    page.locator("#search-results li").first.wait_for(timeout=10_000)
    results = page.locator("#search-results").inner_text()
    assert "onerror" in results
    page.wait_for_timeout(200)  # an injected <img onerror> would fire now
    assert page.evaluate("typeof window.__pwned") == "undefined"
    page.goto((site / "search.html").as_uri() + "?q=" + "<script>window.__pwned=1</script>")
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.log.problems() == []


def test_a_second_build_elsewhere_with_another_time_zone_and_hash_seed_is_byte_identical(built, tmp_path):
    first = built[2]
    archive = tmp_path / "另一个 档案"
    shutil.copytree(HOSTILE, archive)
    second = tmp_path / "elsewhere" / "site"
    elsewhere = tmp_path / "cwd"
    elsewhere.mkdir()
    env = {**os.environ, "TZ": "Pacific/Kiritimati", "PYTHONHASHSEED": "12345",
           "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    subprocess.run([sys.executable, "-m", "sitegen", "build", str(archive), "-o", str(second), "-q"],
                   cwd=elsewhere, env=env, check=True, capture_output=True)
    files = sorted(p.relative_to(first).as_posix() for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second).as_posix() for p in second.rglob("*") if p.is_file())
    differ = [f for f in files if (first / f).read_bytes() != (second / f).read_bytes()]
    assert differ == []


def test_no_built_file_names_the_folders_it_was_built_from_or_into(built):
    root = built[0]
    leaks = {str(root), root.as_posix(), "/tmp/"} | ({str(Path.home())} if len(str(Path.home())) > 1 else set())
    found = [(p.name, leak) for p in built[2].rglob("*") if p.is_file()
             for leak in leaks if leak.encode() in p.read_bytes()]
    assert found == []


def test_search_data_escapes_line_separators_that_older_javascript_cannot_parse(site):
    data = [p for p in (site / "search").rglob("*.js")]
    raw = [p.relative_to(site).as_posix() for p in data if re.search("[\u2028\u2029]", p.read_text(encoding="utf-8"))]
    assert raw == []
    assert any("大字报头条</script>\\u2028第二行" in p.read_text(encoding="utf-8") for p in data)
