"""The page parser's parts: lines, masthead, repair and segment (``sitegen.parse.read_page`` runs them)."""
