"""``sitegen check SITE``: is a built site whole and self-contained?

It reads every HTML and CSS file of the site and reports, one line each:

- a link or asset (``href``, ``src``, ``srcset``, CSS ``url()``) that does not
  resolve to a file of the site — a link to a bare folder counts as broken,
  because ``file://`` shows a folder listing instead of its ``index.html``;
- a resource the page would load from the network (a script, stylesheet,
  image, frame or font from ``http:``, ``https:`` or ``//``).  A plain ``<a>``
  link to another website is allowed: it loads nothing until a reader follows it;
- a search-index file that the search manifest implies but that is missing.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from sitegen.search.index import decode_numbers
from sitegen.search.writer import text_file

#: Attributes that make the browser load something as soon as the page opens.
_LOADING = {("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"), ("source", "src"),
            ("audio", "src"), ("video", "src"), ("embed", "src"), ("object", "data"), ("img", "srcset"),
            ("source", "srcset"), ("input", "src"), ("video", "poster")}
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the site."""

    file: str
    """The page or file it was found in, relative to the site root."""
    message: str
    """What is wrong."""

    def __str__(self) -> str:
        return f"{self.file}: {self.message}"


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name in ("href", "src", "srcset", "data", "poster", "action"):
                self.found.append((tag, name, value))
            elif name == "style":
                self.styles.append(value)
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)


def _is_remote(url: str) -> bool:
    return url.startswith("//") or urlsplit(url).scheme in ("http", "https", "ftp", "ws", "wss")


def _urls_of(tag: str, attribute: str, value: str) -> list[str]:
    if attribute == "srcset":
        return [part.strip().split()[0] for part in value.split(",") if part.strip()]
    return [value.strip()]


def _resolve(site: Path, page: str, url: str) -> Problem | None:
    """None when ``url`` (as written in ``page``) names a file of the site."""
    parts = urlsplit(url)
    if parts.scheme or url.startswith("//") or not parts.path:
        return None  # mailto:, data:, javascript: are judged elsewhere; "#x" and "?q" stay on the page
    target = PurePosixPath(page).parent / unquote(parts.path)
    resolved = (site / target).resolve()
    try:
        resolved.relative_to(site.resolve())
    except ValueError:
        return Problem(page, f"link leaves the site: {url}")
    if resolved.is_dir():
        return Problem(page, f"link to a folder (breaks over file://; name its index.html): {url}")
    if not resolved.is_file():
        return Problem(page, f"broken link to {url}")
    return None


def check_page(site: Path, page: str, html: str) -> list[Problem]:
    parser = _Links()
    parser.feed(html)
    problems = []
    for tag, attribute, value in parser.found:
        for url in _urls_of(tag, attribute, value):
            if url.lower().startswith("javascript:"):
                problems.append(Problem(page, f"javascript: URL in <{tag} {attribute}>"))
            elif _is_remote(url):
                if (tag, attribute) in _LOADING:
                    problems.append(Problem(page, f"loads from the network: <{tag} {attribute}=\"{url}\">"))
            elif problem := _resolve(site, page, url):
                problems.append(problem)
    for css in parser.styles:
        problems.extend(_check_css_urls(site, page, css))
    return problems


def _check_css_urls(site: Path, file: str, css: str) -> list[Problem]:
    problems = []
    for url in _CSS_URL.findall(css):
        if _is_remote(url):
            problems.append(Problem(file, f"loads from the network: url({url})"))
        elif not url.startswith("data:") and (problem := _resolve(site, file, url)):
            problems.append(problem)
    return problems


def _script_value(path: Path) -> dict:
    """The JSON value a search script (manifest, hit data, topics) hands to search.js."""
    text = path.read_text(encoding="utf-8").strip().rstrip(";")
    return json.loads(text[text.index("]=") + 2:] if "]=" in text else text[text.index("=") + 1:])


def check_search_index(site: Path) -> list[Problem]:
    """Every shard, hit data, text and topic file the manifest implies is present."""
    manifest_path = site / "search" / "manifest.js"
    if not (site / "search.html").is_file():
        return []
    if not manifest_path.is_file():
        return [Problem("search/manifest.js", "missing: search.html cannot answer without it")]
    try:
        manifest = _script_value(manifest_path)
    except (ValueError, json.JSONDecodeError) as error:
        return [Problem("search/manifest.js", f"unreadable: {error}")]
    expected = [f"search/s/{n}.js" for n in range(manifest.get("shards", 0))]
    documents = manifest.get("documents", 0)
    per_chunk = manifest.get("docsPerChunk") or 1
    chunks = [f"search/d/{n}.js" for n in range(math.ceil(documents / per_chunk))]
    expected += chunks + _text_files(site, chunks, per_chunk) + ["search/topics.js"] + _topic_files(site)
    return [Problem(name, "missing search-index file") for name in expected if not (site / name).is_file()]


def _text_files(site: Path, chunks: list[str], per_chunk: int) -> list[str]:
    """The text files the hit data names: each article whose text starts a file (offset 0) names one."""
    names = []
    for number, chunk in enumerate(chunks):
        try:
            offsets = decode_numbers(_script_value(site / chunk).get("text", ""))
        except (OSError, ValueError):
            continue  # reported as missing, or its shards would be: the texts cannot be known
        first = number * per_chunk
        names += [f"search/{text_file(first + i)}.js" for i, offset in enumerate(offsets) if offset == 0]
    return names


def _topic_files(site: Path) -> list[str]:
    """The topic members files ``search/topics.js`` names."""
    try:
        files = _script_value(site / "search" / "topics.js").get("files", [])
    except (OSError, ValueError):
        return []  # reported as missing
    return [f"search/k/{n}.js" for n in range(len(files))]


def check_site(site: Path) -> list[Problem]:
    """All problems of the built site at ``site``, in file order."""
    problems: list[Problem] = []
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(site).as_posix()
        if path.suffix == ".html":
            problems.extend(check_page(site, rel, path.read_text(encoding="utf-8", errors="replace")))
        elif path.suffix == ".css":
            problems.extend(_check_css_urls(site, rel, path.read_text(encoding="utf-8", errors="replace")))
    problems.extend(check_search_index(site))
    return problems
