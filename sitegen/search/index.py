"""Index shards: each term's postings packed into one string, in the form the
browser turns back into a lunr index (``lunr.Index.load``).

lunr's own serialised JSON spends ~30 bytes a posting (the document ref
repeated under every term, a field vector entry with the score spelled out), so
1,500 articles made a 30 MB index.  Here a posting is a handful of characters:
document gap, BM25 term-frequency weight (one digit), frequency and position
gaps, in a base-46 variable-length code.  Ranking is lunr's BM25 (k1 1.2,
b 0.75, lunr's idf, field boosts): the build stores the part that needs the
field's length, the browser multiplies by idf and boost when it loads a shard
(``tests/test_search_index.py`` checks the result against lunr.py's own
builder).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

#: Indexed fields and their lunr boosts: a hit in the headline counts most.
FIELDS = ("title", "kicker", "subtitle", "body")
#: A posting names its document and field in one number, ``doc * FIELD_SLOTS + field``.
FIELD_SLOTS = 4
assert len(FIELDS) <= FIELD_SLOTS
BOOSTS = {"title": 10, "kicker": 3, "subtitle": 3, "body": 1}

#: lunr's BM25 parameters (its defaults).
K1 = 1.2
B = 0.75
#: The term-frequency weight lies in (0, K1 + 1); it is shipped as one digit out of this many levels.
WEIGHT_LEVELS = 45

# 92 printable ASCII characters that need no escaping in a JSON string: a
# number's last digit comes from the first alphabet, its other digits from the
# second, so numbers need no separators.
_SAFE = "".join(c for c in map(chr, range(0x21, 0x7F)) if c not in '"\\')
LAST_DIGITS, MORE_DIGITS = _SAFE[:46], _SAFE[46:]
BASE = 46

#: Per-field lengths of every document, ``lengths[field][document]``.
FieldLengths = Sequence[Sequence[int]]


def _code(n: int) -> str:
    digits = [LAST_DIGITS[n % BASE]]
    n //= BASE
    while n:
        digits.append(MORE_DIGITS[n % BASE])
        n //= BASE
    return "".join(reversed(digits))


#: Codes of the numbers below 46³ (a position in all but the longest articles).
_CODES = [_code(n) for n in range(BASE * BASE * BASE)]


def code(n: int) -> str:
    """One number in the base-46 code."""
    return _CODES[n] if n < len(_CODES) else _code(n)


def encode_numbers(numbers: Iterable[int]) -> str:
    """Non-negative integers in the base-46 code.

    >>> encode_numbers([0, 45, 46, 2115, 2116])
    '!OQ!~OQP!'
    >>> decode_numbers(_)
    [0, 45, 46, 2115, 2116]
    """
    codes = _CODES
    try:
        return "".join([codes[n] for n in numbers])
    except IndexError:
        return "".join(codes[n] if n < len(codes) else _code(n) for n in numbers)


def decode_numbers(text: str) -> list[int]:
    """The inverse of ``encode_numbers`` (search.js has the same function)."""
    numbers, n = [], 0
    for char in text:
        more = MORE_DIGITS.find(char)
        if more >= 0:
            n = n * BASE + more
        else:
            numbers.append(n * BASE + LAST_DIGITS.index(char))
            n = 0
    return numbers


def tf_weight(frequency: int, length: int, average_length: float) -> float:
    """lunr's BM25 term-frequency part for one field of one document."""
    return (K1 + 1) * frequency / (K1 * (1 - B + B * (length / average_length if average_length else 0)) + frequency)


def weight_level(weight: float) -> int:
    return max(1, min(WEIGHT_LEVELS, round(weight / (K1 + 1) * WEIGHT_LEVELS)))


def occurrences(positions: Sequence[int]) -> str:
    """The part of a posting that one document decides alone: frequency, first position, position gaps."""
    if len(positions) == 1:
        return _CODES[1] + code(positions[0])
    return code(len(positions)) + code(positions[0]) + encode_numbers([b - a for a, b in zip(positions, positions[1:])])


def encode_postings(entries: Sequence, lengths: FieldLengths, average: Sequence[float]) -> str:
    """One term's postings, from flat entries ``doc * FIELD_SLOTS + field, frequency, occurrences`` in document order
    (``occurrences`` as made by the function of that name).

    Output, for each field that has the term: field index, number of
    documents, then per document its gap from the previous one, BM25
    weight level, frequency and position gaps.
    """
    by_field: list[list[str]] = [[] for _ in FIELDS]
    previous = [0] * len(FIELDS)
    scale = WEIGHT_LEVELS / (K1 + 1)
    norms = [K1 * (1 - B) for _ in FIELDS]
    slopes = [K1 * B / a if a else 0.0 for a in average]
    codes, coded = _CODES, len(_CODES)
    for i in range(0, len(entries), 3):
        doc_field, frequency, rest = entries[i], entries[i + 1], entries[i + 2]
        doc, field = divmod(doc_field, FIELD_SLOTS)
        # lunr's BM25 term-frequency weight (see tf_weight), as one of WEIGHT_LEVELS levels
        weight = (K1 + 1) * frequency / (norms[field] + slopes[field] * lengths[field][doc] + frequency)
        level = round(weight * scale)
        gap = doc - previous[field]
        by_field[field].append((codes[gap] if gap < coded else _code(gap)) + codes[level if level > 0 else 1] + rest)
        previous[field] = doc
    return "".join(codes[field] + code(len(out)) + "".join(out) for field, out in enumerate(by_field) if out)
