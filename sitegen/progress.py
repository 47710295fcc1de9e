"""A progress line for long builds.

On a terminal, one line that updates in place (``\\r``), shown only once a stage
has run for a couple of seconds, so small builds stay quiet.  Elsewhere (CI
logs, a file) plain lines, one per tenth of the work (and one at the end), so a log is not filled
with carriage returns.  Written by hand because it is this small; tqdm's
non-terminal output is not plain lines.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

#: Seconds a stage runs before its progress is shown at all.
QUIET_SECONDS = 2.0
#: Seconds between redraws of the terminal line.
REDRAW_SECONDS = 0.2


class Progress:
    """Counts one stage's items and reports them on ``stream``."""

    def __init__(self, label: str, total: int, stream: TextIO | None = None, *, clock=time.monotonic):
        self.label, self.total, self.done = label, total, 0
        self.stream = stream if stream is not None else sys.stderr
        self.clock = clock
        self.start = self.last_draw = clock()
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.drawn = False
        self.printed = 0

    def advance(self, count: int = 1) -> None:
        self.done += count
        now = self.clock()
        if now - self.start < QUIET_SECONDS:
            return
        if self.tty:
            if now - self.last_draw >= REDRAW_SECONDS or self.done >= self.total:
                self._draw(now)
        elif (self.done - self.printed) * 10 >= self.total or (self.done >= self.total and self.printed < self.total):
            self.printed = self.done
            self.stream.write(self._line(now) + "\n")
            self.stream.flush()

    def _line(self, now: float) -> str:
        share = f" ({100 * self.done // self.total}%)" if self.total else ""
        rate = self.done / (now - self.start) if now > self.start else 0.0
        return f"  {self.label}: {self.done}/{self.total}{share}, {rate:.0f}/s"

    def _draw(self, now: float) -> None:
        width = 24
        filled = width * self.done // self.total if self.total else width
        bar = "█" * filled + "░" * (width - filled)
        self.stream.write(f"\r{bar}{self._line(now)}\x1b[K")
        self.stream.flush()
        self.last_draw, self.drawn = now, True

    def close(self) -> None:
        """End the terminal line (if one was drawn) so the next output starts clean."""
        if self.drawn:
            self._draw(self.clock())
            self.stream.write("\n")
            self.stream.flush()
            self.drawn = False


class NoProgress:
    """Stands in for ``Progress`` when the build was asked to be silent (library use, tests)."""

    def advance(self, count: int = 1) -> None:
        pass

    def close(self) -> None:
        pass
