"""Where the theme's files come from: the archive's own ``templates/`` and
``static/`` first, then the default theme shipped with sitegen."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def default_theme_dir() -> Path:
    """The default theme: inside the wheel as ``sitegen/_theme``, or the checkout's top level."""
    shipped = _PACKAGE / "_theme"
    return shipped if (shipped / "templates").is_dir() else _PACKAGE.parent


def template_dirs(archive_dir: Path) -> list[Path]:
    """Template folders, the archive's own first so its files override ours."""
    dirs = [archive_dir / "templates", default_theme_dir() / "templates"]
    return [d for d in dirs if d.is_dir()]


def static_files(archive_dir: Path) -> dict[str, Path]:
    """Every static file by its path under ``static/``; the archive's own win."""
    files: dict[str, Path] = {}
    for root in (default_theme_dir() / "static", archive_dir / "static"):
        if root.is_dir():
            for path in sorted(root.rglob("*")):
                if path.is_file() and not path.name.startswith("."):
                    files[path.relative_to(root).as_posix()] = path
    return files
