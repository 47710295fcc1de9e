"""How text becomes search terms: one normalisation and one term rule, shared by
the index builder and (mirrored line for line) by ``static/js/search.js``.

Chinese is written without spaces, and no word list agrees with every reader
on where words end: jieba cuts 援朔医疗队 into 援朔/医疗队, so a search for 医疗
would miss it if the index held only jieba's words (measured on People's Daily:
recall 0.61).  The index therefore holds overlapping character *bigrams*, each
with its position: any string of two or more characters is found by looking up
its bigrams and checking that they stand next to each other.  The last
character of every run is also indexed alone, so that a one-character query
finds every article containing that character.  Where a run is joined to the
next by one of ``JOINERS`` (the point of 1.5, the dot of 阿卜杜拉·阿齐兹), its
last character is also indexed with the joiner (``1.``), so that a query typed
with the joiner is exact only where the text has that very character there.

Normalisation works character by character and never changes the number of
code points, so a position in the normalised text is also a position in the
text as printed, which is what the browser highlights:

>>> normalise("ＣＮ１４，２０２２年")
'cn14,2022年'
>>> field_terms("援朔医疗队")[0]["医疗"]
[2]
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from functools import cache

import numpy as np

#: Word characters: letters and digits (what Python's ``isalnum`` accepts) and
#: private-use characters, where OCR puts rare characters.  Everything else
#: (punctuation, spaces, symbols) separates words.  search.js uses the same
#: classes: ``[\p{L}\p{N}\p{Co}]``.
_RUN = re.compile(r"(?:[^\W_]|[\ue000-\uf8ff])+")

#: Characters that join two runs into one thing to look for (1.5, 10:30, 3/4,
#: CN14-0001, 阿卜杜拉·阿齐兹), after normalisation (． is .).  Not the comma: NFKC
#: makes every ， of Chinese prose one.
JOINERS = ".-/:·・‧"


class _CharTable(dict):
    """A ``str.translate`` table that fills itself: each character maps to one character."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = unicodedata.normalize("NFKC", char)
        if len(folded) != 1:
            folded = char
        lower = folded.lower()
        self[code] = result = lower if len(lower) == 1 else folded
        return result


_TABLE = _CharTable()


@cache
def word_characters() -> np.ndarray:
    """A table over all code points: True for a word character (the class of ``_RUN``)."""
    table = np.fromiter((chr(c).isalnum() for c in range(0x110000)), dtype=bool, count=0x110000)
    table[0xE000:0xF900] = True
    return table


@cache
def _bmp_folds() -> np.ndarray:
    return np.fromiter((ord(_TABLE[c]) for c in range(0x10000)), dtype=np.uint32, count=0x10000)


def normalised_code_points(text: str) -> np.ndarray:
    """``normalise(text)`` as an array of code points (for whole issues at a time)."""
    code_points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    astral = code_points > 0xFFFF
    folded = _bmp_folds()[np.where(astral, 0, code_points)]
    if astral.any():
        found = np.unique(code_points[astral])
        to = np.fromiter((ord(_TABLE[int(c)]) for c in found), dtype=np.uint32, count=len(found))
        folded[astral] = to[np.searchsorted(found, code_points[astral])]
    return folded


def tables() -> None:
    """Build the character tables now (a quarter of a second), before worker processes fork."""
    word_characters()
    _bmp_folds()


def normalise(text: str) -> str:
    """Width and case folded (NFKC, lower case) with exactly one output character per input character."""
    return text.translate(_TABLE)


def field_terms(text: str | None) -> tuple[dict[str, list[int]], int]:
    """The terms of one field with their positions (code points), and the field's length in terms.

    Every word character starts one term: the bigram it forms with the next
    character, or itself alone when it ends its run (and then, when a joiner
    and another run follow, also itself with the joiner).
    """
    if not text:
        return {}, 0
    folded = normalise(text)
    terms: defaultdict[str, list[int]] = defaultdict(list)
    count = 0
    for run in _RUN.finditer(folded):
        word, start = run.group(), run.start()
        for i, bigram in enumerate(map(str.__add__, word, word[1:]), start):
            terms[bigram].append(i)
        end = start + len(word) - 1
        terms[word[-1]].append(end)
        if folded[end + 1 : end + 2] in _JOINER_SET and _RUN.match(folded, end + 2):
            terms[folded[end : end + 2]].append(end)  # not counted: the field's length is its characters
        count += len(word)
    return terms, count


_JOINER_SET = frozenset(JOINERS)


def utf16_key(term: str) -> bytes:
    """Sort key giving JavaScript's string order (UTF-16 code units), in which
    search.js looks terms up in a shard (as lunr.js requires of an index it
    loads); Python's code-point order differs once a term holds a character
    above U+FFFF (lunr.py issue #144)."""
    return term.encode("utf-16-be")
