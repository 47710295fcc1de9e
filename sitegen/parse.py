"""Reading one page dump: decoded text in, ``PageReading`` out.

The stages, each in its own module of ``sitegen.parsing``:

    split into lines (lines) -> masthead and page header (masthead)
    -> what each line is on its own: furniture, caption, stray mark, text (here)
    -> join column breaks, mark repeated blocks (repair)
    -> cut into stories: kicker, headline, subtitle, byline, dateline, body (segment)

``read_page`` is a pure function of the text.  Every non-blank character of the
input ends up in exactly one block (``#`` headline markup aside, which is read as
a hint and not kept as text); a repeated block is kept as a ``duplicate`` and text
that belongs to no article as a ``fragment``.
"""

from __future__ import annotations

from sitegen.model import Block, PageReading
from sitegen.parsing.lines import (
    DATELINE,
    STORY_COLUMNS,
    SourceLine,
    ends_sentence,
    ends_with_photo_credit,
    indents_paragraphs,
    has_column_tag,
    is_byline,
    is_caption,
    is_dash_subtitle,
    is_photo_credit_line,
    is_stray,
    looks_like_heading,
    split_lines,
)
from sitegen.parsing.masthead import furniture_note, read_masthead
from sitegen.parsing.repair import Unit, dictionary, is_prose, join_column_breaks, join_reason, mark_duplicates
from sitegen.parsing.segment import segment


def _line_units(lines: list[SourceLine], roles: dict[int, tuple[str, str]]) -> list[Unit]:
    """Each line as a unit with what it is on its own; context decides the rest."""
    units: list[Unit] = []
    captions = [is_caption(line.text) for line in lines]
    # The text a headline would head, under each line: a photo's caption may stand between them.
    beyond_of: list[SourceLine | None] = [None] * len(lines)
    for n in range(len(lines) - 2, -1, -1):
        beyond_of[n] = beyond_of[n + 1] if captions[n + 1] else lines[n + 1]
    for index, line in enumerate(lines):
        following = lines[index + 1].text if index + 1 < len(lines) else ""
        following_number = lines[index + 1].number if index + 1 < len(lines) else None
        beyond = beyond_of[index]
        beyond_text = beyond.text if beyond is not None else ""
        text = line.text
        kind, note = "text", ""
        previous = units[-1] if units else None
        if line.number in roles:
            kind, note = roles[line.number]
        elif line.level == 0 and furniture_note(text):
            kind, note = "furniture", furniture_note(text)
        elif (
            previous is not None
            and previous.note == "column logo"
            and len(text) <= 6
            and line.gap_before <= 2
            and looks_like_heading(text)
        ):
            kind, note = "furniture", "column logo"
        elif is_stray(text):
            kind, note = "stray", "stray character"
        elif line.level == 0 and captions[index]:
            kind = "caption"
        elif (
            line.level == 0
            and looks_like_heading(text)
            and not ends_sentence(text)
            and 2 <= line.gap_before < 99  # never the first line of the page
            and not has_column_tag(text)
            and text not in STORY_COLUMNS
            and not DATELINE.match(beyond_text)
            and not is_byline(beyond_text)
        ):
            # A short line set apart under a caption belongs to it, unless the caption ended
            # with its credit (…摄影报道) and a heading line follows close under the short
            # line: then the two are the next story's kicker and headline.  Nor is it the
            # caption's when the line under it completes it: it is the first half of a
            # paragraph cut by a column break (23岁的小康，是海南某公司驻三沙 / 员工。…).
            after_caption = (
                previous is not None
                and previous.kind == "caption"
                and previous.last.gap_after >= 2
                # A photographer's credit alone (新华社发) has closed its photo: nothing under it is its caption.
                and not is_photo_credit_line(previous.text)
                and not (
                    ends_with_photo_credit(previous.text)
                    and line.gap_after < 2
                    and (looks_like_heading(following) or is_dash_subtitle(following))
                    and not ends_sentence(following)
                )
                and not (line.gap_after < 2 and _continued(line, lines[index + 1 : index + 2]))
            )
            # Over a photo's caption and then running prose, the short line is the headline
            # of the story the photo opens (春天里，用力奔跑 / …（本报记者 王晓丽摄） / 从启程返乡…).
            over_photo_story = beyond is not None and beyond.number != following_number and is_prose(beyond.text)
            if (line.gap_after >= 2 or after_caption) and not over_photo_story:
                kind, note = "caption", "short line set apart by blank lines"
        units.append(Unit((line,), text, kind, note))
    return units


def _continued(line: SourceLine, following: list[SourceLine]) -> bool:
    """True when the line under ``line`` reads as the rest of its paragraph, cut by a column break."""
    return bool(following) and join_reason(Unit((line,), line.text, "text"), Unit((following[0],), following[0].text, "text")) is not None


def load_word_lists() -> None:
    """Load the parser's word lists (from jieba's dictionary) now: worker processes forked
    afterwards share them instead of each reading its own, and a server's first rebuild
    does not wait for them (some 0.3 s)."""
    dictionary()


def read_page(text: str) -> PageReading:
    """Read one page: its masthead, its blocks with their roles, and the stories they form."""
    lines = split_lines(text)
    masthead = read_masthead(lines)
    units = _line_units(lines, masthead.roles)
    indented_page = indents_paragraphs(lines)
    units = mark_duplicates(join_column_breaks(units, indented_page=indented_page))
    blocks, stories = segment(units, indented_page=indented_page)
    warnings = _warnings(blocks, stories)
    return PageReading(blocks, stories, masthead.masthead, warnings)


def _warnings(blocks: tuple[Block, ...], stories) -> tuple[str, ...]:
    warnings = []
    prose = [b for b in blocks if b.role == "fragment" and len(b.text) > 2]
    if prose and not stories:
        warnings.append(f"line {prose[0].line_start}: no headline found; the page's text is kept as fragments")
    return tuple(warnings)
