"""Topics: the subjects a careful reader would give the seed articles, series, keywords,
related articles and the same story found in two papers."""

import json
import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CORPUS, SEEDS, needs_corpus
from sitegen.model import Block, Story
from sitegen.topics import TopicsError, _trie_pattern, load_taxonomy, nfkc, signals_of

#: Headline (start) → subjects a careful reader gives it (each must be among the article's).
GOLDEN_SUBJECTS = {
    "29日至30日我市将出现强寒潮天气": {"weather-environment"},
    "韩国队不敌加纳队": {"sport"},
    "援朔医疗队助力我市打赢疫情防控歼灭战": {"epidemic"},
    "北京：加强市区统筹优化防疫措施": {"epidemic"},
    "“三个坚定不移”是制胜法宝": {"epidemic"},
    "朔城区公示第一批“无疫小区”创建名单": {"epidemic"},
    "市七届人大常委会召开第七次会议": {"politics"},
    "市七届人大常委会召开第10次主任会议": {"politics"},
    "辽宁省委主要负责同志职务调整": {"personnel"},
    "怀仁：党建引领为基层治理增动力": {"governance"},
    "走进城乡社区，我们看到火热的场景": {"governance"},
    "让群众过上更加幸福美好的生活": {"governance"},
    "在坚决做到“两个维护”上下功夫": {"politics", "commentary"},
    "积极创建“无疫小区”做自己健康第一责任人": {"epidemic", "commentary"},
    "我市创建文明城市迎检工作动员会召开": {"culture-education"},
}
#: Subjects a reader would never give these.
WRONG_SUBJECTS = {
    "韩国队不敌加纳队": {"epidemic", "politics"},
    "29日至30日我市将出现强寒潮天气": {"sport", "epidemic"},
}


@pytest.fixture(scope="module")
def records(seeds_site):
    return json.loads((seeds_site / "api/articles.json").read_text(encoding="utf-8"))["articles"]


def _subjects(record):
    return {t["slug"] for t in record["topics"] if t["kind"] == "subject"}


def test_seed_articles_get_the_subjects_a_reader_would_give(records):
    found = {}
    for headline, expected in GOLDEN_SUBJECTS.items():
        matches = [r for r in records if r["title"].startswith(headline)]
        assert matches, f"no article headed {headline}"
        for record in matches:
            found[headline] = _subjects(record)
            assert expected <= _subjects(record), (headline, _subjects(record))
    for headline, wrong in WRONG_SUBJECTS.items():
        assert not (wrong & found[headline]), (headline, found[headline])


def test_every_article_has_one_to_four_subjects(records):
    for record in records:
        assert 1 <= len(_subjects(record)) <= 4, (record["title"], _subjects(record))


def test_a_kicker_repeated_across_papers_becomes_a_series_page(records, seeds_site):
    series = {t["slug"]: t["name"] for r in records for t in r["topics"] if t["kind"] == "series"}
    assert "新时代 新征程 新伟业" in series.values()
    slug = next(s for s, n in series.items() if n == "新时代 新征程 新伟业")
    page = (seeds_site / "topics" / "series" / slug / "index.html").read_text(encoding="utf-8")
    members = [r for r in records if any(t["slug"] == slug for t in r["topics"])]
    assert len(members) >= 2
    for record in members:
        assert record["title"] in page


def test_a_kicker_repeated_only_within_one_issue_is_no_series():
    import datetime as dt

    from sitegen.model import Article, Block, SourceSpan, Story
    from sitegen.topics import build_topics, load_taxonomy

    def article(n, kicker, day, paper="朔州日报"):
        story = Story(f"标题{n}", kicker, None, None, None, (Block("body", "正文。", 2, 2),), 1, 2)
        return Article(f"a{n}", paper, dt.date(2022, 11, day), "01", n, story, SourceSpan("x.txt", 1, 2), f"a{n}.html")

    articles = [article(1, "习近平将对缅甸进行国事访问", 1), article(2, "习近平将对缅甸进行国事访问", 1),
                article(3, "新华时评", 1), article(4, "新华时评", 2),
                article(5, "新时代 新征程 新伟业", 3), article(6, "新时代 新征程 新伟业", 3, paper="大同日报")]
    series = {t.name: t.article_ids for t in build_topics(articles, {}, load_taxonomy())
              if t.kind == "series"}
    assert series == {"新华时评": ("a4", "a3"), "新时代 新征程 新伟业": ("a5", "a6")}


def test_a_column_named_after_headlines_across_issues_is_a_series():
    # People's Daily names its columns in brackets after the headline, not as a kicker.
    import datetime as dt

    from sitegen.model import Article, Block, SourceSpan, Story
    from sitegen.topics import build_topics, load_taxonomy

    def article(n, headline, day, kicker=None):
        story = Story(headline, kicker, None, None, None, (Block("body", "正文。", 2, 2),), 1, 2)
        return Article(f"a{n}", "人民日报", dt.date(2020, 2, day), "05", n, story, SourceSpan("x.txt", 1, 2), f"a{n}.html")

    articles = [article(1, "只争朝夕，不负韶华（人民论坛）", 1), article(2, "解好基层治理“方程式”(人民论坛)", 2),
                article(3, "人心凝聚看乡风（春节返乡看新风②）", 3), article(4, "家家户户贴春联（春节返乡看新风③）", 4),
                article(5, "今年的年货（新语）", 5), article(6, "过年的味道（新语）", 5),
                article(7, "修好一条路（新春走基层）", 6, kicker="新春走基层"), article(8, "邻里更近了", 7, kicker="新春走基层")]
    series = {t.name: (t.article_ids, t.description) for t in build_topics(articles, {}, load_taxonomy())
              if t.kind == "series"}
    assert series == {
        "人民论坛": (("a2", "a1"), "标题后注明栏目“人民论坛”的文章。"),
        "春节返乡看新风": (("a4", "a3"), "标题后注明栏目“春节返乡看新风”的文章。"),
        # Named both ways, an article is listed once.
        "新春走基层": (("a8", "a7"), "以“新春走基层”为引题的系列报道。"),
    }  # (新语 twice in one issue is one day's pair, no series yet.)


def test_a_speaker_named_over_what_was_said_is_no_series_however_often_it_recurs():
    import datetime as dt

    from sitegen.model import Article, Block, SourceSpan, Story
    from sitegen.topics import build_topics, load_taxonomy

    def article(n, kicker, day):
        story = Story(f"标题{n}", kicker, None, None, None, (Block("body", "正文。", 2, 2),), 1, 2)
        return Article(f"a{n}", "人民日报", dt.date(2020, 2, day), "01", n, story, SourceSpan("x.txt", 1, 2), f"a{n}.html")

    kickers = ["胡春华强调", "——习近平", "郭声琨主持召开中央政法委员会全体会议强调", "外交部发言人——", "新春走基层"]
    articles = [article(10 * k + day, kicker, day) for k, kicker in enumerate(kickers) for day in (1, 2, 3)]
    series = {t.name for t in build_topics(articles, {}, load_taxonomy()) if t.kind == "series"}
    # 外交部发言人—— leads into the spokesman's answers, a standing rubric of the paper.
    assert series == {"外交部发言人", "新春走基层"}


def test_the_dash_or_colon_leading_a_kicker_into_its_headline_is_no_part_of_the_series_name():
    import datetime as dt

    from sitegen.model import Article, Block, SourceSpan, Story
    from sitegen.topics import build_topics, load_taxonomy

    kickers = ["国家卫健委发布会——", "国家卫健委发布会：", "国家卫健委发布会", "——"]
    articles = [
        Article(f"a{day}", "人民日报", dt.date(2020, 2, day), "01", day,
                Story(f"标题{day}", kicker, None, None, None, (Block("body", "正文。", 2, 2),), 1, 2),
                SourceSpan("x.txt", 1, 2), f"a{day}.html")
        for day, kicker in enumerate(kickers, 1)
    ]
    series = [t for t in build_topics(articles, {}, load_taxonomy()) if t.kind == "series"]
    assert [(t.name, t.article_ids) for t in series] == [("国家卫健委发布会", ("a3", "a2", "a1"))]


def test_the_two_copies_of_one_story_link_to_each_other(records, seeds_site):
    copies = [r for r in records if r["title"].startswith("让群众过上更加幸福美好的生活")]
    assert len({r["newspaper"] for r in copies}) == 2
    for record in copies:
        other = next(r for r in copies if r is not record)
        html = (seeds_site / record["url"]).read_text(encoding="utf-8")
        section = html.split("同一篇文章的其他刊载", 1)[1].split("</ul>", 1)[0]
        assert other["url"].rsplit("/", 1)[-1] in section and other["newspaper"] in section


def test_a_chart_names_its_first_and_last_month_and_one_month_once():
    import datetime as dt
    import re as re_module

    from sitegen.charts import articles_per_month

    labels = lambda svg: re_module.findall(r"<text [^>]*>([^<]+)</text>", str(svg))  # noqa: E731
    one = articles_per_month([dt.date(2022, 11, 11), dt.date(2022, 11, 28)], "每月文章数")
    assert labels(one) == ["2022年11月"]
    assert "每月文章数：2022年11月，共 2 篇" in str(one)
    three = articles_per_month([dt.date(2022, 9, 1), dt.date(2022, 11, 28)], "每月文章数")
    assert labels(three) == ["2022年9月", "2022年11月"]
    assert "2022年9月至2022年11月" in str(three)


def test_topic_page_has_a_chart_and_lists_its_articles_newest_first(records, seeds_site):
    page = (seeds_site / "topics" / "subject" / "epidemic" / "index.html").read_text(encoding="utf-8")
    assert '<svg class="chart"' in page and 'role="img"' in page
    epidemic = [r for r in records if "epidemic" in _subjects(r)]
    # api/articles.json is in archive order (paper, date, page), so a stable sort by date gives
    # newest first with each day's articles in page order, undated last.
    expected = sorted((r for r in epidemic if r["date"]), key=lambda r: r["date"], reverse=True)
    positions = [page.index(f'>{r["title"]}</a>') for r in expected]
    assert positions == sorted(positions)
    assert all(f'>{r["title"]}</a>' in page for r in epidemic)


def test_article_page_shows_its_keywords(records, seeds_site):
    record = next(r for r in records if r["title"].startswith("韩国队不敌加纳队"))
    keywords = [t["name"] for t in record["topics"] if t["kind"] == "keyword"]
    html = (seeds_site / record["url"]).read_text(encoding="utf-8")
    assert "关键词" in html or not keywords
    for word in keywords:
        assert word in html


def _story(headline, *paragraphs, byline=None):
    body = tuple(Block("body", p, 2 + n, 2 + n) for n, p in enumerate(paragraphs))
    return Story(headline, None, None, byline, None, body, 1, 1 + len(paragraphs))


def test_an_article_matching_no_subject_gets_the_fallback():
    taxonomy = load_taxonomy()
    signals = signals_of(_story("启事", "本人不慎遗失身份证一张，特此声明。"), None, taxonomy)
    assert signals.subjects == (taxonomy.fallback_slug,)


def test_the_page_name_is_evidence_for_a_subject():
    taxonomy = load_taxonomy()
    story = _story("他们在冰上追梦", "清晨六点，少年们已经在冰面上练了一个小时。")
    assert "sport" in signals_of(story, "体育", taxonomy).subjects


def test_an_archive_taxonomy_replaces_the_default(tmp_path):
    (tmp_path / "topics.toml").write_text(
        'threshold = 1\n[[subject]]\nname = "煤炭"\nslug = "coal"\nterms = { "煤" = 1 }\n', encoding="utf-8")
    taxonomy = load_taxonomy(tmp_path)
    assert [s.slug for s in taxonomy.subjects] == ["coal"]
    assert signals_of(_story("煤矿安全", "煤价平稳"), None, taxonomy).subjects == ("coal",)


@pytest.mark.parametrize("text, key", [
    ('treshold = 1\n', "treshold"),
    ('[[subject]]\nname = "a"\nslug = "a"\nterms = {}\nterm = {}\n', "subject[1].term"),
])
def test_a_misspelt_key_in_topics_toml_names_the_file_and_key(tmp_path, text, key):
    (tmp_path / "topics.toml").write_text(text, encoding="utf-8")
    with pytest.raises(TopicsError, match=rf"topics.toml: unknown key '{key}'".replace("[", r"\[").replace("]", r"\]")):
        load_taxonomy(tmp_path)


def test_an_empty_term_in_topics_toml_is_an_error_naming_the_file_and_subject(tmp_path):
    # An empty term would match at every place and give its subject to every article.
    (tmp_path / "topics.toml").write_text(
        '[[subject]]\nname = "煤炭"\nslug = "coal"\nterms = { "煤" = 1, "" = 2 }\n', encoding="utf-8")
    with pytest.raises(TopicsError, match=r"topics.toml: 'subject\[1\]\.terms' has an empty term"):
        load_taxonomy(tmp_path)


@needs_corpus
@pytest.mark.corpus
def test_rjieba_cuts_newspaper_prose_exactly_as_jieba_does():
    # Keywords are cut by rjieba for speed; it must give jieba's own words (same dictionary, no HMM).
    rjieba = pytest.importorskip("rjieba")
    import jieba

    files = sorted(CORPUS.glob("*/*/*.txt"))[::20]
    texts = [unicodedata.normalize("NFKC", f.read_text(encoding="utf-8")[:600]) for f in files]
    texts += ["援朔医疗队抵达朔州", "新时代 新征程 新伟业", "ＣＮ14-0001 2022年11月28日"]
    assert len(texts) > 300
    for text in texts:
        assert rjieba.cut(text, hmm=False) == jieba.lcut(text, HMM=False), text
    # And with the taxonomy's words added, as each adds them.
    from sitegen.topics import _cut

    words = load_taxonomy().words
    tokenizer = jieba.Tokenizer()
    for word in words:
        tokenizer.add_word(word)
    texts += [f"推进{word}工作" for word in words]
    for text in texts:
        assert _cut(words)(text) == tokenizer.lcut(text, HMM=False), text


def test_keywords_are_weighed_by_jieba_s_own_idf_table():
    # sitegen reads jieba's idf.txt itself (importing jieba.analyse costs a second more);
    # it must read the same table and the same median weight for unknown words.
    import jieba.analyse

    from sitegen.topics import _idf

    tfidf = jieba.analyse.TFIDF()
    assert _idf() == (tfidf.idf_freq, tfidf.median_idf)


def test_names_the_dictionary_splits_are_keywords_whole_not_their_pieces():
    # jieba's dictionary is older than 一带一路 and 新冠肺炎: cut, they made keyword pages 一路 and 一带.
    from sitegen.topics import text_signals

    story = _story("共建一带一路 携手抗击新冠肺炎疫情",
                   "一带一路沿线国家纷纷伸出援手，与中国携手抗击新冠肺炎疫情，中欧班列满载防疫物资驶向各地。")
    keywords = text_signals(story, load_taxonomy()).keywords
    assert {"一带一路", "新冠肺炎"} <= set(keywords)
    assert not {"一带", "一路", "肺炎"} & set(keywords)


def test_keywords_name_the_matter_not_the_formulae_of_official_prose():
    # 印发, 做好, 意见, 落实 are in every notice; 栗战书 is 栗 / 战书 to jieba (战书 was a keyword of 19 articles).
    from sitegen.topics import text_signals

    story = _story("国务院办公厅印发《关于做好春耕备耕工作的意见》",
                   "意见要求，各地要做好春耕备耕，落实化肥种子供应，确保春耕生产有序开展。",
                   "栗战书出席座谈会并讲话，要求抓好春耕备耕各项措施落实。")
    keywords = set(text_signals(story, load_taxonomy()).keywords)
    assert {"春耕", "备耕"} <= keywords
    assert not {"印发", "做好", "意见", "落实", "确保", "有序", "抓好", "措施", "战书"} & keywords


def test_ordinals_and_counts_are_not_keywords_but_a_congress_term_is():
    # jieba gives 第四次, 三次, 亿美元 as words; as keyword pages they gathered unrelated articles.
    from sitegen.topics import keywords_of

    words = load_taxonomy().words
    trade = keywords_of("第四次会议审议通过 进出口总额三次突破万亿美元",
                        "进出口总额第三次突破一万亿美元，外贸企业三次获得补贴，二十多万户企业受益。", words)
    assert "进出口" in trade
    assert not {"第四次", "第三次", "三次", "万亿美元", "一万亿美元", "二十多万"} & set(trade)
    plenum = keywords_of("学习十九届四中全会精神", "各地掀起学习十九届四中全会精神热潮，第四次宣讲会三次走进社区。", words)
    assert {"十九届", "四中全会"} <= set(plenum)


def test_an_article_page_shows_all_its_keywords_linking_those_with_a_page(seeds_site):
    # A keyword of one or two articles has no page, but it still says what the article is about.
    import html as html_module

    records = json.loads((seeds_site / "api" / "articles.json").read_text(encoding="utf-8"))
    records = records["articles"] if isinstance(records, dict) else records
    unlinked = 0
    for record in records:
        assert 1 <= len(record["keywords"]) <= 5, record["title"]
        html = (seeds_site / record["url"]).read_text(encoding="utf-8")
        section = html.split('<h2 class="small-h">关键词</h2>', 1)[1].split("</ul>", 1)[0]
        shown = [html_module.unescape(w) for w in re.findall(r"<li>(?:<a [^>]*>|<span[^>]*>)([^<]+)</", section)]
        assert shown == record["keywords"], record["title"]
        with_page = {t["name"] for t in record["topics"] if t["kind"] == "keyword"}
        for word in record["keywords"]:
            linked = re.search(r'<a href="([^"]+)">' + re.escape(word) + "</a>", section)
            assert bool(linked) == (word in with_page), (record["title"], word)
            if linked:
                page = (seeds_site / record["url"]).parent / linked.group(1)
                assert f"<h1>{word}</h1>" in page.resolve().read_text(encoding="utf-8").replace("\n", "")
        unlinked += len(set(record["keywords"]) - with_page)
    assert unlinked > 0  # the seeds have keywords without a page


def test_an_archive_s_own_words_are_kept_whole_in_its_keywords(tmp_path):
    # A county archive's 援朔 (aid to Shuozhou) is 援 / 朔 to jieba; topics.toml's words keep it whole.
    from sitegen.topics import text_signals

    story = _story("援朔医疗队圆满完成任务", "援朔医疗队今天返程，援朔期间累计完成核酸采样十二万人次。")
    assert "援朔" not in text_signals(story, load_taxonomy()).keywords
    (tmp_path / "topics.toml").write_text(
        'words = ["援朔"]\n[[subject]]\nname = "疫情防控"\nslug = "epidemic"\nterms = { "核酸" = 2 }\n', encoding="utf-8")
    assert "援朔" in text_signals(story, load_taxonomy(tmp_path)).keywords


@pytest.mark.parametrize("words", ['"一带一路"', '[1, 2]', '["一带一路", ""]'])
def test_words_in_topics_toml_that_are_not_a_list_of_words_name_the_file_and_key(tmp_path, words):
    (tmp_path / "topics.toml").write_text(f"words = {words}\n", encoding="utf-8")
    with pytest.raises(TopicsError, match=r"topics.toml: 'words' must be a list of words"):
        load_taxonomy(tmp_path)


def test_a_photo_report_is_tagged_with_what_it_shows_not_with_the_words_for_a_photo_report():
    # People's Daily heads its photo reports 图片报道; the caption says what the photo shows.
    from sitegen.topics import keywords_of

    keywords = keywords_of("图片报道", "2月18日，在安徽省黄山市黄山区，光伏电站的工作人员在检修光伏板。"
                                        "当地光伏发电今年已累计发电1200万千瓦时。")
    assert "光伏" in keywords
    assert not {"图片", "报道"} & set(keywords)


def test_the_column_named_after_a_headline_gives_the_article_its_series_not_its_keywords():
    # 人民时评 after a headline is the column (a series); 时评 cut from it was a keyword of 47 articles.
    from sitegen.model import Block, Story
    from sitegen.topics import headline_column, load_taxonomy, text_signals

    headline = "让数字经济更好惠及民生（人民时评）"
    story = Story(headline, None, None, None, None,
                  (Block("body", "数字经济正在深刻改变百姓的日常生活，网上购物、移动支付已经走进千家万户。", 2, 2),), 1, 2)
    keywords = text_signals(story, load_taxonomy()).keywords
    assert headline_column(headline) == "人民时评"
    assert {"数字", "民生"} <= set(keywords)
    assert not {"时评", "人民"} & set(keywords)


@settings(max_examples=300, deadline=None)
@given(
    terms=st.lists(st.text(alphabet="中国人民天气寒潮a+.", min_size=1, max_size=4), min_size=1, max_size=12, unique=True),
    text=st.text(alphabet="中国人民天气寒潮a+.，", max_size=60),
)
def test_the_subject_terms_found_are_the_longest_at_each_place(terms, text):
    """The trie-shaped pattern finds what the plain alternation of the terms, longest first, finds,
    with its first characters in one group or in groups of two."""
    plain = re.compile("|".join(map(re.escape, sorted(terms, key=lambda t: (-len(t), t))))).findall(text)
    assert re.compile(_trie_pattern(sorted(terms))).findall(text) == plain
    assert re.compile(_trie_pattern(sorted(terms), group=2)).findall(text) == plain


#: Characters where NFKC does its work: full-width forms and punctuation, compatibility
#: characters (①, Ⅱ, ℃, ﬁ), combining marks that compose with what precedes them, Hangul jamo.
_FOLDING = "，；：（）…！？％［］\u3000\xa0ＡＺａ０９①Ⅱ℃ﬁｶﾞ\u0301\u0308\u3099eAカ가\u1100\u1161\u11a8中国。,"


@settings(max_examples=500, deadline=None)
@given(text=st.one_of(st.text(alphabet=_FOLDING, max_size=40), st.text(max_size=40)))
def test_text_is_normalised_as_unicodedata_normalises_it(text):
    """Topics see ，as , and ０ as 0 exactly as NFKC says, whatever characters surround them."""
    assert nfkc(text) == unicodedata.normalize("NFKC", text)


def test_the_topics_overview_shows_the_largest_keywords_and_the_rest_are_listed_in_pinyin_order(tmp_path, monkeypatch):
    """A decade of a daily has tens of thousands of keywords: the overview shows the largest, and every
    keyword is on the pages of the whole list, in pinyin order, a bounded number a page, under letters."""
    from sitegen import render_indexes
    from sitegen.build import build

    monkeypatch.setattr(render_indexes, "OVERVIEW_TOPICS", 2)
    monkeypatch.setattr(render_indexes, "KIND_PAGE_SIZE", 2)
    site = tmp_path / "site"
    build(SEEDS, site, use_cache=False, jobs=1)
    records = json.loads((site / "api/articles.json").read_text(encoding="utf-8"))["articles"]
    keywords = {}
    for record in records:
        for t in record["topics"]:
            if t["kind"] == "keyword":
                keywords.setdefault(t["slug"], set()).add(record["id"])
    assert len(keywords) > 2

    overview = (site / "topics/index.html").read_text(encoding="utf-8")
    section = overview[overview.index('id="k-keyword"'):]
    shown = re.findall(r'href="keyword/([^/"]+)/index.html"', section)
    largest = sorted(keywords, key=lambda slug: (-len(keywords[slug]), slug))[:2]
    assert shown == largest
    assert 'href="keyword/index.html"' in section

    listed, page, pages = [], "index.html", 0
    while page:
        html = (site / "topics/keyword" / page).read_text(encoding="utf-8")
        on_page = re.findall(r'href="([a-z0-9-]+)/index.html"', html)
        assert 0 < len(on_page) <= 2
        for letter, target in re.findall(r'<a href="([^"#]*)#letter-([^"]+)">', html):
            target_html = (site / "topics/keyword" / letter).read_text(encoding="utf-8")
            after = target_html[target_html.index(f'id="letter-{target}"'):]
            assert re.search(r'href="([^/"]+)/index.html"', after).group(1)[0].upper() == target
        listed += on_page
        pages += 1
        page = (re.findall(r'<a rel="next" href="([^"]+)"', html) or [None])[0]
    assert listed == sorted(keywords) and pages == -(-len(keywords) // 2)

    topic_page = (site / "topics/keyword" / listed[0] / "index.html").read_text(encoding="utf-8")
    start = topic_page.index('class="breadcrumb')
    crumbs = topic_page[start : topic_page.index("</nav>", start)]
    assert 'href="../index.html">关键词</a>' in crumbs
