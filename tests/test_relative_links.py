"""Links between pages are relative, so the site works from file:// and under a sub-path."""

import posixpath

from hypothesis import given
from hypothesis import strategies as st

from sitegen import urls

segment = st.sampled_from(["papers", "a", "b", "2022-11-28", "01", "topics", "index.html", "02.html"])
site_path = st.lists(segment, min_size=1, max_size=5).map("/".join)


@given(site_path, site_path)
def test_relative_link_is_the_one_posixpath_computes(from_path, to_path):
    expected = posixpath.relpath(to_path, posixpath.dirname(from_path) or ".")
    assert urls.relative_url(from_path, to_path) == expected


def test_link_keeps_its_fragment():
    assert urls.relative_url("papers/a/2022-11-28/index.html", "papers/a/2022-11-28/index.html#02") == "index.html#02"
