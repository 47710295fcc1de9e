"""Whether the site in the output folder is already what a build would write.

A build's output is a function of the archive folder's files (pages, catalog
and settings, its own templates and static files), the default theme, the
options that change output (``--base-url``), sitegen's own code and the
versions of the libraries that shape the text (``cache.code_fingerprint``).  The
*stamp* is a hash over all of them, bytes included.  When a build finds its
stamp recorded for the output folder, and the folder is still the one that
build committed, it has nothing to do: it reports the recorded counts and
messages again and leaves the site as it is (as ``make`` would).  Any change,
even one byte of one page, gives another stamp and a real build.

The record lives in the archive's cache folder, next to the parse cache.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from sitegen import theme
from sitegen.cache import ContentCache, code_fingerprint
from sitegen.diagnostics import Diagnostic
from sitegen.output import MARKER

@dataclass(frozen=True)
class SiteRecord:
    """What a finished build left in its output folder, to be reported again when nothing changed."""

    marker: tuple[int, int, int]
    """Inode, size and modification time of the folder's ``.sitegen-site`` file when it was committed."""
    papers: int
    """Counts of the build, as ``BuildResult`` has them."""
    issues: int
    pages: int
    articles: int
    diagnostics: tuple[Diagnostic, ...]
    """Every message the build gave."""


def _files(root: Path, skip: Path | None):
    """Every file under ``root`` in a fixed order, leaving out hidden ones and the folder ``skip``."""
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and (skip is None or here / d != skip))
        for name in sorted(files):
            if not name.startswith("."):
                yield here / name


def site_stamp(archive_dir: Path, out_dir: Path, *, base_url: str | None) -> str:
    """The hash of everything the site in ``out_dir`` is made from."""
    digest = hashlib.sha256(f"{code_fingerprint()}|{base_url or ''}".encode())
    out = out_dir.resolve()
    for label, root in (("archive", archive_dir), ("theme-templates", theme.default_theme_dir() / "templates"),
                        ("theme-static", theme.default_theme_dir() / "static")):
        if not root.is_dir():
            continue
        for path in _files(root, out):
            # os.fsencode: a file name may hold bytes that are not UTF-8 (GBK names from Windows zips).
            digest.update(b"\0" + label.encode() + b"/" + os.fsencode(path.relative_to(root).as_posix()) + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _records(archive_dir: Path) -> ContentCache:
    return ContentCache(archive_dir, "sites", types=(SiteRecord, Diagnostic))


def _marker(out_dir: Path) -> tuple[int, int, int] | None:
    try:
        info = (out_dir / MARKER).stat()
    except OSError:
        return None
    return (info.st_ino, info.st_size, info.st_mtime_ns)


def unchanged_site(archive_dir: Path, out_dir: Path, stamp: str) -> SiteRecord | None:
    """The record of the build that made ``out_dir`` from exactly these inputs, if it is still there."""
    record = _records(archive_dir).load(str(out_dir.resolve()), stamp)
    if isinstance(record, SiteRecord) and record.marker == _marker(out_dir):
        return record
    return None


def remember_site(archive_dir: Path, out_dir: Path, stamp: str, *, papers: int, issues: int, pages: int,
                  articles: int, diagnostics: list[Diagnostic]) -> None:
    """Note that ``out_dir`` now holds the site of ``stamp``."""
    marker = _marker(out_dir)
    if marker is not None:
        record = SiteRecord(marker, papers, issues, pages, articles, tuple(diagnostics))
        _records(archive_dir).store(str(out_dir.resolve()), stamp, record)
