"""Index shards: each term's postings packed into one string, which the
browser scores as lunr.js scores a loaded index (``scoreEntries`` in search.js).

lunr's own serialised JSON spends ~30 bytes a posting (the document ref
repeated under every term, a field vector entry with the score spelled out), so
1,500 articles made a 30 MB index.  Here a posting is a handful of characters:
document gap, BM25 term-frequency weight (one digit), frequency and position
gaps, in a base-46 variable-length code.  Ranking is lunr's BM25 (k1 1.2,
b 0.75, lunr's idf, field boosts): the build stores the part that needs the
field's length, the browser multiplies by idf and boost when it loads a shard
(``tests/test_search_index.py`` checks the weights against lunr.py's own
builder, ``tests/test_search_browser.py`` the browser's scores against
lunr.py's ``Index.query`` over the same postings).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

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


#: Codes of the numbers below 46³ (a position in all but the longest articles), in order: one digit,
#: then two, then three (made digit by digit rather than by ``_code``: 10 ms instead of 50 at start-up).
_CODES = [*LAST_DIGITS, *(a + b for a in MORE_DIGITS[1:] for b in LAST_DIGITS),
          *(a + b + c for a in MORE_DIGITS[1:] for b in MORE_DIGITS for c in LAST_DIGITS)]


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


def average_length(total: int, count: int) -> float:
    """A field's average length as BM25 weighs by it, to three significant figures.

    Rounded, the average stays as it was when an edit changes the total length a
    little, and with it every other document's weights: ``sitegen serve`` then checks
    only the edited documents' postings for a weight level that moved (see
    ``sitegen.search.update``).  Against the exact average the weights differ by
    less than 0.1 %, and they are stored in levels a few per cent apart anyway.
    """
    return float(f"{total / count:.3g}") if count else 0.0


def weight_level(weight: float) -> int:
    return max(1, min(WEIGHT_LEVELS, round(weight / (K1 + 1) * WEIGHT_LEVELS)))


def weight_levels(frequency, slots, lengths, average: Sequence[float]):
    """lunr's BM25 term-frequency weight (see ``tf_weight``) of each (term, document field), as one of
    ``WEIGHT_LEVELS`` levels: ``frequency`` in the field whose slot is ``slots``, ``lengths`` by slot."""
    fields = slots % FIELD_SLOTS
    norms = np.full(FIELD_SLOTS, K1 * (1 - B))
    slopes = np.array([K1 * B / a if a else 0.0 for a in average] + [0.0] * (FIELD_SLOTS - len(average)))
    weight = (K1 + 1) * frequency / (norms[fields] + slopes[fields] * lengths[slots] + frequency)
    return np.maximum(np.rint(weight * (WEIGHT_LEVELS / (K1 + 1))), 1).astype(np.int64)


def encode_batch(keys, slots, positions, lengths, average: Sequence[float],
                 weighed: list | None = None) -> tuple[list[int], list[str]]:
    """Every term's postings string, from posting rows sorted by term key (numpy arrays).

    A row is one occurrence: the term's key, the document's field slot
    (``doc * FIELD_SLOTS + field``) and the position in that field.  Rows of a
    term are in document order, a document's in position order.  ``lengths``
    holds each slot's field length.

    Returns the terms' keys in order and each term's postings string.  Per term the numbers are, for
    each field that has it: field index, number of documents, then per
    document its gap from the previous one, BM25 weight level, frequency,
    first position and position gaps; each number in the base-46 code.

    ``weighed``, when given, receives what the weights were worked out from:
    the slot and the frequency of each (term, document field), for
    ``weight_levels``, and the term's key.
    """
    keys = np.asarray(keys, dtype=np.uint64)
    fields = (slots % FIELD_SLOTS).astype(np.int64)
    # The string groups a term's postings by field: order by (term, field), keeping document order.
    order = np.argsort(keys * np.uint64(FIELD_SLOTS) + fields.astype(np.uint64), kind="stable")
    keys, slots, fields, positions = keys[order], slots[order], fields[order], positions[order].astype(np.int64)
    docs = (slots // FIELD_SLOTS).astype(np.int64)
    n = len(keys)
    new_term = np.ones(n, dtype=bool)
    new_term[1:] = keys[1:] != keys[:-1]
    new_field = new_term.copy()
    new_field[1:] |= fields[1:] != fields[:-1]
    new_doc = new_field.copy()
    new_doc[1:] |= slots[1:] != slots[:-1]

    doc_rows = np.flatnonzero(new_doc)
    frequency = np.diff(np.append(doc_rows, n))
    doc = docs[doc_rows]
    level = weight_levels(frequency, slots[doc_rows], lengths, average)
    if weighed is not None:
        weighed.append((slots[doc_rows], frequency, keys[doc_rows]))
    previous = np.zeros(len(doc_rows), dtype=np.int64)
    previous[1:] = doc[:-1]
    previous[new_field[doc_rows]] = 0
    gap = doc - previous

    field_rows = np.flatnonzero(new_field)
    documents = np.diff(np.append(np.flatnonzero(new_field[doc_rows]), len(doc_rows)))

    # How many numbers each row emits: a field header, a document header, its position.
    count = 1 + 3 * new_doc + 2 * new_field
    at = np.cumsum(count) - count
    numbers = np.empty(int(count.sum()), dtype=np.int64)
    numbers[at[field_rows]] = fields[field_rows]
    numbers[at[field_rows] + 1] = documents
    head = at[doc_rows] + 2 * new_field[doc_rows]
    numbers[head] = gap
    numbers[head + 1] = level
    numbers[head + 2] = frequency
    step = positions.copy()
    step[1:] -= np.where(new_doc[1:], 0, positions[:-1])
    numbers[at + count - 1] = step

    text, starts = _encode_array(numbers)
    term_rows = np.flatnonzero(new_term)
    # One string for all the terms, a space (no digit of the code) before each term's postings but the
    # first, split at once: slicing and decoding it a term at a time took longer than the encoding.
    spaced = np.insert(np.frombuffer(text, dtype=np.uint8), starts[at[term_rows[1:]]], ord(" "))
    return keys[term_rows].tolist(), spaced.tobytes().decode("ascii").split(" ") if n else []


_LAST = np.frombuffer(LAST_DIGITS.encode("ascii"), dtype=np.uint8)
_MORE = np.frombuffer(MORE_DIGITS.encode("ascii"), dtype=np.uint8)


def _encode_array(numbers) -> tuple[bytes, "np.ndarray"]:
    """``encode_numbers`` for a numpy array: the text, and where each number starts in it."""
    rest, last = np.divmod(numbers, BASE)
    width = np.ones(len(numbers), dtype=np.int64)
    limit = BASE
    while True:
        longer = numbers >= limit
        if not longer.any():
            break
        width += longer
        limit *= BASE
    ends = np.cumsum(width)
    out = np.empty(int(ends[-1]) if len(ends) else 0, dtype=np.uint8)
    out[ends - 1] = _LAST[last]
    # The other digits, right to left, of the numbers that have them: most have none, so each
    # round works on fewer numbers than the one before rather than on all of them.
    more = np.flatnonzero(rest)
    place, rest = ends[more] - 2, rest[more]
    while len(place):
        rest, digit = np.divmod(rest, BASE)
        out[place] = _MORE[digit]
        left = rest > 0
        place, rest = place[left] - 1, rest[left]
    return out.tobytes(), ends - width
