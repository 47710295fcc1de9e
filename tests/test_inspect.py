"""`sitegen inspect` tells an archivist how a page was cut and why."""

from conftest import SEEDS

from sitegen.inspect import describe
from sitegen.parse import read_page


def _describe(name):
    return describe(read_page((SEEDS / name).read_text(encoding="utf-8")), name)


def test_inspect_shows_where_each_article_starts_with_its_headline_and_why():
    text = _describe("002_dc259f7c78f65d4a.txt")
    assert "== article 1 (lines 10-46): 怀仁：党建引领为基层治理增动力" in text
    assert "article starts: byline under the headline" in text
    assert "masthead: paper 朔州日报, publisher 中共朔州市委机关报, date 2022-11-28, issue 第8607期" in text


def test_inspect_lists_every_block_with_lines_and_role_and_the_repairs():
    text = _describe("003_eb6abe27dfbda830.txt")
    assert "      128  duplicate" in text and "repeat of lines 124-124" in text
    assert "    11-13  body" in text and "joined across column break at lines 11/13" in text
    assert "continued on page 03" in text
