"""``sitegen inspect FILE``: how a page was read, for an archivist checking a cut.

Prints the masthead, then every block with its line numbers and role, marks
where each article starts (with its kicker, headline, subtitle, byline and
dateline), and gives the parser's notes (joined across column break, repeat of
lines 89-89, continued on page 03) so that a wrong cut can be traced to its cause.
"""

from __future__ import annotations

from sitegen.model import PageReading

_TEXT_WIDTH = 48


def _short(text: str) -> str:
    text = text.replace("\n", " / ")
    return text if len(text) <= _TEXT_WIDTH else text[: _TEXT_WIDTH - 1] + "…"


def _lines(start: int, end: int) -> str:
    return f"{start}" if start == end else f"{start}-{end}"


def describe(reading: PageReading, source_name: str) -> str:
    """The text ``sitegen inspect`` prints for one page."""
    out = [f"{source_name}: {len(reading.stories)} article(s), {len(reading.blocks)} block(s)"]
    m = reading.masthead
    stated = [
        ("paper", m.newspaper),
        ("publisher", m.publisher),
        ("date", m.date.isoformat() if m.date else None),
        ("issue", m.issue_number),
        ("page", m.page),
        ("page name", m.page_name),
    ]
    known = ", ".join(f"{name} {value}" for name, value in stated if value)
    out.append(f"masthead: {known or 'none printed on the page'}")
    for warning in reading.warnings:
        out.append(f"warning: {warning}")
    out.append("")
    started: set[int] = set()
    for block in reading.blocks:
        if block.article is not None and block.article not in started:
            started.add(block.article)
            story = reading.stories[block.article]
            out.append(f"== article {block.article + 1} (lines {_lines(story.line_start, story.line_end)}): {_short(story.headline)}")
            for label, value in (("kicker", story.kicker), ("subtitle", story.subtitle), ("byline", story.byline), ("dateline", story.dateline)):
                if value:
                    out.append(f"   {label}: {_short(value)}")
            if story.headline_inferred:
                out.append("   (no headline printed; made from the opening words)")
        owner = f"a{block.article + 1}" if block.article is not None else "--"
        line = f"{_lines(block.line_start, block.line_end):>9}  {block.role:<12} {owner:<4} {_short(block.text)}"
        details = [d for d in (block.note, f"ref {block.ref}" if block.ref else "") if d]
        out.append(line)
        for detail in details:
            out.append(f"{'':>28}({detail})")
    return "\n".join(out) + "\n"
