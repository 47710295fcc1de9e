"""Stage: enrich the placed archive with topics and related articles.

Each article's signals from its text (subject scores, keywords, fingerprint:
``sitegen.topics.stories_signals``) come from stage 1, which worked them out in
its worker processes while it parsed the page.  Here, where the whole archive
is known, the cheap part runs: each article's subjects now that its page's name
is known, the topics, and each article's neighbours.

``sitegen serve`` hands each rebuild the enrichment of the last one, which it
updates: after an edit of one page only that page's subjects are placed again,
topics are worked out again only when some article's topic inputs changed,
and neighbours only for the articles near the changed ones
(``sitegen.related.neighbourhood``).  The result is the same as from scratch.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sitegen.model import Article, Newspaper, Topic
from sitegen.related import Neighbourhood, Neighbours, neighbourhood
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
    keywords: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Each article's keywords, most telling first, by id: all of them, with a keyword page or not."""
    basis: Basis | None = None
    """What it was worked out from, for updating it after an edit (``enrich(since=...)``)."""


@dataclass(frozen=True)
class Basis:
    """What an ``Enrichment`` was worked out from."""

    taxonomy: str
    """The taxonomy's fingerprint."""
    placed: dict[str, tuple[tuple[ArticleSignals, ...], str | None, tuple[ArticleSignals, ...]]]
    """By page source: its stories' signals from their text, the page's name, and the signals placed on it."""
    topic_inputs: tuple
    """What the topics are made from: each article's id, date, kicker, subjects and keywords."""
    neighbourhood: Neighbourhood
    """The neighbours and the postings they were found through."""


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
    since: Enrichment | None = None,
    updatable: bool = True,
) -> Enrichment:
    """The archive's topics, and each article's reprints, related articles and summary.

    ``text_signals`` holds, by page source, the signals of the page's stories
    from their text (``sitegen.topics.stories_signals``), in story order.
    ``since``: the enrichment of an earlier state of the archive, updated
    rather than worked out afresh (the result is the same).  Without ``updatable``
    the result keeps no ``basis`` (a plain build updates nothing; the basis holds
    every article's signals and the postings of their sketches and keywords).
    """
    fingerprint = taxonomy.fingerprint()
    before = since.basis if since is not None and since.basis is not None and since.basis.taxonomy == fingerprint else None
    signals: dict[str, ArticleSignals] = {}
    placed_on: dict = {}
    for paper in newspapers:
        for issue in paper.issues:
            for page in issue.pages:
                texts, name = text_signals[page.source], page.meta.page_name
                known = before.placed.get(page.source) if before else None
                if known is not None and known[0] is texts and known[1] == name:
                    on_page = known[2]
                else:
                    on_page = tuple(placed(signal, name, taxonomy) for signal in texts)
                placed_on[page.source] = (texts, name, on_page)
                for article, signal in zip(page.articles, on_page, strict=True):
                    signals[article.id] = signal
    topic_inputs = tuple((a.id, a.date, a.story.kicker, signals[a.id].subjects, signals[a.id].keywords)
                         if a.id in signals else (a.id, a.date, a.story.kicker) for a in articles)
    if before is not None and before.topic_inputs == topic_inputs:
        topics, related = since.topics, since.related_topics
    else:
        topics = build_topics(articles, signals, taxonomy)
        related = related_topics(topics)
    near = neighbourhood(articles, signals, before.neighbourhood if before else None)
    basis = Basis(fingerprint, placed_on, topic_inputs, near) if updatable else None
    return Enrichment(topics, near.of, {i: s.summary for i, s in signals.items()}, related, basis=basis,
                      keywords={i: s.keywords for i, s in signals.items() if s.keywords})
