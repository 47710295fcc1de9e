"""Messages about the input: what is wrong, in which file and line, and how bad it is.

Every stage reports bad input as ``Diagnostic`` records instead of raising, so
one broken file never stops the build.  The command line prints them in the
form compilers use, which editors and CI logs understand::

    seeds/x.txt: error: not text (binary data at byte 123) — skipped
    seeds/catalog.toml:7: warning: entry 'old/*.txt' matches no input file

An *error* means part of the archive is missing or wrong in the built site (a
page could not be read, a catalog key was not understood); a *warning* means
the site is complete but something deserves a look (a duplicate page, a
malformed front-matter block read as text).  ``exit_status`` turns them into
the command's exit status; ``--strict`` makes warnings fail too, for CI.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Diagnostic:
    """One message about the input."""

    file: str
    """The file it is about, as the user can open it (``seeds/002.txt``); "" for the archive as a whole."""
    message: str
    """What is wrong and what sitegen did about it, in one sentence."""
    severity: str = WARNING
    """``error`` or ``warning``."""
    line: int | None = None
    """Line in ``file``, counting from 1, when one line is to blame."""

    def __str__(self) -> str:
        return format_diagnostic(self)


def warning(file: str, message: str, line: int | None = None) -> Diagnostic:
    """A warning about ``file`` (and ``line``)."""
    return Diagnostic(file, message, WARNING, line)


def error(file: str, message: str, line: int | None = None) -> Diagnostic:
    """An error about ``file`` (and ``line``)."""
    return Diagnostic(file, message, ERROR, line)


_LINE_PREFIX = re.compile(r"(?:line|L)\s*(\d+)\s*[:：,]\s*", re.IGNORECASE)


def from_text(file: str, text: str, severity: str = WARNING) -> Diagnostic:
    """A message another stage gave as text; a leading ``line 12:`` becomes its line.

    The parser reports its doubts as strings (``PageReading.warnings``), each
    naming the line it is about that way.
    """
    match = _LINE_PREFIX.match(text)
    if match:
        return Diagnostic(file, text[match.end():], severity, int(match.group(1)))
    return Diagnostic(file, text, severity)


def format_diagnostic(diagnostic: Diagnostic) -> str:
    """``file:line: severity: message`` (the line left out when unknown)."""
    where = diagnostic.file or "archive"
    if diagnostic.line is not None:
        where = f"{where}:{diagnostic.line}"
    return f"{where}: {diagnostic.severity}: {diagnostic.message}"


def summary(diagnostics: Iterable[Diagnostic]) -> str:
    """``2 errors, 1 warning`` — for the build's closing line."""
    items = list(diagnostics)
    errors = sum(d.severity == ERROR for d in items)
    warnings = len(items) - errors
    return f"{counted(errors, 'error')}, {counted(warnings, 'warning')}"


def counted(number: int, noun: str) -> str:
    """``1 paper``, ``2 papers``."""
    return f"{number} {noun}{'s' if number != 1 else ''}"


def exit_status(diagnostics: Iterable[Diagnostic], strict: bool = False) -> int:
    """1 when there were errors (or, with ``strict``, warnings), else 0."""
    items = list(diagnostics)
    if any(d.severity == ERROR for d in items) or (strict and items):
        return 1
    return 0
