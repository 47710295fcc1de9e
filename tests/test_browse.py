"""A reader browses the built sample archive in headless Chromium, from disk and over HTTP."""

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture(params=["file", "http"])
def site_url(request, seeds_site, http_server):
    """The site's root URL, opened from disk (file://) and from a local web server."""
    if request.param == "file":
        return seeds_site.as_uri() + "/"
    return http_server(seeds_site)


def _open(page, url):
    page.goto(url)
    page.wait_for_load_state("load")


def test_home_to_paper_to_issue_to_article_and_back(page, site_url):
    _open(page, site_url + "index.html")
    paper_link = page.locator(".paper-list a.paper-name").first
    paper_name = paper_link.inner_text()
    paper_link.click()
    assert page.locator("h1").first.inner_text().startswith(paper_name)

    page.locator("main a[href$='/index.html']").filter(has_text="日").first.click()
    issue_heading = page.locator("h1").first.inner_text()
    assert paper_name in issue_heading
    assert page.get_by_role("navigation", name="版面导航").is_visible()

    article_link = page.locator(".article-list a").first
    headline = article_link.inner_text()
    article_link.click()
    assert page.locator("article h1").inner_text() == headline
    crumbs = page.get_by_role("navigation", name="位置").inner_text()
    assert paper_name in crumbs and "首页" in crumbs

    page.go_back()
    assert page.locator("h1").first.inner_text() == issue_heading
    page.get_by_role("navigation", name="位置").get_by_role("link", name=paper_name).click()
    assert page.locator("h1").first.inner_text().startswith(paper_name)
    assert page.log.problems() == []


def test_article_page_leads_to_its_page_view_with_every_line_of_the_page(page, site_url, seeds_site):
    _open(page, site_url + "index.html")
    page.locator(".paper-list a.paper-name").first.click()
    page.locator("main a[href$='/index.html']").filter(has_text="日").first.click()
    page.locator(".article-list a").first.click()
    page.get_by_role("link", name="查看版面全文").click()
    assert page.locator(".page-text").is_visible()
    assert page.locator(".page-text .page-article").count() >= 1
    assert page.log.problems() == []


def test_header_search_box_finds_an_article(page, site_url):
    _open(page, site_url + "index.html")
    page.get_by_role("searchbox", name="全文检索").first.fill("疫情防控")
    page.get_by_role("searchbox", name="全文检索").first.press("Enter")
    page.wait_for_url("**/search.html?q=*")
    page.locator("#search-results a, .search-results a, ol a").first.wait_for(timeout=10_000)
    assert page.log.problems() == []


PAGES = ["index.html", "about.html", "404.html", "search.html", "topics/index.html", "topics/keyword/index.html"]


def _every_kind_of_page(seeds_site):
    """One page of each kind: home, about, 404, search, topics, paper, issue, page view, article."""
    paper = sorted((seeds_site / "papers").glob("*/index.html"))[0]
    issue = sorted(paper.parent.glob("*/index.html"))[0]
    page_view = sorted(issue.parent.glob("*/index.html"))[0]
    article = sorted(p for p in page_view.parent.glob("*.html") if p.name != "index.html")[0]
    topic = sorted((seeds_site / "topics").glob("*/*/index.html"))
    found = [paper, issue, page_view, article, *topic[:1]]
    return PAGES + [p.relative_to(seeds_site).as_posix() for p in found]


def test_no_serious_accessibility_violations_on_any_kind_of_page(page, seeds_site):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    report = []
    for path in _every_kind_of_page(seeds_site):
        _open(page, (seeds_site / path).as_uri())
        for violation in axe.run(page).response["violations"]:
            if violation["impact"] in ("serious", "critical"):
                report.append(f"{path}: {violation['id']} ({violation['impact']}): {violation['help']}")
    assert report == []


def test_pages_fit_a_phone_screen(browser, seeds_site):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    tab = context.new_page()
    too_wide = []
    for path in _every_kind_of_page(seeds_site):
        tab.goto((seeds_site / path).as_uri())
        if tab.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1"):
            too_wide.append(path)
    context.close()
    assert too_wide == []


def test_printing_an_article_hides_the_navigation(page, seeds_site):
    path = _every_kind_of_page(seeds_site)[len(PAGES) + 3]  # the article
    _open(page, (seeds_site / path).as_uri())
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert page.locator("article h1").is_visible()
