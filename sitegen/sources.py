"""Placeholder input reading: UTF-8 ``*.txt`` files (the real module detects encodings)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SourceText:
    """One decoded input file."""

    path: str
    """Path relative to the archive folder, forward slashes."""
    text: str
    """Decoded text with ``\\n`` line ends."""
    encoding: str
    """The encoding it was decoded with."""


def discover(archive_dir: Path) -> list[Path]:
    return sorted(p for p in archive_dir.rglob("*.txt") if not any(part.startswith(".") for part in p.relative_to(archive_dir).parts))


def read_source(path: Path, archive_dir: Path) -> SourceText:
    raw = path.read_bytes()
    text = raw.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    return SourceText(path.relative_to(archive_dir).as_posix(), text, "utf-8")
