"""Reading input files: every encoding an archive arrives in, and bad files reported, never fatal.

Encoded and binary inputs are written into a temporary folder from the tests
themselves, so the repository holds no binary fixtures.
"""

import os
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from conftest import SEEDS
from sitegen.build import build
from sitegen.cli import main
from sitegen.diagnostics import ERROR, WARNING, Diagnostic
from sitegen.sources import SourceText, decode_bytes, discover, read_source

#: A simplified-Chinese page as it comes out of a PDF tool (masthead, headline, body).
PAGE = (
    "朔州日报\n\n中共朔州市委机关报\n\n2022年11月28日 星期一 第8607期\n\n"
    "怀仁：党建引领为基层治理增动力\n\n"
    "党的二十大报告指出，加强基层党组织建设，完善基层直接民主制度体系和工作体系，"
    "增强城乡社区群众自我管理、自我服务、自我教育、自我监督的实效。\n"
)
#: A traditional-Chinese page, as Taiwanese and Hong Kong papers print (and Big5 encodes) it.
TRADITIONAL_PAGE = (
    "聯合報\n\n臺灣經濟發展與社會進步\n\n"
    "這是一個關於國家與人民的報導，記者在各地採訪時了解到，許多鄉鎮積極推動觀光與農業轉型，"
    "讓居民的生活更加幸福美好。\n"
)


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def read(folder: Path, name: str, data: bytes) -> SourceText | Diagnostic:
    return read_source(write(folder, name, data), folder)


def test_gbk_encoded_page_is_decoded_and_the_encoding_named(tmp_path):
    source = read(tmp_path, "gbk_encoded_page.txt", PAGE.encode("gbk"))
    assert isinstance(source, SourceText)
    assert source.text == PAGE
    assert source.encoding == "gb18030"


def test_big5_page_is_read_as_big5_not_as_gbk(tmp_path):
    # Big5 bytes also decode as GB18030 (into nonsense), so this checks the choice.
    source = read(tmp_path, "big5_page.txt", TRADITIONAL_PAGE.encode("big5"))
    assert source.text == TRADITIONAL_PAGE
    assert source.encoding == "big5"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_page_is_decoded_with_or_without_byte_order_mark(tmp_path, codec):
    source = read(tmp_path, "utf16_page.txt", PAGE.encode(codec))
    assert source.text == PAGE
    assert source.encoding.startswith("utf-16")


def test_utf8_bom_crlf_page_has_the_line_numbers_an_editor_shows(tmp_path):
    data = "\ufeff第一行\r\n第二行\r\n\r\n第四行\r第五行\n".encode("utf-8")
    source = read(tmp_path, "utf8_bom_crlf_page.txt", data)
    assert source.text == "第一行\n第二行\n\n第四行\n第五行\n"
    assert source.text.split("\n")[3] == "第四行"
    assert "\ufeff" not in source.text and "\r" not in source.text


def test_full_width_spaces_and_form_feeds_are_kept_as_printed(tmp_path):
    source = read(tmp_path, "indented.txt", "\u3000\u3000正文\f第二页\n".encode("utf-8"))
    assert source.text == "\u3000\u3000正文\f第二页\n"


def test_binary_file_is_skipped_with_a_message_naming_file_and_byte(tmp_path):
    problem = read(tmp_path, "binary_file_skipped.txt", "正文".encode("utf-8") + b"\x00\x01\x02\xff" * 50)
    assert isinstance(problem, Diagnostic)
    assert problem.severity == ERROR
    assert str(problem) == f"{tmp_path.as_posix()}/binary_file_skipped.txt: error: not text (binary data at byte 6) — skipped"


def test_image_saved_as_txt_is_named_as_an_image(tmp_path):
    problem = read(tmp_path, "scan.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    assert isinstance(problem, Diagnostic) and "PNG image" in problem.message


def test_undecodable_bytes_are_reported_not_raised(tmp_path):
    noise = bytes((i * 7919 + 13) % 128 + 128 for i in range(4000))  # high bytes only, no structure
    problem = read(tmp_path, "noise.txt", noise)
    assert isinstance(problem, Diagnostic) and problem.severity == ERROR
    assert "noise.txt" in str(problem) and "skipped" in problem.message


def test_character_cut_by_a_truncated_download_is_marked_and_reported_with_its_line(tmp_path):
    data = (PAGE + "最后一行").encode("utf-8")[:-2]
    source = read(tmp_path, "truncated.txt", data)
    assert isinstance(source, SourceText)
    assert source.text.startswith(PAGE) and source.text.endswith("最后一\ufffd")
    [warning] = source.warnings
    assert warning.line == PAGE.count("\n") + 1 and "utf-8" in warning.message


def test_empty_file_is_skipped_with_a_warning(tmp_path):
    problem = read(tmp_path, "empty.txt", b"\r\n  \n")
    assert isinstance(problem, Diagnostic) and problem.severity == WARNING and "empty" in problem.message


def test_a_single_200000_character_line_is_read_whole(tmp_path):
    line = "这是一行没有换行的很长的正文" * 14286
    source = read(tmp_path, "one_line.txt", line.encode("gb18030"))
    assert source.text == line and len(line) >= 200_000


def test_discovery_lists_pages_in_a_fixed_order_and_skips_theme_site_cache_readme_and_hidden(tmp_path):
    for name in [
        "b/02.txt", "b/01.md", "a.txt", "朔州日报/01.txt", "notes.TXT",
        "templates/page.md", "static/readme.txt", "site/old.txt", ".sitegen-cache/x.txt",
        ".hidden.txt", ".git/x.txt", "b/._01.txt", "scan.png", "catalog.toml", "README.md",
    ]:
        write(tmp_path, name, b"x")
    found = [p.relative_to(tmp_path).as_posix() for p in discover(tmp_path)]
    assert found == ["a.txt", "b/01.md", "b/02.txt", "notes.TXT", "朔州日报/01.txt"]


def test_ten_thousand_files_in_one_folder_are_all_found_in_name_order(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    for n in range(10_000):
        (folder / f"{n:05d}.txt").write_bytes(b"x")
    found = discover(tmp_path)
    assert len(found) == 10_000
    assert [p.name for p in found[:3]] == ["00000.txt", "00001.txt", "00002.txt"]


def test_build_goes_on_past_bad_files_and_the_exit_status_says_so(tmp_path, capsys):
    archive = tmp_path / "archive"
    write(archive, "good.txt", "# 好的一页\n\n正文。\n".encode("gbk"))
    write(archive, "binary_file_skipped.txt", b"\x00\x01\x02" * 10)
    result = build(archive, tmp_path / "site")
    assert result.pages == 1
    assert [e.file for e in result.errors] == [f"{archive.as_posix()}/binary_file_skipped.txt"]
    assert main(["build", str(archive), "-o", str(tmp_path / "site")]) == 1
    assert "binary_file_skipped.txt: error: not text" in capsys.readouterr().err


def test_strict_turns_warnings_into_a_failing_exit_status(tmp_path):
    archive = tmp_path / "archive"
    write(archive, "good.txt", "# 好的一页\n\n正文。\n".encode("utf-8"))
    write(archive, "empty.txt", b"")
    assert main(["build", str(archive), "-o", str(tmp_path / "site")]) == 0
    assert main(["build", str(archive), "-o", str(tmp_path / "site"), "--strict"]) == 1


def test_file_named_in_gbk_by_a_windows_zip_is_built_under_its_chinese_name(tmp_path):
    archive = tmp_path / "archive"
    archive.mkdir()
    name = os.fsdecode("朔州日报-01版.txt".encode("gbk"))  # what Linux hands over for such a name
    (archive / name).write_text("# 标题\n\n正文。\n", encoding="utf-8")
    [path] = discover(archive)
    assert read_source(path, archive).path == "朔州日报-01版.txt"
    result = build(archive, tmp_path / "site")
    assert result.pages == 1 and result.diagnostics == []


def test_link_to_a_file_outside_the_archive_is_not_published(tmp_path):
    secret = tmp_path / "private.txt"
    secret.write_text("私人笔记", encoding="utf-8")
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "page.txt").symlink_to(secret)
    problem = read_source(archive / "page.txt", archive)
    assert isinstance(problem, Diagnostic) and "outside the archive" in problem.message


# Property checks: whatever the text, what was written is what is read.
#: Text made of the characters and punctuation of the sample pages: what real pages hold.
_NEWSPAPER_TEXT = st.text(
    st.sampled_from(sorted(set("".join(p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt"))) - {"\ufffd"})),
    min_size=1,
)


@settings(max_examples=150, deadline=None)
@given(text=st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1)
       # U+FEFF first in a file is its byte order mark, by every convention, not text.
       .filter(lambda t: not t.startswith("\ufeff")))
def test_any_text_written_as_utf8_or_utf16_is_read_back_whole(text):
    expected = text.replace("\r\n", "\n").replace("\r", "\n")
    for data in (text.encode("utf-8"), text.encode("utf-16"), b"\xef\xbb\xbf" + text.encode("utf-8")):
        decoded = decode_bytes(data)
        assert not isinstance(decoded, str), decoded
        assert decoded[0].replace("\r\n", "\n").replace("\r", "\n") == expected


@settings(max_examples=150, deadline=None)
@given(text=_NEWSPAPER_TEXT)
@example(text="········")  # GBK's middle dot is GB2312's, though Python's gb2312 codec reads it as ・
@example(text="——————")
def test_newspaper_text_written_as_gbk_is_read_back_whole(text):
    decoded = decode_bytes(text.encode("gbk"))
    assert not isinstance(decoded, str), decoded
    assert decoded[0] == text or len(text.encode("gbk")) - len(text) < 8  # a few characters may be too few to tell


@settings(max_examples=300, deadline=None)
@given(data=st.binary(min_size=1, max_size=2000))
def test_arbitrary_bytes_never_raise(data):
    decoded = decode_bytes(data)
    assert isinstance(decoded, str) or isinstance(decoded[0], str)
