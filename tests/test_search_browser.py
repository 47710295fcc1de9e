"""Search in a real browser (headless Chromium), from file:// and over HTTP.

A small index holds the cases that trip Chinese search up: a query that cuts
across jieba's words, full-width digits, characters outside the BMP beside
private-use ones (lunr.py #144), lunr query syntax typed by a reader, a
one-character query, and highlights after astral characters.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from sitegen.search import SearchDoc, build_search_index

REPO = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.browser

PAGE = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="sitegen-root" content="../">
<title>search test</title></head><body>
<script src="../static/js/search.js"></script></body></html>
"""


def _doc(n, body, title="标题", date="2020-01-01", newspaper="人民日报", topics=()):
    return SearchDoc(id=f"a{n}", url=f"papers/p/{date}/01/{n:02d}.html", title=title, kicker=None, subtitle=None,
                     body=body, newspaper=newspaper, date=date, page="01", topics=topics)


DOCS = [
    _doc(0, "援朔医疗队今日出发。医疗队员共十人。", title="援朔医疗队出发", date="2020-01-03"),
    _doc(1, "援朔工作组与医疗队会合，疗队一词无意义。", date="2020-01-02"),
    _doc(2, "𠀀𠀁字库：编号ＣＮ１４，２０２２年，\ue000字在此，临时政府成立。", date="2019-12-30"),
    _doc(3, "临时政府", title="史料", date=None),
    _doc(4, "下了一场大雪。", date="2020-02-01", newspaper="朔州日报"),
    _doc(5, "雪花飘飘，医疗卫生。", date="2019-02-01", newspaper="朔州日报", topics=(("subject/health", "卫生"),)),
    _doc(6, "增长４６．３％，创新高。", date="2020-03-01"),
    _doc(7, "共4613人，其中46人于3月入职，3人离职，又4613人。", date="2020-03-02"),
    _doc(8, "1至5月，1-5月累计，共1.5万人；阿卜杜拉·阿齐兹。", date="2020-03-03"),
    _doc(9, "1-5月，1-5月，1-5月。", date="2020-03-04"),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("search-site")
    build_search_index(iter(DOCS), root / "search")
    for name in ("js/search.js", "vendor/lunr.js"):
        (root / "static" / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / "static" / name, root / "static" / name)
    (root / "test").mkdir()
    (root / "test" / "index.html").write_text(PAGE, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def http_root(site, http_server):
    return http_server(site)


@pytest.fixture
def page(browser, site):
    """A tab on the bare test page of the small index (instead of conftest's tab on the seeds site)."""
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((site / "test" / "index.html").as_uri())
    yield page
    page.close()
    assert not errors


def search(page, query, **options):
    return page.evaluate("([q, o]) => window.sitegen.search(q, o)", [query, options])


def ids(results):
    return [r["id"] for r in results]


def test_a_string_cutting_across_jieba_words_finds_its_article(page):
    assert ids(search(page, "朔医疗")) == ["a0"]


def test_the_exact_string_ranks_above_its_parts_apart(page):
    results = search(page, "援朔医疗队")
    assert ids(results) == ["a0", "a1"]
    assert [r["exact"] for r in results] == [True, False]


def test_results_carry_what_the_page_shows(page):
    (first,) = search(page, "朔医疗")
    assert first["url"] == "papers/p/2020-01-03/01/00.html"
    assert (first["title"], first["newspaper"], first["date"], first["page"]) == ("援朔医疗队出发", "人民日报", "2020-01-03", "01")
    assert "<mark>朔医疗</mark>" in first["snippet"]


def test_an_index_with_astral_and_private_use_characters_loads_and_finds_both(page):
    assert ids(search(page, "𠀁字")) == ["a2"]
    assert ids(search(page, "\ue000字")) == ["a2"]


def test_the_highlight_stays_on_the_match_after_astral_characters(page):
    (hit,) = search(page, "字库")
    assert hit["snippet"].startswith("𠀀𠀁<mark>字库</mark>：")


def test_full_width_digits_and_letters_are_found_as_typed_in_ascii(page):
    assert ids(search(page, "cn14")) == ["a2"]
    assert ids(search(page, "CN14")) == ["a2"]
    assert ids(search(page, "２０２２年")) == ["a2"]
    assert ids(search(page, "2022年")) == ["a2"]


def test_a_number_with_a_decimal_point_is_exact_only_where_it_stands_so(page):
    results = search(page, "46.3")
    # a7 holds 46 and 3, and 4613 (46 and 3 two places apart, but no point between them).
    assert ids(results) == ["a6", "a7"]
    assert [r["exact"] for r in results] == [True, False]
    assert "<mark>４６．３</mark>％" in results[0]["snippet"]


def test_the_joining_mark_typed_must_be_the_one_in_the_text(page):
    assert sorted((r["id"], r["exact"]) for r in search(page, "1-5月")) == [("a8", True), ("a9", True)]
    results = search(page, "1.5")
    assert [(r["id"], r["exact"]) for r in results] == [("a8", True), ("a9", False)]
    assert "<mark>1.5</mark>万" in results[0]["snippet"]
    assert [(r["id"], r["exact"]) for r in search(page, "阿卜杜拉·阿齐兹")] == [("a8", True)]


def test_search_js_joins_runs_with_the_marks_the_index_holds():
    import re

    from sitegen.search.tokenize import JOINERS

    js = (REPO / "static" / "js" / "search.js").read_text(encoding="utf-8")
    assert json.loads(re.search(r'var JOINERS = ("[^"]*");', js).group(1)) == JOINERS


def test_words_apart_by_a_space_are_each_looked_for_on_their_own(page):
    results = search(page, "46 3")
    assert set(ids(results)) == {"a6", "a7"} and all(r["exact"] for r in results)


@pytest.mark.parametrize("query", ["临时政府:", "临时政府^", "~临时政府", "临时政府*", "+临时 -政府"])
def test_lunr_query_syntax_is_read_as_plain_text(page, query):
    assert set(ids(search(page, query))) == {"a2", "a3"}


def test_a_field_name_typed_before_the_query_is_just_more_text(page):
    assert search(page, "title:临时政府") == []  # no article holds "title"


def test_a_four_character_query_is_matched_and_highlighted_whole(page):
    results = search(page, "临时政府")
    assert set(ids(results)) == {"a2", "a3"} and all(r["exact"] for r in results)
    assert "<mark>临时政府</mark>" in results[0]["snippet"]


def test_a_one_character_query_finds_it_anywhere_including_at_the_end_of_a_sentence(page):
    assert set(ids(search(page, "雪"))) == {"a4", "a5"}


def test_filters_by_paper_date_and_topic(page):
    assert ids(search(page, "医疗", paper="朔州日报")) == ["a5"]
    assert set(ids(search(page, "医疗", **{"from": "2020-01-01"}))) == {"a0", "a1"}
    assert ids(search(page, "医疗", to="2019-12-31")) == ["a5"]
    assert ids(search(page, "医疗", topic="subject/health")) == ["a5"]


def test_sorting_by_date_puts_the_oldest_first(page):
    assert ids(search(page, "医疗", sort="date")) == ["a5", "a1", "a0"]
    assert ids(search(page, "医疗", sort="date-desc")) == ["a0", "a1", "a5"]


def test_an_empty_or_punctuation_only_query_finds_nothing(page):
    assert search(page, "") == []
    assert search(page, "，。！") == []


def test_search_works_over_http_too(browser, http_root):
    page = browser.new_page()
    page.goto(http_root + "test/index.html")
    assert ids(search(page, "援朔医疗队")) == ["a0", "a1"]
    page.close()


# --- the search page of a built site (conftest's seeds_site) -------------------------


def test_the_search_page_reads_its_state_from_the_url(browser, seeds_site):
    page = browser.new_page()
    page.goto((seeds_site / "search.html").as_uri() + "?q=疫情&sort=date")
    page.wait_for_selector(".search-result")
    assert page.input_value("#search-q") == "疫情"
    assert page.input_value("select[name=sort]") == "date"
    assert "找到" in page.inner_text("#search-status")
    assert page.locator(".search-result mark").first.inner_text() == "疫情"
    href = page.locator(".search-result h2 a").first.get_attribute("href")
    assert (seeds_site / href).is_file()
    page.close()


def test_the_header_box_leads_to_results_with_the_keyboard(browser, seeds_site):
    page = browser.new_page()
    page.goto((seeds_site / "index.html").as_uri())
    page.fill("#header-q", "疫情")
    page.press("#header-q", "Enter")
    page.wait_for_selector(".search-result")
    assert "q=" in page.url
    page.close()


def test_the_search_page_says_when_nothing_is_found_and_when_nothing_was_asked(browser, seeds_site):
    page = browser.new_page()
    page.goto((seeds_site / "search.html").as_uri() + "?q=不存在的词语")
    page.wait_for_function("document.getElementById('search-status').textContent.includes('没有找到')")
    page.goto((seeds_site / "search.html").as_uri())
    assert "请输入检索词" in page.inner_text("#search-status")
    page.close()


def test_a_keyword_topic_in_a_shared_address_filters_though_the_list_leaves_keywords_out(browser, seeds_site):
    articles = json.loads((seeds_site / "api" / "articles.json").read_text(encoding="utf-8"))["articles"]
    keyword = next(t for a in articles for t in a["topics"] if t["kind"] == "keyword")
    members = {a["url"] for a in articles if keyword in a["topics"]}
    page = browser.new_page()
    page.goto((seeds_site / "search.html").as_uri())
    listed = page.locator("select[name=topic] option").evaluate_all("os => os.map(o => o.value)")
    assert listed[1:] and not any(v.startswith("keyword/") for v in listed)  # subjects and series only
    word = keyword["name"][:2]
    page.goto((seeds_site / "search.html").as_uri() + f"?q={word}&topic=keyword/{keyword['slug']}")
    page.wait_for_selector(".search-result")
    assert page.input_value("select[name=topic]") == f"keyword/{keyword['slug']}"
    shown = {h.removeprefix("./") for h in
             page.locator(".search-result h2 a").evaluate_all("as => as.map(a => a.getAttribute('href'))")}
    assert shown and shown <= members
    page.close()
