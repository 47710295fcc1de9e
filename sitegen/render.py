"""HTML pages from Jinja templates.

Every template gets ``url(path)``, the relative link from the page being
rendered to ``path`` (a path from the site root, made by ``sitegen.urls``), so
no template ever builds a path by hand.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from sitegen import dates, metadata, urls
from sitegen.config import Config


def environment(template_dirs: list[Path]) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in template_dirs]),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        # Templates do not change during a build, and a server makes a new environment when they
        # change (sitegen.memo): no need to look at each template file's time on every page.
        auto_reload=False,
    )
    env.filters["cn_date"] = dates.chinese_date
    env.filters["cn_date_weekday"] = lambda d: dates.chinese_date(d, weekday=True)
    env.filters["page_label"] = dates.page_label
    env.filters["provenance"] = metadata.provenance
    env.filters["iso_date"] = dates.iso_date
    return env


class Renderer:
    """Renders templates for one site; holds the Jinja environment and site settings."""

    def __init__(self, env: jinja2.Environment, config: Config):
        self.env = env
        self.config = config
        self._links: tuple[str, dict[str, str]] = ("", {})
        """The folder last rendered into, and the links from it made so far."""

    def _links_from(self, path: str) -> dict[str, str]:
        """The links made so far from the folder of ``path`` (emptied when the folder changes).

        A link depends only on the folder it is made from, and the pages of one folder
        come one after another (an article page's header, breadcrumb and neighbours
        link to much the same places as the next one's): kept, each is worked out once
        per folder, not on every page.
        """
        folder = path.rpartition("/")[0]
        links = self._links
        if links[0] != folder:
            links = self._links = (folder, {})
        return links[1]

    def render(self, template: str, path: str, *, absolute_links: bool = False, **context) -> str:
        """The HTML of the page at ``path`` (from the site root).

        ``absolute_links`` makes every link absolute under the site's base URL,
        for the 404 page, which a web server shows at whatever URL was asked for.
        """
        base_url = self.config.site.base_url
        if absolute_links and base_url:
            def url(target: str) -> str:
                return urls.absolute_url(base_url, target)
        else:
            links = self._links_from(path)

            def url(target: str) -> str:
                link = links.get(target)
                if link is None:
                    link = links[target] = urls.relative_url(path, target)
                return link

        root = url(urls.home())[: -len("index.html")] or "./"
        return self.env.get_template(template).render(
            url=url, urls=urls, root=root, page_path=path, site=self.config.site, **context
        )
