"""``sitemap.xml`` and one Atom feed per newspaper, written when ``--base-url`` is given.

Both need absolute URLs, which only the publisher knows.  Their dates come from
the archive (the newest issue), never from the clock, so rebuilds stay
byte-identical.
"""

from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape, quoteattr

from sitegen import dates, urls
from sitegen.model import Article, Newspaper

#: How many of a paper's newest articles its feed carries.
FEED_SIZE = 50


def sitemap_xml(base_url: str, paths: list[str]) -> str:
    """A sitemap listing every page path (from the site root) under ``base_url``."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    lines += [f"  <url><loc>{escape(urls.absolute_url(base_url, p))}</loc></url>" for p in paths]
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def _timestamp(date: dt.date | None) -> str:
    return f"{(date or dt.date(1970, 1, 1)).isoformat()}T00:00:00Z"


def atom_feed(base_url: str, paper: Newspaper, articles: list[Article]) -> str:
    """The paper's newest articles as an Atom feed (newest first)."""
    newest = sorted(articles, key=lambda a: (a.date or dt.date.min, a.id), reverse=True)[:FEED_SIZE]
    feed_url = urls.absolute_url(base_url, urls.feed(paper.slug))
    updated = _timestamp(newest[0].date if newest else None)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
        f"  <title>{escape(paper.name)}</title>",
        f"  <id>{escape(feed_url)}</id>",
        f"  <link rel=\"self\" href={quoteattr(feed_url)}/>",
        f"  <link href={quoteattr(urls.absolute_url(base_url, paper.path))}/>",
        f"  <updated>{updated}</updated>",
    ]
    for article in newest:
        link = urls.absolute_url(base_url, article.path)
        summary = f"{dates.chinese_date(article.date)} {dates.page_label(article.page)}"
        lines += [
            "  <entry>",
            f"    <title>{escape(article.story.headline)}</title>",
            f"    <id>{escape(link)}</id>",
            f"    <link href={quoteattr(link)}/>",
            f"    <updated>{_timestamp(article.date)}</updated>",
            f"    <author><name>{escape(article.story.byline or paper.name)}</name></author>",
            f"    <summary>{escape(summary)}</summary>",
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"
