"""Chinese full-text search: the index is built here, queried by static/js/search.js.

The build pipeline indexes issue by issue through ``SearchIndex``;
``build_search_index(docs, out_dir)`` does the same for a plain list.
"""

from sitegen.search.writer import SearchDoc, SearchIndex, SearchStats, build_search_index

__all__ = ["SearchDoc", "SearchIndex", "SearchStats", "build_search_index"]
