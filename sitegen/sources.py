"""Finding the archive's page files and decoding them into text.

Archives arrive in whatever encoding the scanner, the PDF tool or the
scraper wrote, so decoding goes from certain to likely:

1. a byte-order mark names the encoding (UTF-8, UTF-16, UTF-32);
2. a known binary signature (PDF, PNG, JPEG, ZIP/Word …) names what the file is;
3. NUL bytes mean UTF-16 without a mark (the byte order whose text reads as
   text) — or a binary file, which is skipped.  This comes before UTF-8
   because ASCII text in UTF-16 is valid UTF-8, NULs and all;
4. a file that decodes as strict UTF-8 *is* UTF-8 (GBK or Big5 bytes almost
   never form valid UTF-8 beyond a few characters);
5. many control characters mean binary data;
6. UTF-8 with a few damaged bytes (a download cut off in the middle of a
   character) is still UTF-8, when good multi-byte characters outnumber the
   bad bytes twenty to one;
7. GB18030 (a superset of GBK and GB2312) and Big5 are both tried; when both
   decode, the one whose characters are the *common* characters of its own
   encoding wins — Big5 bytes read as GB18030 turn into rare characters, kana
   and Cyrillic, and GBK bytes read as Big5 into Big5's rarer second level;
8. only then does ``charset-normalizer`` guess, for anything else.

Where a few bytes cannot be decoded they become U+FFFD and a warning names
the line of the first; more than 16 and more than one byte in a thousand make
the file undecodable.
``benchmarks/bench_inputs.py`` measures this over the corpus pages.

Line ends become ``\\n`` (CRLF and lone CR alike) and nothing else is
touched, so line *n* of the text is line *n* of the file as an editor shows it.
A file that cannot be read never raises: ``read_source`` returns a
``Diagnostic`` naming the file instead, and the build goes on.
"""

from __future__ import annotations

import codecs
import functools
import os
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sitegen import diagnostics
from sitegen.diagnostics import Diagnostic

#: File name endings of page files.
PAGE_SUFFIXES = (".txt", ".md")
#: Folders at the top of an archive that hold something other than pages: the
#: theme overrides, a site built into the archive folder, sitegen's cache.
NOT_PAGE_FOLDERS = frozenset({"templates", "static", "site", ".sitegen-cache"})
#: Files at the top of an archive that are not pages: its settings (named so
#: that a future ``.md`` settings file is never taken for a page) and the
#: README that describes the archive.
NOT_PAGE_FILES = frozenset({"catalog.toml", "sitegen.toml", "topics.toml", "readme.md", "readme.txt"})

#: How much of a file the encoding guess looks at; decoding then covers it all.
_SAMPLE_BYTES = 256 * 1024
#: At most this share of damaged bytes (and at least this many allowed) before a
#: file counts as undecodable rather than damaged.
_DAMAGE_SHARE = 0.001
_DAMAGE_MIN = 16

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)

#: Start of common binary formats someone may have saved as ``.txt``.
_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or a Word/Excel file)"),
    (b"\xd0\xcf\x11\xe0", "an old Word/Excel file"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"{\\rtf", "an RTF document"),
)

_UNDECODABLE_NAME = re.compile("[\udc80-\udcff]")
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")


@dataclass(frozen=True)
class SourceText:
    """One input file, decoded."""

    path: str
    """Path relative to the archive folder, with forward slashes (``朔州日报/2022-11-28/01.txt``)."""
    text: str
    """The decoded text with ``\\n`` line ends; line n is line n of the file."""
    encoding: str
    """Name of the encoding it was decoded with (utf-8, utf-8-sig, utf-16, gb18030, big5, …)."""
    warnings: tuple[Diagnostic, ...] = ()
    """Problems met while decoding that did not stop it (damaged bytes shown as U+FFFD)."""


def discover(archive_dir: Path) -> list[Path]:
    """Every page file (``*.txt``, ``*.md``) under ``archive_dir``, in a fixed order.

    Hidden files and folders, the archive's ``templates/``, ``static/`` and
    ``site/`` folders, sitegen's cache and a top-level README are left out.  The order is that of
    the paths relative to the archive, compared as text, so every machine
    lists the same files in the same order.
    """
    found = [(path.relative_to(archive_dir).as_posix(), path) for path, page in _archive_files(archive_dir) if page]
    found.sort(key=lambda item: item[0])
    return [path for _, path in found]


def other_files(archive_dir: Path) -> Counter[str]:
    """How many files of each name ending (``.pdf``, ``.jpg``, ``""``) the archive holds besides its page
    files, its settings and README, hidden files and the folders ``discover`` leaves out: scans, or text
    under a name sitegen does not read (``01.text``), which the build mentions so that none goes unnoticed."""
    return Counter(path.suffix.lower() for path, page in _archive_files(archive_dir)
                   if not page and path.name.lower() not in NOT_PAGE_FILES)


def _archive_files(archive_dir: Path) -> Iterator[tuple[Path, bool]]:
    """Each file under ``archive_dir`` outside hidden and non-page folders, and whether it is a page file."""
    for folder, subfolders, files in os.walk(archive_dir):
        here = Path(folder)
        top = here == archive_dir
        subfolders[:] = [
            name for name in subfolders if not name.startswith(".") and not (top and name in NOT_PAGE_FOLDERS)
        ]
        for name in files:
            if name.startswith("."):
                continue
            page = name.lower().endswith(PAGE_SUFFIXES) and not (top and name.lower() in NOT_PAGE_FILES)
            yield here / name, page


def source_name(path: Path, archive_dir: Path) -> str:
    """The input's path relative to the archive folder, with forward slashes, always valid text."""
    return _readable(path.relative_to(archive_dir).as_posix())


def display_path(path: Path, archive_dir: Path) -> str:
    """How a message names an input file: the archive folder as given, then the path in it."""
    return _readable((archive_dir / path.relative_to(archive_dir)).as_posix())


def _readable(name: str) -> str:
    """A file name as text even when the file system holds bytes that are not UTF-8.

    A zip made on a Chinese Windows machine unpacks on Linux with GBK bytes in
    its file names, which Python hands over as lone surrogates that cannot be
    written to any file; such a name is read as GB18030 (or, failing that, with
    U+FFFD) so that it can be shown, matched by the catalog and used in the site.
    """
    if not _UNDECODABLE_NAME.search(name):
        return name
    raw = os.fsencode(name)
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return raw.decode("utf-8", errors="replace")


def read_source(path: Path, archive_dir: Path) -> SourceText | Diagnostic:
    """Decode one page file, or say (as an error ``Diagnostic``) why it cannot be used."""
    shown = display_path(path, archive_dir)
    if path.is_symlink() and not path.resolve().is_relative_to(archive_dir.resolve()):
        # An archive from someone else must not publish files from this machine.
        return diagnostics.error(shown, "is a link to a file outside the archive folder — skipped")
    try:
        raw = path.read_bytes()
    except OSError as failure:
        return diagnostics.error(shown, f"cannot be read ({failure.strerror or failure}) — skipped")
    if not raw.strip():
        return diagnostics.warning(shown, "empty file — skipped")
    decoded = decode_bytes(raw)
    if isinstance(decoded, str):
        return diagnostics.error(shown, f"{decoded} — skipped")
    text, encoding, damaged = decoded
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    warnings: tuple[Diagnostic, ...] = ()
    if damaged:
        first = text.find("\ufffd")
        line = text.count("\n", 0, first) + 1 if first >= 0 else None
        warnings = (
            diagnostics.warning(
                shown,
                f"{damaged} damaged byte sequence{'s' if damaged != 1 else ''} could not be decoded as "
                f"{encoding} and {'are' if damaged != 1 else 'is'} shown as \ufffd",
                line,
            ),
        )
    return SourceText(source_name(path, archive_dir), text, encoding, warnings)


def decode_bytes(raw: bytes) -> tuple[str, str, int] | str:
    """``(text, encoding, damaged byte count)``, or the reason the bytes are not text."""
    for mark, codec, name in _BOMS:
        if raw.startswith(mark):
            return _lenient(raw[len(mark):], codec, name)
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            return f"not text ({what})"
    nul = raw.find(b"\x00")
    if nul >= 0:
        # Checked before UTF-8: ASCII text in UTF-16 is also valid UTF-8, NULs and all.
        return _bomless_utf16(raw) or f"not text (binary data at byte {nul})"
    try:
        return raw.decode("utf-8"), "utf-8", 0
    except UnicodeDecodeError:
        pass
    sample = raw[:_SAMPLE_BYTES]
    if len(_CONTROL.findall(sample)) > max(8, len(sample) // 100):
        first = _CONTROL.search(raw)
        return f"not text (binary data at byte {first.start() if first else 0})"
    return _damaged_utf8(raw) or _chinese_encoding(raw) or _guessed(raw)


def _damaged_utf8(raw: bytes) -> tuple[str, str, int] | None:
    """UTF-8 with a few bad bytes: many good multi-byte characters, few bad bytes.

    GBK or Big5 text almost never forms valid UTF-8 sequences by chance, so a
    file where they outnumber the bad bytes twenty to one is UTF-8, damaged.
    """
    for part in (raw[:_SAMPLE_BYTES], raw):
        decoded = _lenient(part, "utf-8", "utf-8")
        if isinstance(decoded, str):
            return None
        text, _, damaged = decoded
        wide = len(text) - text.count("\ufffd") - len(text.encode("ascii", errors="ignore"))
        if wide < 20 * damaged:
            return None
        if part is raw:
            return decoded
    return None


def _lenient(raw: bytes, codec: str, name: str) -> tuple[str, str, int] | str:
    """Decode, letting a few damaged bytes through as U+FFFD; too many → the reason."""
    text = raw.decode(codec, errors="replace")
    damaged = text.count("\ufffd")
    if damaged > max(_DAMAGE_MIN, len(raw) * _DAMAGE_SHARE):
        return f"cannot be decoded as {name} ({damaged} bad byte sequences)"
    return text, name, damaged


def _bomless_utf16(raw: bytes) -> tuple[str, str, int] | None:
    """UTF-16 without a byte-order mark: the byte order whose text looks like text.

    Counting NULs in odd or even bytes is not enough for Chinese: 一 is
    U+4E00, so a page full of 一 has NULs on the "wrong" side too.
    """
    if len(raw) % 2:
        return None
    best = None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        score = _text_share(text)
        if score > 0.95 and (best is None or score > best[0]):
            best = (score, text, codec)
    return (best[1], best[2], 0) if best else None


def _text_share(text: str) -> float:
    """Share of a sample's characters that are ordinary text: Latin-1, CJK, punctuation, line ends."""
    sample = text[:_SAMPLE_BYTES]
    ordinary = sum(
        1 for ch in sample
        if " " <= ch <= "~" or "\xa0" <= ch <= "\xff" or ch in "\n\r\t\f" or "\u3000" <= ch <= "\u9fff"
        or "\uff00" <= ch <= "\uffef"
        or "\u2000" <= ch <= "\u206f"
    )
    return ordinary / max(1, len(sample))


def _chinese_encoding(raw: bytes) -> tuple[str, str, int] | None:
    """GB18030 or Big5: the one that decodes the sample into its own common characters.

    When only one of them decodes the sample cleanly it is taken even if its
    characters are rare ones (a page of names or of classical text).
    """
    sample = raw[:_SAMPLE_BYTES]
    candidates = []
    for codec, common in (("gb18030", _common_in_gb), ("big5", _common_in_big5)):
        text = codecs.getincrementaldecoder(_CODEC[codec])(errors="replace").decode(sample, final=False)
        damaged = text.count("\ufffd")
        if damaged <= max(_DAMAGE_MIN, len(sample) * _DAMAGE_SHARE):
            candidates.append((common(text) - damaged / max(1, len(text)), damaged == 0, codec))
    if not candidates:
        return None
    score, clean, codec = max(candidates)
    if score < 0.5 and not (clean and len(candidates) == 1):
        return None
    decoded = _lenient(raw, _CODEC[codec], codec)
    return decoded if isinstance(decoded, tuple) else None


#: Python codecs used for the names reported: cp950 is Big5 as Windows (and
#: most Taiwanese software) writes it, with the few extra characters it adds.
_CODEC = {"gb18030": "gb18030", "big5": "cp950"}


def _common_in_gb(text: str) -> float:
    """Share of the non-ASCII characters in GB2312's area of GBK (the everyday simplified set).

    Asked of the character's GB18030 bytes: Python's ``gb2312`` codec maps A1A4
    and A1AA to other characters than GBK does, so asked directly it would count
    the middle dot of 阿卜杜拉·阿齐兹 and the dash of —— as rare.
    """
    return _share(text, _in_gb2312_area)


@functools.lru_cache(maxsize=65536)  # asked of each distinct character of every GB file: a few thousand in all
def _in_gb2312_area(ch: str) -> bool:
    try:
        ch.encode("gb18030").decode("gb2312")
    except UnicodeDecodeError:
        return False
    return True


def _common_in_big5(text: str) -> float:
    """Share of the non-ASCII characters in Big5's punctuation and first (common) level."""
    return _share(text, _in_big5_common)


@functools.lru_cache(maxsize=65536)
def _in_big5_common(ch: str) -> bool:
    return (b := _encoded(ch, "cp950")) is not None and 0xA1 <= b[0] <= 0xC6


def _share(text: str, is_common) -> float:
    """Share of the text's non-ASCII characters (spaces and U+FFFD aside) for which ``is_common`` holds.

    A page repeats a few thousand distinct characters a hundred times over, so
    each distinct character is tested once and counted as often as it occurs.
    """
    total = common = 0
    for ch, count in Counter(text).items():
        if ch < "\x80" or ch.isspace() or ch == "\ufffd":
            continue
        total += count
        if is_common(ch):
            common += count
    return common / total if total else 0.0


def _encoded(ch: str, codec: str) -> bytes | None:
    try:
        return ch.encode(codec)
    except UnicodeEncodeError:
        return None


def _guessed(raw: bytes) -> tuple[str, str, int] | str:
    """Last resort: ``charset-normalizer``'s best guess, if it decodes the whole file."""
    from charset_normalizer import from_bytes

    best = from_bytes(raw[:_SAMPLE_BYTES]).best()
    if best is None or best.encoding in ("utf_8", "ascii"):
        return "cannot be decoded as text (tried utf-8, utf-16, gb18030, big5 and detection)"
    decoded = _lenient(raw, best.encoding, best.encoding.replace("_", "-"))
    if isinstance(decoded, str):
        return f"cannot be decoded as text ({decoded})"
    return decoded
