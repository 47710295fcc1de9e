"""Placeholder metadata: the masthead only (the real module adds front matter, catalog, folders)."""

from __future__ import annotations

from sitegen.model import Masthead, PageMeta

UNKNOWN_PAPER = "未知报纸"


def page_meta(source_path: str, masthead: Masthead) -> PageMeta:
    return PageMeta(
        newspaper=masthead.newspaper or UNKNOWN_PAPER,
        date=masthead.date,
        page=masthead.page,
        page_name=masthead.page_name,
        publisher=masthead.publisher,
        issue_number=masthead.issue_number,
    )
