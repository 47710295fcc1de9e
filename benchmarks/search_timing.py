"""Cold searches of given queries on a built site, over file:// in headless Chromium.

    python -m benchmarks.search_timing SITE 控 份证            # each query once, cold
    python -m benchmarks.search_timing SITE 控 --runs 3        # median of three cold runs
    python -m benchmarks.search_timing SITE --drawn 10         # queries cut from ten headlines

For each query a fresh browser context opens the site's ``search.html`` (nothing
cached), and the script prints: the time from the start of navigation until
``sitegen.search`` has answered with the first page of results (page, scripts,
manifest and every index file the query needs included), the part of it spent in
``sitegen.search`` itself, the bytes of the index files the query loaded (plus
the page and its scripts), how many files that was, and how many articles matched.
``benchmarks.build_speed --queries N`` times queries drawn from headlines the same way.
"""

from __future__ import annotations

import argparse
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.search_quality import CHROMIUM, CHROMIUM_ARGS

#: Answers one search as the search page does (results with the first 20 shown) and says what it loaded.
SEARCH_JS = """async (q) => {
  const t0 = performance.now();
  const results = await window.sitegen.search(q);
  const ms = performance.now() - t0;
  return {ms, hits: results.length, files: window.sitegen.searchLoadedFiles()};
}"""

#: What a search page loads before any search: the page and its scripts.
PAGE_FILES = ("search.html", "static/js/search.js", "static/js/search-page.js")


@dataclass(frozen=True)
class ColdQuery:
    """One cold search of a query."""

    query: str
    """The query as typed."""
    ms: float
    """Milliseconds from the start of navigation until the answer (page load included)."""
    search_ms: float
    """Milliseconds of that inside ``sitegen.search``."""
    bytes: int
    """Bytes of the page, its scripts and every index file the query loaded."""
    files: int
    """Index files loaded."""
    hits: int
    """Articles found."""


def cold_searches(site: Path, queries: list[str]) -> list[ColdQuery]:
    """Each of ``queries`` searched cold (a fresh browser context) on ``site`` over ``file://``."""
    from playwright.sync_api import sync_playwright

    fixed = sum((site / name).stat().st_size for name in PAGE_FILES if (site / name).is_file())
    out = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for query in queries:
            context = browser.new_context()
            page = context.new_page()
            start = time.perf_counter()
            page.goto((site / "search.html").as_uri())
            answer = page.evaluate(SEARCH_JS, query)
            ms = (time.perf_counter() - start) * 1000
            loaded = sum((site / name).stat().st_size for name in answer["files"])
            out.append(ColdQuery(query, ms, answer["ms"], fixed + loaded, len(answer["files"]), answer["hits"]))
            context.close()
        browser.close()
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Time cold searches of given queries on a built site.")
    parser.add_argument("site", type=Path, help="the built site (the folder holding search.html)")
    parser.add_argument("queries", nargs="*", help="queries to search")
    parser.add_argument("--drawn", type=int, default=0, metavar="N",
                        help="also N queries cut from headlines, as benchmarks.build_speed --queries draws them; "
                             "prints their median and slowest")
    parser.add_argument("--runs", type=int, default=1, help="search each query this many times, print the median run")
    args = parser.parse_args(argv)
    if args.drawn:
        from benchmarks.build_speed import drawn_queries

        timed = sorted(cold_searches(args.site, drawn_queries(args.site, args.drawn)), key=lambda r: r.ms)
        loaded = sorted(r.bytes for r in timed)
        print(f"{len(timed)} drawn queries: median {timed[len(timed) // 2].ms:.0f} ms, slowest {timed[-1].ms:.0f} ms; "
              f"loaded median {loaded[len(loaded) // 2] / 1e6:.2f} MB, most {loaded[-1] / 1e6:.2f} MB", flush=True)
    for query in args.queries:
        runs = sorted(cold_searches(args.site, [query] * args.runs), key=lambda r: r.ms)
        r = runs[len(runs) // 2]
        times = ", ".join(f"{run.ms:.0f}" for run in runs)
        print(f"{query}: {r.ms:.0f} ms cold (runs: {times}), {r.search_ms:.0f} ms in sitegen.search; "
              f"loaded {r.bytes / 1e6:.2f} MB in {r.files} index files; {r.hits} articles", flush=True)


if __name__ == "__main__":
    main()
