"""How much CPU the page parser takes: ``read_page`` over every page of the corpus pages archive.

    python -m benchmarks.parse_speed              # 5 rounds, prints each and the median
    python -m benchmarks.parse_speed --rounds 3

The archive is the one ``benchmarks.build_speed`` builds (``/tmp/sitegen-bench/inputs/corpus``,
made here the same way when absent).  Pages are read and decoded first, as a build
reads them; only ``read_page`` is timed, with ``time.process_time()`` in this one
process, which is steadier than wall time on a shared machine.  To compare two
versions of the parser, run this in each checkout in turn, a few times, and
compare the medians.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from benchmarks.build_speed import corpus_archive, prepared
from sitegen.diagnostics import Diagnostic
from sitegen.metadata import split_front_matter
from sitegen.parse import load_word_lists, read_page
from sitegen.sources import discover, display_path, read_source


def page_texts(archive: Path) -> list[str]:
    """The text of every page of ``archive`` as the parser gets it (decoded, front matter split off)."""
    texts = []
    for path in discover(archive):
        source = read_source(path, archive)
        if not isinstance(source, Diagnostic):
            texts.append(split_front_matter(source.text, display_path(path, archive)).text)
    return texts


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--work", type=Path, default=Path("/tmp/sitegen-bench"), help="where the corpus pages are kept")
    args = parser.parse_args(argv)
    texts = page_texts(prepared(args.work, "corpus", corpus_archive))
    load_word_lists()
    times = []
    for _ in range(args.rounds):
        start = time.process_time()
        readings = [read_page(text) for text in texts]
        times.append(time.process_time() - start)
    articles = sum(len(reading.stories) for reading in readings)
    print(f"pages {len(texts)}, articles {articles}")
    print("read_page CPU   " + "  ".join(f"{t:.2f}s" for t in times))
    print(f"median          {statistics.median(times):.2f}s ({articles / statistics.median(times):.0f} articles/s)")


if __name__ == "__main__":
    main()
