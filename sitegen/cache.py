"""The parse cache: what reading and parsing an input file gave, kept on disk by
content hash so that an unchanged page is never decoded or parsed twice.

The cache lives in ``<archive>/.sitegen-cache/`` (it carries its own
``.gitignore``, so an archive kept in git never commits it) and survives
restarts.  There is one entry per input file, named after the file's path; the
entry records the content key it was made for::

    key = sha256(format, Python version, sitegen's own source code, namespace,
                 input path, input bytes)

so editing the file, upgrading sitegen or changing the parser's code makes the
entry stale and it is parsed and written again.  An entry that cannot be read
(truncated, corrupt, written by another version) counts as a miss and is
rewritten; nothing in the cache can make a build fail.

An entry is the content key on one line, then a pickle of the value: loading a
page's blocks that way is several times faster than from JSON.  An archive
folder may come from someone else, so the unpickler accepts only the model's
frozen dataclasses, dates and the types a caller names; anything else makes
the entry unreadable, never runs.

Writes go to a temporary file in the same folder and are renamed into place, so
worker processes of one build, or two builds at once, never see half an entry.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import importlib.metadata
import os
import pickle
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sitegen import __version__
from sitegen import model
from sitegen.diagnostics import Diagnostic
from sitegen.metadata import Statement, split_front_matter
from sitegen.model import PageReading, record
from sitegen.parse import read_page
from sitegen.sources import display_path, read_source, source_name

CACHE_DIR = ".sitegen-cache"
#: Bump when the layout of an entry changes.
FORMAT = 1
_PACKAGE = Path(__file__).resolve().parent
_TEMP_PREFIX = ".tmp-"


#: Libraries whose version can change what sitegen reads or writes.
_LIBRARIES = ("charset-normalizer", "jinja2", "markupsafe", "markdown", "jieba", "rjieba", "lunr", "pypinyin", "numpy")


def _library_versions() -> str:
    versions = []
    for name in _LIBRARIES:
        try:
            versions.append(f"{name}={importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            versions.append(f"{name}=-")
    return ",".join(versions)


@functools.cache
def code_fingerprint() -> str:
    """A hash of sitegen's own source files and its libraries' versions: changing either invalidates every entry."""
    digest = hashlib.sha256(f"{FORMAT}|{__version__}|{sys.version_info[:2]}|{_library_versions()}".encode())
    for path in sorted(_PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


class _ModelUnpickler(pickle.Unpickler):
    """Unpickles only the model's dataclasses, dates and the types a cache names.

    This is the pattern of the ``pickle`` documentation's "Restricting
    Globals": a cache folder that came with someone else's archive cannot make
    sitegen run code, because every other global is refused.
    """

    def __init__(self, file, types: dict[tuple[str, str], type]):
        super().__init__(file)
        self.types = types

    def find_class(self, module: str, name: str):
        try:
            return self.types[(module, name)]
        except KeyError:
            raise pickle.UnpicklingError(f"the cache may not hold {module}.{name}") from None


def _allowed_types(extra: tuple[type, ...]) -> dict[tuple[str, str], type]:
    allowed = {("datetime", "date"): dt.date}
    for cls in (*vars(model).values(), *extra):
        if isinstance(cls, type) and dataclasses.is_dataclass(cls):
            allowed[(cls.__module__, cls.__qualname__)] = cls
    return allowed


class ContentCache:
    """One namespace of the on-disk cache (``parse``, ``segments``, …), entries keyed by input path.

    ``hits`` and ``misses`` count lookups in this process, for ``BuildResult``
    and for tests that check a rebuild parsed nothing.
    """

    def __init__(self, archive_dir: Path, namespace: str, *, types: tuple[type, ...] = (), salt: str = ""):
        self.root = archive_dir / CACHE_DIR
        self.folder = self.root / namespace
        self.types = _allowed_types(types)
        self.salt = f"{code_fingerprint()}|{namespace}|{salt}"
        self.hits = 0
        self.misses = 0

    def key(self, source: str, data: bytes) -> str:
        """The content key of input ``source`` (path in the archive) whose bytes are ``data``."""
        digest = hashlib.sha256(self.salt.encode())
        digest.update(b"\0" + source.encode() + b"\0")
        digest.update(data)
        return digest.hexdigest()

    def _entry(self, source: str) -> Path:
        return self.folder / (hashlib.sha256(source.encode()).hexdigest()[:40] + ".pickle")

    def load(self, source: str, key: str):
        """The value stored for ``source`` under ``key``, or None (missing, stale or unreadable)."""
        try:
            with open(self._entry(source), "rb") as entry:
                stored_key = entry.read(len(key) + 1)
                if stored_key == key.encode() + b"\n":
                    value = _ModelUnpickler(entry, self.types).load()
                    self.hits += 1
                    return value
        except Exception:  # noqa: BLE001 - missing, damaged or foreign: any of these only means parsing again
            pass
        self.misses += 1
        return None

    def store(self, source: str, key: str, value) -> None:
        """Keep ``value`` for ``source``; a failure to write only costs a reparse next time."""
        data = key.encode() + b"\n" + pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        try:
            self._prepare()
            fd, temp = tempfile.mkstemp(prefix=_TEMP_PREFIX, dir=self.folder)
            try:
                with os.fdopen(fd, "wb") as out:
                    out.write(data)
                os.replace(temp, self._entry(source))
            except BaseException:
                Path(temp).unlink(missing_ok=True)
                raise
        except OSError:
            pass

    def prune(self, sources: list[str]) -> int:
        """Delete entries of inputs that are gone (and stray temporary files); return how many."""
        if not self.folder.is_dir():
            return 0
        live = {self._entry(s).name for s in sources}
        removed = 0
        for path in self.folder.iterdir():
            if path.name not in live:
                path.unlink(missing_ok=True)
                removed += 1
        return removed

    def _prepare(self) -> None:
        if not self.folder.is_dir():
            self.folder.mkdir(parents=True, exist_ok=True)
            # Keep the cache out of the archive's git repository and out of backups.
            (self.root / ".gitignore").write_text("# sitegen's cache; safe to delete.\n*\n", encoding="utf-8")
            (self.root / "CACHEDIR.TAG").write_text(
                "Signature: 8a477f597d28d172789f06886806bc55\n# sitegen parse cache; see sitegen/cache.py\n",
                encoding="utf-8",
            )


@record
class ParsedSource:
    """What reading and parsing one input file gave: all the build keeps of it."""

    path: str
    """Input path relative to the archive folder, forward slashes."""
    encoding: str
    """The encoding the file was decoded with."""
    reading: PageReading
    """What the parser found on the page."""
    front_matter: Statement | None = None
    """What the file's front-matter block states (``sitegen.metadata``), if it has one."""
    problems: tuple[Diagnostic, ...] = ()
    """Messages from decoding and from the front matter, given again on every build."""


def parse_cache(archive_dir: Path) -> ContentCache:
    """The cache of parsed pages of this archive."""
    return ContentCache(archive_dir, "parse", types=(ParsedSource, Statement, Diagnostic))


def read_and_parse(path: Path, archive_dir: Path, cache: ContentCache | None) -> ParsedSource | Diagnostic:
    """Decode and parse one input file, or take the result from ``cache`` when its bytes are unchanged.

    A file that cannot be read gives the ``Diagnostic`` saying why (never cached:
    finding that out is quick).  Safe to call from worker processes, each with
    its own ``ContentCache`` of the same archive.
    """
    if cache is None:
        return _read_and_parse(path, archive_dir)
    relative = source_name(path, archive_dir)
    try:
        key = cache.key(relative, path.read_bytes())
    except OSError:
        return _read_and_parse(path, archive_dir)
    parsed = cache.load(relative, key)
    if isinstance(parsed, ParsedSource):
        return parsed
    parsed = _read_and_parse(path, archive_dir)
    if isinstance(parsed, ParsedSource):
        cache.store(relative, key, parsed)
    return parsed


def _read_and_parse(path: Path, archive_dir: Path) -> ParsedSource | Diagnostic:
    source = read_source(path, archive_dir)
    if isinstance(source, Diagnostic):
        return source
    front = split_front_matter(source.text, display_path(path, archive_dir))
    return ParsedSource(source.path, source.encoding, read_page(front.text), front.statement,
                        source.warnings + front.diagnostics)
