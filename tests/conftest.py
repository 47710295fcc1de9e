"""Shared test set-up: the repository root on sys.path, and where the corpus lives."""

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

#: The People's Daily corpus kept beside the checkout (never copied into it).
CORPUS = REPO.parent / "shared" / "corpus" / "people-daily"
SEEDS = REPO / "seeds"

needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is absent")


def copy_seeds(folder: Path, count: int) -> Path:
    """A small archive in ``folder``: the first ``count`` seed pages, so tests may edit it."""
    folder.mkdir(parents=True, exist_ok=True)
    for page in sorted(SEEDS.glob("*.txt"))[:count]:
        (folder / page.name).write_bytes(page.read_bytes())
    return folder
