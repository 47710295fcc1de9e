"""Deciding each page's paper, date and page number: front matter, catalog, masthead, folders."""

import datetime as dt
import shutil
from pathlib import Path

import pytest

from conftest import SEEDS
from sitegen import dates
from sitegen.build import build
from sitegen.diagnostics import ERROR, WARNING
from sitegen.metadata import (
    UNKNOWN_PAPER,
    Statement,
    duplicate_pages,
    from_folders,
    load_catalog,
    page_meta,
    split_front_matter,
)
from sitegen.model import Masthead

FIXTURES = Path(__file__).parent / "fixtures" / "inputs"


def test_front_matter_sets_date_paper_and_page_and_keeps_line_numbers():
    text = (FIXTURES / "front_matter_sets_date.txt").read_text(encoding="utf-8")
    front = split_front_matter(text, "front_matter_sets_date.txt")
    assert front.statement == Statement(newspaper="朔州日报", date=dt.date(2022, 11, 28), page="01", page_name="要闻")
    assert front.diagnostics == ()
    assert "newspaper" not in front.text
    # The headline is on line 8 of the file and still on line 8 of the text the parser gets.
    assert front.text.split("\n")[7] == "# 怀仁：党建引领为基层治理增动力"
    meta, _ = page_meta("front_matter_sets_date.txt", "f", front_matter=front.statement)
    assert (meta.newspaper, meta.date, meta.page) == ("朔州日报", dt.date(2022, 11, 28), "01")
    assert dict(meta.origins)["date"] == "front-matter"


def test_malformed_front_matter_is_reported_with_its_line_and_kept_as_page_text():
    text = (FIXTURES / "malformed_front_matter.txt").read_text(encoding="utf-8")
    front = split_front_matter(text, "malformed_front_matter.txt")
    assert front.statement is None
    assert front.text == text
    [warning] = front.diagnostics
    assert str(warning).startswith("malformed_front_matter.txt:1: warning: starts with '---'")
    assert "line 2" in warning.message


def test_front_matter_unknown_key_and_bad_date_are_reported_by_line():
    front = split_front_matter("---\nnewspaper: 朔州日报\ndat: 2022-11-28\ndate: 十一月\n---\n正文\n", "p.txt")
    assert front.statement == Statement(newspaper="朔州日报")
    assert [(d.line, d.severity) for d in front.diagnostics] == [(3, WARNING), (4, WARNING)]
    assert "'dat'" in front.diagnostics[0].message


def test_front_matter_never_closed_is_page_text():
    front = split_front_matter("---\nnewspaper: 朔州日报\ndate: 2022-11-28\n", "p.txt")
    assert front.statement is None and front.text.startswith("---\nnewspaper")
    assert "never closed" in front.diagnostics[0].message


def test_catalog_unknown_key_is_error_naming_file_key_and_line():
    archive = FIXTURES / "catalog_unknown_key_is_error"
    catalog, problems = load_catalog(archive)
    [problem] = problems
    assert problem.severity == ERROR
    assert problem.file.endswith("catalog_unknown_key_is_error/catalog.toml")
    assert problem.line == 5 and "'dat'" in problem.message
    # The rest of the entry still counts.
    assert catalog.statement_for("page.txt") == Statement(newspaper="朔州日报")


def test_catalog_glob_applies_to_its_folder_and_a_later_entry_overrides_one_file(tmp_path):
    archive = FIXTURES / "catalog_glob"
    catalog, problems = load_catalog(archive)
    assert problems == []
    assert catalog.statement_for("朔州日报/a.txt") == Statement(newspaper="朔州日报", date=dt.date(2022, 11, 28))
    assert catalog.statement_for("朔州日报/b.txt") == Statement(
        newspaper="朔州日报", date=dt.date(2022, 11, 29), page="02")
    assert catalog.statement_for("其他/c.txt") is None
    [missing] = catalog.unmatched(["朔州日报/a.txt", "朔州日报/b.txt", "其他/c.txt"])
    assert missing.severity == WARNING and missing.line == 14 and "朔州日报/lost.txt" in missing.message


def test_catalog_stars_stay_in_their_folder_and_double_stars_cross_folders(tmp_path):
    (tmp_path / "catalog.toml").write_text(
        '[[page]]\nfile = "*.txt"\npage_name = "top"\n\n[[page]]\nfile = "人民日报/**"\nnewspaper = "人民日报"\n',
        encoding="utf-8")
    catalog, _ = load_catalog(tmp_path)
    assert catalog.statement_for("a.txt") == Statement(page_name="top")
    assert catalog.statement_for("x/a.txt") is None
    assert catalog.statement_for("人民日报/2019-02/20190201/01.txt") == Statement(newspaper="人民日报")


def test_catalog_path_written_with_windows_backslashes_still_matches(tmp_path):
    (tmp_path / "catalog.toml").write_text("[[page]]\nfile = '朔州日报\\01.txt'\npage = 1\n", encoding="utf-8")
    catalog, _ = load_catalog(tmp_path)
    assert catalog.statement_for("朔州日报/01.txt") == Statement(page="01")


def test_catalog_that_is_not_toml_is_an_error_and_the_build_goes_on(tmp_path):
    archive = tmp_path / "archive"
    shutil.copytree(FIXTURES / "folder_layout_gives_paper_and_date", archive)
    (archive / "catalog.toml").write_text('[[page]]\nfile = "01.txt\n', encoding="utf-8")
    result = build(archive, tmp_path / "site", use_cache=False)
    assert result.pages == 1
    [problem] = result.errors
    assert problem.file.endswith("catalog.toml") and problem.line == 2 and "not valid TOML" in problem.message


def test_folder_layout_gives_paper_and_date(tmp_path):
    result = build(FIXTURES / "folder_layout_gives_paper_and_date", tmp_path / "site", use_cache=False)
    assert result.diagnostics == []
    page = tmp_path / "site" / "papers"
    assert [p.name for p in page.iterdir()] == ["shuozhouribao"]
    assert (page / "shuozhouribao" / "2022-11-28").is_dir()
    meta, _ = page_meta("朔州日报/2022-11-28/01.txt", "f")
    assert (meta.newspaper, meta.date, meta.page) == ("朔州日报", dt.date(2022, 11, 28), "01")
    assert set(meta.origins) == {("newspaper", "folder"), ("date", "folder"), ("page", "folder")}


@pytest.mark.parametrize("path, paper, date, page", [
    ("人民日报/2019-02-01/01.txt", "人民日报", dt.date(2019, 2, 1), "01"),
    ("人民日报/2019-02/20190201/page-03.txt", "人民日报", dt.date(2019, 2, 1), "03"),
    ("2022-11-28/04版.txt", None, dt.date(2022, 11, 28), "04"),
    ("青岛日报/2022年12月01日/第5版.md", "青岛日报", dt.date(2022, 12, 1), "05"),
    ("朔州日报/01.txt", None, None, "01"),          # a folder alone does not name a paper
    ("000_d553139fd1c060c1.txt", None, None, None),  # a serial number is not a page number
    ("scans/003.txt", None, None, None),
])
def test_folder_and_file_names_that_are_understood(path, paper, date, page):
    assert from_folders(path) == Statement(newspaper=paper, date=date, page=page)


def test_front_matter_beats_catalog_beats_masthead_beats_folder_and_disagreement_is_reported():
    masthead = Masthead(newspaper="朔州日报", date=dt.date(2022, 11, 28), page_name="要闻", publisher="中共朔州市委机关报")
    meta, problems = page_meta(
        "朔州日报/2022-11-27/02.txt", "a/朔州日报/2022-11-27/02.txt",
        front_matter=Statement(page="03"),
        catalog=Statement(date=dt.date(2022, 11, 29), page="04"),
        masthead=masthead,
    )
    assert (meta.newspaper, meta.date, meta.page, meta.publisher) == (
        "朔州日报", dt.date(2022, 11, 29), "03", "中共朔州市委机关报")
    assert dict(meta.origins) == {
        "newspaper": "masthead", "date": "catalog", "page": "front-matter",
        "page_name": "masthead", "publisher": "masthead"}
    messages = {p.message.split(":")[0]: p.message for p in problems}
    assert set(messages) == {"date", "page"}
    assert "catalog says 2022-11-29" in messages["date"] and "masthead says 2022-11-28" in messages["date"]
    assert "folder layout says 2022-11-27" in messages["date"]


def test_what_nothing_states_stays_unknown():
    meta, problems = page_meta("scan.txt", "scan.txt", masthead=Masthead())
    assert (meta.newspaper, meta.date, meta.page, meta.origins) == (UNKNOWN_PAPER, None, None, ())
    assert problems == ()


def test_duplicate_page_reported_naming_both_files_and_both_pages_built(tmp_path):
    archive = FIXTURES / "duplicate_page_reported"
    result = build(archive, tmp_path / "site", use_cache=False)
    [warning] = result.warnings
    assert warning.file.endswith("朔州日报/20221128/page-01.txt")
    assert "朔州日报/2022-11-28/01.txt" in warning.message and "2022-11-28 page 01" in warning.message
    issue = tmp_path / "site" / "papers" / "shuozhouribao" / "2022-11-28"
    pages = sorted(p.name for p in issue.iterdir() if p.is_dir())
    assert len(pages) == 2 and pages[0] != pages[1]


def test_pages_of_unknown_date_are_not_duplicates_of_each_other():
    unknown, _ = page_meta("a.txt", "a.txt", catalog=Statement(newspaper="朔州日报", page="01"))
    assert duplicate_pages([("a.txt", unknown), ("b.txt", unknown)]) == []


def test_seed_catalog_states_what_the_pages_support_and_nothing_more():
    catalog, problems = load_catalog(SEEDS)
    assert problems == [] and catalog.unmatched(p.name for p in SEEDS.glob("*.txt")) == []
    stated = {name[:3]: catalog.statement_for(name) for name in (p.name for p in SEEDS.glob("*.txt"))}
    assert stated["000"] == Statement(newspaper="大同日报", page_name="头条")
    assert stated["001"] is None
    assert stated["002"] == Statement(newspaper="朔州日报", date=dt.date(2022, 11, 28), page="01")
    assert stated["003"] == Statement(newspaper="朔州日报", date=dt.date(2022, 11, 11), page="01")
    assert stated["004"] == Statement(newspaper="青岛日报", page_name="聚焦")


def test_a_rebuild_from_the_parse_cache_repeats_the_warnings_and_the_front_matter(tmp_path):
    archive = tmp_path / "archive"
    archive.mkdir()
    shutil.copy(FIXTURES / "malformed_front_matter.txt", archive)
    shutil.copy(FIXTURES / "front_matter_sets_date.txt", archive)
    first = build(archive, tmp_path / "site")
    second = build(archive, tmp_path / "site")
    assert second.reused == 2
    assert second.diagnostics == first.diagnostics and len(first.warnings) == 1
    assert (tmp_path / "site" / "papers" / "shuozhouribao" / "2022-11-28").is_dir()


@pytest.fixture(scope="module")
def seed_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("seeds") / "site"
    return out, build(SEEDS, out, use_cache=False)


def test_seed_pages_are_filed_where_the_catalog_and_mastheads_put_them(seed_site):
    site, result = seed_site
    papers = site / "papers"
    page_views = {
        p.parent.relative_to(papers).as_posix() for p in papers.glob("*/*/*/index.html")
        if p.parent.parent.name == "undated" or dates.parse_date(p.parent.parent.name)  # not the month indexes
    }
    assert page_views == {
        "datongribao/undated/000-d553139fd1c060c1",
        "weizhibaozhi/undated/001-10503e775b80d64b",
        "shuozhouribao/2022-11-28/01",
        "shuozhouribao/2022-11-11/01",
        "qingdaoribao/undated/004-e04cbe07baaed60c",
    }
    # The catalog agrees with every masthead the parser reads: no source contradicts another.
    assert [str(d) for d in result.diagnostics if " says " in d.message] == []
    unknown = (papers / "weizhibaozhi/undated/001-10503e775b80d64b/index.html").read_text(encoding="utf-8")
    assert UNKNOWN_PAPER in unknown and "日期不详" in unknown and "著录依据" not in unknown


def test_page_view_tells_a_printed_date_from_one_the_archivist_supplied(seed_site):
    papers = seed_site[0] / "papers" / "shuozhouribao"
    printed = (papers / "2022-11-28/01/index.html").read_text(encoding="utf-8")
    supplied = (papers / "2022-11-11/01/index.html").read_text(encoding="utf-8")
    assert "报名、日期、主办、期号据报头" in printed and "版次据编目（catalog.toml）" in printed
    assert "报名、日期、版次据编目（catalog.toml）" in supplied


def test_inspect_says_where_a_page_is_filed_and_which_source_said_so(capsys):
    from sitegen.cli import main

    assert main(["inspect", str(SEEDS / "003_eb6abe27dfbda830.txt")]) == 0
    out = capsys.readouterr().out
    assert "filed as: 朔州日报, 2022-11-11, page 01 — newspaper from catalog, date from catalog" in out
    assert main(["inspect", str(SEEDS / "001_10503e775b80d64b.txt")]) == 0
    assert "filed as: 未知报纸, 日期不详, 版次不详 — nothing states where this page belongs" in capsys.readouterr().out


def test_a_page_line_under_the_masthead_gives_the_page_and_its_name_and_heads_no_story():
    from sitegen.parse import read_page

    reading = read_page("朔州日报\n\n2022年11月28日 星期一 第8607期\n\n第06版 副刊\n\n# 冬日暖阳\n\n本报记者 张晋\n\n冬日的午后，阳光洒在老街上。\n")
    assert (reading.masthead.page, reading.masthead.page_name) == ("06", "副刊")
    assert [(s.kicker, s.headline) for s in reading.stories] == [(None, "冬日暖阳")]
    reading = read_page("第2版：要闻\n\n冬日暖阳\n\n本报记者 张晋\n\n冬日的午后，阳光洒在老街上。\n")
    assert (reading.masthead.page, reading.masthead.page_name, reading.stories[0].kicker) == ("02", "要闻", None)
