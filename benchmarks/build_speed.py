"""How fast sitegen builds, and how much memory and disk it takes.

    python -m benchmarks.build_speed                      # seeds, corpus pages, synthetic 10k
    python -m benchmarks.build_speed --synthetic 10000 50000 100000
    python -m benchmarks.build_speed --only corpus --jobs 2
    python -m benchmarks.build_speed --only synthetic --synthetic 100000 --queries 5 --query 控 --query 份证
    python -m benchmarks.build_speed --only corpus --runs 8 --against HEAD~1

Each archive is built cold (a fresh output folder) by ``python -m sitegen build``
in a subprocess, and the script prints per archive: articles, wall seconds,
articles per second, CPU seconds of the build and its workers (user + system:
a figure that other load on the machine does not inflate), peak memory, output
size and search-index size; and the most links any one page of the site holds
(index pages must stay usable at scale).

Peak memory is measured two ways: ``max RSS`` is the largest resident size of
any one process of the build (from ``wait4``), and ``peak PSS`` is the largest
sum over the build's process tree, sampled every 50 ms from
``/proc/<pid>/smaps_rollup`` (proportional set size, so pages that forked
workers share with the main process are not counted twice).

Before each build the script waits until creating a file on the output's disk
costs what it does on a quiet disk (``settle``): on this machine, deleting the
last run's site makes the next one's files slow to create for a minute or more.

Inputs are made under ``--work`` (default ``/tmp/sitegen-bench``) and kept
between runs: the synthetic archives by ``benchmarks.synthetic``, the corpus
pages by ``benchmarks.corpus_pages`` (with its seeded extraction damage).

With ``--against REV`` each archive is also built by that commit's code
(``git archive`` into a temporary folder), ``--runs`` times each, alternately
(ABBA, so that a drift of the machine's speed falls on both alike), and the
medians of both are printed with the median of each pair's ratio: on this
machine the speed moves by a quarter from minute to minute, so a change is
measured against the code before it, run for run.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from benchmarks import synthetic
from benchmarks.search_timing import ColdQuery, cold_searches

REPO = Path(__file__).resolve().parent.parent
CORPUS = synthetic.CORPUS


def corpus_archive(out: Path) -> Path:
    """The corpus's articles as page dumps (``benchmarks.corpus_pages``: one page file per date and page)."""
    from benchmarks.corpus_pages import assemble_pages, write_archive

    write_archive(out, assemble_pages(CORPUS))
    return out


def prepared(work: Path, name: str, make) -> Path:
    """The input archive ``name`` under ``work``, made once (a ``.complete`` mark says it is whole)."""
    folder = work / "inputs" / name
    if not (folder / ".complete").exists():
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        make(folder)
        (folder / ".complete").write_text("")
    return folder


def _pss_kib(pid: int) -> int:
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    match = re.search(r"^Pss:\s+(\d+) kB", text, re.M)
    return int(match.group(1)) if match else 0


def _tree(pid: int) -> list[int]:
    pids, i = [pid], 0
    while i < len(pids):
        for task in Path(f"/proc/{pids[i]}/task").glob("*/children"):
            try:
                pids.extend(int(c) for c in task.read_text().split())
            except OSError:
                pass
        i += 1
    return pids


#: What creating an empty file may cost on a settled disk (about 0.02 ms here), and how
#: long to wait at most for it.
SETTLED_MS = 0.05
SETTLE_LIMIT_SECONDS = 420


def settle(folder: Path) -> tuple[float, float]:
    """Wait until creating a file in ``folder`` costs what it does on a quiet disk.

    On ext4 without a journal (this machine's disk) the kernel will not reuse an
    inode freed in the last minute (up to six while its inode table block is
    unwritten), and every file created checks each such inode of its block group
    one by one: right after a site of 20,000 files was deleted beside it, creating
    a file costs 0.4-0.7 ms of system time instead of 0.02 ms, some 8 s on the
    corpus build.  A reader's first build does not follow such a delete; the
    benchmark's runs do (its own earlier runs, the build's scratch folder).  So
    before each build the cost is probed (500 empty files, kept until the end,
    since deleting them would do the same) and the build waits while it is high.
    Returns the seconds waited and the cost first measured, in ms.
    """
    probes = folder / ".settle-probes"
    probes.mkdir(parents=True, exist_ok=True)
    start = time.monotonic()
    first = None
    while True:
        probe = Path(tempfile.mkdtemp(dir=probes))
        began = time.perf_counter()
        for n in range(500):
            os.close(os.open(probe / str(n), os.O_WRONLY | os.O_CREAT, 0o644))
        cost = (time.perf_counter() - began) / 500 * 1000
        first = cost if first is None else first
        waited = time.monotonic() - start
        if cost <= SETTLED_MS or waited > SETTLE_LIMIT_SECONDS:
            return waited, first
        time.sleep(15)


def measure_build(archive: Path, out: Path, jobs: int | None, code: Path = REPO) -> dict:
    """Build ``archive`` into a fresh ``out`` in a subprocess; time, memory and sizes.

    The site of an earlier run is deleted first, and the build waits for the
    disk to settle (``settle``).
    """
    shutil.rmtree(out, ignore_errors=True)
    waited, cost = settle(out.parent)
    if waited >= 1:
        print(f"    (waited {waited:.0f} s for the disk to settle: creating a file had cost {cost:.2f} ms)", flush=True)
    # --no-cache: a cold build, parsing every page (the cache would otherwise
    # make the second run of a benchmark measure something else).
    command = [sys.executable, "-m", "sitegen", "build", str(archive), "-o", str(out), "-q", "-v", "--no-cache"]
    if jobs:
        command += ["--jobs", str(jobs)]
    env = {**os.environ, "PYTHONPATH": str(code)}
    start = time.perf_counter()
    # Run from the code's folder: ``python -m`` puts the working folder first on the path.
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=code)
    peak = [0]
    done = threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], sum(_pss_kib(p) for p in _tree(process.pid)))
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout = process.stdout.read()
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"build of {archive} failed ({process.returncode}):\n{stderr[-3000:]}")
    articles = int(re.search(r"(\d+) articles?\b", stdout).group(1))
    files = [p for p in out.rglob("*") if p.is_file()]
    search = [p for p in files if _is_search_file(p.relative_to(out).as_posix())]
    links, crowded = most_links(out, files)
    return {
        "articles": articles,
        "seconds": seconds,
        "rate": articles / seconds,
        "cpu_seconds": usage.ru_utime + usage.ru_stime,
        "max_rss_mib": usage.ru_maxrss / 1024,
        "peak_pss_mib": peak[0] / 1024,
        "files": len(files),
        "site_mib": sum(p.stat().st_size for p in files) / 2**20,
        "search_mib": sum(p.stat().st_size for p in search) / 2**20,
        "most_links": links,
        "most_links_page": crowded,
        "stages": [line.strip() for line in stderr.splitlines() if re.match(r"\s+.+: \d+\.\d+ s\b", line)],
    }


def most_links(site: Path, files: list[Path]) -> tuple[int, str]:
    """The most links (``<a`` elements) on one HTML page of the site, and that page: index pages
    must stay usable at scale (issue 7: no page lists 10,000 links)."""
    most, crowded = 0, ""
    for path in files:
        if path.suffix == ".html":
            count = path.read_bytes().count(b"<a ")
            if count > most:
                most, crowded = count, path.relative_to(site).as_posix()
    return most, crowded


def drawn_queries(site: Path, count: int) -> list[str]:
    """``count`` queries of two to four characters cut from headlines spread over the archive
    (the same ones every run)."""
    titles = [r["title"] for r in json.loads((site / "api" / "articles.json").read_text(encoding="utf-8"))["articles"]]
    step = max(1, len(titles) // max(1, count))
    return [t[len(t) // 3 : len(t) // 3 + 2 + n % 3] for n, t in enumerate(titles[::step][:count])]


def cold_queries(site: Path, queries: list[str]) -> list[ColdQuery]:
    """Cold searches of ``queries`` on the built site over ``file://`` (``benchmarks.search_timing``).

    Each query opens ``search.html`` in a fresh browser context (nothing cached)
    and is timed from the start of navigation until ``sitegen.search`` has
    answered, so loading the page, the script and the index files it needs
    are all counted.
    """
    return cold_searches(site, queries)


def _is_search_file(path: str) -> bool:
    return path.startswith("search/") or "search-index" in path or "lunr" in path.lower()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Build archives of several sizes and print speed, memory and sizes.")
    parser.add_argument("--only", nargs="*", choices=["seeds", "corpus", "synthetic"], default=["seeds", "corpus", "synthetic"])
    parser.add_argument("--synthetic", nargs="*", type=int, default=[10_000], metavar="N", help="synthetic archive sizes in articles")
    parser.add_argument("--jobs", type=int, default=None, help="worker processes for sitegen (default: its own default)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/sitegen-bench"), help="where inputs and sites go")
    parser.add_argument("--stages", action="store_true", help="also print the build's per-stage timings")
    parser.add_argument("--runs", type=int, default=1, metavar="N",
                        help="build each archive N times (each into its own folder, all deleted at the end) "
                             "and print the run of median time")
    parser.add_argument("--against", metavar="REV",
                        help="instead: build each archive by this commit's code and by this checkout's in turn, "
                             "--runs times each, and compare")
    parser.add_argument("--queries", type=int, default=0, metavar="N",
                        help="after each build, time N cold searches over file:// in headless Chromium")
    parser.add_argument("--query", action="append", default=[], metavar="Q",
                        help="after each build, also time this query cold (repeat the option for more)")
    args = parser.parse_args(argv)
    args.work = args.work.resolve()  # builds run from the code's folder

    archives: list[tuple[str, Path]] = []
    if "seeds" in args.only:
        archives.append(("seeds", REPO / "seeds"))
    if "corpus" in args.only:
        if CORPUS.is_dir():
            archives.append(("corpus pages", prepared(args.work, "corpus", corpus_archive)))
        else:
            print(f"(corpus absent at {CORPUS}: skipped)")
    if "synthetic" in args.only:
        for n in args.synthetic:
            archives.append((f"synthetic {n}", prepared(args.work, f"synthetic-{n}", lambda f, n=n: synthetic.generate(f, n))))

    if args.against:
        against(archives, args)
        return
    print(f"{'archive':<18}{'articles':>9}{'seconds':>9}{'art/s':>8}{'CPU s':>8}{'maxRSS MiB':>12}{'peakPSS MiB':>13}"
          f"{'files':>9}{'site MiB':>10}{'search MiB':>12}")
    for name, archive in archives:
        site = args.work / "sites" / name.replace(" ", "-")
        runs = [measure_build(archive, site.with_name(f"{site.name}-run{n}") if n else site, args.jobs)
                for n in range(args.runs)]
        for n in range(1, args.runs):
            shutil.rmtree(site.with_name(f"{site.name}-run{n}"), ignore_errors=True)
        figures = sorted(runs, key=lambda f: f["seconds"])[len(runs) // 2]
        if args.runs > 1:
            times = ", ".join(f"{f['seconds']:.2f}" for f in runs)
            print(f"    ({name}, {args.runs} runs: {times} s; the median run:)")
        print(f"{name:<18}{figures['articles']:>9}{figures['seconds']:>9.2f}{figures['rate']:>8.0f}{figures['cpu_seconds']:>8.1f}"
              f"{figures['max_rss_mib']:>12.0f}{figures['peak_pss_mib']:>13.0f}{figures['files']:>9}"
              f"{figures['site_mib']:>10.1f}{figures['search_mib']:>12.1f}", flush=True)
        print(f"    most links on one page: {figures['most_links']} ({figures['most_links_page']})")
        if args.stages:
            for line in figures["stages"]:
                print(f"    {line}")
        built = args.work / "sites" / name.replace(" ", "-")
        if args.queries:
            timed = sorted(cold_queries(built, drawn_queries(built, args.queries)), key=lambda q: q.ms)
            loaded = sorted(q.bytes for q in timed)
            print(f"    cold search over file:// (page load included): median {timed[len(timed) // 2].ms:.0f} ms, "
                  f"slowest {timed[-1].ms:.0f} ms of {len(timed)} queries; loaded median "
                  f"{loaded[len(loaded) // 2] / 1e6:.2f} MB, most {loaded[-1] / 1e6:.2f} MB", flush=True)
        for q in cold_queries(built, args.query) if args.query else ():
            print(f"    cold search for {q.query}: {q.ms:.0f} ms ({q.search_ms:.0f} ms in sitegen.search), "
                  f"loaded {q.bytes / 1e6:.2f} MB in {q.files} index files, {q.hits} articles", flush=True)
    shutil.rmtree(args.work / "sites" / ".settle-probes", ignore_errors=True)


def against(archives: list[tuple[str, Path]], args: argparse.Namespace) -> None:
    """Each archive built by ``args.against``'s code and this checkout's in turn; medians and ratios."""
    import statistics
    import tempfile

    from benchmarks.stage_cpu import code_at

    with tempfile.TemporaryDirectory(prefix="build-speed-") as scratch:
        codes = {args.against: code_at(args.against, Path(scratch) / "against"), "this checkout": REPO}
        for name, archive in archives:
            site = args.work / "sites" / name.replace(" ", "-")
            figures: dict[str, list[dict]] = {label: [] for label in codes}
            for run in range(args.runs):
                for label in list(codes)[:: 1 if run % 2 == 0 else -1]:
                    figures[label].append(measure_build(archive, site, args.jobs, codes[label]))
                    print(f"    {name}, run {run + 1}, {label}: {figures[label][-1]['seconds']:.2f} s, "
                          f"CPU {figures[label][-1]['cpu_seconds']:.2f} s", flush=True)
            old, new = figures[args.against], figures["this checkout"]
            for key, what in (("seconds", "wall"), ("cpu_seconds", "CPU")):
                ratio = statistics.median(n[key] / o[key] for o, n in zip(old, new))
                print(f"{name}: {what} {statistics.median(f[key] for f in old):.2f} s ({args.against}) -> "
                      f"{statistics.median(f[key] for f in new):.2f} s (this checkout), medians of {args.runs}; "
                      f"median ratio of the runs {ratio:.3f}", flush=True)
            shutil.rmtree(site, ignore_errors=True)


if __name__ == "__main__":
    main()
