"""`sitegen serve`'s memory of its last build: a rebuild writes only what changed, and the
site it serves is file for file the site a clean build makes."""

import shutil
from pathlib import Path

import pytest

from sitegen.build import BuildStopped, build
from sitegen.memo import BuildMemo
from sitegen.output import MARKER, SiteView
from sitegen.search import shards, update, writer
from tests.conftest import REPO, copy_seeds


@pytest.fixture
def archive(tmp_path) -> Path:
    return copy_seeds(tmp_path / "archive", 4)


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and p.name != MARKER}


def _served(view: SiteView) -> dict[str, bytes]:
    return {name: view.file(name).read_bytes() for name in sorted(view.files)}


def _clean(archive: Path, tmp_path: Path, name: str) -> dict[str, bytes]:
    build(archive, tmp_path / name, use_cache=False)
    return _files(tmp_path / name)


def _append(page: Path, text: str) -> None:
    page.write_text(page.read_text(encoding="utf-8") + f"\n\n　　{text}\n", encoding="utf-8")


def test_a_rebuild_after_an_edit_parses_one_page_writes_few_files_and_serves_the_clean_site(archive, tmp_path):
    memo = BuildMemo()
    first = build(archive, tmp_path / "g1", memo=memo)
    assert _served(first.site) == _clean(archive, tmp_path, "clean1")
    _append(sorted(archive.glob("*.txt"))[1], "档案馆补录的一段正文。")
    second = build(archive, tmp_path / "g2", memo=memo)
    assert second.parsed == 1 and second.reused == first.pages - 1
    assert second.issues_reused == first.issues - 1
    served = _served(second.site)
    assert served == _clean(archive, tmp_path, "clean2")
    written = _files(tmp_path / "g2")
    assert len(written) < len(served) / 2
    assert any("档案馆补录的一段正文。" in data.decode("utf-8") for p, data in written.items() if p.endswith(".html"))


def test_deleting_a_page_removes_its_files_from_the_served_site(archive, tmp_path):
    memo = BuildMemo()
    build(archive, tmp_path / "g1", memo=memo)
    sorted(archive.glob("*.txt"))[2].unlink()
    second = build(archive, tmp_path / "g2", memo=memo)
    assert _served(second.site) == _clean(archive, tmp_path, "clean")


def test_a_template_edit_and_its_undoing_serve_the_clean_site_each_time(archive, tmp_path):
    memo = BuildMemo()
    build(archive, tmp_path / "g1", memo=memo)
    (archive / "templates").mkdir()
    base = (REPO / "templates" / "base.html").read_text(encoding="utf-8")
    (archive / "templates" / "base.html").write_text(base.replace("</footer>", "<p>自定义页脚</p></footer>"),
                                                     encoding="utf-8")
    second = build(archive, tmp_path / "g2", memo=memo)
    assert second.issues_reused == 0
    assert _served(second.site) == _clean(archive, tmp_path, "clean2")
    # The Markdown copies and search texts do not depend on the templates: they keep their files.
    assert not [p for p in _files(tmp_path / "g2") if p.endswith(".md") or p.startswith("search/t/")]
    shutil.rmtree(archive / "templates")
    third = build(archive, tmp_path / "g3", memo=memo)
    assert _served(third.site) == _clean(archive, tmp_path, "clean3")


def test_a_stopped_rebuild_leaves_the_memo_on_the_site_still_served(archive, tmp_path):
    memo = BuildMemo()
    first = build(archive, tmp_path / "g1", memo=memo)
    _append(sorted(archive.glob("*.txt"))[0], "第一处修改。")
    asked = []
    with pytest.raises(BuildStopped):
        build(archive, tmp_path / "g2", memo=memo, stop=lambda: asked.append(1) or len(asked) > 3)
    assert memo.site is first.site and not (tmp_path / "g2").exists()
    _append(sorted(archive.glob("*.txt"))[3], "第二处修改。")
    third = build(archive, tmp_path / "g3", memo=memo)
    assert _served(third.site) == _clean(archive, tmp_path, "clean")


def test_a_changed_taxonomy_gives_the_topics_of_a_clean_build(archive, tmp_path):
    memo = BuildMemo()
    build(archive, tmp_path / "g1", memo=memo)
    default = (REPO / "sitegen" / "default_topics.toml").read_text(encoding="utf-8")
    (archive / "topics.toml").write_text(default.replace(" = 1,", " = 6,"), encoding="utf-8")
    second = build(archive, tmp_path / "g2", memo=memo)
    served = _served(second.site)
    assert served == _clean(archive, tmp_path, "clean")


def _story_of(page: Path, headline_mark: str = "\n# ") -> str:
    """The first story of a seed page with a headline of its own: from that headline on, a few paragraphs."""
    text = page.read_text(encoding="utf-8")
    start = text.index(headline_mark) + 1
    return "\n\n".join(text[start:].split("\n\n")[:6])


def test_an_edit_that_reprints_a_story_updates_topics_and_neighbours_as_a_clean_build(archive, tmp_path):
    memo = BuildMemo()
    build(archive, tmp_path / "g1", memo=memo)
    pages = sorted(archive.glob("*.txt"))
    reprinted = _story_of(pages[0])
    pages[2].write_text(pages[2].read_text(encoding="utf-8") + "\n\n" + reprinted + "\n", encoding="utf-8")
    second = build(archive, tmp_path / "g2", memo=memo)
    served = _served(second.site)
    assert served == _clean(archive, tmp_path, "clean2")
    written = _files(tmp_path / "g2")
    assert any(p.startswith("papers/") and "同一篇文章的其他刊载" in data.decode("utf-8") for p, data in written.items()
               if p.endswith(".html")), "the reprint is linked from the article pages the edit changed"
    pages[2].write_text(pages[2].read_text(encoding="utf-8").replace(reprinted, ""), encoding="utf-8")
    third = build(archive, tmp_path / "g3", memo=memo)
    assert _served(third.site) == _clean(archive, tmp_path, "clean3")


def test_an_edit_encodes_only_the_search_terms_it_changed_and_serves_the_index_of_a_clean_build(archive, tmp_path,
                                                                                                monkeypatch):
    # Small runs and shards, so that the seed pages' index has several of each, as a big archive has.
    monkeypatch.setattr(shards, "BATCH_ROWS", 4000)
    monkeypatch.setattr(shards, "TARGET_SHARD_BYTES", 3000)
    monkeypatch.setattr(update, "UPDATE_SHARE", 1.0)  # a small archive's averages move much: update all the same
    encoded_again = []
    original = writer.updated
    monkeypatch.setattr(writer, "updated", lambda before, changed, *rest: (
        encoded_again.append((len(changed), len(before.keys))) or original(before, changed, *rest)))
    memo = BuildMemo()
    build(archive, tmp_path / "g1", memo=memo)
    page = sorted(archive.glob("*.txt"))[1]
    page.write_text(page.read_text(encoding="utf-8").replace("。", "，档案馆补录的一句说明缩微胶卷的来历。", 1),
                    encoding="utf-8")
    second = build(archive, tmp_path / "g2", memo=memo)
    assert _served(second.site) == _clean(archive, tmp_path, "clean2")
    assert encoded_again and sum(n for n, _ in encoded_again) < sum(total for _, total in encoded_again) / 2
    # An edit that adds an article numbers the later ones anew: their runs are encoded afresh.
    page = sorted(archive.glob("*.txt"))[0]
    page.write_text(page.read_text(encoding="utf-8") + "\n\n# 馆藏说明\n\n本版文字据缩微胶卷录入。\n", encoding="utf-8")
    third = build(archive, tmp_path / "g3", memo=memo)
    assert _served(third.site) == _clean(archive, tmp_path, "clean3")


def test_a_catalog_edit_places_the_page_anew_as_a_clean_build_does(archive, tmp_path):
    memo = BuildMemo()
    build(archive, tmp_path / "g1", memo=memo)
    first = sorted(archive.glob("*.txt"))[0].name
    (archive / "catalog.toml").write_text(
        f'[[page]]\nfile = "{first}"\nnewspaper = "大同日报"\ndate = "2022-11-29"\npage = "1"\n', encoding="utf-8")
    second = build(archive, tmp_path / "g2", memo=memo)
    served = _served(second.site)
    assert served == _clean(archive, tmp_path, "clean2")
    assert any(p.startswith("papers/") and "2022-11-29" in p for p in served)


def test_an_article_made_much_longer_moves_the_weights_of_its_other_words_as_a_clean_build(archive, tmp_path,
                                                                                          monkeypatch):
    # Averages rounded to one figure, so that they stay as they were and only the edited article's
    # own postings are checked again for a weight that moved (as on a big archive).
    monkeypatch.setattr(writer, "average_length", lambda total, count: float(f"{total / count:.1g}") if count else 0.0)
    checked, held = [], []
    original_levels, original_changed = update.weight_levels, update.changed_keys
    monkeypatch.setattr(update, "weight_levels", lambda frequency, *rest: (
        checked.append(len(frequency)) or original_levels(frequency, *rest)))
    monkeypatch.setattr(writer, "changed_keys", lambda before, *rest: (
        held.append(len(before.weighed.frequency)) or original_changed(before, *rest)))
    memo = BuildMemo()
    build(archive, tmp_path / "g1", memo=memo)
    page = sorted(archive.glob("*.txt"))[1]
    page.write_text(page.read_text(encoding="utf-8").replace("。", "，" + "档案馆据缩微胶卷补录说明" * 30 + "。", 1),
                    encoding="utf-8")
    second = build(archive, tmp_path / "g2", memo=memo)
    assert _served(second.site) == _clean(archive, tmp_path, "clean2")
    assert checked and sum(checked) < sum(held) / 4  # the edited article's postings, not the whole index's
