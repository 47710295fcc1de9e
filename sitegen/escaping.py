"""JSON text that stays the same value wherever the site embeds it.

``json.dumps(..., ensure_ascii=False)`` leaves U+2028 LINE SEPARATOR and U+2029
PARAGRAPH SEPARATOR raw.  JSON allows that, but a JavaScript engine before
ES2019 (Safari 11 and older, older Android WebViews) reads them as line ends
inside a string literal: a syntax error that silently breaks a search data
file (``search/**/*.js``) holding an article with such a character.  Written as
``\\u2028`` / ``\\u2029`` escapes they are the same character to JSON and to
every JavaScript engine.
"""

from __future__ import annotations

import json

_SEPARATORS = str.maketrans({"\u2028": "\\u2028", "\u2029": "\\u2029"})


def json_text(value, *, compact: bool = False) -> str:
    """``value`` as JSON, non-ASCII kept readable, line/paragraph separators escaped.

    >>> json_text("a\\u2028b")
    '"a\\\\u2028b"'
    """
    separators = (",", ":") if compact else None
    text = json.dumps(value, ensure_ascii=False, separators=separators)
    # str.translate looks up every character: check first, as these are rare (62 MB of search data: 2.4 s).
    if "\u2028" in text or "\u2029" in text:
        text = text.translate(_SEPARATORS)
    return text
