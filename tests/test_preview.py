"""After a template edit `sitegen serve` shows the page the archivist has open at once, rendered
with the new templates, and never a page with the old ones while it rebuilds the rest."""

import json
import os
from pathlib import Path

import pytest

from sitegen.serve import Builder
from tests.conftest import REPO, copy_seeds

MARK = "本馆自定义页脚"


@pytest.fixture
def archive(tmp_path) -> Path:
    return copy_seeds(tmp_path / "archive", 3)


@pytest.fixture
def builder(archive, tmp_path):
    states = []
    builder = Builder(archive, tmp_path / "session", states.append, echo=lambda line: None)
    (tmp_path / "session").mkdir()
    builder.states = states
    builder.rebuild()
    return builder


def _edit_template(archive: Path) -> None:
    (archive / "templates").mkdir(exist_ok=True)
    base = (REPO / "templates" / "base.html").read_text(encoding="utf-8")
    (archive / "templates" / "base.html").write_text(base.replace("</footer>", f"<p>{MARK}</p></footer>"),
                                                     encoding="utf-8")


def _issue_pages(site) -> list[str]:
    """Each article's page, and the page view and issue page above it."""
    records = json.loads(site.file("api/articles.json").read_bytes())["articles"]
    articles = {r["url"] for r in records}
    views = {url.rsplit("/", 1)[0] + "/index.html" for url in articles}
    issues = {url.rsplit("/", 2)[0] + "/index.html" for url in views}
    return sorted(articles | views | issues)


def test_a_template_edit_shows_issue_pages_at_once_as_the_rebuild_makes_them(builder, archive):
    first = builder.served
    _edit_template(archive)
    builder.rebuild()

    preview, rebuilt = builder.states[-2:]
    # Browsers reload as soon as the preview is there, not again when the rebuild has made the same pages.
    assert preview.preview is not None and preview.reload and preview.site is first.site
    assert rebuilt.preview is None and not rebuilt.reload and rebuilt.site is not first.site
    pages = _issue_pages(rebuilt.site)
    assert pages
    for name in pages:
        shown = preview.preview.page(name)
        assert shown is not None and MARK.encode() in shown, name
        assert shown == rebuilt.site.file(name).read_bytes(), name
    # Pages that are not an issue's (home, paper, topics) wait for the rebuild.
    assert preview.preview.page("index.html") is None
    assert preview.preview.page("topics/index.html") is None


def test_no_preview_when_a_page_file_changed_with_the_template(builder, archive):
    page = sorted(archive.glob("*.txt"))[0]
    page.write_text(page.read_text(encoding="utf-8") + "\n\n　　档案馆补录的一段正文。\n", encoding="utf-8")
    _edit_template(archive)
    before = len(builder.states)
    builder.rebuild()

    assert len(builder.states) == before + 1  # one state, with the new text and the new template together
    assert builder.served.preview is None and builder.served.reload


def test_a_template_that_fails_previews_nothing_and_keeps_the_last_good_site(builder, archive):
    first = builder.served
    (archive / "templates").mkdir()
    (archive / "templates" / "article.html").write_text("{% extends 'base.html' %}{% block main %}{{ nope( }}{% endblock %}",
                                                        encoding="utf-8")
    builder.rebuild()

    preview, failed = builder.states[-2:]
    assert all(preview.preview.page(name) is None for name in _issue_pages(first.site))
    assert failed.site is first.site and failed.errors and failed.reload  # the error overlay is shown


def test_saving_the_same_templates_again_previews_nothing(builder, archive):
    _edit_template(archive)
    builder.rebuild()
    count = len(builder.states)
    base = archive / "templates" / "base.html"
    os.utime(base, ns=(base.stat().st_atime_ns, base.stat().st_mtime_ns + 10**9))
    builder.rebuild()

    assert len(builder.states) == count + 1 and builder.served.preview is None


def test_an_edit_during_the_rebuild_after_a_template_edit_gives_that_rebuild_up(builder, archive):
    first = builder.served
    _edit_template(archive)
    builder.request()  # as the watcher does when the template is saved again while the rebuild runs
    builder.rebuild()

    assert builder.served.preview is not None and builder.served.site is first.site
    assert builder.memo.site is first.site  # nothing of the abandoned rebuild is kept
    builder._wanted.clear()  # the builder's loop takes the request, then rebuilds
    builder.rebuild()
    assert builder.served.preview is None and MARK in builder.served.site.file("index.html").read_text(encoding="utf-8")
