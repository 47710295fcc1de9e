"""The parse cache: a rebuild parses only what changed and makes the same site."""

import json
import pickle
import shutil
from pathlib import Path

import pytest

from sitegen.build import build
from sitegen.cache import CACHE_DIR
from sitegen.cli import main
from sitegen.parse import read_page
from tests.conftest import REPO, copy_seeds


@pytest.fixture
def archive(tmp_path) -> Path:
    return copy_seeds(tmp_path / "archive", 3)


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_second_build_takes_every_page_from_the_cache(archive, tmp_path):
    first = build(archive, tmp_path / "site")
    second = build(archive, tmp_path / "another")
    assert (first.parsed, first.reused) == (3, 0)
    assert (second.parsed, second.reused) == (0, 3)


def test_no_cache_parses_every_page_and_leaves_no_cache_folder(archive, tmp_path):
    assert main(["build", str(archive), "-o", str(tmp_path / "site"), "--no-cache"]) == 0
    assert not (archive / CACHE_DIR).exists()
    build(archive, tmp_path / "site")
    assert build(archive, tmp_path / "site", use_cache=False).parsed == 3


def test_an_edited_page_is_parsed_again_and_its_new_text_is_published(archive, tmp_path):
    build(archive, tmp_path / "site")
    page = sorted(archive.glob("*.txt"))[1]
    page.write_text(page.read_text(encoding="utf-8") + "\n\n　　档案馆补录的一段正文。\n", encoding="utf-8")
    result = build(archive, tmp_path / "site")
    assert (result.parsed, result.reused) == (1, 2)
    pages = [p.read_text(encoding="utf-8") for p in (tmp_path / "site").rglob("*.html")]
    assert any("档案馆补录的一段正文。" in html for html in pages)



def test_a_rebuild_works_out_topics_only_for_the_edited_page(archive, tmp_path, monkeypatch):
    from sitegen import read_pages, topics

    worked = []
    monkeypatch.setattr(read_pages, "stories_signals",
                        lambda stories, *rest: worked.extend(stories) or topics.stories_signals(stories, *rest))
    build(archive, tmp_path / "site", jobs=1)
    everything, worked[:] = len(worked), []
    page = sorted(archive.glob("*.txt"))[1]
    page.write_text(page.read_text(encoding="utf-8") + "\n\n　　档案馆补录的一段正文。\n", encoding="utf-8")
    build(archive, tmp_path / "site", jobs=1)
    edited = read_page(page.read_text(encoding="utf-8")).stories
    assert [story.headline for story in worked] == [story.headline for story in edited]
    assert 0 < len(worked) < everything

def test_site_is_byte_identical_with_and_without_the_cache(archive, tmp_path):
    build(archive, tmp_path / "cold", use_cache=False)
    build(archive, tmp_path / "warm-up")
    warm = build(archive, tmp_path / "warm")
    assert warm.reused == 3
    assert _files(tmp_path / "warm") == _files(tmp_path / "cold")


def test_damaged_cache_entries_are_ignored_and_rewritten(archive, tmp_path):
    build(archive, tmp_path / "site")
    for entry in (archive / CACHE_DIR / "parse").iterdir():
        entry.write_bytes(entry.read_bytes()[:100])
    assert build(archive, tmp_path / "second").parsed == 3
    assert build(archive, tmp_path / "third").reused == 3


def test_a_cache_entry_that_would_run_code_is_refused(archive, tmp_path):
    build(archive, tmp_path / "site")
    marker = tmp_path / "pwned"
    for entry in (archive / CACHE_DIR / "parse").iterdir():
        key = entry.read_bytes().split(b"\n", 1)[0]
        payload = pickle.dumps(_Exploit(str(marker)))
        entry.write_bytes(key + b"\n" + payload)
    assert build(archive, tmp_path / "second").parsed == 3
    assert not marker.exists()


class _Exploit:
    def __init__(self, path: str):
        self.path = path

    def __reduce__(self):
        return (Path.touch, (Path(self.path),))


def test_deleting_a_page_drops_its_cache_entry(archive, tmp_path):
    build(archive, tmp_path / "site")
    sorted(archive.glob("*.txt"))[0].unlink()
    result = build(archive, tmp_path / "site")
    assert result.pages == 2
    assert len(list((archive / CACHE_DIR / "parse").iterdir())) == 2


def test_cache_folder_is_ignored_by_git(archive, tmp_path):
    build(archive, tmp_path / "site")
    assert (archive / CACHE_DIR / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"


def test_a_build_with_nothing_changed_leaves_the_site_alone_and_repeats_its_messages(archive, tmp_path):
    (archive / "broken.txt").write_bytes(b"\x00\x01binary\xff" * 40)
    first = build(archive, tmp_path / "site")
    before = _files(tmp_path / "site")
    marker = (tmp_path / "site" / ".sitegen-site").stat().st_mtime_ns
    again = build(archive, tmp_path / "site")
    assert again.up_to_date and not first.up_to_date
    assert (again.pages, again.articles) == (first.pages, first.articles)
    assert [str(d) for d in again.diagnostics] == [str(d) for d in first.diagnostics]
    assert any("broken.txt" in str(d) for d in again.errors)
    assert (tmp_path / "site" / ".sitegen-site").stat().st_mtime_ns == marker
    assert _files(tmp_path / "site") == before


@pytest.mark.parametrize("change", ["template", "settings", "base_url", "output_removed", "no_cache"])
def test_any_change_to_what_the_site_is_made_from_builds_again(archive, tmp_path, change):
    build(archive, tmp_path / "site")
    options = {}
    if change == "template":
        (archive / "templates").mkdir()
        (archive / "templates" / "404.html").write_text("{% extends 'base.html' %}", encoding="utf-8")
    elif change == "settings":
        (archive / "sitegen.toml").write_text('[site]\ntitle = "另一个标题"\n', encoding="utf-8")
    elif change == "base_url":
        options["base_url"] = "https://example.org/archive/"
    elif change == "output_removed":
        shutil.rmtree(tmp_path / "site")
    else:
        options["use_cache"] = False
    result = build(archive, tmp_path / "site", **options)
    assert not result.up_to_date
    if change == "settings":
        assert "另一个标题" in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


def test_editing_one_page_renders_only_its_issue_and_gives_the_same_site_as_a_clean_build(archive, tmp_path):
    first = build(archive, tmp_path / "site")
    assert first.issues >= 2 and first.issues_reused == 0
    page = sorted(archive.glob("*.txt"))[0]
    page.write_text(page.read_text(encoding="utf-8") + "\n\n　　档案馆补录的一段正文。\n", encoding="utf-8")
    again = build(archive, tmp_path / "site")
    assert again.issues_reused == first.issues - 1
    build(archive, tmp_path / "clean", use_cache=False)
    assert _files(tmp_path / "site") == _files(tmp_path / "clean")


def test_a_template_change_renders_every_issue_again(archive, tmp_path):
    build(archive, tmp_path / "site")
    (archive / "templates").mkdir()
    base = (REPO / "templates" / "base.html").read_text(encoding="utf-8")
    (archive / "templates" / "base.html").write_text(base.replace("</footer>", "<p>自定义页脚</p></footer>"),
                                                     encoding="utf-8")
    again = build(archive, tmp_path / "site")
    assert again.issues_reused == 0
    article = json.loads((tmp_path / "site" / "api" / "articles.json").read_text(encoding="utf-8"))["articles"][0]
    assert "自定义页脚" in (tmp_path / "site" / article["url"]).read_text(encoding="utf-8")


def _edit_one_page(archive: Path) -> None:
    page = sorted(archive.glob("*.txt"))[1]
    page.write_text(page.read_text(encoding="utf-8") + "\n\n　　档案馆补录的一段正文。\n", encoding="utf-8")


def test_a_rebuild_links_the_files_it_did_not_change_and_writes_the_rest(archive, tmp_path):
    build(archive, tmp_path / "first")
    _edit_one_page(archive)
    build(archive, tmp_path / "second", previous_site=tmp_path / "first")
    build(archive, tmp_path / "cold", use_cache=False)
    first, second = tmp_path / "first", tmp_path / "second"
    assert _files(second) == _files(tmp_path / "cold")
    linked = {p for p in _files(second) if (first / p).is_file() and (first / p).samefile(second / p)}
    changed = {p for p, data in _files(second).items() if not (first / p).is_file() or (first / p).read_bytes() != data}
    assert changed and not changed & linked
    assert len(linked) > len(changed)
    assert any(p.startswith("search/") for p in linked)
    assert any("档案馆补录的一段正文。" in (second / p).read_text(encoding="utf-8") for p in changed if p.endswith(".html"))


def test_rebuilding_into_the_same_folder_keeps_the_new_site_whole(archive, tmp_path):
    build(archive, tmp_path / "site")
    _edit_one_page(archive)
    build(archive, tmp_path / "site")
    build(archive, tmp_path / "cold", use_cache=False)
    assert _files(tmp_path / "site") == _files(tmp_path / "cold")


def test_on_a_disk_without_hard_links_every_file_is_written(archive, tmp_path, monkeypatch):
    import os

    build(archive, tmp_path / "first")

    def no_links(*args):
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    build(archive, tmp_path / "second", previous_site=tmp_path / "first", use_cache=False)
    second = tmp_path / "second"
    assert all(not (tmp_path / "first" / p).is_file() or not (tmp_path / "first" / p).samefile(second / p)
               for p in _files(second))
    assert _files(second) == _files(tmp_path / "first")


def test_a_build_asked_to_stop_leaves_the_output_as_it_was(archive, tmp_path):
    from sitegen.build import BuildStopped

    build(archive, tmp_path / "site")
    before = _files(tmp_path / "site")
    _edit_one_page(archive)
    asked = []
    with pytest.raises(BuildStopped):
        build(archive, tmp_path / "site", stop=lambda: asked.append(1) or len(asked) > 2)
    assert _files(tmp_path / "site") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["archive", "site"]
