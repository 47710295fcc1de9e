"""Chinese full-text search: the index is built here, queried by static/js/search.js.

The build pipeline calls ``build_search_index(docs, out_dir)``.
"""

from sitegen.search.writer import SearchDoc, SearchStats, build_search_index

__all__ = ["SearchDoc", "SearchStats", "build_search_index"]
