"""Bad input is reported, not fatal: one archive holding every kind of broken file.

The archive is written into a temporary folder by the test (binary and
encoded files included); each broken file must be named in a message (with
its line where one line is to blame), every good page must still be built,
and the exit status must say whether there were errors.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sitegen.build import build
from sitegen.cli import main
from sitegen.diagnostics import ERROR, WARNING

FIXTURES = Path(__file__).parent / "fixtures" / "inputs"
GOOD_PAGE = "# 怀仁：党建引领为基层治理增动力\n\n党的二十大报告指出，加强基层党组织建设。\n"


@pytest.fixture(scope="module")
def broken_archive(tmp_path_factory) -> Path:
    archive = tmp_path_factory.mktemp("broken") / "archive"
    pages = archive / "朔州日报" / "2022-11-28"
    pages.mkdir(parents=True)
    (pages / "01.txt").write_bytes(GOOD_PAGE.encode("gbk"))
    (pages / "page-01.txt").write_text(GOOD_PAGE, encoding="utf-8")  # the same page again
    (archive / "empty.txt").write_bytes(b"")
    (archive / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 64)
    (archive / "undecodable.txt").write_bytes(bytes((i * 7919 + 13) % 128 + 128 for i in range(4000)))
    (archive / "one_long_line.txt").write_text("很长的一行" * 40_000, encoding="utf-8")
    shutil.copy(FIXTURES / "malformed_front_matter.txt", archive)
    (archive / "catalog.toml").write_text(
        '[[page]]\nfile = "one_long_line.txt"\nnewspaper = "朔州日报"\ndat = 2022-11-28\n\n'
        '[[page]]\nfile = "missing.txt"\npage = 2\n',
        encoding="utf-8",
    )
    return archive


@pytest.fixture(scope="module")
def built(broken_archive, tmp_path_factory):
    return build(broken_archive, tmp_path_factory.mktemp("out") / "site", use_cache=False)


def messages(result) -> dict[str, list[tuple]]:
    found: dict[str, list[tuple]] = {}
    for d in result.diagnostics:
        found.setdefault(Path(d.file).name, []).append((d.severity, d.line, d.message))
    return found


def test_every_good_page_is_built(built):
    # Both copies of page 01, the long line and the malformed front matter (read as text).
    assert built.pages == 4


def test_each_broken_file_is_named_with_what_is_wrong(built):
    by_file = messages(built)
    assert by_file["empty.txt"] == [(WARNING, None, "empty file — skipped")]
    assert by_file["binary.txt"] == [(ERROR, None, "not text (binary data at byte 0) — skipped")]
    [(severity, _, message)] = by_file["undecodable.txt"]
    assert severity == ERROR and message.startswith("cannot be decoded")
    [(severity, line, message)] = by_file["malformed_front_matter.txt"]
    assert (severity, line) == (WARNING, 1) and "read as page text" in message
    [(severity, line, message)] = by_file["page-01.txt"]
    assert severity == WARNING and "朔州日报/2022-11-28/01.txt" in message


def test_catalog_problems_name_the_catalog_and_the_line(built):
    by_line = {line: (severity, message) for severity, line, message in messages(built)["catalog.toml"]}
    assert by_line[4][0] == ERROR and "'dat'" in by_line[4][1]
    assert by_line[7][0] == WARNING and "'missing.txt' matches no input file" in by_line[7][1]


def test_exit_status_reports_errors_and_strict_fails_on_warnings_alone(broken_archive, tmp_path, capsys):
    assert main(["build", str(broken_archive), "-o", str(tmp_path / "a"), "--no-cache"]) == 1
    err = capsys.readouterr().err
    assert f"{broken_archive.as_posix()}/binary.txt: error: not text" in err
    assert f"{broken_archive.as_posix()}/catalog.toml:4: error: unknown key 'dat'" in err

    warnings_only = tmp_path / "warnings_only"
    shutil.copytree(broken_archive / "朔州日报", warnings_only / "朔州日报")
    assert main(["build", str(warnings_only), "-o", str(tmp_path / "b"), "--no-cache"]) == 0
    assert main(["build", str(warnings_only), "-o", str(tmp_path / "c"), "--no-cache", "--strict"]) == 1


def test_the_sitegen_command_exits_with_the_build_s_status_and_every_line_it_printed(broken_archive, tmp_path):
    # A build ends its process without tearing down the heap; what it printed to pipes must still arrive.
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(__file__).parent.parent), os.environ.get("PYTHONPATH", "")])}
    env.pop("PYTHONUNBUFFERED", None)  # output to a pipe is buffered, as it is for a user's script
    run = subprocess.run([sys.executable, "-m", "sitegen", "build", str(broken_archive), "-o", str(tmp_path / "a"),
                          "--no-cache", "-q"], capture_output=True, text=True, env=env)
    assert run.returncode == 1
    assert f"{broken_archive.as_posix()}/binary.txt: error: not text" in run.stderr
    assert run.stdout.startswith(f"Built {tmp_path / 'a'}: ") and " 3 errors, " in run.stdout and run.stdout.endswith(" s\n")


def test_a_folder_without_page_files_is_named_with_what_it_holds(tmp_path, capsys):
    empty = tmp_path / "empty"
    empty.mkdir()
    scans = tmp_path / "scans"
    (scans / "1998").mkdir(parents=True)
    for name in ("1998/01.pdf", "1998/02.PDF", "1998/03.text", "catalog.toml", ".notes.txt"):
        (scans / name).write_bytes(b"x")
    assert main(["build", str(empty), "-o", str(tmp_path / "a"), "--no-cache"]) == 0
    assert f"{empty}: warning: no page files found: sitegen reads text dumps named *.txt or *.md\n" in capsys.readouterr().err
    # Files it does not read are named by their endings; its own settings and hidden files are not.
    assert main(["build", str(scans), "-o", str(tmp_path / "b"), "--no-cache", "--strict"]) == 1
    assert "the folder holds other files: .pdf ×2, .text ×1\n" in capsys.readouterr().err


def test_a_verbose_build_names_the_files_it_did_not_read(tmp_path, capsys):
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "01.txt").write_text("朔州日报\n\n标题\n\n　　正文。\n", encoding="utf-8")
    (archive / "02.text").write_text("朔州日报\n\n标题\n\n　　正文。\n", encoding="utf-8")
    assert main(["build", str(archive), "-o", str(tmp_path / "site"), "--no-cache", "-v"]) == 0
    captured = capsys.readouterr()
    assert "files not read (not *.txt or *.md): .text ×1" in captured.out + captured.err
    assert ": 1 paper, 1 issue, 1 page, 1 article, 0 errors, 0 warnings in " in captured.out
    assert ": warning:" not in captured.out + captured.err
