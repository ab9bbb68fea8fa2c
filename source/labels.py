"""Page labels that never lie: the folio printed on a page, kept apart from any guess.

Three things may name a page: the folio printed on it (read by `source.furniture`), the
PDF's /PageLabels (what a viewer shows), and a guess from the neighbours (page 7 between
printed 6 and 8). They are weighed here, once, by one rule:

- A page that prints a folio is labelled with it (`printed`), whatever /PageLabels say:
  an offprint's /PageLabels 1-54 lose to its printed 1715-1768. Where the two agree the
  source is still `printed`, the stronger claim (the number is on the page).
- In a document that prints no folio at all, /PageLabels label every page (`pagelabels`).
- A page that prints no folio in a document that does print folios has no label; the
  guess is kept apart in `inferred` (`inferred`): /PageLabels when they agree with the
  printed folios, else the neighbours' count (see `NEIGHBOUR_REACH`).
- Otherwise there is nothing to go on (`none`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

LabelSource = Literal["pagelabels", "printed", "inferred", "none"]
"""Where a page's label came from (see the module docstring)."""

PAGELABELS_AGREE = 0.9
"""Share of the pages that print a folio whose /PageLabels must equal it for /PageLabels
to be trusted as the guess on the pages that print none."""
NEIGHBOUR_REACH = 2
"""How far (in pages) past the last printed folio of a run the count may be carried on
to pages that print none (a cover before page 1, a blank page after the last)."""

ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


@dataclass(frozen=True)
class PageNumber:
    """What is known of one page's number."""

    label: str | None
    """The printed folio, or /PageLabels in a document that prints none; None otherwise."""
    inferred: str | None
    """A guess for a page without a label (from /PageLabels or the neighbours), else None."""
    source: LabelSource
    """Where `label` (or, when it is None, `inferred`) came from."""


def page_numbers(printed: list[str | None], pagelabels: list[str] | None) -> list[PageNumber]:
    """The label, guess and source of every page.

    `printed` holds the folio read on each page (None where it prints none), `pagelabels`
    the PDF's /PageLabels (None when it has none or they do not cover every page).
    """
    if pagelabels is not None and len(pagelabels) != len(printed):
        pagelabels = None
    if not any(printed):
        if pagelabels is not None:
            return [PageNumber(label, None, "pagelabels") for label in pagelabels]
        return [PageNumber(None, None, "none") for _ in printed]
    trusted = pagelabels if pagelabels is not None and _agree(printed, pagelabels) else None
    guesses = neighbour_guesses(printed)
    result = []
    for i, folio in enumerate(printed):
        if folio is not None:
            result.append(PageNumber(folio, None, "printed"))
            continue
        guess = (trusted[i] or None) if trusted is not None else guesses[i]
        result.append(PageNumber(None, guess, "inferred" if guess else "none"))
    return result


def _agree(printed: list[str | None], pagelabels: list[str]) -> bool:
    pairs = [(p, label) for p, label in zip(printed, pagelabels) if p is not None]
    same = sum(1 for p, label in pairs if _key(p) == _key(label))
    return bool(pairs) and same >= PAGELABELS_AGREE * len(pairs)


def _key(label: str) -> str:
    return "".join(label.split()).lower()


def split_folio(label: str) -> tuple[str, int, bool] | None:
    """A folio as (prefix, value, roman): "A-5" is ("A-", 5, False), "xii" ("", 12, True)."""
    head = label.rstrip("0123456789")
    digits = label[len(head) :]
    if digits:
        return head, int(digits), False
    value = roman_value(label)
    return ("", value, True) if value is not None else None


def render_folio(prefix: str, value: int, roman: bool) -> str:
    """The folio as printed: `split_folio` undone."""
    return prefix + (to_roman(value) if roman else str(value))


def neighbour_guesses(printed: list[str | None]) -> list[str | None]:
    """For each page that prints no folio, the number its neighbours imply, else None.

    Between two printed folios of one count (the same offset from the physical page) the
    count is carried through; before the first or after the last of a run, for up to
    `NEIGHBOUR_REACH` pages. A gap the count does not explain gets no guess.
    """
    parsed = [split_folio(p) if p is not None else None for p in printed]
    n = len(parsed)
    guesses: list[str | None] = [None] * n
    for i in range(n):
        if parsed[i] is not None:
            continue
        before = next(((j, parsed[j]) for j in range(i - 1, -1, -1) if parsed[j]), None)
        after = next(((j, parsed[j]) for j in range(i + 1, n) if parsed[j]), None)
        guess: tuple[str, int, bool] | None = None
        if before and after:
            (bj, (bp, bv, br)), (aj, (ap, av, ar)) = before, after  # type: ignore[misc]
            if (bp, br) == (ap, ar) and bv - bj == av - aj:
                guess = (bp, bv + (i - bj), br)
            elif i - bj <= NEIGHBOUR_REACH and (bp, br) != (ap, ar):
                guess = (bp, bv + (i - bj), br)  # the end of one numbering, before another
            elif aj - i <= NEIGHBOUR_REACH and (bp, br) != (ap, ar):
                guess = (ap, av - (aj - i), ar)
        elif before or after:
            j, (prefix, value, roman) = before or after  # type: ignore[misc]
            if abs(i - j) <= NEIGHBOUR_REACH:
                guess = (prefix, value + (i - j), roman)
        if guess is not None and guess[1] >= 1:
            guesses[i] = render_folio(*guess)
    return guesses


def roman_value(text: str) -> int | None:
    """The value of a lower-case roman numeral written the usual way, else None."""
    if not text or any(ch not in ROMAN for ch in text):
        return None
    total = 0
    for i, ch in enumerate(text):
        value = ROMAN[ch]
        total += -value if i + 1 < len(text) and ROMAN[text[i + 1]] > value else value
    return total if to_roman(total) == text else None


def to_roman(value: int) -> str:
    """A positive number as a lower-case roman numeral."""
    out = []
    for num, sym in (
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ):
        while value >= num:
            out.append(sym)
            value -= num
    return "".join(out)
