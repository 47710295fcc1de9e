"""Search quality and speed over the People's Daily corpus, in headless Chromium over file://.

    python benchmarks/search_quality.py                 # site of the whole corpus (~6,200 articles)
    python benchmarks/search_quality.py --pages 300     # site of the first 300 assembled pages
    python benchmarks/search_quality.py --direct --limit 1500   # index only, first 1,500 corpus files

By default assembles newspaper pages from the corpus
(``benchmarks/corpus_pages.py``, with extraction damage), builds the whole
site with ``sitegen build`` and searches its search.html, reading the indexed
articles back from the site's search files.  ``--direct`` instead indexes the
corpus files straight (``build_search_index``) beside a bare page loading
static/js/search.js.  Either way it draws exact-substring queries from
the articles (jieba words of the dictionary, names of people and places,
two- and three-word phrases; 2-10 characters; fixed seed), takes as right
answer every article whose normalised text contains the string, and prints:

- recall (right answers returned / right answers) and R-precision (right
  answers among the first R results, R = number of right answers), averaged
  over queries;
- cold query (new browser context, index loading included): median and p90
  time and bytes loaded; warm query (the same query again, as paging or
  re-sorting does) and a new query on a page that has already searched;
  JS heap after every query ran in one page;
- index size and build time, and both per 1,000 articles.
"""

from __future__ import annotations

import argparse
import http.server
import json
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time
from functools import partial
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

import jieba  # noqa: E402
import jieba.posseg  # noqa: E402

from search_corpus import CORPUS, corpus_docs  # noqa: E402
from sitegen.search import SearchDoc, build_search_index  # noqa: E402
from sitegen.search.tokenize import normalise  # noqa: E402
from sitegen.search.index import decode_numbers  # noqa: E402
from sitegen.search.writer import text_file  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="sitegen-root" content="./">
<title>search benchmark</title></head>
<body><script src="static/js/search.js"></script></body></html>
"""


def build_site(docs, site: Path) -> tuple[float, int, int]:
    """Index ``docs`` into ``site``; return (seconds, index bytes, articles)."""
    stats = build_search_index(docs, site / "search")
    (site / "static" / "js").mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "static" / "js" / "search.js", site / "static" / "js" / "search.js")
    (site / "bench.html").write_text(PAGE, encoding="utf-8")
    return stats.seconds, stats.bytes, stats.documents


def read_back(search_dir: Path) -> list[SearchDoc]:
    """The articles a built site indexed, from its search files."""
    def value(path: Path):
        text = path.read_text(encoding="utf-8")
        return json.loads(text[text.index("]=") + 2 : -2])

    manifest = value(search_dir / "manifest.js")
    docs = []
    for chunk in range((manifest["documents"] + manifest["docsPerChunk"] - 1) // manifest["docsPerChunk"]):
        offsets = decode_numbers(value(search_dir / "d" / f"{chunk}.js")["text"])
        for i, offset in enumerate(offsets):
            n = chunk * manifest["docsPerChunk"] + i
            first = n - offset
            title, kicker, subtitle, body, id_, *_ = value(search_dir / f"{text_file(first)}.js")[offset]
            docs.append(SearchDoc(id=id_, url="", title=title, kicker=kicker, subtitle=subtitle, body=body,
                                  newspaper="", date=None, page=None))
    return docs


def build_full_site(pages: int | None, site: Path) -> tuple[float, float, int, int]:
    """Assemble corpus pages, build the site; return (search seconds, build seconds, index bytes, articles).

    The search seconds are the build's "encode the search index" stage: the
    articles are cut into terms inside the rendering stage, in its workers.
    """
    from benchmarks.corpus_pages import assemble_pages, write_archive
    from sitegen.build import build

    archive = site.parent / (site.name + "-archive")
    shutil.rmtree(archive, ignore_errors=True)
    write_archive(archive, assemble_pages(CORPUS, seed=0, limit=pages))
    result = build(archive, site, use_cache=False)
    shutil.rmtree(archive)
    size = sum(p.stat().st_size for p in (site / "search").rglob("*.js"))
    return dict(result.timings)["encode the search index"], result.seconds, size, result.articles


def draw_queries(docs, count: int, seed: int = 4) -> list[str]:
    """Exact substrings of the articles: words, names, and phrases of two or three words."""
    rng = random.Random(seed)
    jieba.setLogLevel(60)
    kinds = ["word", "name", "phrase2", "phrase3"]
    queries: list[str] = []
    seen = set()
    attempts = 0
    while len(queries) < count and attempts < count * 50:
        attempts += 1
        doc = rng.choice(docs)
        paragraphs = [p for p in doc.body.split("\n") if len(p) > 20]
        if not paragraphs:
            continue
        paragraph = rng.choice(paragraphs)
        kind = kinds[len(queries) % len(kinds)]
        words = [(w, f) for w, f in jieba.posseg.cut(paragraph)]
        if kind == "name":
            pool = [w for w, f in words if f in ("nr", "ns", "nt") and len(w) >= 2]
        elif kind == "word":
            pool = [w for w, f in words if len(w) >= 2 and not f.startswith("x")]
        else:
            n = 2 if kind == "phrase2" else 3
            pool = []
            for i in range(len(words) - n + 1):
                group = words[i : i + n]
                if all(f != "x" and w.strip() for w, f in group):
                    pool.append("".join(w for w, _ in group))
        pool = [q for q in pool if 2 <= len(q) <= 10 and q not in seen]
        if pool:
            q = rng.choice(pool)
            seen.add(q)
            queries.append(q)
    return queries


def truth(docs, queries: list[str]) -> dict[str, set[str]]:
    fields = [
        [normalise(t) for t in (d.title, d.kicker or "", d.subtitle or "", d.body)] for d in docs
    ]
    answer = {}
    for q in queries:
        nq = normalise(q)
        answer[q] = {d.id for d, texts in zip(docs, fields) if any(nq in t for t in texts)}
    return answer


def quality(ids_by_query: dict[str, list[str]], answer: dict[str, set[str]]) -> tuple[float, float]:
    recalls, rprecs = [], []
    for q, right in answer.items():
        got = ids_by_query[q]
        recalls.append(len(right & set(got)) / len(right))
        rprecs.append(len(right & set(got[: len(right)])) / len(right))
    return statistics.mean(recalls), statistics.mean(rprecs)


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p * (len(values) - 1))))]


SEARCH_JS = """async (q) => {
  const t0 = performance.now();
  const results = await window.sitegen.search(q);
  const ms = performance.now() - t0;
  return {ms, docs: results.map(r => r.doc), files: window.sitegen.searchLoadedFiles()};
}"""


def run_browser(site: Path, queries: list[str], cold_sample: int, ids: list[str], base_url: str | None = None) -> dict:
    """Search every query in headless Chromium; ``ids`` names the articles by their number in the index."""
    from playwright.sync_api import sync_playwright

    page_name = "bench.html" if (site / "bench.html").exists() else "search.html"
    url = base_url + page_name if base_url else (site / page_name).as_uri()
    out: dict = {"ids": {}, "warm": [], "fresh": [], "cold": [], "cold_bytes": []}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        # Quality and warm timing: every query in one page.
        page = browser.new_page()
        page.goto(url)
        for q in queries:
            first = page.evaluate(SEARCH_JS, q)
            out["ids"][q] = [ids[n] for n in first["docs"]]
            if len(out["ids"]) > 1:
                out["fresh"].append(first["ms"])
            again = page.evaluate(SEARCH_JS, q)
            out["warm"].append(again["ms"])
        cdp = page.context.new_cdp_session(page)
        cdp.send("HeapProfiler.collectGarbage")
        out["heap_mb"] = cdp.send("Runtime.getHeapUsage")["usedSize"] / 2**20
        page.close()
        # Cold: a fresh context per query, so nothing is cached.
        fixed = sum((site / f).stat().st_size for f in (page_name, "static/js/search.js"))
        for q in queries[:cold_sample]:
            context = browser.new_context()
            page = context.new_page()
            page.goto(url)
            r = page.evaluate(SEARCH_JS, q)
            out["cold"].append(r["ms"])
            out["cold_bytes"].append(fixed + sum((site / f).stat().st_size for f in r["files"]))
            context.close()
        browser.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=None, help="site of the first N assembled pages only")
    parser.add_argument("--direct", action="store_true", help="index corpus files straight, no site build")
    parser.add_argument("--limit", type=int, default=None, help="with --direct: the first N articles only")
    parser.add_argument("--queries", type=int, default=240)
    parser.add_argument("--cold", type=int, default=60, help="queries timed cold")
    parser.add_argument("--keep", type=Path, default=None, help="build the site here and keep it")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"corpus not found at {CORPUS}")

    site = args.keep or Path(tempfile.mkdtemp(prefix="search-bench-")) / "site"
    if site.exists():
        shutil.rmtree(site)
    if args.direct:
        docs = list(corpus_docs(limit=args.limit))
        seconds, size, n = build_site(iter(docs), site)
        site_seconds = None
    else:
        seconds, site_seconds, size, n = build_full_site(args.pages, site)
        docs = read_back(site / "search")
    queries = draw_queries(docs, args.queries)
    answer = truth(docs, queries)
    result = run_browser(site, queries, args.cold, [d.id for d in docs])
    recall, rprec = quality(result["ids"], answer)
    misses = [(q, len(answer[q]), len(answer[q] & set(result["ids"][q]))) for q in queries if not answer[q] <= set(result["ids"][q])]

    per_k = 1000 / n
    print(f"articles: {n}   queries: {len(queries)} (mean {statistics.mean(len(a) for a in answer.values()):.1f} right answers)")
    print(f"recall: {recall:.4f}   R-precision: {rprec:.4f}")
    print(f"cold query: median {statistics.median(result['cold']):.0f} ms, p90 {pct(result['cold'], 0.9):.0f} ms; "
          f"loaded median {statistics.median(result['cold_bytes']) / 1e6:.2f} MB, p90 {pct(result['cold_bytes'], 0.9) / 1e6:.2f} MB")
    print(f"warm query (repeated, e.g. paging): median {statistics.median(result['warm']):.1f} ms, p90 {pct(result['warm'], 0.9):.1f} ms, max {max(result['warm']):.0f} ms")
    print(f"new query on a warm page (loads its own shards and texts): median {statistics.median(result['fresh']):.0f} ms, "
          f"p90 {pct(result['fresh'], 0.9):.0f} ms")
    print(f"JS heap after all queries: {result['heap_mb']:.1f} MB")
    print(f"index: {size / 1e6:.1f} MB ({size * per_k / 1e6:.2f} MB per 1,000 articles); "
          f"build {seconds:.1f} s ({seconds * per_k:.1f} s per 1,000 articles)"
          + (f"; whole site build {site_seconds:.1f} s" if site_seconds else ""))
    if misses:
        print("queries missing right answers (query, right, found):", json.dumps(misses[:10], ensure_ascii=False))
    if not args.keep:
        shutil.rmtree(site.parent)


if __name__ == "__main__":
    main()
