"""``sitegen check``: a publishing workflow can gate on a whole, offline site."""

import subprocess
import sys
from pathlib import Path

import pytest

from sitegen.check import check_site
from tests.conftest import REPO


def _site(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_the_built_seeds_site_has_no_problems(seeds_site):
    assert [str(p) for p in check_site(seeds_site)] == []


def test_a_broken_link_is_reported_with_its_page(tmp_path):
    site = _site(tmp_path, {"index.html": '<a href="papers/a/index.html">a</a>', "papers/a/index.html": '<a href="../../nope.html">x</a>'})
    assert [str(p) for p in check_site(site)] == ["papers/a/index.html: broken link to ../../nope.html"]


def test_a_link_to_a_bare_folder_is_reported_because_file_urls_show_a_listing(tmp_path):
    site = _site(tmp_path, {"index.html": '<a href="papers/">papers</a>', "papers/index.html": "<p>p</p>"})
    assert "link to a folder" in str(check_site(site)[0])


def test_resources_from_the_network_are_reported_but_outbound_links_are_not(tmp_path):
    site = _site(tmp_path, {
        "index.html": '<link rel="stylesheet" href="https://cdn.example/x.css">'
                      '<script src="//cdn.example/x.js"></script>'
                      '<a href="https://example.org/">elsewhere</a><img srcset="a.png 1x, http://x/b.png 2x">',
        "a.png": "",
    })
    messages = [p.message for p in check_site(site)]
    assert len(messages) == 3 and all("network" in m for m in messages)


def test_css_urls_and_fragments(tmp_path):
    site = _site(tmp_path, {"index.html": '<a href="#top">top</a><a href="b.html#x">b</a>', "b.html": "",
                            "static/a.css": "body{background:url('../img/missing.png')}"})
    assert [str(p) for p in check_site(site)] == ["static/a.css: broken link to ../img/missing.png"]


def test_a_missing_search_shard_is_reported(seeds_site, tmp_path):
    import shutil

    copy = tmp_path / "site"
    shutil.copytree(seeds_site, copy)
    shard = sorted((copy / "search" / "s").glob("*.js"))[0]
    shard.unlink()
    assert f"search/s/{shard.name}: missing search-index file" in [str(p) for p in check_site(copy)]


@pytest.mark.parametrize("folder", ["t", "k"])
def test_a_missing_text_or_topic_members_file_is_reported(seeds_site, tmp_path, folder):
    import shutil

    copy = tmp_path / "site"
    shutil.copytree(seeds_site, copy)
    files = sorted((copy / "search" / folder).rglob("*.js"))
    assert files
    files[-1].unlink()
    name = files[-1].relative_to(copy).as_posix()
    assert [str(p) for p in check_site(copy)] == [f"{name}: missing search-index file"]


def test_the_command_exits_non_zero_on_problems(tmp_path, seeds_site):
    ok = subprocess.run([sys.executable, "-m", "sitegen", "check", str(seeds_site)], cwd=REPO, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout
    site = _site(tmp_path, {"index.html": '<a href="gone.html">x</a>'})
    bad = subprocess.run([sys.executable, "-m", "sitegen", "check", str(site)], cwd=REPO, capture_output=True, text=True)
    assert bad.returncode == 1 and "index.html: broken link to gone.html" in bad.stdout
