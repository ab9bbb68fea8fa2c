"""Aligning a quote to a source's words: the stretch of the source the quote is and how alike the two
are (step 3 of `index.fuzzy.find`), and the word-level differences a near quote shows.

Pure functions over words already normalised (`index.text.quote_words`, `index.text.norm_word`):
positions, scores and diff operations out.
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import Match as MatchBlock
from difflib import SequenceMatcher

from index.verdicts import DiffOp
from index.text import quote_words

_SWAP_PENALTY = 3.0
"""Points taken off rapidfuzz's token_sort_ratio, so that the quote's words in another order never
score as verbatim."""
_CLAUSE_BONUS = 1.5
"""Points a stretch gains for starting where a clause starts, and again for ending where one ends."""
_MAX_WIDEN = 4
"""At most this many words a stretch is widened by at either end, for the quote's words unmatched
there (a first or last word changed)."""


def align(
    quote: Sequence[str], source: Sequence[str], bounds: Sequence[tuple[bool, bool]] = ()
) -> tuple[int, int, float]:
    """(start, end, score): the stretch of `source` words that best matches the quote, and its score.

    The stretch runs from the first to the last word matched (difflib), maybe widened by
    as many words as the quote has unmatched at either end (a first or last word changed).
    Of those stretches the one most like the quote wins (rapidfuzz ratio), with a point or two
    for starting or ending where a clause does: `bounds[i]` is (a clause starts at word i,
    one ends after it).
    """
    from rapidfuzz import fuzz

    blocks = [b for b in SequenceMatcher(None, quote, source, autojunk=False).get_matching_blocks() if b.size]
    if not blocks:
        return 0, 0, 0.0
    slack = max(3, len(quote) // 2)
    while len(blocks) > 1 and _stray(blocks[0], blocks[1], blocks[0], slack):
        blocks.pop(0)
    while len(blocks) > 1 and _stray(blocks[-2], blocks[-1], blocks[-1], slack):
        blocks.pop()
    first, last = blocks[0], blocks[-1]
    lo, hi = first.b, last.b + last.size
    tail = len(quote) - last.a - last.size
    q = " ".join(quote)

    def merit(se: tuple[int, int]) -> tuple[float, int]:
        start, end = se
        bonus = 0.0
        if bounds:
            bonus = _CLAUSE_BONUS * (bounds[start][0] + bounds[end - 1][1])
        return fuzz.ratio(q, " ".join(source[start:end])) + bonus, end - start

    front, back = min(first.a, _MAX_WIDEN), min(tail, _MAX_WIDEN)
    options = [
        (s, e) for s in range(max(0, lo - front), lo + 1) for e in range(hi, min(len(source), hi + back) + 1)
    ]
    start, end = max(options, key=merit)
    span = source[start:end]
    if list(span) == list(quote):
        return start, end, 100.0
    text = " ".join(span)
    score = max(fuzz.ratio(q, text), fuzz.token_sort_ratio(q, text) - _SWAP_PENALTY)
    return start, end, round(min(99.0, score), 1)


def _stray(a: MatchBlock, b: MatchBlock, edge: MatchBlock, slack: int) -> bool:
    """True when `edge` (a or b), a short block at an end, stands far from its neighbour: a spurious
    "the" or "of" matched elsewhere in the window, not part of the passage."""
    gap_source = b.b - (a.b + a.size)
    gap_quote = b.a - (a.a + a.size)
    return edge.size <= 2 and gap_source - gap_quote > slack


def word_diff(quote: str, source: Sequence[str], surface: Sequence[str]) -> tuple[DiffOp, ...]:
    """Word-level differences between a quote and the source's words (replace, delete, insert)."""
    qwords, typed = quote_words(quote)
    ops = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, qwords, list(source), autojunk=False).get_opcodes():
        if tag != "equal":
            ops.append(DiffOp(tag, " ".join(typed[i1:i2]), " ".join(surface[j1:j2])))
    return tuple(ops)
