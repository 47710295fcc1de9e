"""Each article as a Markdown file with YAML front matter, and its body as HTML.

OCR text is full of characters that mean something to Markdown (``*``, ``#``,
``1.``, ``[…](…)``, backticks) and to HTML (``<``, ``&``).  Every character of
the article's own text is escaped so that rendering the Markdown gives back
exactly the printed text and never markup.
"""

from __future__ import annotations

import html
import json
import re

import markdown

from sitegen.model import Article, Block

#: Characters Python-Markdown treats specially and accepts a backslash escape for
#: (its ESCAPED_CHARS; ``>`` is written as an entity instead).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!])")


#: Link text whose first bracket is a ``]`` followed by ``:``: as ``[text](url)`` it
#: would start with what Python-Markdown takes for a reference definition.
_REFERENCE_LIKE = re.compile(r"[^\[\]]*\]:")


def escape_text(text: str) -> str:
    """Markdown source that renders to exactly ``text`` (one paragraph, no markup).

    >>> escape_text("1. <b>*注*</b> & [链接](x)")
    '1\\\\. &lt;b&gt;\\\\*注\\\\*&lt;/b&gt; &amp; \\\\[链接\\\\]\\\\(x\\\\)'
    """
    text = " ".join(text.split())  # a paragraph is one line; runs of white space fold, as HTML shows them
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _block_markdown(block: Block, continuation_links: dict[str, str]) -> str:
    text = escape_text(block.text)
    if block.role == "subhead":
        return f"### {text}"
    if block.role in ("caption", "byline", "dateline"):
        return f"{text}\n{{: .{block.role} }}"
    if block.role == "continuation":
        target = continuation_links.get(block.ref or "")
        if target and _REFERENCE_LIKE.match(" ".join(block.text.split())):
            # [ab\]: c](t) would be read as the definition of a reference "ab\": the tag instead.
            return f'<a href="{html.escape(target)}">{text}</a>\n{{: .continuation }}'
        if target:
            return f"[{text}]({target})\n{{: .continuation }}"
        return f"{text}\n{{: .continuation }}"
    return text


def body_markdown(article: Article, continuation_links: dict[str, str] | None = None) -> str:
    """The body as Markdown: paragraphs separated by blank lines, subheads as ``###``, captions and
    credits inside the text (a section's writer, a letter's signature) with their class.

    ``continuation_links`` maps a page number ("03") to the relative URL of that
    page's view, for the pages of the same issue that are in the archive.
    """
    links = continuation_links or {}
    return "\n\n".join(_block_markdown(b, links) for b in article.story.body) + "\n"


#: Writes the front matter's values: ``json.dumps`` given an option makes a new encoder for every
#: value, which took as long as writing it (14 values an article).
_JSON = json.JSONEncoder(ensure_ascii=False)


def front_matter(fields: dict) -> str:
    """YAML front matter; values are written as JSON, which YAML reads as the same values."""
    lines = ["---"]
    for key, value in fields.items():
        lines.append(f"{key}: {_JSON.encode(value)}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def article_document(article: Article, metadata: dict, body_md: str) -> str:
    """The whole Markdown file: front matter, the headline as ``#``, then the body."""
    story = article.story
    head = []
    if story.kicker:
        head.append(escape_text(story.kicker) + "\n{: .kicker }")
    head.append("# " + escape_text(story.headline))
    if story.subtitle:
        head.append(escape_text(story.subtitle) + "\n{: .subtitle }")
    if story.byline:
        head.append(escape_text(story.byline) + "\n{: .byline }")
    return front_matter(metadata) + "\n" + "\n\n".join(head) + "\n\n" + body_md


def new_renderer() -> markdown.Markdown:
    """A Markdown converter for article bodies; reuse it (``reset()``) across articles."""
    return markdown.Markdown(extensions=["attr_list"], output_format="html")


def body_html(renderer: markdown.Markdown, body_md: str) -> str:
    renderer.reset()
    return renderer.convert(body_md)


def direct_body_html(article: Article, continuation_links: dict[str, str] | None = None) -> str:
    """The HTML Python-Markdown makes of ``body_markdown(article, continuation_links)``, written directly.

    The body's Markdown is ours and plain (escaped paragraphs, ``###``
    subheads, ``{: .caption }``, one link per continuation), so its HTML can be
    written without parsing it, some thirty times faster; a big archive spends
    most of its rendering time in Python-Markdown otherwise.  Tests check that
    both give the same HTML for every kind of text.
    """
    links = continuation_links or {}
    parts = []
    for block in article.story.body:
        text = html.escape(" ".join(block.text.split()), quote=False)
        if block.role == "subhead":
            parts.append(f"<h3>{text}</h3>")
        elif not text:
            continue  # an empty paragraph makes no HTML
        elif block.role in ("caption", "byline", "dateline"):
            parts.append(f'<p class="{block.role}">{text}</p>')
        elif block.role == "continuation":
            target = links.get(block.ref or "")
            inner = f'<a href="{html.escape(target)}">{text}</a>' if target else text
            parts.append(f'<p class="continuation">{inner}</p>')
        else:
            parts.append(f"<p>{text}</p>")
    return "\n".join(parts)
