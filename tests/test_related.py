"""Related articles and the same story printed by two papers."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.model import Article, Block, SourceSpan, Story
from sitegen.related import find_reprints, neighbours
from sitegen.topics import ArticleSignals, text_fingerprint

STORY = ("习近平总书记在党的二十大报告中指出，必须坚持在发展中保障和改善民生，鼓励共同奋斗创造美好生活，"
         "不断实现人民对美好生活的向往。连日来，记者在一线调研采访时了解到，各地城乡社区积极行动，"
         "把党的二十大精神和社区工作实际相结合，加强基层组织建设，从社区群众最关切的事情着手。")
OTHER = ("当日，在卡塔尔赖扬教育城球场进行的2022卡塔尔世界杯足球赛H组比赛中，韩国队以2比3不敌加纳队。"
         "韩国队球员曹圭成与加纳队球员托马斯·帕蒂、阿马泰拼抢，双方在下半场连续进球，比赛十分激烈。")


def _article(n, paper, text, keywords=(), subjects=("politics",)):
    story = Story(f"标题{n}", None, None, None, None, (Block("body", text, 2, 2),), 1, 2)
    article = Article(f"a{n}", paper, dt.date(2022, 11, n), "01", 1, story, SourceSpan("x.txt", 1, 2), f"a{n}.html")
    return article, ArticleSignals(subjects, tuple(keywords), text_fingerprint(text))


def test_copies_differing_in_punctuation_width_and_line_breaks_are_one_story():
    reprint = STORY.replace("，", ",").replace("。", ".\n")
    pairs = [_article(1, "大同日报", STORY), _article(2, "某报", reprint), _article(3, "朔州日报", OTHER)]
    articles = [a for a, _ in pairs]
    signals = {a.id: s for a, s in pairs}
    copies = find_reprints(articles, signals)
    assert copies == {"a1": ["a2"], "a2": ["a1"]}
    links = neighbours(articles, signals)
    assert [l.path for l in links["a1"].reprints] == ["a2.html"]
    assert "a3" not in links


def test_related_articles_share_keywords_and_exclude_the_article_itself():
    pairs = [
        _article(1, "甲报", STORY, keywords=("社区", "基层")),
        _article(2, "甲报", OTHER, keywords=("社区", "基层")),
        _article(3, "甲报", OTHER[::-1], keywords=("世界杯",), subjects=("sport",)),
    ]
    articles = [a for a, _ in pairs]
    links = neighbours(articles, {a.id: s for a, s in pairs})
    assert [l.path for l in links["a1"].related] == ["a2.html"]
    assert "a3" not in links


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_every_article_finds_the_neighbours_a_one_by_one_count_finds(data):
    # The archive-wide pass sorts the fingerprints out at once and looks for copies only where enough
    # values are shared at all; counting each article's shared values one by one must agree with it.
    from sitegen.related import _neighbours_of, _postings, _sketch_postings, link, neighbourhood

    count = data.draw(st.integers(min_value=1, max_value=40))
    pool = st.integers(min_value=0, max_value=2**64 - 1)
    common = data.draw(st.lists(pool, min_size=40, max_size=40, unique=True))  # values many articles hold
    articles, signals = [], {}
    for n in range(1, count + 1):
        size = data.draw(st.sampled_from([0, 10, 20, 32]))
        fingerprint = tuple(sorted(set(data.draw(st.lists(st.one_of(st.sampled_from(common), pool),
                                                          min_size=size, max_size=size)))))
        story = Story(f"标题{n}", None, None, None, None, (Block("body", "正文。", 2, 2),), 1, 2)
        article = Article(f"a{n:02}", "甲报", dt.date(2022, 11, data.draw(st.integers(1, 3))), "01", n, story,
                          SourceSpan("x.txt", 1, 2), f"a{n}.html")
        articles.append(article)
        signals[article.id] = ArticleSignals(
            tuple(data.draw(st.lists(st.sampled_from(["politics", "sport", "economy"]), max_size=2, unique=True))),
            tuple(data.draw(st.lists(st.sampled_from("甲乙丙丁戊"), max_size=3, unique=True))), fingerprint)
    found = neighbourhood(articles, signals)
    ids = [a.id for a in articles if signals[a.id].fingerprint]
    fingerprints = {i: signals[i].fingerprint for i in ids}
    assert _sketch_postings(fingerprints)[0] == _postings(fingerprints, ids) == found.sketches
    inputs = {a.id: (link(a), signals[a.id]) for a in articles}
    assert found.of == _neighbours_of(list(inputs), inputs, found.sketches, found.keywords)
