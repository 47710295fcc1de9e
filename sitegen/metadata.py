"""Where a page belongs: its paper, date and page number, from four sources.

Each source can state any of the fields; for every field the first source in
this order that states it wins:

1. **front matter** — a ``---`` block of ``key: value`` lines at the very top
   of the page file.  It is the archivist's statement about this one file.
2. **catalog** — ``catalog.toml`` in the archive folder, mapping file names or
   globs to values.  Also the archivist's word, but often about many files at
   once, so a file's own front matter is more specific and beats it.
3. **masthead** — what the page prints about itself (报头: 朔州日报,
   2022年11月28日, 第8607期), as the parser read it.  Primary evidence, but
   read by heuristics from OCR text; the archivist's explicit statements above
   exist precisely to correct a misread or misprinted masthead.
4. **folder layout** — where the file was filed: ``朔州日报/2022-11-28/01.txt``
   (also ``20221128/``, and ``01.txt``, ``page-01.txt``, ``01版.txt``,
   ``第1版.txt``).  An inference from how someone sorted the files, so it only
   fills what nothing else states.

``PageMeta.origins`` names, for each field, the source whose value is used —
or the masthead whenever the page prints that same value, since a reader
weighs a printed date differently from one an archivist supplied.

When two sources state *different* paper, date or page, the build warns and
names both, so a wrong catalog entry or a misfiled file is noticed.  What no
source states stays unknown — the site shows 未知报纸, 日期不详, 版次不详 —
and is never guessed.

Front matter (keys in English or Chinese; values may be quoted)::

    ---
    newspaper: 朔州日报        # or paper / 报纸 / 报名
    date: 2022-11-28           # or 日期; also 2022年11月28日, 20221128
    page: 1                    # or 版次; stored as "01"
    page_name: 要闻             # or 版名
    publisher: 中共朔州市委机关报  # or 主办
    issue_number: 第8607期      # or 期号
    ---

A block that opens with ``---`` but is not valid front matter (a line that is
not ``key: value``, no closing ``---``) is reported and kept as page text.
The block's lines are blanked, not removed, so line numbers stay true.

Catalog (``catalog.toml``): one ``[[page]]`` table per file or glob; ``*``
and ``?`` match within one folder, ``**`` across folders, and paths are
relative to the archive folder.  Entries apply in order, a later one
overriding the fields it states, so general globs go first::

    [[page]]
    file = "朔州日报/**"
    newspaper = "朔州日报"

    [[page]]
    file = "scans/003.txt"
    date = 2022-11-11
    page = 1

An unknown key is an error naming the file and key; an entry that matches no
input file is a warning.  Neither stops the build.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import tomllib
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from pathlib import Path, PurePosixPath

from sitegen import diagnostics, dates
from sitegen.diagnostics import Diagnostic
from sitegen.model import Masthead, PageMeta

UNKNOWN_PAPER = "未知报纸"
CATALOG_FILE = "catalog.toml"

#: The sources, strongest first, as named in ``PageMeta.origins``.
FRONT_MATTER, CATALOG, MASTHEAD, FOLDER = "front-matter", "catalog", "masthead", "folder"
PRECEDENCE = (FRONT_MATTER, CATALOG, MASTHEAD, FOLDER)

#: Fields whose disagreement between sources is worth a warning.
_CHECKED = ("newspaper", "date", "page")


@dataclass(frozen=True)
class Statement:
    """What one source states about a page; None where it says nothing."""

    newspaper: str | None = None
    """Paper name."""
    date: dt.date | None = None
    """Publication date."""
    page: str | None = None
    """Page number, two digits ("01")."""
    page_name: str | None = None
    """Section or page name (要闻, 聚焦)."""
    publisher: str | None = None
    """Publisher line."""
    issue_number: str | None = None
    """Serial issue number as printed."""


FIELDS = tuple(f.name for f in fields(Statement))

#: What each field is called in a front-matter block (English and Chinese).
_FRONT_MATTER_KEYS = {
    "newspaper": "newspaper", "paper": "newspaper", "报纸": "newspaper", "报名": "newspaper",
    "date": "date", "日期": "date",
    "page": "page", "版次": "page",
    "page_name": "page_name", "版名": "page_name",
    "publisher": "publisher", "主办": "publisher",
    "issue_number": "issue_number", "期号": "issue_number",
}


# --- values -----------------------------------------------------------------

_CHINESE_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def page_number(text: str) -> str | None:
    """A page number as the archive writes it: ``1``, ``01``, ``第1版``, ``第一版``, ``A3`` → ``01``…``A03``.

    None when the text is not a page number.
    """
    text = text.strip().removeprefix("第").removesuffix("版").strip()
    match = re.fullmatch(r"([A-Za-z]?)(\d{1,3})", text)
    if match:
        number = int(match.group(2))
        return f"{match.group(1).upper()}{number:02d}" if number else None
    if text and all(ch in _CHINESE_DIGITS or ch == "十" for ch in text):
        number = _chinese_number(text)
        return f"{number:02d}" if number else None
    return None


def _chinese_number(text: str) -> int | None:
    """一 → 1, 十 → 10, 十二 → 12, 二十四 → 24 (page numbers are small)."""
    tens, ten, ones = text.partition("十")
    if not ten:
        return _CHINESE_DIGITS[text] if len(text) == 1 else None
    if len(tens) > 1 or len(ones) > 1 or "十" in ones:
        return None
    return (_CHINESE_DIGITS[tens] if tens else 1) * 10 + (_CHINESE_DIGITS[ones] if ones else 0)


def _value(field: str, value: object) -> tuple[object, str | None]:
    """``(checked value, None)`` or ``(None, why it is not a valid value)``."""
    if field == "date":
        if isinstance(value, dt.datetime):
            return value.date(), None
        if isinstance(value, dt.date):
            return value, None
        if isinstance(value, (str, int)) and not isinstance(value, bool):
            parsed = dates.parse_date(str(value))
            return (parsed, None) if parsed else (None, f"'{value}' is not a date (write 2022-11-28)")
        return None, "must be a date such as 2022-11-28"
    if field == "page":
        if isinstance(value, (str, int)) and not isinstance(value, bool):
            number = page_number(str(value))
            return (number, None) if number else (None, f"'{value}' is not a page number (write 1 or \"01\")")
        return None, "must be a page number such as 1 or \"01\""
    if isinstance(value, str) and value.strip():
        return value.strip(), None
    return None, "must be a non-empty text"


# --- front matter -----------------------------------------------------------


@dataclass(frozen=True)
class FrontMatter:
    """A page file split into its front matter (if any) and its page text."""

    statement: Statement | None
    """What the front matter states; None when the file has none (or it was not valid)."""
    text: str
    """The page text, front-matter lines blanked so line numbers stay those of the file."""
    diagnostics: tuple[Diagnostic, ...] = ()
    """Malformed blocks, unknown keys and bad values, each naming the line."""


_FENCE = re.compile(r"---\s*")
_CLOSING = re.compile(r"(?:---|\.\.\.)\s*")
_KEY_VALUE = re.compile(r"\s*([A-Za-z_]+|[\u4e00-\u9fff]+)\s*[:：]\s*(.*?)\s*")
#: A front-matter block longer than this is not one (a page that starts with a rule).
_MAX_FRONT_MATTER_LINES = 40


def split_front_matter(text: str, file: str) -> FrontMatter:
    """Take the ``---`` block off the top of a page, if there is a valid one.

    ``file`` is how messages name the file.
    """
    if not text.startswith("---"):
        return FrontMatter(None, text)
    lines = text.split("\n", _MAX_FRONT_MATTER_LINES + 1)
    if not _FENCE.fullmatch(lines[0]):
        return FrontMatter(None, text)
    pairs: list[tuple[int, str, str]] = []
    closing = None
    for number, line in enumerate(lines[1:_MAX_FRONT_MATTER_LINES + 1], 2):
        if _CLOSING.fullmatch(line):
            closing = number
            break
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _KEY_VALUE.fullmatch(line)
        if not match:
            return FrontMatter(None, text, (diagnostics.warning(
                file, f"starts with '---' but is not front matter (line {number} is not 'key: value'); "
                "read as page text", 1),))
        pairs.append((number, match.group(1), _unquote(match.group(2))))
    if closing is None:
        return FrontMatter(None, text, (diagnostics.warning(
            file, "front matter opened with '---' is never closed with '---'; read as page text", 1),))

    found: dict[str, object] = {}
    problems = []
    for number, key, raw in pairs:
        field = _FRONT_MATTER_KEYS.get(key) or _FRONT_MATTER_KEYS.get(key.lower())
        if field is None:
            known = ", ".join(sorted(set(_FRONT_MATTER_KEYS.values())))
            problems.append(diagnostics.warning(file, f"unknown front-matter key '{key}' ignored (known: {known})", number))
            continue
        if not raw:
            continue
        value, why = _value(field, raw)
        if why:
            problems.append(diagnostics.warning(file, f"front-matter {key}: {why}; ignored", number))
            continue
        if field in found:
            problems.append(diagnostics.warning(file, f"front-matter {key} given twice; the later value is used", number))
        found[field] = value
    parts = text.split("\n", closing)
    body = "\n" * closing + parts[closing] if len(parts) > closing else "\n" * (closing - 1)
    return FrontMatter(Statement(**found), body, tuple(problems))


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return re.sub(r"\s+#.*$", "", value)


# --- catalog ----------------------------------------------------------------


@dataclass(frozen=True)
class CatalogEntry:
    """One ``[[page]]`` table of the catalog."""

    pattern: str
    """File name or glob, relative to the archive folder."""
    statement: Statement
    """What the entry states about the files it matches."""
    line: int | None
    """Line of its ``file = …`` in the catalog, for messages."""


@dataclass(frozen=True)
class Catalog:
    """The archive's ``catalog.toml``; empty when there is none."""

    file: str = ""
    """How messages name the catalog file."""
    entries: tuple[CatalogEntry, ...] = ()
    """Entries in file order; a later one overrides an earlier one."""

    def statement_for(self, source: str) -> Statement | None:
        """What the catalog states about the input file ``source`` (relative path), merged in order."""
        found: dict[str, object] = {}
        for index in sorted(self._exact.get(source, []) + [i for i, regex in self._globs if regex.fullmatch(source)]):
            found.update({k: v for k, v in self.entries[index].statement.__dict__.items() if v is not None})
        return Statement(**found) if found else None

    def unmatched(self, sources: Iterable[str]) -> list[Diagnostic]:
        """A warning for each entry that matches none of the input files."""
        sources = set(sources)
        used = {i for name in sources for i in self._exact.get(name, [])}
        used |= {i for i, regex in self._globs if any(regex.fullmatch(s) for s in sources)}
        return [
            diagnostics.warning(self.file, f"entry '{entry.pattern}' matches no input file", entry.line)
            for index, entry in enumerate(self.entries)
            if index not in used
        ]

    # A catalog may list every one of 10,000 files by name: plain names are
    # looked up, only real globs are matched against each file.
    @functools.cached_property
    def _exact(self) -> dict[str, list[int]]:
        exact: dict[str, list[int]] = defaultdict(list)
        for index, entry in enumerate(self.entries):
            if not _GLOB_CHARS.search(entry.pattern):
                exact[entry.pattern].append(index)
        return dict(exact)

    @functools.cached_property
    def _globs(self) -> list[tuple[int, re.Pattern]]:
        return [(i, _glob_regex(e.pattern)) for i, e in enumerate(self.entries) if _GLOB_CHARS.search(e.pattern)]


def load_catalog(archive_dir: Path) -> tuple[Catalog, list[Diagnostic]]:
    """Read ``catalog.toml`` from the archive folder: the catalog and what was wrong with it.

    A file that is not valid TOML is reported and ignored as a whole; a bad
    key or value is reported and only that key is ignored.
    """
    path = archive_dir / CATALOG_FILE
    shown = path.as_posix()
    if not path.is_file():
        return Catalog(), []
    try:
        source = path.read_text(encoding="utf-8-sig")
        data = tomllib.loads(source)
    except UnicodeDecodeError:
        return Catalog(shown), [diagnostics.error(shown, "is not UTF-8 text; catalog ignored")]
    except tomllib.TOMLDecodeError as failure:
        line = re.search(r"line (\d+)", str(failure))
        return Catalog(shown), [
            diagnostics.error(shown, f"is not valid TOML ({failure}); catalog ignored", int(line.group(1)) if line else None)
        ]
    problems: list[Diagnostic] = []
    lines = source.split("\n")
    headers = [n for n, line in enumerate(lines, 1) if re.fullmatch(r"\s*\[\[\s*page\s*\]\]\s*(#.*)?", line)]
    for key in data:
        if key != "page":
            problems.append(diagnostics.error(
                shown, f"unknown key '{key}' (a catalog holds [[page]] tables)", _key_line(lines, key, 0, len(lines))))
    tables = data.get("page", [])
    if not isinstance(tables, list):
        problems.append(diagnostics.error(shown, "'page' must be [[page]] tables"))
        tables = []
    entries = []
    for index, table in enumerate(tables):
        start = headers[index] if index < len(headers) else None
        end = headers[index + 1] if index + 1 < len(headers) else len(lines)
        entry, entry_problems = _catalog_entry(table, shown, lines, start, end)
        problems.extend(entry_problems)
        if entry:
            entries.append(entry)
    return Catalog(shown, tuple(entries)), problems


def _catalog_entry(table: dict, shown: str, lines: list[str], start: int | None, end: int):
    problems = []
    pattern = table.get("file")
    if not isinstance(pattern, str) or not pattern.strip():
        return None, [diagnostics.error(shown, "[[page]] entry without file = \"…\" (a file name or glob); entry ignored", start)]
    found: dict[str, object] = {}
    for key, raw in table.items():
        if key == "file":
            continue
        line = _key_line(lines, key, start or 0, end)
        if key not in FIELDS:
            problems.append(diagnostics.error(
                shown, f"unknown key '{key}' in the entry for '{pattern}' (known: file, {', '.join(FIELDS)}); ignored", line))
            continue
        value, why = _value(key, raw)
        if why:
            problems.append(diagnostics.error(shown, f"{key} of '{pattern}' {why}; ignored", line))
            continue
        found[key] = value
    # Windows users write folders with backslashes; archive paths use forward slashes.
    pattern = pattern.strip().replace("\\", "/").strip("/")
    return CatalogEntry(pattern, Statement(**found), _key_line(lines, "file", start or 0, end)), problems


def _key_line(lines: list[str], key: str, start: int, end: int) -> int | None:
    """Line of ``key = …`` between two headers (for messages; tomllib gives no lines)."""
    spelled = re.compile(rf"\s*[\"']?{re.escape(key)}[\"']?\s*=")
    for number in range(start, min(end, len(lines))):
        if spelled.match(lines[number]):
            return number + 1
    return start or None


_GLOB_CHARS = re.compile(r"[*?]")


def _glob_regex(pattern: str) -> re.Pattern:
    """``*`` and ``?`` within one folder, ``**`` across folders."""
    out = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out))


# --- folder layout ----------------------------------------------------------

#: ``01``, ``A3`` (two digits at most: ``003.txt`` is more likely a serial number), or with a word
#: saying it is a page: ``page-01``, ``p3``, ``第1版``, ``01版``.
_PAGE_FILE = re.compile(r"(?:page|p)[-_ ]?(\d{1,3})|第?(\d{1,3})版|([A-Za-z]?\d{1,2})", re.IGNORECASE)
_DATED_PAGE_FILE = re.compile(r"(\d{4}-?\d{2}-?\d{2})[-_ ](?:page[-_]?)?(\d{1,3})版?", re.IGNORECASE)
_YEAR_OR_MONTH = re.compile(r"\d{4}年?|\d{4}[-_.]?\d{1,2}月?|\d{4}年\d{1,2}月|\d{1,2}月?")


def from_folders(source: str) -> Statement:
    """What the file's place states: ``人民日报/2019-02-01/01.txt`` → 人民日报, 2019-02-01, page 01.

    The paper comes from the folder above the date folder (year and month
    folders such as ``2019`` or ``2019-02`` in between are skipped), and only
    when there is a date folder — a lone folder name is too weak a sign.
    """
    parts = PurePosixPath(source).parts
    folders, stem = parts[:-1], PurePosixPath(parts[-1]).stem
    date = page = None
    above = None  # folders above the one that gave the date
    dated = _DATED_PAGE_FILE.fullmatch(stem)
    if dated:
        date, page = dates.parse_date(dated.group(1)), page_number(dated.group(2))
        above = folders if date else None
    else:
        plain = _PAGE_FILE.fullmatch(stem)
        page = page_number(next(g for g in plain.groups() if g)) if plain else None
    if date is None and folders:
        date = dates.parse_date(folders[-1])
        above = folders[:-1] if date else None
    newspaper = None
    for folder in reversed(above or ()):
        if not _YEAR_OR_MONTH.fullmatch(folder):
            newspaper = folder
            break
    return Statement(newspaper=newspaper, date=date, page=page)


# --- deciding ---------------------------------------------------------------


def from_masthead(masthead: Masthead) -> Statement:
    """The parser's masthead as a statement."""
    return Statement(**{name: getattr(masthead, name) for name in FIELDS})


def page_meta(
    source: str,
    file: str,
    *,
    front_matter: Statement | None = None,
    catalog: Statement | None = None,
    masthead: Masthead | None = None,
) -> tuple[PageMeta, tuple[Diagnostic, ...]]:
    """Weigh the sources (see the module's docstring) for the input file ``source``.

    ``file`` is how messages name the file.  Returns the page's metadata and a
    warning for each field on which the sources disagree.
    """
    said = {
        FRONT_MATTER: front_matter,
        CATALOG: catalog,
        MASTHEAD: from_masthead(masthead) if masthead else None,
        FOLDER: from_folders(source),
    }
    chosen: dict[str, object] = {}
    origins = []
    problems = []
    for name in FIELDS:
        stated = [(origin, getattr(said[origin], name)) for origin in PRECEDENCE if said[origin] is not None]
        stated = [(origin, value) for origin, value in stated if value is not None]
        if not stated:
            continue
        origin, value = stated[0]
        chosen[name] = value
        # When the page itself prints the value used, say so: a reader weighs a
        # printed date differently from one the archivist supplied.
        printed = any(o == MASTHEAD and v == value for o, v in stated)
        origins.append((name, MASTHEAD if printed else origin))
        others = [(o, v) for o, v in stated[1:] if v != value]
        if name in _CHECKED and others:
            problems.append(diagnostics.warning(file, (
                f"{name}: the {_SOURCE_NAMES[origin]} says {_shown(value)}, "
                + ", ".join(f"the {_SOURCE_NAMES[o]} says {_shown(v)}" for o, v in others)
                + f" — using the {_SOURCE_NAMES[origin]}'s"
            )))
    meta = PageMeta(
        newspaper=chosen.get("newspaper") or UNKNOWN_PAPER,
        date=chosen.get("date"),
        page=chosen.get("page"),
        page_name=chosen.get("page_name"),
        publisher=chosen.get("publisher"),
        issue_number=chosen.get("issue_number"),
        origins=tuple(origins),
    )
    return meta, tuple(problems)


_SOURCE_NAMES = {FRONT_MATTER: "front matter", CATALOG: "catalog", MASTHEAD: "masthead", FOLDER: "folder layout"}


def _shown(value: object) -> str:
    return value.isoformat() if isinstance(value, dt.date) else f"'{value}'"


def duplicate_pages(pages: Iterable[tuple[str, PageMeta]], name: Callable[[str], str] = str) -> list[Diagnostic]:
    """A warning for every page that another file also claims to be (same paper, date and page).

    ``pages`` are (input file, metadata); ``name`` gives a file as messages name
    it (asked only for the files a warning names).  Pages whose date or page
    number is unknown are never duplicates: unknown is not a value.
    """
    claimed: dict[tuple, list[str]] = defaultdict(list)
    for file, meta in pages:
        if meta.newspaper != UNKNOWN_PAPER and meta.date and meta.page:
            claimed[(meta.newspaper, meta.date, meta.page)].append(file)
    problems = []
    for (paper, date, page), files in claimed.items():
        for other in files[1:]:
            problems.append(diagnostics.warning(name(other), (
                f"is also {paper} {date.isoformat()} page {page}, like {name(files[0])}; both are kept as separate pages"
            )))
    return problems


def describe(meta: PageMeta) -> str:
    """``filed as: 朔州日报, 2022-11-28, page 01 — newspaper from catalog, …`` for ``sitegen inspect``."""
    where = ", ".join([
        meta.newspaper,
        meta.date.isoformat() if meta.date else dates.UNKNOWN_DATE,
        f"page {meta.page}" if meta.page else dates.page_label(None),
    ])
    origins = ", ".join(f"{name} from {_SOURCE_NAMES[origin]}" for name, origin in meta.origins)
    return f"filed as: {where} — {origins or 'nothing states where this page belongs'}"


_FIELD_NAMES_ZH = {"newspaper": "报名", "date": "日期", "page": "版次", "page_name": "版名",
                   "publisher": "主办", "issue_number": "期号"}
_SOURCE_NAMES_ZH = {FRONT_MATTER: "文件头信息", CATALOG: "编目（catalog.toml）", MASTHEAD: "报头",
                    FOLDER: "文件夹结构"}


def provenance(meta: PageMeta) -> str:
    """Where the page's paper, date and page number come from, for readers: ``报名、日期据编目（catalog.toml）；版名据报头``.

    A historian citing a page needs to know whether its date was printed on it
    or supplied by the archivist.  Fields no source states are left out (the
    page shows them as unknown already).
    """
    by_source: dict[str, list[str]] = defaultdict(list)
    for name, origin in meta.origins:
        if name in _FIELD_NAMES_ZH:
            by_source[origin].append(_FIELD_NAMES_ZH[name])
    return "；".join(f"{'、'.join(by_source[o])}据{_SOURCE_NAMES_ZH[o]}" for o in PRECEDENCE if by_source[o])
