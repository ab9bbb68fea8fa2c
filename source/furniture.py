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

from source.lines import Line

BAND = 0.22
"""Share of the page height, at top and at bottom, where headers and footers stand."""
OUTERMOST = 3
"""How many rows from the top or the bottom may be furniture."""
PAGE_NUMBER = re.compile(r"^\W*(?:page|p\.|seite|página)?\s*(\d{1,4}|[ivxlcdm]{1,8})\s*(?:(?:of|/)\s*\d+)?\W*$", re.I)
ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


@dataclass(frozen=True)
class PageFurniture:
    """What was found at the edges of one page."""

    header: tuple[Line, ...]
    """Lines of the running header."""
    footer: tuple[Line, ...]
    """Lines of the running footer."""


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip().lower())


def _roman_value(text: str) -> int | None:
    text = text.lower()
    if not text or any(ch not in ROMAN for ch in text):
        return None
    total = 0
    for i, ch in enumerate(text):
        value = ROMAN[ch]
        total += -value if i + 1 < len(text) and ROMAN[text[i + 1]] > value else value
    return total if _to_roman(total) == text else None


def _to_roman(value: int) -> str:
    out = []
    for num, sym in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                     (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while value >= num:
            out.append(sym)
            value -= num
    return "".join(out)


def _edge_candidates(lines: list[Line], height: float) -> tuple[list[Line], list[Line]]:
    """Lines among the top and bottom rows that lie in the bands."""
    rows = sorted({round(line.y, 0) for line in lines}, reverse=True)
    top_rows = set(rows[:OUTERMOST])
    bottom_rows = set(rows[-OUTERMOST:])
    top = [ln for ln in lines if round(ln.y, 0) in top_rows and ln.y > height * (1 - BAND)]
    bottom = [ln for ln in lines if round(ln.y, 0) in bottom_rows and ln.y < height * BAND]
    return top, bottom


def find_furniture(pages: list[list[Line]], heights: list[float]) -> tuple[list[PageFurniture], list[str | None]]:
    """Headers and footers of every page, and the page number printed on each.

    Furniture is what repeats in the bands across pages, a bare page number there, and
    any line on the row of a page number that the neighbouring pages confirm.
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
    strong = [_numbers([ln for ln in _outer_rows(top, bottom) if PAGE_NUMBER.match(ln.text)]) for top, bottom in edges]
    weak = [
        _numbers([*rtop, *rbottom]) + _numbers(otop) + _numbers(obottom, first=False)
        for (rtop, rbottom), (otop, obottom) in zip(repeated, outer)
    ]
    numbers = printed_numbers(strong, weak)
    result = []
    for (top, bottom), (rtop, rbottom), (otop, obottom), number in zip(edges, repeated, outer, numbers):
        parts = []
        for group, kept, edge in ((top, rtop, otop), (bottom, rbottom, obottom)):
            confirmed = [ln for ln in group if PAGE_NUMBER.match(ln.text) and number in _numbers([ln])]
            kept = kept + [ln for ln in confirmed if ln not in kept]
            if number is not None:
                rows = {round(ln.y) for ln in kept if number in _numbers([ln])}
                rows |= {round(ln.y) for ln in edge if number in _numbers([ln], first=group is top)}
                kept += [ln for ln in group if round(ln.y) in rows and ln not in kept]
            parts.append(tuple(kept))
        result.append(PageFurniture(header=parts[0], footer=parts[1]))
    # A band line is only furniture if nothing else of the page lies beyond it.
    furniture = [_outermost_only(f, lines) for f, lines in zip(result, pages)]
    return furniture, fill_labels(numbers)


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
    body = [ln for ln in lines if ln not in furniture.header and ln not in furniture.footer]
    if not body:
        return furniture
    top_body = max(ln.y for ln in body)
    low_body = min(ln.y for ln in body)
    return PageFurniture(
        header=tuple(ln for ln in furniture.header if ln.y > top_body),
        footer=tuple(ln for ln in furniture.footer if ln.y < low_body),
    )


def _numbers(lines: list[Line], first: bool = True) -> list[tuple[int, bool]]:
    """Page-number candidates printed in the lines: (value, is_roman).

    A bare number, else the last word, and the first word unless `first` is False (a
    footnote at the foot of a page starts with its number)."""
    found: list[tuple[int, bool]] = []
    for line in lines:
        match = PAGE_NUMBER.match(line.text)
        tokens = [match.group(1)] if match else []
        words = line.text.split()
        if not match and words:
            tokens += [w.strip("|–—-·•()[]") for w in ((words[0], words[-1]) if first else (words[-1],))]
        for token in tokens:
            if token.isdigit():
                found.append((int(token), False))
            elif (value := _roman_value(token)) is not None and token.islower():
                found.append((value, True))
    return found


def printed_numbers(
    strong: list[list[tuple[int, bool]]], weak: list[list[tuple[int, bool]]]
) -> list[tuple[int, bool] | None]:
    """The page number printed on each page, where a neighbour confirms it.

    `strong` candidates are bare numbers at the page's edge, `weak` ones the first or
    last word of a running header or footer. A candidate counts when a page up to two
    away prints a number with the same offset from the physical index: page numbers
    rise with the pages, years and chapter numbers do not.
    """
    n = len(strong)
    both = [set(s) | set(w) for s, w in zip(strong, weak)]
    agreeing: list[list[tuple[int, bool]]] = []
    for i in range(n):
        agreeing.append([
            (value, roman)
            for value, roman in [*strong[i], *weak[i]]
            if n == 1 or any((value + d, roman) in both[i + d] for d in (-2, -1, 1, 2) if 0 <= i + d < n)
        ])
    # Where a page has several, the offset most pages share wins (code line numbers lose).
    votes: Counter[tuple[int, bool]] = Counter()
    for i, cands in enumerate(agreeing):
        votes.update({(v - i, r) for v, r in cands})
    chosen: list[tuple[int, bool] | None] = []
    for i, cands in enumerate(agreeing):
        chosen.append(max(cands, key=lambda c: votes[(c[0] - i, c[1])]) if cands else None)
    return _rising(chosen, votes)


def _rising(chosen: list[tuple[int, bool] | None], votes: Counter[tuple[int, bool]]) -> list[tuple[int, bool] | None]:
    """Page numbers rise with the pages: where two disagree, the one whose offset fewer
    pages share is dropped (a table of contents' numbers before the real ones)."""
    changed = True
    while changed:
        changed = False
        last: tuple[int, tuple[int, bool]] | None = None
        for i, item in enumerate(chosen):
            if item is None:
                continue
            if last is not None and last[1][1] == item[1] and last[1][0] >= item[0]:
                j, prev = last
                weaker = j if votes[(prev[0] - j, prev[1])] <= votes[(item[0] - i, item[1])] else i
                chosen[weaker] = None
                changed = True
                break
            last = (i, item)
    return chosen


def fill_labels(chosen: list[tuple[int, bool] | None]) -> list[str | None]:
    """Labels for every page: the printed ones, and between or next to them the ones
    their neighbours imply; None where nothing can be trusted."""
    n = len(chosen)
    filled = list(chosen)
    for i in range(n):
        if filled[i] is not None:
            continue
        before = next(((j, chosen[j]) for j in range(i - 1, -1, -1) if chosen[j]), None)
        after = next(((j, chosen[j]) for j in range(i + 1, n) if chosen[j]), None)
        if before and after:
            (bj, (bv, br)), (aj, (av, ar)) = before, after  # type: ignore[misc]
            if bv - bj == av - aj and br == ar:
                filled[i] = (bv + (i - bj), br)
        elif before or after:
            j, (v, roman) = before or after  # type: ignore[misc]
            if abs(i - j) <= 2:
                filled[i] = (v + (i - j), roman)
    labels: list[str | None] = []
    for item in filled:
        if item is None or item[0] < 1:
            labels.append(None)
        else:
            labels.append(_to_roman(item[0]) if item[1] else str(item[0]))
    return labels
