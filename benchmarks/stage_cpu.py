"""CPU seconds of one build stage, run in this process, against the same stage of another commit.

    python -m benchmarks.stage_cpu render                       # this checkout, 3 runs
    python -m benchmarks.stage_cpu encode --against HEAD~1 --runs 5
    python -m benchmarks.stage_cpu indexes --archive /tmp/sitegen-bench/inputs/corpus

The stages, as ``sitegen build -v`` names them:

- ``render``: rendering articles, pages and issues, and cutting them into search
  terms (``RenderIssues`` over every issue, one process);
- ``encode``: encoding the search index (``SearchIndex.add`` of every issue and ``finish`` on one process);
- ``indexes``: rendering index pages (papers, years, months, topics, home).

A whole build's wall time on a shared machine moves by a quarter from minute to
minute; the CPU time of one stage in one process moves much less.  What the
stages start from (the archive read, parsed and given its topics, and the
issues cut into search terms) is made once with this checkout's code and kept
in ``--state``; each run then times only its stage, in a fresh process.  The
stage's files are hashed rather than written (``HashedFolder``): creating tens of
thousands of files costs the same whatever the code, yet its system time moved
the figure by half from one run to the next.  With ``--against REV`` that commit's code (``git archive``
into a temporary folder) runs the same stage in turn with this checkout's, run
for run, and the medians of both are printed, and whether the two wrote the same
files.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import pickle
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def code_at(rev: str, folder: Path) -> Path:
    """The repository's files at commit ``rev`` (``git archive``), written into ``folder``."""
    folder.mkdir()
    archived = subprocess.run(["git", "archive", rev], cwd=REPO, check=True, capture_output=True)
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archived.stdout, check=True)
    return folder
STAGES = ("render", "encode", "indexes")


class HashedFolder:
    """Stands for a ``SiteFolder``: keeps a hash of each file's bytes by its path instead of writing it."""

    def __init__(self, digests: dict[str, str] | None = None, folder: str = ""):
        self.digests = {} if digests is None else digests
        self.folder = folder

    def sub(self, folder: str) -> HashedFolder:
        return HashedFolder(self.digests, f"{self.folder}{folder}/")

    def for_workers(self) -> HashedFolder:
        return self

    def write_text(self, path: str, text: str) -> None:
        self.write_bytes(path, text.encode("utf-8"))

    def write_bytes(self, path: str, data: bytes) -> None:
        self.digests[self.folder + path] = hashlib.sha256(data).hexdigest()

    def save(self, out: Path) -> None:
        """The hashes as one file, a line per file in path order, to compare two runs' output."""
        out.write_text("".join(f"{path} {digest}\n" for path, digest in sorted(self.digests.items())))


def prepare(archive_dir: Path, state: Path) -> None:
    """Read, parse and place the archive and give it topics; cut its issues into search terms."""
    from sitegen import archive, build
    from sitegen.cache import parse_cache
    from sitegen.enrich import enrich
    from sitegen.read_pages import full_reading
    from sitegen.topics import load_taxonomy

    state.mkdir(parents=True, exist_ok=True)
    cache = parse_cache(state / "cache")
    taxonomy = load_taxonomy(archive_dir)
    read_pages, files, signals = build._read_pages(archive_dir, cache, taxonomy, False, os.cpu_count() or 1, None,
                                                   build.BuildResult())
    newspapers = archive.assemble(read_pages)
    articles = list(archive.all_articles(newspapers))
    enrichment = enrich(newspapers, articles, signals, taxonomy)
    tasks = build._issue_tasks(newspapers, enrichment.topics, enrichment.neighbours, files)
    readings = {str(path): full_reading(archive_dir, path, cache) for task in tasks for path in task.files}
    with open(state / "archive.pickle", "wb") as out:
        pickle.dump({"archive": archive_dir, "tasks": tasks, "readings": readings, "newspapers": newspapers,
                     "articles": articles, "enrichment": enrichment}, out, protocol=pickle.HIGHEST_PROTOCOL)
    _, spooled = _render(_load(state), HashedFolder())
    with open(state / "spooled.pickle", "wb") as out:
        pickle.dump(spooled, out, protocol=pickle.HIGHEST_PROTOCOL)


def _load(state: Path) -> dict:
    with open(state / "archive.pickle", "rb") as stored:
        return pickle.load(stored)


def _render(state: dict, site: HashedFolder) -> tuple[float, list]:
    from sitegen import render_issues
    from sitegen.config import load_config
    from sitegen.search.tokenize import tables
    from sitegen.search.writer import IssueIndexer

    readings = state["readings"]
    render_issues.full_reading = lambda archive_dir, path, cache: readings[str(path)]  # read once, in prepare
    tables()  # a build makes the tokenizer's tables before its workers fork (SearchIndex)
    work = render_issues.RenderIssues(state["archive"], load_config(state["archive"]), None, site, None,
                                      IssueIndexer(site.sub("search")))
    start = time.process_time()
    rendered = [work(task) for task in state["tasks"]]
    return time.process_time() - start, [issue.search for issue in rendered]


def _encode(state_dir: Path, site: HashedFolder, spool: Path) -> float:
    from sitegen.search import SearchIndex

    with open(state_dir / "spooled.pickle", "rb") as stored:
        spooled = pickle.load(stored)
    index = SearchIndex(site.sub("search"), spool)  # builds the tokenizer's tables: a build does so before
    start = time.process_time()
    for issue in spooled:
        index.add(issue)
    index.finish(1)
    return time.process_time() - start


def _indexes(state: dict, site: HashedFolder) -> float:
    from sitegen import theme
    from sitegen.config import load_config
    from sitegen.render import Renderer, environment
    from sitegen.render_indexes import render_paper, render_site_pages, render_topics

    archive_dir, enrichment = state["archive"], state["enrichment"]
    renderer = Renderer(environment(theme.template_dirs(archive_dir)), load_config(archive_dir))
    start = time.process_time()
    for paper in state["newspapers"]:
        render_paper(renderer, site, paper)
    render_topics(renderer, site, enrichment, {a.id: a for a in state["articles"]}, archive_dir, 1)
    render_site_pages(renderer, site, state["newspapers"], enrichment.topics, len(state["articles"]))
    return time.process_time() - start


def time_stage(stage: str, state: Path, out: Path) -> float:
    """CPU seconds of one run of ``stage``; the hashes of the files it made go to ``out``."""
    site = HashedFolder()
    if stage == "encode":
        with tempfile.TemporaryDirectory(prefix="stage-cpu-spool-") as spool:
            seconds = _encode(state, site, Path(spool))
    else:
        loaded = _load(state)
        seconds = _render(loaded, site)[0] if stage == "render" else _indexes(loaded, site)
    site.save(out)
    return seconds


def _run(code: Path, stage: str, state: Path, out: Path) -> float:
    """One run of ``stage`` by the code in ``code``, in a fresh process."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    script = ("import sys; from pathlib import Path; from benchmarks.stage_cpu import time_stage; "
              "print(time_stage(sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])))")
    done = subprocess.run([sys.executable, "-c", script, stage, str(state), str(out)], cwd=code, env=env,
                          check=True, capture_output=True, text=True)
    return float(done.stdout.split()[-1])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("stage", choices=STAGES)
    parser.add_argument("--archive", type=Path, default=Path("/tmp/sitegen-bench/inputs/corpus"))
    parser.add_argument("--state", type=Path, default=Path(tempfile.gettempdir()) / "sitegen-stage-cpu",
                        help="where what the stages start from is kept between runs (made when absent)")
    parser.add_argument("--against", metavar="REV", help="a commit whose code runs the stage in turn with this checkout's")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    if not (args.state / "spooled.pickle").is_file():
        print(f"preparing {args.archive} in {args.state} …", file=sys.stderr)
        prepare(args.archive, args.state)
    with tempfile.TemporaryDirectory(prefix="stage-cpu-") as scratch:
        codes = {"this checkout": REPO}
        if args.against:
            other = code_at(args.against, Path(scratch) / "against")
            # The stage timing is this checkout's, whatever the other commit's benchmarks hold.
            shutil.copy(Path(__file__), other / "benchmarks" / "stage_cpu.py")
            codes = {args.against: other, **codes}
        seconds: dict[str, list[float]] = {name: [] for name in codes}
        for _ in range(args.runs):
            for name, code in codes.items():
                seconds[name].append(_run(code, args.stage, args.state, Path(scratch) / name.replace("/", "_")))
        for name, runs in seconds.items():
            print(f"{name}: median {statistics.median(runs):.2f} s CPU ({' '.join(f'{s:.2f}' for s in runs)})")
        if args.against:
            made = [(Path(scratch) / name.replace("/", "_")).read_text() for name in codes]
            same = made[0] == made[1]
            print("same files written" if same else "THE FILES WRITTEN DIFFER")


if __name__ == "__main__":
    main()
