"""Running headers and footers, and the printed page numbers they carry.

A line is page furniture when it sits among the outermost lines of a page, in the top
or bottom band, and the same text (digits aside) stands at about the same height on
many pages, or when it is a bare page number there. The printed page numbers are then
read from the furniture and checked against their neighbours, so that a year or a
chapter number in a header is never taken for a page number.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from source.labels import render_folio, roman_value
from source.lines import Line
from source.lineset import LineSet

BAND = 0.22
"""Share of the page height, at top and at bottom, where headers and footers stand."""
OUTERMOST = 3
"""How many rows from the top or the bottom may be furniture."""
PAGE_NUMBER = re.compile(
    r"^\W*(?:page|p\.|seite|página)?\s*((?:[A-Z]{1,2}[-‐–.]?)?\d{1,4}|[ivxlcdm]{1,8})\s*(?:(?:of|/)\s*\d+)?\W*$",
    re.I,
)
"""A line that is nothing but a page number: "12", "Page 12", "- 12 -", "xii", "12 of 40", "A-5"."""
PREFIXED = re.compile(r"^([A-Z]{1,2}[-‐–.]?)(\d{1,4})$")
"""A folio with a letter prefix, as appendices and supplements print them: "A-5", "S-12", "C1"."""
RESTART_CONFIRM = 1
"""How many pages after a run restarting at 1 (and before its end, in the earlier run) must
carry on the count for the restart to stand (a syllabus 1-4 then an opinion 1-24)."""

Folio = tuple[int, str]
"""A page-number candidate: its value and its kind ("" arabic, "r" roman, else the prefix)."""


@dataclass(frozen=True)
class PageFurniture:
    """What was found at the edges of one page."""

    header: tuple[Line, ...]
    """Lines of the running header."""
    footer: tuple[Line, ...]
    """Lines of the running footer."""

    def bands(self) -> LineSet:
        """The header's and footer's lines, for `line in` (what the body leaves out)."""
        return LineSet([*self.header, *self.footer])


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip().lower())


def _edge_candidates(lines: list[Line], height: float) -> tuple[list[Line], list[Line]]:
    """Lines among the top and bottom rows that lie in the bands."""
    rows = sorted({round(line.y, 0) for line in lines}, reverse=True)
    top_rows = set(rows[:OUTERMOST])
    bottom_rows = set(rows[-OUTERMOST:])
    top = [ln for ln in lines if round(ln.y, 0) in top_rows and ln.y > height * (1 - BAND)]
    bottom = [ln for ln in lines if round(ln.y, 0) in bottom_rows and ln.y < height * BAND]
    return top, bottom


def find_furniture(
    pages: list[list[Line]], heights: list[float]
) -> tuple[list[PageFurniture], list[str | None]]:
    """Headers and footers of every page, and the page number printed on each.

    Furniture is what repeats in the bands across pages, a bare page number there, and
    any line on the row of a page number that the neighbouring pages confirm. The page
    number is the folio as printed ("17", "xii", "A-5"), None where the page prints none:
    nothing is filled in here (see `source.labels` for the guesses).
    """
    edges = [_edge_candidates(lines, h) for lines, h in zip(pages, heights)]
    sizes: Counter[float] = Counter()
    for lines in pages:
        for line in lines:
            sizes[round(line.size, 1)] += len(line.text)
    body_size = sizes.most_common(1)[0][0] if sizes else 10.0
    counts: Counter[tuple[str, str, int]] = Counter()
    for top, bottom in edges:
        seen: set[tuple[str, str, int]] = set()
        for where, group in (("top", top), ("bottom", bottom)):
            for line in group:
                seen.add((where, _shape(line.text), round(line.y / 4)))
        counts.update(seen)
    needed = max(2, math.ceil(len(pages) * 0.4)) if len(pages) > 2 else 99
    repeated: list[tuple[list[Line], list[Line]]] = []
    for top, bottom in edges:
        parts = []
        for where, group in (("top", top), ("bottom", bottom)):
            kept = []
            for line in group:
                shape, height = _shape(line.text), round(line.y / 4)
                if sum(counts[(where, shape, height + d)] for d in (-1, 0, 1)) >= needed:
                    kept.append(line)
            parts.append(kept)
        repeated.append((parts[0], parts[1]))

    def running(lines: list[Line]) -> list[Line]:  # a heading is no running head
        return [ln for ln in lines if ln.size <= body_size * 1.08]

    outer = [(running(_outer_rows(top, [])), running(_outer_rows([], bottom))) for top, bottom in edges]
    strong = [
        _numbers([ln for ln in _outer_rows(top, bottom) if PAGE_NUMBER.match(ln.text)])
        for top, bottom in edges
    ]
    weak = [
        _numbers([*rtop, *rbottom]) + _numbers(otop) + _numbers(obottom, first=False)
        for (rtop, rbottom), (otop, obottom) in zip(repeated, outer)
    ]
    numbers = printed_numbers(strong, weak)
    result = []
    for (top, bottom), (rtop, rbottom), (otop, obottom), number in zip(edges, repeated, outer, numbers):
        bands: list[tuple[Line, ...]] = []
        for group, kept, edge in ((top, rtop, otop), (bottom, rbottom, obottom)):
            confirmed = [ln for ln in group if PAGE_NUMBER.match(ln.text) and number in _numbers([ln])]
            kept = kept + [ln for ln in confirmed if ln not in kept]
            if number is not None:
                rows = {round(ln.y) for ln in kept if number in _numbers([ln])}
                rows |= {round(ln.y) for ln in edge if number in _numbers([ln], first=group is top)}
                kept += [ln for ln in group if round(ln.y) in rows and ln not in kept]
            bands.append(tuple(kept))
        result.append(PageFurniture(header=bands[0], footer=bands[1]))
    # A band line is only furniture if nothing else of the page lies beyond it.
    furniture = [_outermost_only(f, lines) for f, lines in zip(result, pages)]
    return furniture, [render(n) if n is not None else None for n in numbers]


def _outer_rows(top: list[Line], bottom: list[Line]) -> list[Line]:
    """The lines of the very top row and of the very bottom row."""
    lines = []
    if top:
        high = max(ln.y for ln in top)
        lines += [ln for ln in top if ln.y > high - 1]
    if bottom:
        low = min(ln.y for ln in bottom)
        lines += [ln for ln in bottom if ln.y < low + 1]
    return lines


def _outermost_only(furniture: PageFurniture, lines: list[Line]) -> PageFurniture:
    bands = furniture.bands()
    body = [ln for ln in lines if ln not in bands]
    if not body:
        return furniture
    top_body = max(ln.y for ln in body)
    low_body = min(ln.y for ln in body)
    return PageFurniture(
        header=tuple(ln for ln in furniture.header if ln.y > top_body),
        footer=tuple(ln for ln in furniture.footer if ln.y < low_body),
    )


def _numbers(lines: list[Line], first: bool = True) -> list[Folio]:
    """Page-number candidates printed in the lines.

    A bare number, else the last word, and the first word unless `first` is False (a
    footnote at the foot of a page starts with its number)."""
    found: list[Folio] = []
    for line in lines:
        match = PAGE_NUMBER.match(line.text)
        tokens = [match.group(1)] if match else []
        words = line.text.split()
        if not match and words:
            tokens += [w.strip("|–—-·•()[]") for w in ((words[0], words[-1]) if first else (words[-1],))]
        for token in tokens:
            if (folio := _folio(token)) is not None:
                found.append(folio)
    return found


def _folio(token: str) -> Folio | None:
    if token.isdigit():
        return int(token), ""
    if (value := roman_value(token)) is not None and token.islower():
        return value, "r"
    if match := PREFIXED.match(token):
        return int(match.group(2)), match.group(1)
    return None


def render(folio: Folio) -> str:
    """A candidate as printed."""
    value, kind = folio
    return render_folio("" if kind == "r" else kind, value, kind == "r")


def printed_numbers(strong: list[list[Folio]], weak: list[list[Folio]]) -> list[Folio | None]:
    """The page number printed on each page, where a neighbour confirms it.

    `strong` candidates are bare numbers at the page's edge, `weak` ones the first or
    last word of a running header or footer. A candidate counts when a page up to two
    away prints a number with the same offset from the physical index: page numbers
    rise with the pages, years and chapter numbers do not.
    """
    n = len(strong)
    both = [set(s) | set(w) for s, w in zip(strong, weak)]
    agreeing: list[list[Folio]] = []
    for i in range(n):
        agreeing.append(
            [
                (value, kind)
                for value, kind in [*strong[i], *weak[i]]
                if n == 1 or any((value + d, kind) in both[i + d] for d in (-2, -1, 1, 2) if 0 <= i + d < n)
            ]
        )
    # Where a page has several, the offset most pages share wins (code line numbers lose).
    votes: Counter[Folio] = Counter()
    for i, cands in enumerate(agreeing):
        votes.update({(v - i, k) for v, k in cands})
    chosen: list[Folio | None] = []
    for i, cands in enumerate(agreeing):
        chosen.append(max(cands, key=lambda c: votes[(c[0] - i, c[1])]) if cands else None)
    return _rising(chosen, votes)


def _rising(chosen: list[Folio | None], votes: Counter[Folio]) -> list[Folio | None]:
    """Page numbers rise with the pages: where two disagree, the one whose offset fewer
    pages share is dropped (a table of contents' numbers before the real ones), unless
    the later one restarts the count at 1 and both counts carry on (see `_restarts`)."""
    changed = True
    while changed:
        changed = False
        last: tuple[int, Folio] | None = None
        for i, item in enumerate(chosen):
            if item is None:
                continue
            if last is not None and last[1][1] == item[1] and last[1][0] >= item[0]:
                j, prev = last
                if _restarts(chosen, j, i):
                    last = (i, item)
                    continue
                weaker = j if votes[(prev[0] - j, prev[1])] <= votes[(item[0] - i, item[1])] else i
                chosen[weaker] = None
                changed = True
                break
            last = (i, item)
    return chosen


def _restarts(chosen: list[Folio | None], j: int, i: int) -> bool:
    """Whether page i starts the count again at 1 after page j ends an earlier count, each
    count confirmed by `RESTART_CONFIRM` more pages on its own side."""
    item, prev = chosen[i], chosen[j]
    if item is None or prev is None or item[0] != 1 or prev[0] < 1 + RESTART_CONFIRM:
        return False
    later = [(k, c) for k, c in enumerate(chosen) if k > i and c is not None][:RESTART_CONFIRM]
    earlier = [(k, c) for k, c in enumerate(chosen) if k < j and c is not None][-RESTART_CONFIRM:]
    if len(later) < RESTART_CONFIRM or len(earlier) < RESTART_CONFIRM:
        return False
    return all(c == (1 + k - i, item[1]) for k, c in later) and all(
        c == (prev[0] - (j - k), prev[1]) for k, c in earlier
    )
