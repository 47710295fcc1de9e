"""Article bodies: the HTML written directly is the HTML Python-Markdown makes of the article's Markdown."""

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen import article_markdown
from sitegen.model import Article, Block, SourceSpan, Story
from tests.conftest import SEEDS

#: Characters that mean something to Markdown or HTML, white space, and Chinese.
_ALPHABET = st.sampled_from(list("\\`*_{}[]()#+-.!<>&;\"':=|~^$%@/ \t\u3000\n") + list("abc123") + list("新华社记者报道，。“”"))
#: A block always holds some text (the parser makes no empty blocks; for an empty
#: caption Python-Markdown would print the "{: .caption }" marker itself).
_TEXT = st.text(_ALPHABET, min_size=1, max_size=40).filter(lambda t: t.strip())
_BLOCK = st.builds(
    lambda role, text, ref: Block(role, text, 1, 1, 0, ref if role == "continuation" else None),
    st.sampled_from(["body", "subhead", "caption", "continuation", "byline", "dateline"]),
    _TEXT,
    st.sampled_from(["03", "04", None]),
)


def _article(blocks) -> Article:
    story = Story("标题", None, None, None, None, tuple(blocks), 1, 1)
    return Article("x-01", "报", None, None, 1, story, SourceSpan("a.txt", 1, 1), "papers/x/undated/a/01.html")


def _via_markdown(article: Article, links: dict[str, str]) -> str:
    return article_markdown.body_html(article_markdown.new_renderer(), article_markdown.body_markdown(article, links))


@settings(max_examples=300, deadline=None)
@given(st.lists(_BLOCK, max_size=6))
def test_direct_html_equals_python_markdown_for_any_text(blocks):
    article = _article(blocks)
    links = {"03": "../03/index.html"}
    assert article_markdown.direct_body_html(article, links) == _via_markdown(article, links)


def test_direct_html_equals_python_markdown_on_the_seed_pages():
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(Path(SEEDS).glob("*.txt")))
    paragraphs = [p for p in text.split("\n") if p.strip()]
    article = _article(Block("body", p, 1, 1, 0) for p in paragraphs)
    assert article_markdown.direct_body_html(article) == _via_markdown(article, {})


def test_a_continuation_that_reads_like_a_reference_definition_stays_a_link():
    # "[ab\]: c](../03/index.html)" would be taken for the definition of a Markdown reference.
    for text in ("]:", "ab]: c", "下转]:第3版"):
        article = _article([Block("continuation", text, 1, 1, 0, "03")])
        links = {"03": "../03/index.html"}
        assert _via_markdown(article, links) == article_markdown.direct_body_html(article, links)
        assert f">{text}</a>" in article_markdown.direct_body_html(article, links)


def test_an_article_page_shows_the_credits_printed_inside_its_text(tmp_path):
    # A package of signed stories (each reporter's name under the story's headline) and a letter
    # signed under its close: the names are shown where the page prints them, not left on the page view.
    from sitegen.build import build
    from tests.test_parse_story_boundaries import _TRAVELLERS

    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "travellers.txt").write_text("\n".join(_TRAVELLERS) + "\n", encoding="utf-8")
    (archive / "letter.txt").write_text(
        "不负军人职责，不负家人期盼（寄给祖国的家书）\n\n亲爱的妻子：\n\n"
        "不多说了，你要照顾好自己和孩子，我要去执行任务了。\n\n此致\n\n敬礼！\n\n米秀刚\n\n"
        "（作者为中国第五批赴南苏丹维和步兵营连长）\n",
        encoding="utf-8",
    )
    build(archive, tmp_path / "site", use_cache=False)
    # (Each undated page gets a folder named after its file; its one article is 01.html.)
    html = {p.parent.name: p.read_text(encoding="utf-8") for p in (tmp_path / "site" / "papers").glob("*/*/*/01.html")}
    assert "<h3>搭上公交进山里</h3>\n<p class=\"byline\">本报记者 蒋云龙</p>" in html["travellers"]
    assert '<p>敬礼！</p>\n<p class="byline">米秀刚</p>\n<p class="byline">（作者为中国第五批赴南苏丹维和步兵营连长）</p>' in html["letter"]
