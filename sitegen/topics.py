"""Topics: placeholder that groups articles into series by repeated kickers.

The full version adds subjects from a taxonomy and keywords; the contract is
``build_topics(articles) -> tuple[Topic, ...]`` with article ids newest first.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sitegen import urls
from sitegen.model import Article, Topic


def _newest_first(articles: list[Article]) -> tuple[str, ...]:
    ordered = sorted(articles, key=lambda a: (a.date or dt.date.min, a.id), reverse=True)
    return tuple(a.id for a in ordered)


def build_topics(articles: list[Article]) -> tuple[Topic, ...]:
    by_kicker: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        if article.story.kicker:
            by_kicker[" ".join(article.story.kicker.split())].append(article)
    topics = [
        Topic(urls.slugify(kicker), "series", kicker, f"栏目或系列报道“{kicker}”的文章。", _newest_first(members))
        for kicker, members in sorted(by_kicker.items())
        if len(members) >= 2
    ]
    return tuple(topics)
