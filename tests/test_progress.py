"""The progress line of a long build: quiet for short builds, plain lines in logs, one updating line on a terminal."""

import io

from sitegen.progress import QUIET_SECONDS, Progress


class _Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def _run(stream, total=100, seconds=10.0):
    clock = _Clock()
    meter = Progress("rendering articles", total, stream, clock=clock)
    for _ in range(total):
        clock.now += seconds / total
        meter.advance()
    meter.close()
    return stream.getvalue()


def test_a_short_build_shows_no_progress():
    assert _run(io.StringIO(), seconds=QUIET_SECONDS / 2) == ""
    assert _run(_Terminal(), seconds=QUIET_SECONDS / 2) == ""


def test_a_log_gets_a_few_plain_lines_ending_at_the_total():
    lines = _run(io.StringIO()).splitlines()
    assert "\r" not in "".join(lines)
    assert 1 < len(lines) <= 10
    assert lines[-1].startswith("  rendering articles: 100/100 (100%)")


def test_a_terminal_gets_one_line_redrawn_in_place():
    text = _run(_Terminal())
    assert text.count("\n") == 1 and text.endswith("\n")
    assert text.count("\r") > 1
    assert "100/100 (100%)" in text.rsplit("\r", 1)[1]
