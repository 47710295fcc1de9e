"""Search in a real browser (headless Chromium), from file:// and over HTTP.

A small index holds the cases that trip Chinese search up: a query that cuts
across jieba's words, full-width digits, characters outside the BMP beside
private-use ones (lunr.py #144), lunr query syntax typed by a reader, a
one-character query, and highlights after astral characters.
"""

from __future__ import annotations

import json
import math
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

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


def with_test_page(root: Path) -> Path:
    """``root`` (holding a ``search/`` index) with search.js, lunr and the bare test page beside the index."""
    for name in ("js/search.js",):
        (root / "static" / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / "static" / name, root / "static" / name)
    (root / "test").mkdir()
    (root / "test" / "index.html").write_text(PAGE, encoding="utf-8")
    return root


def open_tab(browser, root: Path):
    """A tab on the bare test page of the index at ``root``; it fails the test on a page error when closed."""
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((root / "test" / "index.html").as_uri())
    yield page
    page.close()
    assert not errors


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("search-site")
    build_search_index(iter(DOCS), root / "search")
    return with_test_page(root)


@pytest.fixture(scope="module")
def http_root(site, http_server):
    return http_server(site)


@pytest.fixture
def page(browser, site):
    """A tab on the bare test page of the small index (instead of conftest's tab on the seeds site)."""
    yield from open_tab(browser, site)


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


def _script_value(path: Path):
    text = path.read_text(encoding="utf-8")
    return json.loads(text[text.index("]=") + 2 : -2])


def _lunr_index(search_dir: Path):
    """lunr.py's index of the same postings, field vectors and all (what search.js once built for lunr.js)."""
    import lunr
    from lunr.index import Index

    from sitegen.search.index import decode_numbers

    manifest = _script_value(search_dir / "manifest.js")
    fields, count = manifest["fields"], manifest["documents"]
    terms = {}
    for n in range(manifest["shards"]):
        shard = _script_value(search_dir / "s" / f"{n}.js")
        terms.update(zip(shard["terms"], shard["postings"]))
    inverted, vectors = [], {}
    for t, term in enumerate(sorted(terms)):  # lunr.py inserts terms in its own (code point) order
        nums, i, rows = decode_numbers(terms[term]), 0, []
        while i < len(nums):
            field, found, doc = nums[i], nums[i + 1], 0
            i += 2
            for _ in range(found):
                doc += nums[i]
                rows.append((field, doc, nums[i + 1]))
                i += 3 + nums[i + 2]
        idf = math.log(1 + abs((count - len(rows) + 0.5) / (len(rows) + 0.5)))
        entry = {"_index": t, **{f: {} for f in fields}}
        for field, doc, weight in rows:
            entry[fields[field]][str(doc)] = {}
            score = math.floor(idf * weight * manifest["weightScale"] * manifest["boosts"][field] * 1000 + 0.5) / 1000
            vectors.setdefault(f"{fields[field]}/{doc}", []).extend([t, score])
        inverted.append([term, entry])
    return Index.load({"version": lunr.__TARGET_JS_VERSION__, "fields": fields, "invertedIndex": inverted,
                       "fieldVectors": list(vectors.items()), "pipeline": []})


@pytest.mark.parametrize("query, clauses", [
    ("医疗", ["医疗"]), ("雪", ["雪*"]), ("援朔医疗队", ["援朔", "医疗", "疗队"]), ("临时政府", ["临时", "政府"]),
    ("46 3", ["46", "3*"]), ("医 队", ["医*", "队*"]),
])
def test_articles_are_scored_as_lunr_scores_the_same_postings(page, site, query, clauses):
    from lunr.query import Query, QueryPresence

    index = _lunr_index(site / "search")
    lunr_query = index.create_query()
    for clause in clauses:
        lunr_query.term(clause.rstrip("*"), use_pipeline=False, presence=QueryPresence.OPTIONAL,
                        wildcard=Query.WILDCARD_TRAILING if clause.endswith("*") else Query.WILDCARD_NONE)
    lunr_scores = {int(r["ref"]): math.floor(r["score"] * 1000 + 0.5) / 1000 for r in index.query(lunr_query)}
    ours = {r["doc"]: r["score"] for r in search(page, query)}
    assert ours and set(ours) <= set(lunr_scores)
    assert ours == {doc: lunr_scores[doc] for doc in ours}


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


# --- many results: what is loaded for every hit, and what only for the results shown ---

PAPERS = ("人民日报", "朔州日报")


def _many(n):
    topics = tuple(t for t, member in ((("subject/flood", "防汛"), n % 2 == 0), (("keyword/kanghong", "抗洪"), n % 5 == 0),
                                       (("series/zhuanlan", "专栏"), n % 7 == 0)) if member)
    return SearchDoc(id=f"m{n}", url=f"papers/p{n % 2}/2021/{n:02d}.html", title=f"第{n:02d}篇报道标题",
                     kicker=None, subtitle=None, body=f"全市防汛工作第{n}次会议召开。" + ("抗洪抢险。" if n % 3 == 0 else ""),
                     newspaper=PAPERS[n % 2], date=None if n % 11 == 10 else f"2021-{n // 20 + 1:02d}-{n % 20 + 1:02d}",
                     page=f"{n % 4 + 1:02d}", topics=topics)


#: 60 articles, all holding 防汛; over several chunks of hit data, one text file each, several topic files.
MANY = [_many(n) for n in range(60)]


@pytest.fixture(scope="module")
def many_site(tmp_path_factory) -> Path:
    from sitegen.search import results, writer

    root = tmp_path_factory.mktemp("many-results")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(results, "DOCS_PER_CHUNK", 7)
        patch.setattr(results, "TOPIC_FILE_CHARS", 10)
        patch.setattr(writer, "TEXT_FILE_CHARS", 1)
        build_search_index(iter(MANY), root / "search")
    return with_test_page(root)


@pytest.fixture
def many_page(browser, many_site):
    yield from open_tab(browser, many_site)


SEARCH_AND_PAGE = """async ([q, o]) => {
  const results = await window.sitegen.search(q, o);
  const first = window.sitegen.searchLoadedFiles();
  await window.sitegen.snippets(results, 20, 40);
  return {results, first, second: window.sitegen.searchLoadedFiles()};
}"""


def _loaded_text(site: Path, files: list[str]) -> str:
    return "\n".join((site / name).read_text(encoding="utf-8") for name in files)


def test_a_page_of_twenty_results_of_many_loads_what_those_twenty_show_and_no_more(many_page, many_site):
    answer = many_page.evaluate(SEARCH_AND_PAGE, ["防汛", {}])
    results = answer["results"]
    assert len(results) == 60
    for shown, (start, end), files in ((results[:20], (20, 60), answer["first"]), (results[20:40], (40, 60), answer["second"])):
        for r in shown:
            doc = MANY[r["doc"]]
            assert (r["id"], r["url"], r["title"], r["page"]) == (doc.id, doc.url, doc.title, doc.page)
            assert (r["newspaper"], r["date"]) == (doc.newspaper, doc.date)
            assert "<mark>防汛</mark>" in r["snippet"]
        loaded = _loaded_text(many_site, files)
        hidden = results[start:end]
        assert not any(MANY[r["doc"]].title in loaded or MANY[r["doc"]].url in loaded for r in hidden)
    assert all(r["title"] is None and r["snippet"] is None for r in results[40:])
    assert {r["doc"] for r in results} == set(range(60))


def _docs(results):
    return sorted(r["doc"] for r in results)


def test_filters_and_their_counts_hold_across_chunks_of_hit_data_and_files_of_topics(many_page):
    hits = [n for n, d in enumerate(MANY) if "抗洪" in d.body]
    assert _docs(search(many_page, "抗洪", paper="朔州日报")) == [n for n in hits if MANY[n].newspaper == "朔州日报"]
    dated = search(many_page, "抗洪", **{"from": "2021-01-05", "to": "2021-02-10"})
    assert _docs(dated) == [n for n in hits if MANY[n].date and "2021-01-05" <= MANY[n].date <= "2021-02-10"]
    for slug in ("subject/flood", "keyword/kanghong", "series/zhuanlan"):
        members = [n for n in hits if slug in (t[0] for t in MANY[n].topics)]
        found = search(many_page, "抗洪", topic=slug)
        assert _docs(found) == members and members
        assert all(slug in [t["slug"] for t in r["topics"]] for r in found)
    # A topic filter reads its topic's members, one small file, not the topics of every hit.
    topic_files = [f for f in many_page.evaluate("window.sitegen.searchLoadedFiles()") if f.startswith("search/k/")]
    assert len(topic_files) == 3
    assert search(many_page, "抗洪", topic="keyword/no-such-topic") == []
    dates = [r["date"] for r in search(many_page, "防汛", sort="date", snippets=[0, 0])]
    known = [d for d in dates if d]
    assert known == sorted(known) and dates[len(known):] == [None] * (len(dates) - len(known)) and len(known) < 60


def test_a_query_showing_no_result_loads_no_topic_names_or_members(browser, many_site):
    page = browser.new_page()
    page.goto((many_site / "test" / "index.html").as_uri())
    assert len(search(page, "防汛", snippets=[0, 0])) == 60
    loaded = _loaded_text(many_site, page.evaluate("window.sitegen.searchLoadedFiles()"))
    assert not [slug for slug in ("subject/flood", "keyword/kanghong", "series/zhuanlan") if slug in loaded]
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
    expect(page.locator("#search-status")).to_contain_text("没有找到")  # waits without eval, which the CSP forbids
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


@pytest.fixture(scope="module")
def synthetic_site(tmp_path_factory) -> Path:
    """A built site of 80 synthetic articles, each article's text in a file of its own."""
    from benchmarks import synthetic
    from sitegen.build import build
    from sitegen.search import writer

    archive = tmp_path_factory.mktemp("synthetic-archive")
    synthetic.generate(archive, 80, papers=2, seed=5)
    out = tmp_path_factory.mktemp("synthetic-site") / "site"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(writer, "TEXT_FILE_CHARS", 1)
        build(archive, out, use_cache=False, jobs=1)
    return out


def _chinese_date(iso):
    year, month, day = map(int, iso.split("-"))
    return f"{year}年{month}月{day}日"


def _shown(page):
    return page.locator(".search-result").evaluate_all(
        "rs => rs.map(r => [r.querySelector('h2 a').getAttribute('href'), r.querySelector('h2 a').textContent,"
        " r.querySelector('.meta').textContent])")


def test_paging_shows_each_page_with_its_own_headlines_links_and_dates_loading_only_those(browser, synthetic_site):
    articles = {a["url"]: a for a in json.loads((synthetic_site / "api" / "articles.json").read_text(encoding="utf-8"))["articles"]}
    page = browser.new_page()
    page.goto((synthetic_site / "search.html").as_uri() + "?q=的&sort=date")
    page.wait_for_selector(".search-result")
    first = _shown(page)
    page.click("#search-pager a[data-page='2']")
    expect(page.locator("#search-status")).to_contain_text("第 2/")
    assert "page=2" in page.url
    second = _shown(page)
    assert len(first) == len(second) == 20
    dates = []
    for href, title, meta in first + second:
        article = articles[href.removeprefix("./")]
        assert (synthetic_site / href).is_file()
        assert title == article["title"]
        assert meta == f"{article['newspaper']} · {_chinese_date(article['date'])} · 第{article['page']}版"
        dates.append(article["date"])
    assert dates == sorted(dates)
    # Shown: 40 articles, each with its text file; nothing else loaded holds the headline of an article not shown.
    loaded = page.evaluate("window.sitegen.searchLoadedFiles()")
    texts = [f for f in loaded if f.startswith("search/t/")]
    assert len(texts) == 40
    shown = {href.removeprefix("./") for href, _, _ in first + second}
    titles = [a["title"] for a in articles.values()]
    hidden = [a["title"] for url, a in articles.items() if url not in shown and len(a["title"]) >= 4 and titles.count(a["title"]) == 1]
    other = _loaded_text(synthetic_site, [f for f in loaded if f not in texts])
    assert len(hidden) > 20 and not [t for t in hidden if t in other]
    page.close()

