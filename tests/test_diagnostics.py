"""Messages about the input: one format for every stage, and the exit status they give."""

from sitegen.diagnostics import error, exit_status, from_text, summary, warning


def test_messages_read_like_a_compilers_so_editors_can_jump_to_the_line():
    assert str(warning("seeds/002.txt", "front matter is never closed", 1)) == (
        "seeds/002.txt:1: warning: front matter is never closed")
    assert str(error("seeds/x.txt", "not text (binary data at byte 123) — skipped")) == (
        "seeds/x.txt: error: not text (binary data at byte 123) — skipped")


def test_a_parser_warning_naming_its_line_gets_that_line():
    message = from_text("seeds/003.txt", "line 41: byline read from the first paragraph")
    assert (message.line, message.message) == (41, "byline read from the first paragraph")
    assert from_text("seeds/003.txt", "no masthead").line is None


def test_errors_fail_the_build_and_warnings_only_with_strict():
    only_warnings = [warning("a.txt", "duplicate page")]
    assert exit_status(only_warnings) == 0 and exit_status(only_warnings, strict=True) == 1
    assert exit_status(only_warnings + [error("b.txt", "not text")]) == 1
    assert exit_status([], strict=True) == 0
    assert summary(only_warnings + [error("b.txt", "x")]) == "1 error, 1 warning"
