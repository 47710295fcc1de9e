"""Building the sample archive: what a reader and other tools find in site/."""

import json
from pathlib import Path

import pytest

from sitegen.build import build
from tests.conftest import SEEDS


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("seeds") / "site"
    build(SEEDS, out)
    return out


def test_every_article_in_the_api_has_its_page_and_markdown(site):
    records = json.loads((site / "api/articles.json").read_text(encoding="utf-8"))["articles"]
    assert len(records) >= 10
    for record in records:
        assert (site / record["url"]).is_file()
        markdown = (site / record["markdown"]).read_text(encoding="utf-8")
        assert markdown.startswith("---\n")
        assert record["title"] in (site / record["url"]).read_text(encoding="utf-8")
        assert record["source"]["file"].startswith("0")


def test_home_links_to_each_newspaper(site):
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'lang="zh-CN"' in home
    for paper_index in (site / "papers").glob("*/index.html"):
        assert paper_index.relative_to(site).as_posix() in home


def test_build_is_byte_identical_across_folders(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    build(SEEDS, first)
    build(SEEDS, second)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for rel in files:
        assert (first / rel).read_bytes() == (second / rel).read_bytes(), rel


def test_the_site_folder_is_as_readable_as_any_folder_made_here(site, tmp_path):
    # The site is built in a temporary folder (made readable by its owner alone) and renamed into place;
    # a web server running as another user must be able to read it, as it can its files.
    made = tmp_path / "made"
    made.mkdir()
    folders = [site, *(p for p in site.rglob("*") if p.is_dir())]
    assert {p.stat().st_mode & 0o777 for p in folders} == {made.stat().st_mode & 0o777}


def test_a_failed_build_leaves_the_previous_site_in_place(tmp_path, monkeypatch):
    out = tmp_path / "site"
    build(SEEDS, out)
    before = (out / "index.html").read_bytes()

    def broken(*args, **kwargs):
        raise RuntimeError("template exploded")

    monkeypatch.setattr("sitegen.build._write_static", broken)
    with pytest.raises(RuntimeError):
        build(SEEDS, out, use_cache=False)  # with the cache, nothing changed and nothing would be written
    assert (out / "index.html").read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_refuses_to_overwrite_a_folder_it_did_not_write(tmp_path):
    from sitegen.output import OutputError

    precious = tmp_path / "thesis"
    precious.mkdir()
    (precious / "chapter1.docx").write_text("mine")
    with pytest.raises(OutputError, match="not written by sitegen"):
        build(SEEDS, precious)
    assert (precious / "chapter1.docx").read_text() == "mine"


def test_base_url_adds_a_sitemap_of_every_article_and_a_feed_per_paper(tmp_path):
    import xml.etree.ElementTree as ET

    out = tmp_path / "site"
    build(SEEDS, out, base_url="https://example.github.io/archive/")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "a": "http://www.w3.org/2005/Atom"}
    locs = {e.text for e in ET.parse(out / "sitemap.xml").getroot().findall("s:url/s:loc", ns)}
    records = json.loads((out / "api/articles.json").read_text(encoding="utf-8"))["articles"]
    for record in records:
        assert "https://example.github.io/archive/" + record["url"] in locs
    feeds = list((out / "papers").glob("*/feed.xml"))
    assert feeds
    titles = {e.text for f in feeds for e in ET.parse(f).getroot().findall("a:entry/a:title", ns)}
    assert titles <= {r["title"] for r in records} and titles


def test_without_base_url_there_is_no_sitemap(site):
    assert not (site / "sitemap.xml").exists()
    assert not list((site / "papers").glob("*/feed.xml"))
