"""Where everything lives in the built site, and how one page links to another.

This is the one place that decides URLs and file paths.  Paths are relative to
the site root, ASCII only, and always name ``index.html`` so that every link
works from ``file://`` (where a directory URL shows a file listing) as well as
from a web server under a sub-path such as GitHub Pages' ``/repo/``.

Layout::

    index.html                                   home
    papers/<paper>/index.html                    newspaper: its years and months
    papers/<paper>/<YYYY>/index.html             a year of the paper: its issues by month
    papers/<paper>/<YYYY>/<MM>/index.html        a month of the paper: its issues
    papers/<paper>/<YYYY-MM-DD>/index.html       issue ("undated" for 日期不详)
    papers/<paper>/<issue>/<page>/index.html     page view
    papers/<paper>/<issue>/<page>/<NN>.html      article (and <NN>.md beside it)
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata

from pypinyin import lazy_pinyin

UNDATED = "undated"


@functools.lru_cache(maxsize=65536)  # pinyin is slow, and a server's rebuilds slugify the same names again
def slugify(text: str) -> str:
    """An ASCII slug for a name: pinyin for Chinese, lower-case, hyphens between words.

    >>> slugify("朔州日报")
    'shuozhouribao'
    >>> slugify("青岛日报 聚焦")
    'qingdaoribao-jujiao'
    """
    words = []
    for part in re.split(r"[\s_\-/·・]+", unicodedata.normalize("NFKC", text)):
        syllables = "".join(lazy_pinyin(part, errors=lambda chars: list(chars)))
        ascii_word = re.sub(r"[^a-z0-9]+", "", syllables.lower())
        if ascii_word:
            words.append(ascii_word)
    return "-".join(words)[:60].strip("-") or "x"


def issue_key(date: dt.date | None) -> str:
    """The URL segment of an issue: its date, or ``undated``."""
    return date.isoformat() if date else UNDATED


def home() -> str:
    return "index.html"


def newspaper(paper_slug: str) -> str:
    return f"papers/{paper_slug}/index.html"


def year(paper_slug: str, number: int) -> str:
    return f"papers/{paper_slug}/{number:04d}/index.html"


def month(paper_slug: str, year_number: int, month_number: int) -> str:
    return f"papers/{paper_slug}/{year_number:04d}/{month_number:02d}/index.html"


def issue(paper_slug: str, key: str) -> str:
    return f"papers/{paper_slug}/{key}/index.html"


def page(paper_slug: str, key: str, page_key: str) -> str:
    return f"papers/{paper_slug}/{key}/{page_key}/index.html"


def article(paper_slug: str, key: str, page_key: str, order: int) -> str:
    return f"papers/{paper_slug}/{key}/{page_key}/{order:02d}.html"


def article_markdown(article_url: str) -> str:
    """The Markdown source sits beside the article page under the same name."""
    return article_url[: -len(".html")] + ".md"


def feed(paper_slug: str) -> str:
    return f"papers/{paper_slug}/feed.xml"


def topic_index() -> str:
    return "topics/index.html"


def topic_kind_index(kind: str, page_number: int = 1) -> str:
    """A numbered page of the whole list of one kind of topic (series, keywords) in pinyin order.

    Beside the topics' own folders: no slug is ``index.html`` or ``page-2.html`` (slugs have no dot).
    """
    suffix = "index.html" if page_number == 1 else f"page-{page_number}.html"
    return f"topics/{kind}/{suffix}"


def topic(kind: str, slug: str, page_number: int = 1) -> str:
    suffix = "index.html" if page_number == 1 else f"page-{page_number}.html"
    return f"topics/{kind}/{slug}/{suffix}"


def search() -> str:
    return "search.html"


def about() -> str:
    return "about.html"


def not_found() -> str:
    return "404.html"


def static(name: str) -> str:
    return f"static/{name}"


def relative_url(from_path: str, to_path: str) -> str:
    """The link from the page at ``from_path`` to ``to_path`` (both from the site root).

    >>> relative_url("papers/a/index.html", "static/site.css")
    '../../static/site.css'
    >>> relative_url("index.html", "papers/a/index.html")
    'papers/a/index.html'
    """
    # Plain string work on clean site paths: posixpath.relpath would make both
    # absolute against the working directory, and this runs for every link of
    # every page (millions in a big archive).
    target, _, fragment = to_path.partition("#")
    base = from_path.split("/")[:-1]
    parts = target.split("/")
    common = 0
    for mine, theirs in zip(base, parts):
        if mine != theirs:
            break
        common += 1
    rel = "/".join([".."] * (len(base) - common) + parts[common:]) or "."
    return rel + (f"#{fragment}" if fragment else "")


def absolute_url(base_url: str, path: str) -> str:
    """The public URL of ``path`` under ``--base-url`` (used for the sitemap and feeds only)."""
    return base_url.rstrip("/") + "/" + path
