"""Known-answer harness for the page parser: prints the figures issue 3 asks for.

    python benchmarks/parse_quality.py            # 400 damaged pages, seed 0
    python benchmarks/parse_quality.py --pages 0  # every page of the corpus
    python benchmarks/parse_quality.py -v         # also list what went wrong (-v -v … for more)

What went wrong: articles not found, wrong headlines, and each output story
that is no true article, with the article whose text it stands in and the
parser's reason for opening it (``[article starts: …]``).

Pages come from ``benchmarks/corpus_pages.py`` (People's Daily articles glued
into page dumps, with column breaks, repeats, captions, stray marks, markup,
CRLF and GBK).  The figures:

* segmentation F1 — a true article is *found* when one output story holds
  ≥ 90 % of its body and is itself ≥ 80 % that article (measured in characters
  of the source lines each covers; a story covers the lines of all its blocks
  but its headline lines, credits included; the photo captions the damage
  prints with an article count for neither side); precision counts output
  stories that are the match of some true article;
* the same with packages read either way — the corpus files some boxes of
  several stories (news briefs under 速览, a page of signed reports under
  新春走基层) as one article, though each inner story has its own headline and
  credit (``corpus_pages.package_stories``).  Cutting such a package into its
  stories is as right as keeping it whole, so this figure also counts a package
  as found when each of its stories is found (same 90 % / 80 % test) and counts
  those stories as matched outputs.  The strict figure is printed too;
* headline — the found story's headline equals one of the article's headline
  lines (kicker, headline or subtitle), over all true articles.  The
  package-either figure also accepts a series title read as the story's kicker
  over the item's own headline, which the corpus files as the first paragraph
  (新中国峥嵘岁月 / 洗雪百年耻辱); the strict figure does not;
* body retained — characters of the true paragraphs that stand in some block;
* column breaks whole — cut paragraphs that come out as one block;
* paragraphs joined wrongly — the other side of that repair: true paragraphs
  (or headline lines) run into a neighbour, per true paragraph;
* repeats kept once — repeated paragraphs or blocks whose copy is marked as a
  duplicate (kept, pointing at the original);
* paper/date — pages printing a masthead or running header whose paper and
  date the parser read right.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.corpus_pages import AssembledPage, assemble_pages  # noqa: E402
from sitegen.model import PageReading  # noqa: E402
from sitegen.parse import read_page  # noqa: E402
from sitegen.parsing.lines import significant  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus" / "people-daily"
HEADLINE_ROLES = ("kicker", "headline", "subtitle")


class Figures:
    """Counts summed over pages."""

    def __init__(self) -> None:
        self.true_articles = self.found = self.output_stories = self.matched_outputs = 0
        self.headline_right = 0
        self.packages = self.packages_cut = 0
        self.found_either = self.matched_either = self.headline_either = 0
        self.body_chars = self.body_retained = 0
        self.cut = self.cut_whole = 0
        self.seams = self.false_joins = 0
        self.repeats = self.repeats_marked = 0
        self.stated = self.stated_right = self.claimed_wrong = 0
        self.problems: list[str] = []

    @property
    def f1(self) -> float:
        return _f1(self.found, self.true_articles, self.matched_outputs, self.output_stories)

    @property
    def f1_either(self) -> float:
        """F1 when a package may come out whole or as its stories."""
        return _f1(self.found_either, self.true_articles, self.matched_either, self.output_stories)


def _f1(found: int, true: int, matched: int, output: int) -> float:
    recall = found / true if true else 1.0
    precision = matched / output if output else 1.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _line_weights(text: str, captions: set[str] = frozenset()) -> list[int]:
    """Characters of each line (1-based); a photo caption the page prints with an article weighs nothing.

    A caption is neither body text nor a headline: the story that holds its
    article's caption holds it rightly, and a short item (图片报道 over one
    paragraph) must not fail the 80 % test for it.
    """
    return [0] + [0 if line.strip() in captions else len(significant(line.lstrip("#"))) for line in text.split("\n")]


def _package_parts(article, raw_lines: list[str]) -> list[tuple[set[int], set[str]]]:
    """A package's stories: for each, the lines of its text (its headline and credit lines aside) and its headline lines."""
    bounds = (0,) + article.stories + (len(article.paragraphs),)
    parts = []
    for number, (start, end) in enumerate(zip(bounds, bounds[1:])):
        heads = {significant(x) for x in article.headline_lines} if number == 0 else set()
        lines: set[int] = set()
        opening = True
        for index in range(start, end):
            paragraph = article.paragraphs[index]
            if opening and len(paragraph) <= 40 and "。" not in paragraph:
                heads.add(significant(paragraph))  # the story's headline lines and credit
                continue
            opening = False
            first, last = article.paragraph_lines[index]
            lines.update(range(first, last + 1))
        if lines:
            parts.append((lines, heads))
    return parts


def _series_headline(article, story) -> bool:
    """True when the corpus files a series title as the article's headline and the item's own headline
    as its first paragraph (新中国峥嵘岁月 / 洗雪百年耻辱 / 香港和澳门…), and the story reads them as
    kicker and headline, as a reader does."""
    first = article.paragraphs[0]
    heads = {significant(x) for x in article.headline_lines}
    kickers = {significant(x) for x in (story.kicker or "").split("\n")}
    return (
        len(first) <= 30
        and not any(mark in first for mark in "。；")
        and significant(story.headline) == significant(first)
        and bool(heads & kickers)
    )


def measure_page(page: AssembledPage, reading: PageReading, figures: Figures) -> None:
    """Add one page's counts to ``figures``."""
    text = page.text
    weights = _line_weights(text, {caption for article in page.truth.articles for caption in article.captions})
    raw_lines = text.split("\n")
    truth = page.truth

    # A story's lines: every block the parser gave it but its headline lines (kicker, headline,
    # subtitle).  Its byline and dateline count: where the corpus prints a credit as the only
    # "paragraph" of a photo item (图片报道 / 制图：郭  祥), the story that reads it so holds it.
    story_lines: list[set[int]] = [set() for _ in reading.stories]
    for block in reading.blocks:
        if block.article is not None and block.role not in HEADLINE_ROLES:
            story_lines[block.article].update(range(block.line_start, block.line_end + 1))
    story_weights = [sum(weights[n] for n in lines) for lines in story_lines]

    def match(lines: set[int], taken: set[int]) -> int | None:
        """The output story holding ≥ 90 % of ``lines`` and made ≥ 80 % of them, if any."""
        size = sum(weights[n] for n in lines)
        for index, other in enumerate(story_lines):
            overlap = sum(weights[n] for n in lines & other)
            if index not in taken and size and overlap >= 0.9 * size and overlap >= 0.8 * story_weights[index]:
                return index
        return None

    matched: set[int] = set()
    matched_either: set[int] = set()
    for article in truth.articles:
        figures.true_articles += 1
        figures.packages += bool(article.stories)
        lines = {n for first, last in article.paragraph_lines for n in range(first, last + 1)}
        found = match(lines, set())
        if found is None:
            parts = _package_parts(article, raw_lines) if article.stories else []
            stories = []
            for part_lines, _ in parts:
                story = match(part_lines, set(stories))
                if story is None:
                    break
                stories.append(story)
            if parts and len(stories) == len(parts):
                figures.found_either += 1
                figures.packages_cut += 1
                matched_either.update(stories)
                if all(significant(reading.stories[s].headline) in heads for s, (_, heads) in zip(stories, parts)):
                    figures.headline_either += 1
                continue
            note = f" (a package of {len(article.stories) + 1} stories, not found as them either)" if article.stories else ""
            figures.problems.append(f"{page.relpath}: article {article.headline!r} (lines {article.paragraph_lines[0][0]}-) not found{note}")
            continue
        figures.found += 1
        figures.found_either += 1
        matched.add(found)
        matched_either.add(found)
        headline = significant(reading.stories[found].headline)
        if headline in {significant(x) for x in article.headline_lines}:
            figures.headline_right += 1
            figures.headline_either += 1
        elif _series_headline(article, reading.stories[found]):
            figures.headline_either += 1
        else:
            figures.problems.append(f"{page.relpath}: headline {reading.stories[found].headline!r}, true {article.headline_lines}")
    owner_of_line = {n: article for article in truth.articles for first, last in article.paragraph_lines for n in range(first, last + 1)}
    for index, story in enumerate(reading.stories):
        if index not in matched_either:
            inside = next((owner_of_line[n] for n in sorted(story_lines[index]) if n in owner_of_line), None)
            where = f"inside {inside.headline!r}" if inside is not None else "over no true text"
            start = min(story_lines[index], default=0)
            why = next((b.note for b in reading.blocks if b.article == index and "starts" in (b.note or "")), "")
            figures.problems.append(f"{page.relpath}: story {story.headline!r} (line {start}-) is no true article: {where} [{why}]")
    figures.output_stories += len(reading.stories)
    figures.matched_outputs += len(matched)
    figures.matched_either += len(matched_either)

    everything = "".join(significant(b.text) for b in sorted(reading.blocks, key=lambda b: b.line_start))
    for article in truth.articles:
        for paragraph, (first, last) in zip(article.paragraphs, article.paragraph_lines):
            pieces = [significant(raw_lines[n - 1]) for n in range(first, last + 1) if raw_lines[n - 1].strip()]
            for piece in pieces:
                figures.body_chars += len(piece)
                if piece in everything:
                    figures.body_retained += len(piece)
                else:
                    figures.problems.append(f"{page.relpath}: text lost at line {first}: {piece[:30]}")
        for index in article.cut:
            figures.cut += 1
            whole = significant(article.paragraphs[index])
            if any(whole in significant(b.text) for b in reading.blocks):
                figures.cut_whole += 1
            else:
                first, last = article.paragraph_lines[index]
                figures.problems.append(
                    f"{page.relpath}: cut paragraph lines {first}/{last} not joined: "
                    f"…{raw_lines[first - 1][-12:]!r} | {raw_lines[last - 1][:12]!r}…"
                )

    # Repairs that went too far: a block holding two true paragraphs, or a headline line and a
    # paragraph, glued together (a subhead run into the paragraph under it, say).
    owner: dict[int, tuple] = {}
    for number, article in enumerate(truth.articles):
        for index, (first, last) in enumerate(article.paragraph_lines):
            for line in range(first, last + 1):
                owner[line] = (number, index)
            figures.seams += 1
        for line, text in enumerate(raw_lines, 1):
            if line < article.paragraph_lines[0][0] and text.strip(" \u3000#") in article.headline_lines:
                owner.setdefault(line, (number, "headline", line))
    for block in reading.blocks:
        parts = {owner[n] for n in range(block.line_start, block.line_end + 1) if n in owner}
        figures.false_joins += max(0, len(parts) - 1)

    role_at = {}
    for block in reading.blocks:
        for line in range(block.line_start, block.line_end + 1):
            role_at.setdefault(line, block.role)
    for first, last in truth.repeats:
        figures.repeats += 1
        if all(role_at.get(n) == "duplicate" for n in range(first, last + 1) if raw_lines[n - 1].strip()):
            figures.repeats_marked += 1
        else:
            figures.problems.append(f"{page.relpath}: repeat at lines {first}-{last} not marked as a duplicate")

    masthead = reading.masthead
    if truth.states_masthead:
        figures.stated += 1
        if masthead.newspaper == truth.newspaper and masthead.date == truth.date:
            figures.stated_right += 1
        else:
            figures.problems.append(f"{page.relpath}: masthead read as {masthead.newspaper} {masthead.date}")
    elif masthead.date is not None and masthead.date != truth.date:
        figures.claimed_wrong += 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Parse quality figures on assembled corpus pages.")
    parser.add_argument("--pages", type=int, default=400, help="number of pages (0 = all)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--clean", action="store_true", help="pages without damage")
    parser.add_argument("-v", "--verbose", action="count", default=0)
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"corpus not found at {CORPUS}", file=sys.stderr)
        return 2
    pages = assemble_pages(CORPUS, seed=args.seed, limit=args.pages or None, damage=not args.clean)
    figures = Figures()
    started = time.perf_counter()
    readings = [read_page(page.data.decode(page.encoding)) for page in pages]
    elapsed = time.perf_counter() - started
    for page, reading in zip(pages, readings):
        measure_page(page, reading, figures)

    def pct(part: int, whole: int) -> str:
        return f"{100 * part / whole:6.2f}% ({part}/{whole})" if whole else "   n/a"

    print(f"pages                      {len(pages)} (seed {args.seed}, {'clean' if args.clean else 'damaged'})")
    print(f"articles (true / output)   {figures.true_articles} / {figures.output_stories}")
    print(f"segmentation F1            {figures.f1:.4f}   (recall {pct(figures.found, figures.true_articles)}, precision {pct(figures.matched_outputs, figures.output_stories)})")
    print(f"headline right             {pct(figures.headline_right, figures.true_articles)}")
    print(
        f"  packages read either way  F1 {figures.f1_either:.4f}, headline right {pct(figures.headline_either, figures.true_articles)} (or a series title read as kicker); "
        f"{figures.packages} articles are packages of several stories, {figures.packages_cut} came out as their stories"
    )
    print(f"body text retained         {pct(figures.body_retained, figures.body_chars)}")
    print(f"column breaks whole        {pct(figures.cut_whole, figures.cut)}")
    print(f"paragraphs joined wrongly  {pct(figures.false_joins, figures.seams)} (true paragraphs or headline lines run into another)")
    print(f"repeats kept once          {pct(figures.repeats_marked, figures.repeats)} (repeated paragraphs or blocks marked as duplicates)")
    print(f"paper and date right       {pct(figures.stated_right, figures.stated)} of pages that state them; {figures.claimed_wrong} wrong dates claimed elsewhere")
    print(f"parse time                 {elapsed:.2f}s ({1000 * elapsed / max(1, len(pages)):.1f} ms/page)")
    if args.verbose:
        for problem in figures.problems[: 60 * args.verbose]:
            print("  " + problem)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
