"""How long the parsed pages take to cross between processes.

    python -m benchmarks.pickling              # the first 300 corpus pages
    python -m benchmarks.pickling --pages 1000

A build pickles every page's reading three times over (the parse cache writes it
and the renderer reads it back, the outlines go from the workers to the main
process, each issue to the worker that renders it), so the cost of pickling the
archive's records is part of every build.  This parses pages assembled from the
corpus once and prints the best of five times to pickle and to unpickle them all.
"""

from __future__ import annotations

import argparse
import pickle
import time

from benchmarks.corpus_pages import assemble_pages
from benchmarks.synthetic import CORPUS
from sitegen.parse import read_page


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        raise SystemExit(f"corpus absent at {CORPUS}")
    readings = [read_page(page.text) for page in assemble_pages(CORPUS, seed=0, limit=args.pages)]
    dumps = loads = float("inf")
    for _ in range(args.rounds):
        start = time.process_time()
        pickled = [pickle.dumps(r, protocol=pickle.HIGHEST_PROTOCOL) for r in readings]
        dumps = min(dumps, time.process_time() - start)
        start = time.process_time()
        for data in pickled:
            pickle.loads(data)
        loads = min(loads, time.process_time() - start)
    blocks = sum(len(r.blocks) for r in readings)
    size = sum(map(len, pickled))
    print(f"{len(readings)} pages, {blocks} blocks, {size / 1e6:.1f} MB pickled: "
          f"pickle {dumps * 1000:.0f} ms, unpickle {loads * 1000:.0f} ms (best of {args.rounds}, CPU)")


if __name__ == "__main__":
    main()
