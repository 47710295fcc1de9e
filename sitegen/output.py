"""Writing the site: into a fresh staging folder, moved into place only when the
build succeeds, so a failed build never leaves a half-written site.

sitegen marks every folder it writes with a ``.sitegen-site`` file and refuses to
replace a non-empty folder that lacks the mark, or to write into the archive
folder itself or a folder that contains it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

MARKER = ".sitegen-site"


class OutputError(Exception):
    """The output folder cannot be used; the message says why."""


def check_output_dir(out_dir: Path, archive_dir: Path) -> None:
    out, archive = out_dir.resolve(), archive_dir.resolve()
    if out == archive or out in archive.parents:
        raise OutputError(f"refusing to build into {out_dir}: it is (or contains) the archive folder {archive_dir}")
    if out.exists() and not out.is_dir():
        raise OutputError(f"refusing to build into {out_dir}: it is a file")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise OutputError(
            f"refusing to build into {out_dir}: it is not empty and was not written by sitegen "
            f"(no {MARKER} file); choose another folder with -o"
        )


class SiteFolder:
    """Writes files under a folder by their site paths; build workers each hold one on the staging folder.

    ``previous`` is the site being replaced, when there is one: a file written
    with the very bytes it has there is hard-linked to it instead of written
    again.  A rebuild after a small edit (``sitegen serve``, a second
    ``sitegen build``) then creates a few new files instead of every one of a
    site's tens of thousands, and removing the old site frees only those few.
    On a disk without hard links (a FAT memory stick) everything is written.
    """

    def __init__(self, root: Path, previous: Path | None = None):
        self.root = root
        self.previous = previous
        self._made: set[Path] = set()

    def sub(self, folder: str) -> SiteFolder:
        """The same, for the files under ``folder``."""
        return SiteFolder(self.root / folder, self.previous / folder if self.previous else None)

    def _target(self, path: str) -> Path:
        target = self.root / path
        if target.parent not in self._made:  # one mkdir per folder, not per file: a big site has 100,000s
            target.parent.mkdir(parents=True, exist_ok=True)
            self._made.add(target.parent)
        return target

    def write_text(self, path: str, text: str) -> None:
        self.write_bytes(path, text.encode("utf-8"))

    def write_bytes(self, path: str, data: bytes) -> None:
        target = self._target(path)
        if self.previous is not None and _holds(self.previous / path, data):
            try:
                os.link(self.previous / path, target)
                return
            except OSError:  # no hard links here (or the old file just went): write, from now on always
                self.previous = None
        target.write_bytes(data)

    def copy_file(self, path: str, source: Path) -> None:
        shutil.copyfile(source, self._target(path))

    def for_workers(self) -> SiteFolder:
        """A folder on the same place that worker processes can be given (it writes every file)."""
        return SiteFolder(self.root, self.previous)


def _holds(file: Path, data: bytes) -> bool:
    """True when ``file`` exists with exactly ``data`` in it."""
    try:
        if os.stat(file).st_size != len(data):
            return False
        with open(file, "rb") as existing:
            return existing.read() == data
    except OSError:
        return False


def _umask() -> int:
    """The process's file-creation mask (read once, at import, while no other thread can be changing it)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


#: The permissions of a folder made as ``mkdir`` makes one: what the finished site gets, where the
#: temporary folder it is built in is made readable by its owner alone.
FOLDER_MODE = 0o777 & ~_umask()


class Staging(SiteFolder):
    """A temporary folder beside the output folder that becomes the output on ``commit()``."""

    def __init__(self, out_dir: Path, previous: Path | None = None):
        """``previous``: the site this one follows (``sitegen serve``'s last one), when not ``out_dir`` itself."""
        self.out_dir = out_dir
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        if previous is None and (out_dir / MARKER).is_file():
            previous = out_dir
        super().__init__(Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.building-", dir=out_dir.parent)), previous)

    def commit(self) -> None:
        (self.root / MARKER).write_text("This folder was written by sitegen; it is replaced on every build.\n")
        # A web server running as another user must be able to read the site, as it can its files.
        os.chmod(self.root, FOLDER_MODE)
        old = None
        if self.out_dir.exists():
            old = self.out_dir.with_name(f".{self.out_dir.name}.old-{self.root.name[-8:]}")
            self.out_dir.rename(old)
        self.root.rename(self.out_dir)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)

    def discard(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


@dataclass(frozen=True)
class SiteView:
    """A site whose files lie in several generation folders, as ``sitegen serve`` keeps it.

    A rebuild after a small edit writes only the files it changed into a new
    folder (``LayeredStaging``); the others stay where they are.  The view says
    where each file of the site is, so a file the rebuild did not make is
    absent from it even though an older folder still holds it.
    """

    files: dict[str, Path]
    """Every file of the site by its site path, and the folder it is in."""

    def file(self, name: str) -> Path | None:
        """Where the file at site path ``name`` is, or None when the site has no such file."""
        folder = self.files.get(name)
        return None if folder is None else folder / name

    def folders(self) -> set[Path]:
        return set(self.files.values())


class LayeredStaging(Staging):
    """A staging folder that receives only what changed since the site ``under`` it (``sitegen serve``).

    Files the build takes as they are in ``under`` are ``keep``-t, not linked or
    copied; a file written by this process with the very bytes ``under`` has is
    kept too.  Worker processes write every file they are given
    (``for_workers``).  ``commit`` moves the folder to ``out_dir`` (which must
    not exist) and returns the new site's ``SiteView``: what was written here,
    then what was kept from ``under``; files of ``under`` neither written nor
    kept are not in the new site.
    """

    def __init__(self, out_dir: Path, under: SiteView | None):
        super().__init__(out_dir, None)
        self.previous = None
        self.under = under
        self.kept: set[str] = set()

    def keep(self, path: str) -> None:
        """The file at ``path`` is as in the site underneath."""
        self.kept.add(path)

    def holds(self, paths) -> bool:
        """True when the site underneath has every file of ``paths``."""
        return self.under is not None and all(p in self.under.files for p in paths)

    def write_bytes(self, path: str, data: bytes) -> None:
        old = self.under.file(path) if self.under is not None else None
        if old is not None and _holds(old, data):
            self.kept.add(path)
            return
        super().write_bytes(path, data)

    def sub(self, folder: str) -> _Within:
        return _Within(self, folder)

    def for_workers(self) -> SiteFolder:
        return _KeepingFolder(self)

    def commit(self) -> SiteView:  # type: ignore[override]
        for note in self.root.glob(f"{_KEPT_NOTE}*"):
            self.kept.update(note.read_text(encoding="utf-8").splitlines())
            note.unlink()
        (self.root / MARKER).write_text("This folder was written by sitegen; it is replaced on every build.\n")
        self.root.rename(self.out_dir)
        files: dict[str, Path] = {}
        for folder, _, names in os.walk(self.out_dir):
            relative = os.path.relpath(folder, self.out_dir)
            prefix = "" if relative == "." else relative.replace(os.sep, "/") + "/"
            for name in names:
                files[prefix + name] = self.out_dir
        files.pop(MARKER, None)
        if self.under is not None:
            for path in self.kept:
                files.setdefault(path, self.under.files[path])
        return SiteView(files)


#: Files of a ``LayeredStaging`` folder in which worker processes list the files they kept (one per process).
_KEPT_NOTE = ".kept-by-"


class _KeepingFolder(SiteFolder):
    """What the worker processes of a ``LayeredStaging`` write with: a file with the very bytes the site
    underneath has is not written but listed as kept, in a note of this process that ``commit`` reads.
    (A template edit changes the HTML pages, not the Markdown copies or the search texts.)"""

    def __init__(self, staging: LayeredStaging, folder: str = ""):
        super().__init__(staging.root / folder if folder else staging.root)
        self.under, self.prefix, self.notes = staging.under, f"{folder}/" if folder else "", staging.root

    def write_bytes(self, path: str, data: bytes) -> None:
        old = self.under.file(self.prefix + path) if self.under is not None else None
        if old is None or not _holds(old, data):
            super().write_bytes(path, data)
            return
        # Appended and closed at once: the pool may end this process at any time.
        with open(self.notes / f"{_KEPT_NOTE}{os.getpid()}", "a", encoding="utf-8") as note:
            note.write(f"{self.prefix}{path}\n")


class _Within:
    """The files of a ``LayeredStaging`` under one folder."""

    def __init__(self, staging: LayeredStaging, folder: str):
        self.staging, self.folder = staging, folder
        self.root, self.previous = staging.root / folder, None

    def write_text(self, path: str, text: str) -> None:
        self.staging.write_text(f"{self.folder}/{path}", text)

    def write_bytes(self, path: str, data: bytes) -> None:
        self.staging.write_bytes(f"{self.folder}/{path}", data)

    def keep(self, path: str) -> None:
        self.staging.keep(f"{self.folder}/{path}")

    def holds(self, paths) -> bool:
        return self.staging.holds(f"{self.folder}/{p}" for p in paths)

    def sub(self, folder: str) -> _Within:
        return _Within(self.staging, f"{self.folder}/{folder}")

    def for_workers(self) -> SiteFolder:
        return _KeepingFolder(self.staging, self.folder)
