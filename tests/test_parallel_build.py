"""Big archives: builds with several worker processes, and index pages that stay short."""

import datetime as dt
import re
from pathlib import Path

import pytest

from benchmarks import synthetic
from sitegen import archive, theme, urls
from sitegen.archive import ReadPage
from sitegen.build import build
from sitegen.config import Config
from sitegen.enrich import Enrichment
from sitegen.model import Masthead, PageMeta, PageReading, Story, Topic
from sitegen.output import SiteFolder
from sitegen.render import Renderer, environment
from sitegen.render_indexes import PAGE_SIZE, render_paper, render_topics
from tests.conftest import SEEDS


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _assert_same_site(first: Path, second: Path) -> None:
    a, b = _files(first), _files(second)
    assert sorted(a) == sorted(b)
    different = [name for name in a if a[name] != b[name]]
    assert not different, different[:5]


@pytest.fixture(scope="module")
def small_synthetic(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("synthetic")
    synthetic.generate(folder, 120, papers=2, seed=7)
    return folder


@pytest.mark.parametrize("archive_name", ["seeds", "synthetic"])
def test_two_workers_write_the_same_bytes_as_one(archive_name, small_synthetic, tmp_path):
    source = SEEDS if archive_name == "seeds" else small_synthetic
    build(source, tmp_path / "one", jobs=1)
    build(source, tmp_path / "two", jobs=2)
    _assert_same_site(tmp_path / "one", tmp_path / "two")


def test_a_build_beside_other_threads_takes_its_workers_from_a_fork_server(small_synthetic, tmp_path):
    """``sitegen serve`` rebuilds while its web server runs in another thread, where forking is unsafe."""
    import threading

    from sitegen import pool

    stop = threading.Event()
    server = threading.Thread(target=stop.wait, daemon=True)
    server.start()
    try:
        assert pool._start_method() == "forkserver"
        build(small_synthetic, tmp_path / "beside-a-thread", jobs=2)
    finally:
        stop.set()
        server.join()
    build(small_synthetic, tmp_path / "alone", jobs=1)
    _assert_same_site(tmp_path / "alone", tmp_path / "beside-a-thread")


def test_synthetic_archive_is_the_same_for_the_same_seed(tmp_path):
    synthetic.generate(tmp_path / "a", 40, seed=3)
    synthetic.generate(tmp_path / "b", 40, seed=3)
    _assert_same_site(tmp_path / "a", tmp_path / "b")
    assert len(list((tmp_path / "a").rglob("*.txt"))) >= 40 // 7


def test_synthetic_archive_has_exactly_the_articles_asked_for(tmp_path):
    counts = synthetic.generate(tmp_path, 57, seed=2)
    text = "".join(p.read_text(encoding="utf-8") for p in tmp_path.rglob("*.txt"))
    assert counts["articles"] == 57 == len(re.findall(r"^# ", text, re.M))


def _dated_paper(days: list[dt.date]):
    story = Story("标题", None, None, None, None, (), 1, 1)
    reads = [
        ReadPage(f"{d.isoformat()}.txt", "utf-8", PageReading((), (story,), Masthead()), PageMeta("朔州日报", d, "01"))
        for d in days
    ]
    return archive.assemble(reads)[0]


def _renderer() -> Renderer:
    return Renderer(environment(theme.template_dirs(SEEDS)), Config())


def test_year_and_month_pages_list_every_issue_and_the_paper_page_lists_no_issue(tmp_path):
    days = [dt.date(2019, 12, 30) + dt.timedelta(days=n) for n in range(0, 400, 3)]
    paper = _dated_paper(days)
    out = SiteFolder(tmp_path)
    render_paper(_renderer(), out, paper)

    paper_page = (tmp_path / paper.path).read_text(encoding="utf-8")
    for issue in paper.issues:
        year_page = (tmp_path / urls.year(paper.slug, issue.date.year)).read_text(encoding="utf-8")
        month_page = (tmp_path / urls.month(paper.slug, issue.date.year, issue.date.month)).read_text(encoding="utf-8")
        assert urls.relative_url(urls.year(paper.slug, issue.date.year), issue.path) in year_page
        assert urls.relative_url(urls.month(paper.slug, issue.date.year, issue.date.month), issue.path) in month_page
        assert issue.key not in paper_page  # the paper page goes by years and months
    for year in (2019, 2020, 2021):
        assert urls.relative_url(paper.path, urls.year(paper.slug, year)) in paper_page
    assert urls.relative_url(paper.path, urls.month(paper.slug, 2020, 7)) in paper_page


def test_a_big_topic_is_split_into_pages_that_link_to_each_other(tmp_path):
    paper = _dated_paper([dt.date(2020, 1, 1) + dt.timedelta(days=n) for n in range(PAGE_SIZE + 30)])
    articles = list(archive.all_articles((paper,)))
    topic = Topic("chunjie", "series", "春节", "春节的报道。", tuple(a.id for a in reversed(articles)))
    enrichment = Enrichment(topics=(topic,), neighbours={}, summaries={}, related_topics={})
    render_topics(_renderer(), SiteFolder(tmp_path), enrichment, {a.id: a for a in articles}, tmp_path / "archive", 1)

    first = (tmp_path / urls.topic("series", "chunjie")).read_text(encoding="utf-8")
    second = (tmp_path / urls.topic("series", "chunjie", 2)).read_text(encoding="utf-8")
    assert first.count('class="article-item"') == PAGE_SIZE
    assert second.count('class="article-item"') == 30
    assert 'rel="next" href="page-2.html"' in first and 'rel="prev" href="index.html"' in second


def test_a_topic_too_big_for_one_task_is_rendered_in_parts_with_the_same_pages(tmp_path, monkeypatch):
    """Workers take a big subject a few pages at a time (their memory stays flat); the pages are the same."""
    from sitegen import render_indexes

    paper = _dated_paper([dt.date(2020, 1, 1) + dt.timedelta(days=n) for n in range(3 * PAGE_SIZE + 7)])
    articles = list(archive.all_articles((paper,)))
    big = Topic("chunjie", "series", "春节", "春节的报道。", tuple(a.id for a in reversed(articles)))
    small = Topic("yuanxiao", "series", "元宵", "元宵的报道。", tuple(a.id for a in articles[:3]))
    enrichment = Enrichment(topics=(big, small), neighbours={}, related_topics={},
                            summaries={a.id: f"摘要{n}" for n, a in enumerate(articles)})
    by_id = {a.id: a for a in articles}
    render_topics(_renderer(), SiteFolder(tmp_path / "whole"), enrichment, by_id, tmp_path / "archive", 2)
    monkeypatch.setattr(render_indexes, "ARTICLES_PER_TASK", PAGE_SIZE)
    batches = list(render_indexes._batches([render_indexes.TopicTask(big, tuple(by_id[i] for i in big.article_ids), ())],
                                           enrichment.summaries))
    assert len(batches) == 4 and all(len(b[0].articles) <= PAGE_SIZE for b in batches)
    render_topics(_renderer(), SiteFolder(tmp_path / "parts"), enrichment, by_id, tmp_path / "archive", 2)
    _assert_same_site(tmp_path / "whole", tmp_path / "parts")
    assert "摘要0" in (tmp_path / "parts" / urls.topic("series", "chunjie", 4)).read_text(encoding="utf-8")


def test_what_a_stage_made_stays_out_of_garbage_collection_until_the_build_ends():
    import gc

    from sitegen.pool import frozen_heap

    with frozen_heap():
        with frozen_heap():  # a stage (ordered_map) inside the build
            frozen_while_it_runs = gc.get_freeze_count()
            made = [[n] for n in range(1000)]
        # The stage's results are the archive the rest of the build reads: not walked again.
        assert gc.get_freeze_count() >= frozen_while_it_runs + 900
    assert gc.get_freeze_count() == 0  # thawed once the build ends
    assert len(made) == 1000
