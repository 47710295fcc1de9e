"""Stage: enrich the placed archive with topics and related articles.

Each article's signals from its text (subject scores, keywords, fingerprint:
``sitegen.topics.text_signals``) come from stage 1, which worked them out in
its worker processes while it parsed the page.  Here, where the whole archive
is known, the cheap part runs: each article's subjects now that its page's name
is known, the topics, and each article's neighbours.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sitegen.model import Article, Newspaper, Topic
from sitegen.related import Neighbours, neighbours
from sitegen.topics import ArticleSignals, Taxonomy, build_topics, placed


@dataclass(frozen=True)
class Enrichment:
    """What the whole archive knows about its articles beyond each page."""

    topics: tuple[Topic, ...]
    """Subjects, series and keywords, each with its articles newest first."""
    neighbours: dict[str, Neighbours]
    """Reprints and related articles, by article id."""
    summaries: dict[str, str]
    """One-line summary of each article, by id, for topic lists."""
    related_topics: dict[tuple[str, str], tuple[Topic, ...]]
    """For each topic (kind, slug), the topics sharing most of its articles."""


#: Related topics a topic page lists.
RELATED_TOPICS = 6


def related_topics(topics: tuple[Topic, ...]) -> dict[tuple[str, str], tuple[Topic, ...]]:
    """Topics that share articles, most shared first (keyword topics only relate to each other when nothing else does)."""
    of_article: dict[str, list[int]] = {}
    for n, topic in enumerate(topics):
        for article_id in topic.article_ids:
            of_article.setdefault(article_id, []).append(n)
    shared: dict[int, Counter] = {n: Counter() for n in range(len(topics))}
    for members in of_article.values():
        for a in members:
            for b in members:
                if a != b:
                    shared[a][b] += 1
    return {
        (topics[n].kind, topics[n].slug): tuple(
            topics[m] for m, _ in sorted(counts.items(), key=lambda x: (-x[1], topics[x[0]].kind, topics[x[0]].slug))[:RELATED_TOPICS]
        )
        for n, counts in shared.items()
    }


def enrich(
    newspapers: tuple[Newspaper, ...],
    articles: list[Article],
    text_signals: dict[str, tuple[ArticleSignals, ...]],
    taxonomy: Taxonomy,
) -> Enrichment:
    """The archive's topics, and each article's reprints, related articles and summary.

    ``text_signals`` holds, by page source, the signals of the page's stories
    from their text (``sitegen.topics.text_signals``), in story order.
    """
    signals: dict[str, ArticleSignals] = {}
    for paper in newspapers:
        for issue in paper.issues:
            for page in issue.pages:
                for article, signal in zip(page.articles, text_signals[page.source], strict=True):
                    signals[article.id] = placed(signal, page.meta.page_name, taxonomy)
    topics = build_topics(articles, signals, taxonomy)
    return Enrichment(topics, neighbours(articles, signals), {i: s.summary for i, s in signals.items()},
                      related_topics(topics))
