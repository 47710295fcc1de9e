"""The build: one pipeline from a folder of page files to a finished site.

    read and parse pages, and their articles' topic signals (workers)
    -> place them in the archive -> topics
    -> render issues: articles, page views, issue pages (workers),
       indexing each for search as it comes back
    -> render index pages -> write static files, commit

Every page of the archive is read and placed before anything is rendered,
because an article's page needs things only the whole archive knows: its
neighbours in the issue, the previous and next issue, its topics.

Memory holds metadata, not text: the first pass keeps each page's outline
(metadata and headlines) and stores its full reading on disk; the second pass
loads the readings back one issue at a time in worker processes, writes the
issue's files and returns only small records.  Both passes hand out work in
archive order and take results back in that order, so ``--jobs 2`` writes the
same bytes as ``--jobs 1``.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, TextIO

from sitegen import archive, diagnostics, metadata, stamp, theme, urls
from sitegen.archive import ReadPage
from sitegen.cache import ContentCache, ParsedSource, parse_cache
from sitegen.config import Config, load_config
from sitegen.diagnostics import Diagnostic
from sitegen.memo import BuildMemo, MemoRound, NoMemo
from sitegen.model import Newspaper, Topic
from sitegen.output import LayeredStaging, SiteView, Staging, check_output_dir
from sitegen.parse import load_word_lists
from sitegen.pool import default_jobs, frozen_heap, ordered_map, ordered_map_in_batches
from sitegen.progress import NoProgress, Progress
from sitegen.read_pages import PAGES_A_BATCH, ReadPages, signals_cache
from sitegen.render import Renderer, environment
from sitegen.render_indexes import render_paper, render_site_pages, render_topics, write_feeds
from sitegen.render_issues import IssueLink, IssueTask, PaperLink, RenderedIssue, RenderIssues, TopicLink
from sitegen.reuse import IssueReuse, render_context
from sitegen.search import SearchIndex
from sitegen.sources import discover, display_path, other_files, source_name
from sitegen.enrich import enrich
from sitegen.related import Neighbours
from sitegen.topics import ArticleSignals, Taxonomy, load_segmenter, load_taxonomy


@dataclass
class BuildResult:
    """What a build made, for the summary line and for tests."""

    papers: int = 0
    issues: int = 0
    pages: int = 0
    articles: int = 0
    diagnostics: list[Diagnostic] = field(default_factory=list)
    """Every message about the input, in the order met."""
    seconds: float = 0.0
    timings: list[tuple[str, float]] = field(default_factory=list)
    parsed: int = 0
    """Input files decoded and parsed by this build."""
    reused: int = 0
    """Input files taken unchanged from the parse cache (``sitegen.cache``)."""
    issues_reused: int = 0
    """Issues whose files were taken from the cache of rendered issues (``sitegen.reuse``), not rendered."""
    up_to_date: bool = False
    """True when nothing had changed since the build that wrote the output folder, so nothing was written."""
    site: SiteView | None = None
    """With a memo (``sitegen serve``): where each file of the new site is (``sitegen.output.LayeredStaging``)."""

    def summary(self) -> str:
        return (
            f"{diagnostics.counted(self.papers, 'paper')}, {diagnostics.counted(self.issues, 'issue')}, "
            f"{diagnostics.counted(self.pages, 'page')}, {diagnostics.counted(self.articles, 'article')}, "
            f"{diagnostics.summary(self.diagnostics)} in {self.seconds:.2f} s"
        )

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == diagnostics.WARNING]

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == diagnostics.ERROR]


class BuildStopped(Exception):
    """The build was asked to stop (``sitegen serve`` shutting down); nothing was written."""


def _checkpoint(stop: Callable[[], bool] | None) -> None:
    if stop is not None and stop():
        raise BuildStopped("the build was stopped before it finished")


class _Timer:
    """Logs how long each stage took (shown with ``sitegen build -v``), and the CPU time it took
    in this process and in worker processes: a stage whose CPU here is near its time keeps the
    other cores idle."""

    def __init__(self, result: BuildResult, log: Callable[[str], None] | None):
        self.result, self.log, self.start = result, log, time.perf_counter()
        self.last, self.cpu = self.start, _cpu_times()

    def done(self, stage: str) -> None:
        now, cpu = time.perf_counter(), _cpu_times()
        self.result.timings.append((stage, now - self.last))
        if self.log:
            here, workers = (b - a for a, b in zip(self.cpu, cpu))
            self.log(f"  {stage}: {now - self.last:.2f} s, CPU {here:.2f} s here + {workers:.2f} s in workers")
        self.last, self.cpu = now, cpu


def _cpu_times() -> tuple[float, float]:
    """CPU seconds (user and system) of this process, and of its worker processes that have ended."""
    times = os.times()
    return times.user + times.system, times.children_user + times.children_system


def build(
    archive_dir: Path,
    out_dir: Path,
    *,
    base_url: str | None = None,
    log: Callable[[str], None] | None = None,
    use_cache: bool = True,
    jobs: int | None = None,
    progress: TextIO | None = None,
    previous_site: Path | None = None,
    stop: Callable[[], bool] | None = None,
    memo: BuildMemo | None = None,
) -> BuildResult:
    """Build the archive folder into ``out_dir``; return counts, warnings and timings.

    With ``use_cache`` (the default) pages whose bytes are unchanged since an
    earlier build are taken from the archive's parse cache instead of being
    decoded and parsed again.  ``jobs`` is the number of worker processes
    (default: one per core); ``progress`` is a stream for a progress line
    (None: silent).  Files that come out as they are in the site being
    replaced (``out_dir``, or ``previous_site`` when given) are hard-linked to it
    rather than written again (``sitegen.output.SiteFolder``).  ``stop`` is
    asked after every page, every issue and every stage; when it says True the
    build raises ``BuildStopped`` and leaves the output as it was.

    ``memo`` is a server's memory of its last build (``sitegen.memo``): with it
    the build writes into ``out_dir`` (which must not exist) only the files that
    changed since that build, and ``result.site`` says where every file of the
    new site is.
    """
    result = BuildResult()
    timer = _Timer(result, log)
    jobs = jobs or default_jobs()
    config = load_config(archive_dir)
    taxonomy = load_taxonomy(archive_dir)
    if base_url:
        config = Config(site=type(config.site)(**{**config.site.__dict__, "base_url": base_url}))
    check_output_dir(out_dir, archive_dir)

    # Nothing changed since the build that made out_dir (sitegen.stamp): say so and stop.
    inputs = stamp.site_stamp(archive_dir, out_dir, base_url=config.site.base_url) if use_cache and not memo else None
    unchanged = stamp.unchanged_site(archive_dir, out_dir, inputs) if inputs else None
    if unchanged:
        result.papers, result.issues, result.pages, result.articles = (
            unchanged.papers, unchanged.issues, unchanged.pages, unchanged.articles)
        result.diagnostics.extend(unchanged.diagnostics)
        result.up_to_date, result.reused = True, unchanged.pages
        timer.done("compare with the previous build: nothing changed")
        result.seconds = time.perf_counter() - timer.start
        return result

    staging = LayeredStaging(out_dir, memo.site) if memo else Staging(out_dir, previous_site)
    # What the memo lets this build take over from the last one (sitegen.memo); a plain build takes nothing.
    remember = MemoRound(memo, staging, render_context(archive_dir, config)) if memo else NoMemo()
    try:
        # Between the two passes every page's full reading waits in the parse cache.
        # Without the archive's cache (--no-cache) a throw-away one serves, beside
        # the output on the same disk (not in /tmp, which may be memory).
        # What each stage makes lives until the build ends; left out of garbage collection, it is not walked
        # again and again by it (sitegen.pool.frozen_heap).
        with tempfile.TemporaryDirectory(prefix=f".{out_dir.name}.build-", dir=out_dir.parent) as scratch, \
                frozen_heap():
            cache = parse_cache(archive_dir if use_cache else Path(scratch))
            read_pages, files, signals = _read_pages(archive_dir, cache, taxonomy, use_cache, jobs, progress, result, stop,
                                                     memo)
            if log:
                log(f"  encodings: {_encodings(read_pages)}")
            if log or not files:  # the folder is walked again only to say what went unread
                _report_other_files(archive_dir, files, result, log)
            timer.done("read and parse pages")

            newspapers = archive.assemble(read_pages)
            articles = list(archive.all_articles(newspapers))
            timer.done("place pages in the archive")

            # A server updates the topics and neighbours of its last build for what the edit changed.
            enrichment = enrich(newspapers, articles, signals, taxonomy, since=remember.last("enrichment"),
                                updatable=memo is not None)
            del signals  # a plain build needs the text signals no more (a server's memo keeps them)
            remember.note("enrichment", None, (), enrichment, themed=False)
            topics = enrichment.topics
            timer.done("topics")

            tasks = _issue_tasks(newspapers, topics, enrichment.neighbours, files, enrichment.keywords)
            # The cache of rendered issues on disk serves a server's first build; its rebuilds take the
            # issues an edit left unchanged from the memo, and need not store every issue they render.
            first_of_server = memo is None or memo.site is None
            reuse = IssueReuse(archive_dir, config, types=(RenderedIssue,)) if use_cache and first_of_server else None
            # Each worker indexes the articles of the issue it rendered (cutting them into
            # terms); here they are gathered in archive order, and at the end the terms
            # are encoded on every core (sitegen.search.shards).
            spool = Path(scratch) / "search-postings"
            spool.mkdir()
            index = SearchIndex(staging.sub("search"), spool, remember)
            # One Jinja environment for the pages rendered here; a server keeps it between rebuilds while
            # the templates are unchanged, so they are not compiled again (worker processes make their own).
            renderer = Renderer(memo.environment(archive_dir, remember.context) if memo
                                else environment(theme.template_dirs(archive_dir)), config)
            folder = staging.for_workers()
            render = RenderIssues(archive_dir, config, cache, folder, reuse, index.indexer(), _tools=(renderer, folder))
            rendered = _count_reused(_render_issues(render, tasks, jobs, remember, memo), result, stop)
            _list_articles(rendered, index, staging.root / "api" / "articles.json",
                           _meter("rendering articles", progress, len(articles)), memo)
            if reuse is not None:
                reuse.prune(tasks)
            timer.done("render articles, pages and issues, and cut them into search terms")
            search = index.finish(jobs)
            if log:
                log(f"  search index: {search.terms} terms in {search.shards} shards, {search.bytes / 1e6:.1f} MB")
            timer.done("encode the search index")
            _checkpoint(stop)

            for paper in newspapers:
                render_paper(renderer, staging, paper)
            render_topics(renderer, staging, enrichment, {a.id: a for a in articles}, archive_dir, jobs, remember)
            render_site_pages(renderer, staging, newspapers, topics, len(articles))
            if config.site.base_url:
                write_feeds(staging, config.site.base_url, newspapers, topics)
            timer.done("render index pages")
            _checkpoint(stop)

        _write_static(staging, archive_dir)
        timer.done("static files")
        result.site = staging.commit()
        if memo:
            remember.install(result.site, tasks)
        timer.done("replace the previous site")
    except BaseException:
        staging.discard()
        raise

    result.papers = len(newspapers)
    result.issues = sum(len(p.issues) for p in newspapers)
    result.pages = len(read_pages)
    result.articles = len(articles)
    if inputs:
        stamp.remember_site(archive_dir, out_dir, inputs, papers=result.papers, issues=result.issues,
                            pages=result.pages, articles=result.articles, diagnostics=result.diagnostics)
    result.seconds = time.perf_counter() - timer.start
    return result


def _read_pages(
    archive_dir: Path, cache: ContentCache, taxonomy: Taxonomy, use_cache: bool, jobs: int, progress: TextIO | None,
    result: BuildResult, stop: Callable[[], bool] | None = None, memo: BuildMemo | None = None,
) -> tuple[list[ReadPage], dict[str, Path], dict[str, tuple[ArticleSignals, ...]]]:
    """Stage 1: every input file read and parsed (in workers), then given its metadata here.

    Returns the pages (holding reading outlines), each page's input file and
    its stories' topic signals, by its source name; messages go to
    ``result.diagnostics``.  With a ``memo`` only the files whose bytes it does
    not know go to the workers.
    """
    catalog, problems = metadata.load_catalog(archive_dir)
    result.diagnostics.extend(problems)
    paths = discover(archive_dir)
    meter = _meter("reading pages", progress, len(paths))
    read_pages, files, signals = [], {}, {}
    sources_before = set(memo.outlines) if memo else None
    topics_cache = signals_cache(archive_dir, taxonomy) if use_cache else None
    load_segmenter(taxonomy)  # before the workers fork, so that they share jieba's dictionary
    load_word_lists()  # and the parser's
    work = ReadPages(archive_dir, cache, taxonomy, topics_cache)
    outlines = (_remembered_map(work, paths, jobs, memo) if memo
                else ordered_map_in_batches(work, paths, jobs=jobs, size=PAGES_A_BATCH))
    for path, outline in zip(paths, _counted(outlines, meter)):
        _checkpoint(stop)
        if isinstance(outline, Diagnostic):
            result.diagnostics.append(outline)
            continue
        read_pages.append(_place_source(outline.parsed, outline.shown, catalog, result.diagnostics, memo))
        files[outline.parsed.path] = path
        signals[outline.parsed.path] = outline.signals
        result.reused += outline.reused
    result.diagnostics.extend(catalog.unmatched(r.source for r in read_pages))
    result.diagnostics.extend(metadata.duplicate_pages(((r.source, r.meta) for r in read_pages),
                                                       lambda source: display_path(archive_dir / source, archive_dir)))
    # Entries of deleted pages leave the caches; a server's rebuild in which no page went has none to find.
    if use_cache and (memo is None or set(memo.outlines) != sources_before):
        cache.prune([r.source for r in read_pages])
        topics_cache.prune([r.source for r in read_pages])
    result.parsed = len(read_pages) - result.reused
    return read_pages, files, signals


def _remembered_map(work: ReadPages, paths: list[Path], jobs: int, memo: BuildMemo) -> Iterator:
    """``work`` over ``paths`` in order, taking the outline of each file whose bytes are unchanged from ``memo``."""
    known: list = []
    taxonomy = work.taxonomy.fingerprint()  # the outline carries topic signals, which the taxonomy shapes
    for path in paths:
        source = source_name(path, work.archive_dir)
        try:
            digest = f"{memo.file_hash(path)}|{taxonomy}"
        except OSError:
            digest = None
        seen = memo.outlines.get(source)
        known.append((source, digest, replace(seen[1], reused=True) if seen and seen[0] == digest else None))
    fresh = ordered_map_in_batches(work, [p for p, (_, _, o) in zip(paths, known) if o is None], jobs=jobs,
                                   size=PAGES_A_BATCH)
    for source, digest, outline in known:
        if outline is None:
            outline = next(fresh)
            if digest is not None and not isinstance(outline, Diagnostic):
                memo.outlines[source] = (digest, outline)
        yield outline
    live = {source for source, _, _ in known}
    for gone in [s for s in memo.outlines if s not in live]:
        del memo.outlines[gone]
        memo.placed.pop(gone, None)


def _place_source(parsed: ParsedSource, shown: str, catalog: metadata.Catalog, problems: list[Diagnostic],
                  memo: BuildMemo | None = None) -> ReadPage:
    """Decide where a parsed input file belongs; its messages go to ``problems``.  A server's ``memo``
    keeps the answer for each file while its outline and catalog statement are the same."""
    statement = catalog.statement_for(parsed.path)
    known = memo.placed.get(parsed.path) if memo else None
    if known is not None and known[0] is parsed and known[1] == (shown, statement):
        problems.extend(known[3])
        return known[2]
    found = [*parsed.problems, *(diagnostics.from_text(shown, w) for w in parsed.reading.warnings)]
    meta, disagreements = metadata.page_meta(
        parsed.path, shown, front_matter=parsed.front_matter, catalog=statement, masthead=parsed.reading.masthead,
    )
    found.extend(disagreements)
    read = ReadPage(parsed.path, parsed.encoding, parsed.reading, meta)
    if memo:
        memo.placed[parsed.path] = (parsed, (shown, statement), read, tuple(found))
    problems.extend(found)
    return read


def _report_other_files(archive_dir: Path, files: dict, result: BuildResult,
                        log: Callable[[str], None] | None) -> None:
    """Say which files the build did not read as pages: a warning when it read none (the wrong folder, or
    pages under names it does not read), else a line in the verbose log."""
    others = other_files(archive_dir)
    kinds = ", ".join(f"{suffix or '(no ending)'} ×{count}" for suffix, count in sorted(others.items()))
    if not files:
        result.diagnostics.append(diagnostics.warning(
            str(archive_dir), "no page files found: sitegen reads text dumps named *.txt or *.md"
            + (f"; the folder holds other files: {kinds}" if others else "")))
    elif log and others:
        log(f"  files not read (not *.txt or *.md): {kinds}")


def _encodings(read_pages: list[ReadPage]) -> str:
    """``utf-8 ×9998, gb18030 ×2 (a.txt, b.txt)``: what the inputs were decoded from."""
    files: dict[str, list[str]] = defaultdict(list)
    for read in read_pages:
        files[read.encoding].append(read.source)
    parts = []
    for rank, (encoding, sources) in enumerate(sorted(files.items(), key=lambda item: (-len(item[1]), item[0]))):
        part = f"{encoding} ×{len(sources)}"
        if rank:  # the files of the rarer encodings, named so they can be checked
            part += f" ({', '.join(sources[:3])}{', …' if len(sources) > 3 else ''})"
        parts.append(part)
    return ", ".join(parts) or "no pages"


def _meter(label: str, stream: TextIO | None, total: int = 0):
    return Progress(label, total, stream) if stream is not None else NoProgress()


def _counted(results: Iterator, meter) -> Iterator:
    """``results`` passed through, each one counted on the progress meter."""
    try:
        for item in results:
            meter.advance()
            yield item
    finally:
        meter.close()


def _issue_tasks(
    newspapers: tuple[Newspaper, ...], topics: tuple[Topic, ...], neighbours: dict[str, Neighbours], files: dict[str, Path],
    keywords: dict[str, tuple[str, ...]],
) -> list[IssueTask]:
    """One rendering task per issue, in archive order, each carrying just what its pages link to."""
    topics_of: dict[str, list[TopicLink]] = defaultdict(list)
    for topic in topics:
        topic_link = TopicLink(topic.kind, topic.slug, topic.name)  # one for all its articles
        for article_id in topic.article_ids:
            topics_of[article_id].append(topic_link)
    keyword_page = {topic.name: topic.slug for topic in topics if topic.kind == "keyword"}
    tasks = []
    first_article = 0
    for paper in newspapers:
        link = PaperLink(paper.name, paper.slug, paper.path)
        dated = [IssueLink(i.date, i.path) if i.date else None for i in paper.issues]
        for n, issue in enumerate(paper.issues):
            ids = [a.id for p in issue.pages for a in p.articles]
            tasks.append(IssueTask(
                paper=link,
                issue=issue,
                files=tuple(files[p.source] for p in issue.pages),
                prev_issue=dated[n - 1] if n > 0 and issue.date else None,
                next_issue=dated[n + 1] if n + 1 < len(dated) else None,
                topics={i: tuple(topics_of[i]) for i in ids if i in topics_of},
                keywords={i: tuple((word, keyword_page.get(word)) for word in keywords[i]) for i in ids if i in keywords},
                neighbours={i: neighbours[i] for i in ids if i in neighbours},
                first_article=first_article,
            ))
            first_article += len(ids)
    return tasks


def _render_issues(render: RenderIssues, tasks: list[IssueTask], jobs: int, remember: MemoRound | NoMemo,
                   memo: BuildMemo | None) -> Iterator[RenderedIssue]:
    """Stage 2: the rendered issues in archive order; those the memo knows unchanged are not rendered again."""
    if memo is None:
        yield from ordered_map(render, tasks, jobs=jobs)
        return
    keys = [_issue_key(task, memo) for task in tasks]
    taken = [remember.take(f"issue:{t.issue.path}", key) if key else None for t, key in zip(tasks, keys)]
    fresh = ordered_map(render, [t for t, made in zip(tasks, taken) if made is None], jobs=jobs)
    for task, key, made in zip(tasks, keys, taken):
        if made is not None:
            yield replace(made.value, reused=True)
            continue
        issue = next(fresh)
        texts = tuple(f"search/{p}" for p in issue.search.paths) if issue.search else ()
        remember.note(f"issue:{task.issue.path}", key, issue.paths + texts, replace(issue, paths=()))
        yield issue


def _issue_key(task: IssueTask, memo: BuildMemo) -> tuple | None:
    """What an issue's files are made from: its task and its page files' bytes (as stage 1 hashed them).

    Compared with ``==``, which is quicker than hashing a pickle of the task: the
    outlines the tasks hold are the memo's very objects, so equal ones are passed over.
    """
    digests = tuple(memo.outlines.get(page.source, (None,))[0] for page in task.issue.pages)
    if None in digests:  # a file that could not be read again: never taken as unchanged
        return None
    return replace(task, files=()), digests


def _count_reused(rendered: Iterator[RenderedIssue], result: BuildResult,
                  stop: Callable[[], bool] | None = None) -> Iterator[RenderedIssue]:
    for issue in rendered:
        _checkpoint(stop)
        result.issues_reused += issue.reused
        yield issue


def _list_articles(rendered: Iterator[RenderedIssue], index: SearchIndex, article_list: Path, meter,
                   memo: BuildMemo | None = None) -> None:
    """Take the rendered issues in archive order: their records go to ``api/articles.json``
    (one article per line), their articles to the search index.  A server's ``memo`` keeps
    each issue's lines, for the issues a rebuild takes over unchanged."""
    article_list.parent.mkdir(parents=True, exist_ok=True)
    known = memo.article_lines if memo else {}
    lines: dict[int, tuple[tuple[dict, ...], str]] = {}
    first = True
    with article_list.open("w", encoding="utf-8", newline="\n") as out:
        out.write('{"articles": [\n')
        try:
            for issue in rendered:
                seen = known.get(id(issue.records))
                if seen is not None and seen[0] is issue.records:
                    text = seen[1]
                else:
                    text = ",\n".join(json.dumps(record, ensure_ascii=False) for record in issue.records)
                if memo:  # a plain build keeps nothing of an issue once written: memory holds metadata, not text
                    lines[id(issue.records)] = (issue.records, text)
                if text:
                    out.write(("" if first else ",\n") + text)
                    first = False
                index.add(issue.search)
                meter.advance(len(issue.records))
        finally:
            meter.close()
        out.write("\n]}\n")
    if memo:
        memo.article_lines = lines


def _write_static(staging: Staging, archive_dir: Path) -> None:
    for name, path in theme.static_files(archive_dir).items():
        staging.copy_file(urls.static(name), path)
