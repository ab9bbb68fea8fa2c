"""The source's words for a quote that skipped some: "A … D" for the source's "A, B C D".

Headless. The quote and the source are compared word by word, normalised as `find` does
(`index.text`). Where the quote only leaves words out, the source's own text is kept and each
run of left-out words inside it becomes an ellipsis (words before or after the quote are cut,
unmarked, as the guides want); where the quote has words the source lacks, or
changed ones, nothing is elided: the source's words are given whole (the caller says so).
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from index.text import quote_words, words_with_offsets

ELLIPSIS = "\u2026"
"""The mark for words left out."""
BRACKETED_ELLIPSIS = "[\u2026]"
"""The mark when the source itself has an ellipsis, so that ours is told from the author's (MLA 9, 6.58)."""


@dataclass(frozen=True)
class Elided:
    """The source's words as a quote gives them."""

    text: str
    """The source's text, with an ellipsis for each run of words the quote left out."""
    elided: bool
    """True when some words were left out (and marked)."""
    whole: bool
    """True when the quote differs from the source otherwise, so `text` is the source's words whole."""


def elide(quote: str, source: str) -> Elided:
    """The source's words for `quote` (see the module docstring)."""
    qwords, _ = quote_words(quote)
    swords, spans = words_with_offsets(source)
    if not qwords or not swords:
        return Elided(source, False, bool(qwords) and qwords != swords)
    ops = SequenceMatcher(None, qwords, swords, autojunk=False).get_opcodes()
    equal = [(j1, j2) for tag, _, _, j1, j2 in ops if tag == "equal"]
    if any(tag in ("replace", "delete") for tag, *_ in ops) or not equal:
        return Elided(source, False, True)
    mark = BRACKETED_ELLIPSIS if ELLIPSIS in source or "..." in source else ELLIPSIS
    first, last = equal[0][0], equal[-1][1]
    pieces = [source[: spans[first][0]] if first == 0 else ""]
    for n, (j1, j2) in enumerate(equal):
        if n:
            pieces.append(f" {mark} ")
        pieces.append(source[spans[j1][0] : spans[j2 - 1][1]])
    pieces.append(source[spans[last - 1][1] :] if last == len(swords) else "")
    return Elided("".join(pieces), len(equal) > 1, False)
