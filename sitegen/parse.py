"""Placeholder page reader: blank-line blocks, ``#`` lines start stories.

The real parser (masthead, kicker/headline/subtitle, bylines, column-break
repair) replaces this module; the contract is ``read_page(text) -> PageReading``.
"""

from __future__ import annotations

import re

from sitegen.model import Block, Masthead, PageReading, Story


def _paragraphs(text: str):
    start, buf = None, []
    for number, line in enumerate(text.split("\n"), 1):
        if line.strip():
            if start is None:
                start = number
            buf.append(line.strip())
        elif buf:
            yield start, number - 1, "".join(buf)
            start, buf = None, []
    if buf:
        yield start, start + len(buf) - 1, "".join(buf)


def read_page(text: str) -> PageReading:
    blocks: list[Block] = []
    stories: list[Story] = []
    current: list[Block] | None = None
    headline = None
    first = 0

    def close(last_line: int) -> None:
        if headline is not None:
            stories.append(Story(headline.text, None, None, None, None, tuple(current), headline.line_start, last_line))

    last = 0
    for start, end, para in _paragraphs(text):
        heading = re.match(r"^#{1,6}\s*(.*)$", para)
        if heading:
            close(last)
            headline = Block("headline", heading.group(1), start, end, len(stories))
            current = []
            blocks.append(headline)
        elif headline is None:
            blocks.append(Block("fragment", para, start, end))
        else:
            block = Block("body", para, start, end, len(stories))
            current.append(block)
            blocks.append(block)
        last = end
    close(last)
    del first
    return PageReading(tuple(blocks), tuple(stories), Masthead())
