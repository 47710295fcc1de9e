"""Page readings kept on disk, keyed by a hash of the page file's bytes.

The build reads every page twice: once to learn where each article belongs
(only headlines and metadata stay in memory) and once to render it.  The full
``PageReading`` of the first pass is stored here and loaded in the second, so
memory holds metadata, not every article's text.  Because the key is the file's
content, the same store can outlive a build and spare re-parsing unchanged
pages (``sitegen serve``).

Entries are pickles written by sitegen itself into a folder it owns; a folder
from elsewhere must never be used as a store.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

from sitegen.model import PageReading

#: Changes whenever the meaning of a stored reading changes (model or parser),
#: so an old store is never read as if it were current.
FORMAT = "reading-1"


def reading_key(raw: bytes) -> str:
    """The store key of a page file: a hash of its bytes (and of ``FORMAT``)."""
    return hashlib.blake2b(FORMAT.encode() + b"\0" + raw, digest_size=16).hexdigest()


class ReadingStore:
    """A folder of stored page readings, one file per key."""

    def __init__(self, folder: Path):
        self.folder = folder

    def _file(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def load(self, key: str) -> PageReading | None:
        """The stored reading, or None when there is none."""
        try:
            data = self._file(key).read_bytes()
        except FileNotFoundError:
            return None
        return pickle.loads(data)

    def store(self, key: str, reading: PageReading) -> None:
        """Keep ``reading`` under ``key``; written whole or not at all (another process may be reading)."""
        target = self._file(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        temporary.write_bytes(pickle.dumps(reading, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(temporary, target)
