"""Topics over the People's Daily corpus: coverage, balance, speed, and a sample to judge.

    python -m benchmarks.topics_quality [--sample 50] [--seed 7]
    python -m benchmarks.topics_quality --build-share [--runs 3]
    python -m benchmarks.topics_quality --assignment [--runs 3]
    python -m benchmarks.topics_quality --assignment-time [--runs 3]

Runs ``sitegen.topics.signals_of`` on every corpus article as the corpus gives it
(headline lines, then paragraphs), then prints:

- the share of articles that got only the fallback subject (goal ≤ 10%);
- each subject's share of all articles (goal: none above 40%);
- the time per 1,000 articles;
- a seeded sample of articles with their subjects, for the hand check kept in
  ``benchmarks/topics_sample.md``.

The time topics add to a whole build is printed by ``sitegen build -v`` (stage
"topics") and by ``benchmarks/build_speed.py --stages``.  What topics add to
a build is measured by ``--build-share``: the corpus pages (as
``benchmarks.build_speed`` assembles them) are built cold, alternately with
topics and with every article's signals replaced by empty ones (no subjects,
keywords or fingerprint, so no topics or neighbours either), ``--runs`` times
each, into ``/dev/shm`` where it exists (the figure is about work, not the
disk); the median difference is printed as a share of the build.  That is
everything topics bring: the assignment, and the topic pages and related
articles it feeds.

What topic *assignment* itself adds (the goal of issue 5 names it) is
measured by ``--assignment``: the corpus pages are built cold as by
``--build-share``, ``--runs`` times, with a CPU clock around each of the steps
that give articles their topics — scoring an article's subjects
(``score_subjects``) and drawing its keywords (``keywords_of``), in the
workers, then choosing its subjects once the page's name is known (``placed``)
and grouping articles into subjects, series and keywords (``build_topics``) —
and their CPU time (each process keeps its running total in a file) is printed
as a share of the rest of the build's CPU time.  Not counted as assignment:
the fingerprint that finds other papers' copies of a story (issue 3's
reprints), the one-line summaries, the related articles and the topic pages,
which ``--build-share`` counts.

``--assignment-time`` measures the same thing another way, as the goal words it
("adds to the build time"), without clocks inside the build: a first cold build
records what every assignment step returned, then cold builds are run ``--runs``
times each, alternately (ABBA) assigning the topics and replaying those records (each step
replaced by a lookup of its result, so the replayed build does everything else
and builds the same site, which is checked file for file); the difference of
the medians, in wall-clock and in CPU time, is printed as a share of the
replayed build.  It also catches what the clocks cannot: the garbage and cache
misses the steps leave for the rest of the build.
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from sitegen.model import Block, Story
from sitegen.topics import load_taxonomy, signals_of

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "people-daily"


def corpus_stories(corpus: Path):
    """(file name, Story) for every corpus article with a body."""
    for path in sorted(corpus.rglob("*.txt")):
        lines = path.read_text(encoding="utf-8").split("\n")
        heads = [l.strip() for l in lines if l.strip() and not l.startswith("\u3000\u3000")]
        body = [l.strip() for l in lines if l.startswith("\u3000\u3000") and l.strip()]
        if not body or not heads:
            continue
        headline = max(heads[:3], key=len)
        blocks = tuple(Block("body", p, n, n) for n, p in enumerate(body, 1))
        yield path.name, Story(headline, None, None, None, None, blocks, 1, len(body))


def build_share(runs: int, jobs: int | None) -> None:
    """Median cold build time of the corpus pages with and without topic signals."""
    import shutil
    import statistics
    import tempfile

    from benchmarks.build_speed import corpus_archive, prepared
    from sitegen import read_pages
    from sitegen.build import build
    from sitegen.topics import ArticleSignals

    archive = prepared(Path("/tmp/sitegen-bench"), "corpus", corpus_archive)
    real = read_pages.stories_signals
    scratch = Path(tempfile.mkdtemp(dir="/dev/shm" if Path("/dev/shm").is_dir() else None))
    times: dict[str, list[float]] = {"with topics": [], "without": []}
    cpu_times: dict[str, list[float]] = {"with topics": [], "without": []}
    try:
        for run in range(runs):
            for label, signals in (("with topics", real),
                                   ("without", lambda stories, taxonomy: tuple(ArticleSignals((), (), ()) for _ in stories))):
                read_pages.stories_signals = signals
                cpu = _cpu_seconds()
                result = build(archive, scratch / f"site-{run}-{len(label)}", use_cache=False, jobs=jobs)
                cpu = _cpu_seconds() - cpu
                times[label].append(result.seconds)
                cpu_times[label].append(cpu)
                stages = ", ".join(f"{stage.split(',')[0][:22]} {seconds:.2f}" for stage, seconds in result.timings)
                print(f"  run {run + 1} {label:12} {result.seconds:6.2f} s, CPU {cpu:6.2f} s  ({stages})", flush=True)
                shutil.rmtree(scratch / f"site-{run}-{len(label)}")
    finally:
        read_pages.stories_signals = real
        shutil.rmtree(scratch, ignore_errors=True)
    with_topics, without = statistics.median(times["with topics"]), statistics.median(times["without"])
    print(f"build with topics {with_topics:.2f} s, without {without:.2f} s (medians of {runs}): "
          f"topics add {with_topics - without:.2f} s = {(with_topics - without) / without:.1%}  (goal <= 10%)")
    with_topics, without = statistics.median(cpu_times["with topics"]), statistics.median(cpu_times["without"])
    print(f"CPU seconds (build and its workers, steadier on a busy machine) with topics {with_topics:.2f} s, "
          f"without {without:.2f} s: topics add {with_topics - without:.2f} s = {(with_topics - without) / without:.1%}")


#: The steps that give articles their topics, as (module, function name): each is called through its
#: module's global, which worker processes forked afterwards inherit, so wrapping it times every call.
ASSIGNMENT_STEPS = (("sitegen.topics", "score_subjects"), ("sitegen.topics", "keywords_of"),
                    ("sitegen.enrich", "placed"), ("sitegen.enrich", "build_topics"))


def _assignment_steps() -> list[tuple[object, str, Callable]]:
    """(module, name, the function itself) of each step of ``ASSIGNMENT_STEPS``, to wrap and put back."""
    import importlib

    modules = [(importlib.import_module(module), name) for module, name in ASSIGNMENT_STEPS]
    return [(module, name, getattr(module, name)) for module, name in modules]


def assignment_share(runs: int, jobs: int | None) -> None:
    """Median CPU share of topic assignment in cold builds of the corpus pages."""
    import os
    import shutil
    import statistics
    import struct
    import tempfile

    from benchmarks.build_speed import corpus_archive, prepared
    from sitegen.build import build

    archive = prepared(Path("/tmp/sitegen-bench"), "corpus", corpus_archive)
    scratch = Path(tempfile.mkdtemp(dir="/dev/shm" if Path("/dev/shm").is_dir() else None))
    clocks = scratch / "clocks"
    spent = {}  # in each process: its pid, the file its totals go to, and the totals by step

    def timed(name, step):
        def step_timed(*args, **kwargs):
            start = time.process_time()
            try:
                return step(*args, **kwargs)
            finally:
                if spent.get("pid") != os.getpid():  # a new worker: its own totals and file
                    spent.clear()
                    spent.update(pid=os.getpid(), fd=os.open(clocks / str(os.getpid()), os.O_WRONLY | os.O_CREAT),
                                 totals=dict.fromkeys((n for _, n in ASSIGNMENT_STEPS), 0.0))
                spent["totals"][name] += time.process_time() - start
                os.pwrite(spent["fd"], struct.pack(f"{len(ASSIGNMENT_STEPS)}d", *(
                    spent["totals"][n] for _, n in ASSIGNMENT_STEPS)), 0)
        return step_timed

    originals = _assignment_steps()
    shares, totals = [], []
    try:
        for module, name, step in originals:
            setattr(module, name, timed(name, step))
        for run in range(runs):
            clocks.mkdir()
            cpu = _cpu_seconds()
            build(archive, scratch / "site", use_cache=False, jobs=jobs)
            cpu = _cpu_seconds() - cpu
            by_step = Counter()
            for file in clocks.iterdir():
                for (_, name), seconds in zip(ASSIGNMENT_STEPS, struct.unpack(f"{len(ASSIGNMENT_STEPS)}d", file.read_bytes())):
                    by_step[name] += seconds
            if spent.get("fd") is not None:
                os.close(spent["fd"])
            spent.clear()
            assignment = sum(by_step.values())
            shares.append(assignment / (cpu - assignment))
            totals.append(cpu)
            steps = ", ".join(f"{name} {by_step[name]:.2f}" for _, name in ASSIGNMENT_STEPS)
            print(f"  run {run + 1}: build CPU {cpu:.2f} s, assignment {assignment:.2f} s ({steps}): "
                  f"adds {shares[-1]:.1%} to the rest", flush=True)
            shutil.rmtree(scratch / "site")
            shutil.rmtree(clocks)
    finally:
        for module, name, step in originals:
            setattr(module, name, step)
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"topic assignment adds {statistics.median(shares):.1%} to the CPU time of the rest of the build "
          f"(median of {runs}; build CPU median {statistics.median(totals):.2f} s)  (goal <= 10%)")


def assignment_time(runs: int, jobs: int | None) -> None:
    """What topic assignment adds to the build time: cold builds of the corpus pages, alternately
    assigning the topics and replaying the same assignments recorded in a first build."""
    import hashlib
    import os
    import pickle
    import shutil
    import statistics
    import tempfile

    from benchmarks.build_speed import corpus_archive, prepared
    from sitegen.build import build

    archive = prepared(Path("/tmp/sitegen-bench"), "corpus", corpus_archive)
    scratch = Path(tempfile.mkdtemp(dir="/dev/shm" if Path("/dev/shm").is_dir() else None))
    records = scratch / "records"
    records.mkdir()
    steps = _assignment_steps()
    keys = {"score_subjects": lambda headline, text, taxonomy: (headline, text),
            "keywords_of": lambda *args: args,
            "placed": lambda signals, page_name, taxonomy: (signals, page_name),
            "build_topics": lambda articles, signals, taxonomy: ()}

    def recording(name, step):
        def step_recorded(*args):
            result = step(*args)
            with open(records / f"{name}-{os.getpid()}", "ab") as file:
                pickle.dump((keys[name](*args), result), file)
            return result
        return step_recorded

    def replaying(name, table):
        return lambda *args: table[keys[name](*args)]

    def cold_build(label: str) -> tuple[float, float]:
        cpu = _cpu_seconds()
        result = build(archive, scratch / "site", use_cache=False, jobs=jobs)
        cpu = _cpu_seconds() - cpu
        if label not in outputs:  # the first build of each kind: the replay must build the same site
            outputs[label] = hashlib.sha256(b"".join(
                str(f.relative_to(scratch)).encode() + hashlib.sha256(f.read_bytes()).digest()
                for f in sorted((scratch / "site").rglob("*")) if f.is_file())).hexdigest()
        shutil.rmtree(scratch / "site")
        return result.seconds, cpu

    outputs: dict[str, str] = {}

    tables = {name: {} for _, name, _ in steps}
    times: dict[str, list[tuple[float, float]]] = {"assigned": [], "replayed": []}
    try:
        for module, name, step in steps:
            setattr(module, name, recording(name, step))
        cold_build("recording")
        for file in records.iterdir():
            with open(file, "rb") as stream:
                while True:
                    try:
                        key, result = pickle.load(stream)
                    except EOFError:
                        break
                    tables[file.name.rsplit("-", 1)[0]][key] = result
        for run in range(runs):
            # Alternated in the order ABBA..., so that a drift of the machine's speed falls on both alike.
            for label in ("assigned", "replayed")[::1 if run % 2 == 0 else -1]:
                for module, name, step in steps:
                    setattr(module, name, step if label == "assigned" else replaying(name, tables[name]))
                times[label].append(cold_build(label))
                print(f"  run {run + 1} {label:8} {times[label][-1][0]:6.2f} s, CPU {times[label][-1][1]:6.2f} s", flush=True)
    finally:
        for module, name, step in steps:
            setattr(module, name, step)
        shutil.rmtree(scratch, ignore_errors=True)
    if len(set(outputs.values())) != 1:
        raise SystemExit(f"the replayed assignments built another site: {outputs}")
    print(f"the sites built assigning and replaying are the same, file for file ({len(outputs)} kinds of build)")
    for n, what in ((0, "build time"), (1, "CPU time")):
        assigned = statistics.median(t[n] for t in times["assigned"])
        replayed = statistics.median(t[n] for t in times["replayed"])
        # Each run's two builds were taken back to back: their difference is steadier than that of
        # the medians when the machine's speed drifts during the runs.
        paired = statistics.median(a[n] - r[n] for a, r in zip(times["assigned"], times["replayed"]))
        print(f"{what}: assigning topics {assigned:.2f} s, replaying the same assignments {replayed:.2f} s "
              f"(medians of {runs}): assignment adds {assigned - replayed:.2f} s = {(assigned - replayed) / replayed:.1%}; "
              f"median of the runs' differences {paired:.2f} s = {paired / replayed:.1%}"
              + ("  (goal <= 10%)" if n == 0 else ""))


def _cpu_seconds() -> float:
    """User and system CPU of this process and of its finished worker processes."""
    import resource

    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--sample", type=int, default=50)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--build-share", action="store_true",
                        help="instead: time cold builds of the corpus pages with and without topics")
    parser.add_argument("--assignment", action="store_true",
                        help="instead: time topic assignment within cold builds of the corpus pages")
    parser.add_argument("--assignment-time", action="store_true",
                        help="instead: cold builds of the corpus pages assigning topics, alternately with "
                             "replaying the same assignments")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=None)
    args = parser.parse_args()
    if args.build_share:
        build_share(args.runs, args.jobs)
        return
    if args.assignment:
        assignment_share(args.runs, args.jobs)
        return
    if args.assignment_time:
        assignment_time(args.runs, args.jobs)
        return

    taxonomy = load_taxonomy()
    stories = list(corpus_stories(args.corpus))
    signals_of(stories[0][1], None, taxonomy)  # load jieba's dictionaries outside the timing
    start = time.perf_counter()
    signals = [(name, story, signals_of(story, None, taxonomy)) for name, story in stories]
    seconds = time.perf_counter() - start

    total = len(signals)
    fallback = sum(1 for _, _, s in signals if s.subjects == (taxonomy.fallback_slug,))
    counts = Counter(slug for _, _, s in signals for slug in s.subjects)
    print(f"articles: {total}")
    print(f"no subject (fallback only): {fallback} = {fallback / total:.1%}  (goal <= 10%)")
    print(f"subjects per article: {sum(len(s.subjects) for _, _, s in signals) / total:.2f}")
    for slug, n in counts.most_common():
        print(f"  {slug:22} {n:5}  {n / total:.1%}")
    print(f"largest subject share: {counts.most_common(1)[0][1] / total:.1%}  (goal <= 40%)")
    print(f"signals (subjects, keywords, fingerprint): {seconds:.1f} s, {seconds / total * 1000:.2f} s per 1,000 articles")
    print()
    print(f"sample of {args.sample} (seed {args.seed}):")
    for name, story, s in random.Random(args.seed).sample(signals, args.sample):
        print(f"  {name}  {story.headline[:40]}  →  {', '.join(s.subjects)}  | {' '.join(s.keywords)}")


if __name__ == "__main__":
    main()
