"""Related articles and the same story printed by two papers."""

import datetime as dt

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
