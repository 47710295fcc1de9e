"""The five seed pages are cut as a careful reader cuts them (tests/golden/seeds.toml)."""

import tomllib

import pytest
from conftest import REPO, SEEDS

from sitegen.parse import read_page
from sitegen.parsing.lines import significant

GOLDEN = tomllib.loads((REPO / "tests" / "golden" / "seeds.toml").read_text(encoding="utf-8"))["seed"]


def _reading(seed):
    return read_page((SEEDS / seed["file"]).read_text(encoding="utf-8"))


def _ids(seed):
    return seed["file"][:3]


@pytest.mark.parametrize("seed", GOLDEN, ids=_ids)
def test_articles_have_the_headlines_a_careful_reader_sees(seed):
    stories = _reading(seed).stories
    found = [
        {
            "line": s.line_start,
            "kicker": s.kicker or "",
            "headline": s.headline,
            "subtitle": s.subtitle or "",
            "byline": s.byline or "",
            "dateline": s.dateline or "",
        }
        for s in stories
    ]
    assert found == seed["article"]


@pytest.mark.parametrize("seed", GOLDEN, ids=_ids)
def test_the_masthead_states_what_the_page_prints(seed):
    masthead = _reading(seed).masthead
    stated = {name: getattr(masthead, name) for name in ("newspaper", "publisher", "date", "issue_number", "page", "page_name")}
    assert {k: v for k, v in stated.items() if v is not None} == seed["masthead"]


@pytest.mark.parametrize("seed", GOLDEN, ids=_ids)
def test_column_broken_paragraphs_come_out_whole(seed):
    blocks = _reading(seed).blocks
    spans = {(b.line_start, b.line_end) for b in blocks if "joined" in b.note}
    known_wrong = {tuple(pair) for pair in seed.get("known_extra_joins", [])}
    assert spans - known_wrong == {(min(pieces), max(pieces)) for pieces in seed["joined"]}
    lines = (SEEDS / seed["file"]).read_text(encoding="utf-8").split("\n")
    for pieces in seed["joined"]:
        first, last = pieces[0], pieces[-1]
        # The joined block starts with the first piece and ends with the last one
        # (a continuation marker closing the last line stands in a block of its own).
        span = (min(pieces), max(pieces))
        text = "".join(significant(b.text) for b in blocks if (b.line_start, b.line_end) == span)
        assert text.startswith(significant(lines[first - 1]))
        assert text.endswith(significant(lines[last - 1]))


@pytest.mark.parametrize("seed", GOLDEN, ids=_ids)
def test_repeated_blocks_are_kept_once_and_point_at_the_kept_copy(seed):
    reading = _reading(seed)
    duplicates = {str(b.line_start): int(b.ref[1:].split("-")[0]) for b in reading.blocks if b.role == "duplicate"}
    assert duplicates == seed["duplicates"]
    in_stories = {b.line_start for s in reading.stories for b in s.body}
    assert not in_stories & {int(line) for line in duplicates}


@pytest.mark.parametrize("seed", GOLDEN, ids=_ids)
def test_text_of_no_article_is_kept_as_furniture_or_fragment(seed):
    reading = _reading(seed)
    assert sorted(b.line_start for b in reading.blocks if b.role == "furniture") == seed["furniture"]
    loose = sorted(b.line_start for b in reading.blocks if b.article is None and b.role in ("fragment", "continuation"))
    assert loose == seed["fragments"]
