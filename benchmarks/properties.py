"""Property checks with many generated cases (issue 8): the parser and the
article renderer never lose or invent a character of the page.

    python -m benchmarks.properties [--cases 10000]

1. ``sitegen.parse.read_page`` on generated pages (headline markup, masthead
   lines, jump lines, Markdown and HTML syntax, rare Unicode): no exception,
   every non-blank character kept in some block, line numbers inside the page.
2. An article paragraph through ``escape_text`` → Python-Markdown → HTML →
   visible text gives back the paragraph (white space folded as HTML shows it).

Prints the number of cases tried and each failure found (hypothesis shrinks it).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from html.parser import HTMLParser

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitegen import article_markdown
from sitegen.parse import read_page
from sitegen.parsing.lines import significant

#: Characters OCR text carries that mean something to Markdown, HTML or JavaScript.
HOSTILE = "<>&\"'`*_#|[](){}!.+-\\=~:;/\u3000\u2028\u2029 \t的社区党建，。“”（）0123456789abcjavascript"
PARAGRAPH = st.text(alphabet=st.one_of(st.sampled_from(HOSTILE), st.characters(blacklist_categories=("Cs", "Cc"))),
                    min_size=1, max_size=60)
LINE = st.one_of(
    st.just(""),
    st.sampled_from(["## 新时代 新征程", "# 标题", "本报讯(记者 刘淑花)会议召开。", "(下转第三版)", "(上接 01 版)",
                     "新华社北京11月10日电", "2022年11月28日 星期一", "主编 赵波 美编 李飞", "---", "1. 一",
                     "<script>alert(1)</script>", "[点我](javascript:x)"]),
    st.text(alphabet="的社区党建引领治理，。、“”：；（）() 0123456789abc#—*`|<>&\u3000", min_size=1, max_size=40),
)


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts).strip("\n")


def paragraph_round_trip(text: str, renderer=None) -> tuple[str, str]:
    """(what the reader should see, what the rendered HTML shows) for one paragraph."""
    renderer = renderer or article_markdown.new_renderer()
    html = article_markdown.body_html(renderer, article_markdown.escape_text(text) + "\n")
    return " ".join(text.split()), visible_text(html)


def page_keeps_every_character(lines: list[str]) -> str | None:
    """None when ``read_page`` keeps every non-blank character of the page; else what went wrong."""
    text = "\n".join(lines)
    reading = read_page(text)
    source = "".join(significant(re.sub(r"^#{1,6}[ \t\u3000]*(?=\S)", "", line.strip(" \t\u3000"))) for line in lines)
    kept = "".join(significant(b.text) for b in sorted(reading.blocks, key=lambda b: (b.line_start, b.line_end)))
    if sorted(kept) != sorted(source):
        return f"characters differ: {sorted(set(source) ^ set(kept))!r}"
    for block in reading.blocks:
        if not 1 <= block.line_start <= block.line_end <= max(len(lines), 1):
            return f"block lines {block.line_start}-{block.line_end} outside 1-{len(lines)}"
    return None


def run(cases: int) -> int:
    failures: list[str] = []
    counts = {"parse": 0, "render": 0}
    renderer = article_markdown.new_renderer()
    quick = settings(max_examples=cases, deadline=None, database=None, derandomize=True,
                     suppress_health_check=list(HealthCheck))

    @quick
    @given(st.lists(LINE, max_size=30))
    def parse(lines):
        counts["parse"] += 1
        try:
            problem = page_keeps_every_character(lines)
        except Exception as error:  # a crash is a finding, not the end of the run
            problem = f"{type(error).__name__}: {error}"
        if problem:
            failures.append(f"read_page {lines!r}: {problem}")

    @quick
    @given(PARAGRAPH)
    def render(text):
        counts["render"] += 1
        expected, shown = paragraph_round_trip(text, renderer)
        if expected != shown:
            failures.append(f"render {text!r}: shows {shown!r}")

    for check in (parse, render):
        started = time.perf_counter()
        check()
        print(f"{check.__name__}: {counts[check.__name__]} cases in {time.perf_counter() - started:.1f} s")
    unique = sorted(set(failures))
    print(f"failures: {len(unique)}")
    for failure in unique[:20]:
        print("  " + failure)
    return 1 if unique else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=10_000, help="generated cases per property")
    return run(parser.parse_args(argv).cases)


if __name__ == "__main__":
    sys.exit(main())
