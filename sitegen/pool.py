"""Running one stage's work over many items in worker processes.

Results always come back in the order of the items, whatever order the workers
finish in, so a build with ``--jobs 2`` writes the same bytes as ``--jobs 1``.

The work is a picklable callable object (``work(item) -> result``) that sets up
what it needs (a Jinja environment, a Markdown converter) lazily on its first
call.  Each worker process adopts one copy of it when the pool starts, so that
set-up happens once per process, not once per item.
"""

from __future__ import annotations

import gc
import itertools
import multiprocessing
import multiprocessing.pool
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

def ordered_map_in_batches(work: Callable[[tuple], Iterable[Result]], items: Iterable[Item], *, jobs: int,
                           size: int) -> Iterator[Result]:
    """``ordered_map`` handing ``work`` ``size`` items at a time (``work(batch)`` gives their results
    in order), and giving the results back one by one, in item order.

    A batch lets ``work`` take each of its steps for all the items before the next
    step, so that each step's tables stay in the processor's caches instead of
    being pushed out by the other steps' at every item.
    """
    items = list(items)
    batches = [tuple(items[start:start + size]) for start in range(0, len(items), size)]
    for results in ordered_map(work, batches, jobs=jobs):
        yield from results


#: The work object of *this worker process*, set by the pool's initializer.  It
#: lives only in worker processes; the main process never sets it.
_adopted: Callable | None = None


def default_jobs() -> int:
    """One worker per core."""
    return os.cpu_count() or 1


def _adopt(work: Callable) -> None:
    global _adopted
    _adopted = work
    # A forked worker inherits the parent's handlers; ``sitegen serve`` turns SIGTERM into
    # KeyboardInterrupt, a Python handler that runs only when the worker next runs Python code.
    # The pool stops its workers with SIGTERM and waits for them, so it must kill at once.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _run(item):
    return _adopted(item)


#: Items handed to each worker ahead of the one the consumer waits for.
AHEAD = 4

#: Fewest items for which starting worker processes pays: a forked worker is
#: ready in milliseconds, one from the fork server in a few.
_WORTH_A_POOL = {"fork": 2, "forkserver": 8}

#: What the fork server imports once, so that the workers it forks start with them.
_PRELOAD = ["sitegen.build"]


def _start_method() -> str:
    """``fork`` when this process runs one thread, else ``forkserver``.

    Forked workers inherit the imported modules (jieba's dictionary, compiled
    regular expressions) instead of importing them again.  But a process with
    other threads (``sitegen serve``'s web server) may fork while one of them
    holds a lock, which the child then waits on for ever; there, workers are
    forked by a fork server, a single-threaded process started once that has
    imported sitegen (so a rebuild's workers are ready at once, where spawned
    ones would import everything again for every stage).
    """
    if threading.active_count() == 1:
        return "fork"
    multiprocessing.set_forkserver_preload(_PRELOAD)
    return "forkserver"


def ordered_map(work: Callable[[Item], Result], items: Iterable[Item], *, jobs: int) -> Iterator[Result]:
    """``work(item)`` for every item, in item order, using ``jobs`` processes.

    At most ``AHEAD`` items per worker are handed out beyond the one being
    taken back, so when the consumer is slower than the workers (the search
    index is built from the results as they come) finished results wait in the
    workers' queue a few at a time instead of piling up in memory.

    With ``jobs`` of 1 everything runs in this process (no pool), which is also
    what tests and profilers see most clearly.
    """
    items = list(items)
    method = _start_method()
    if jobs <= 1 or len(items) < _WORTH_A_POOL[method]:
        yield from map(work, items)
        return
    context = multiprocessing.get_context(method)
    # Forked workers share this process's memory until they write to it, and the
    # garbage collector writes to every object it tracks: frozen, the archive's
    # metadata stays shared instead of being copied into each worker (at
    # 100,000 articles that copy was some 300 MB a worker).
    with frozen_heap():
        yield from _pooled(context, work, items, jobs)


#: How many ``frozen_heap`` blocks are open in this process.
_freezes = 0


@contextmanager
def frozen_heap() -> Iterator[None]:
    """Every object alive now left out of garbage collection until the block ends.

    Frozen objects are not walked by a collection, nor written to by one, so
    forked workers keep sharing their pages.  Objects made inside the block are
    collected as usual.  Blocks nest: the heap thaws when the outermost ends,
    and what is alive when an inner one ends joins the frozen heap, because an
    inner block is a stage of the build (``ordered_map``) and what it made is
    the archive the rest of the build reads.  (In the main process of the
    corpus build, full collections walking the pages just read took 0.4 s of
    the serial stage that follows reading.)
    """
    global _freezes
    gc.freeze()
    _freezes += 1
    try:
        yield
    finally:
        _freezes -= 1
        if _freezes:
            gc.freeze()
        else:
            gc.unfreeze()


class _Pool(multiprocessing.pool.Pool):
    """``multiprocessing.Pool`` without a busy loop in this process.

    CPython's pool wakes its worker-minding thread whenever a result waits in
    the results pipe, and until the results thread has read it that thread
    wakes again and again (CPython since 3.8): on the corpus pages 1.1-1.5 s of
    this process's CPU, taken from the workers on two cores.  Woken only by a
    worker that ended or by the pool's own notices (its tasks all done, closing,
    terminating), it minds the workers as before.
    """

    def _get_sentinels(self):
        return [self._change_notifier._reader]


def _pooled(context, work: Callable, items: list, jobs: int) -> Iterator:
    with _Pool(min(jobs, len(items)), initializer=_adopt, initargs=(work,), context=context) as pool:
        pending: deque = deque()
        remaining = iter(items)
        for item in itertools.islice(remaining, jobs * AHEAD):
            pending.append(pool.apply_async(_run, (item,)))
        while pending:
            result = pending.popleft().get()
            for item in itertools.islice(remaining, 1):
                pending.append(pool.apply_async(_run, (item,)))
            yield result
