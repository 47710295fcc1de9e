"""Rendering an article paragraph never turns OCR text into markup: the reader sees it as printed.

A fast profile of ``benchmarks/properties.py`` (which runs 10,000 cases per property).
"""

from hypothesis import given, settings

from benchmarks.properties import PARAGRAPH, paragraph_round_trip


@settings(max_examples=100, deadline=None)
@given(PARAGRAPH)
def test_any_paragraph_renders_to_exactly_its_text(text):
    expected, shown = paragraph_round_trip(text)
    assert shown == expected


def test_markdown_and_html_syntax_in_a_paragraph_is_shown_not_obeyed():
    text = '1. *星* `码` [点我](javascript:x) <b>粗</b> &amp; <http://x> | --- # 题'
    assert paragraph_round_trip(text) == (text, text)
