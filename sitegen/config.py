"""``sitegen.toml``: the archive's settings, typed and checked once at start-up.

A misspelt key is an error naming the file and the key, never a silent default.

    [site]
    title = "朔州地方报纸数字档案"
    description = "……"
    base_url = "https://user.github.io/repo/"   # optional; enables sitemap.xml and feeds
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields
from pathlib import Path

CONFIG_FILE = "sitegen.toml"


class ConfigError(Exception):
    """A settings file that cannot be used; the message names the file and key."""


@dataclass(frozen=True)
class SiteConfig:
    """Settings of the site as a whole."""

    title: str = "报纸数字档案"
    """Site title shown in every page's header."""
    description: str = "由 sitegen 从报纸版面文本生成的离线档案网站。"
    """One sentence for the home page and the about page."""
    base_url: str | None = None
    """Public URL of the site root; needed only for sitemap.xml and Atom feeds."""


@dataclass(frozen=True)
class Config:
    """Everything ``sitegen.toml`` can set."""

    site: SiteConfig = SiteConfig()
    """The [site] table."""


def _table(cls, data: dict, file: Path, where: str):
    known = {f.name: f for f in fields(cls)}
    for key in data:
        if key not in known:
            raise ConfigError(f"{file}: unknown key '{where}{key}' (known: {', '.join(sorted(known))})")
    values = {}
    for key, value in data.items():
        expected = known[key].type
        if isinstance(value, dict):
            raise ConfigError(f"{file}: '{where}{key}' must be a value, not a table")
        if "str" in str(expected) and not isinstance(value, str):
            raise ConfigError(f"{file}: '{where}{key}' must be a string, got {type(value).__name__}")
        values[key] = value
    return cls(**values)


def load_config(archive_dir: Path) -> Config:
    """Read ``sitegen.toml`` from the archive folder; defaults when it is absent."""
    file = archive_dir / CONFIG_FILE
    if not file.is_file():
        return Config()
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"{file}: {error}") from error
    unknown = set(data) - {"site"}
    if unknown:
        raise ConfigError(f"{file}: unknown table or key '{sorted(unknown)[0]}' (known: site)")
    return Config(site=_table(SiteConfig, data.get("site", {}), file, "site."))
