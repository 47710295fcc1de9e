"""SearchDocs straight from the People's Daily corpus files (headline lines,
then paragraphs indented with two U+3000), for the search benchmarks.

Deterministic: files in path order.  ``limit`` keeps the first N articles.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from sitegen.search import SearchDoc

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "people-daily"


def corpus_files(corpus: Path = CORPUS, limit: int | None = None) -> list[Path]:
    files = sorted(corpus.glob("*/*/*.txt"))
    return files[:limit] if limit else files


def read_article(path: Path) -> SearchDoc:
    """One corpus file as a SearchDoc: first headline line is the title, other headline lines the subtitle."""
    lines = path.read_text(encoding="utf-8").splitlines()
    heads, body = [], []
    for line in lines:
        if line.startswith("\u3000") or body:
            if line.strip():
                body.append(line.strip("\u3000 "))
        elif line.strip():
            heads.append(line.strip())
    day, page, order = path.stem.split("-")
    date = f"{day[:4]}-{day[4:6]}-{day[6:]}"
    return SearchDoc(
        id=f"renminribao-{date}-{page}-{order}",
        url=f"papers/renminribao/{date}/{page}/{order}.html",
        title=heads[0] if heads else (body[0][:20] if body else path.stem),
        kicker=None,
        subtitle="\n".join(heads[1:]) or None,
        body="\n".join(body),
        newspaper="人民日报",
        date=date,
        page=page,
        topics=(),
    )


def corpus_docs(corpus: Path = CORPUS, limit: int | None = None) -> Iterator[SearchDoc]:
    for path in corpus_files(corpus, limit):
        yield read_article(path)
