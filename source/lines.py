"""Runs -> lines: group runs that share a baseline, split at wide gaps, spot marker runs.

A line keeps its text with spaces restored from the gaps between runs, and the
candidate note markers it holds (short digit or symbol runs set smaller than the line
or raised above its baseline) apart from the text, with their offsets.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from source.cleaning import clean
from source.runs import Run

MARKER_TEXT = re.compile(r"^(?:\d{1,3}|[*†‡§¶‖#]{1,3}|∗{1,3})$")
"""What a note marker can look like: a short number or a few note symbols."""
NOTE_START = re.compile(r"^(?:\d{1,3}|[*†‡§¶‖#]{1,3}|∗{1,3})[.)]?$")
"""A note's label alone, as it starts a note: "12", "12.", "*"."""
SYMBOL_NORMAL = str.maketrans({"∗": "*"})
SPACES = re.compile(r" {2,}")
SMALLER = 0.85
"""A run smaller than this share of its line's size is set smaller."""
RAISED = 0.2
"""A run raised by more than this share of its line's size is set raised."""
SPLIT_GAP = 1.2
"""A horizontal gap wider than this many times the size splits a row into two lines."""
SPACE_GAP = 0.12
"""A gap wider than this many times the size is a space between words."""


@dataclass(frozen=True)
class LineMarker:
    """A run in a line that looks like a note marker."""

    label: str
    """The marker's label, e.g. "12" or "*"."""
    offset: int
    """Offset in `Line.text` where the marker stands."""
    raised: bool
    """True when set above the baseline, False when only smaller."""
    note: int = -1
    """Index of the note it points to, once linked (-1 before, or when none was found)."""
    style: tuple[str, float] = ("", 0.0)
    """The marker run's font and size: markers of one document share a style."""


@dataclass
class Line:
    """Runs on one baseline, in one column, in reading order."""

    runs: list[Run]
    """The runs, left to right."""
    text: str = ""
    """The line's text without its markers."""
    markers: list[LineMarker] = field(default_factory=list)
    """Candidate note markers, with offsets into `text`."""
    lead: LineMarker | None = None
    """A small or raised label that starts the line (how a note often begins)."""
    x0: float = 0.0
    """Left edge."""
    x1: float = 0.0
    """Right edge."""
    y: float = 0.0
    """Baseline."""
    size: float = 0.0
    """The size most of the line's text is set in."""
    font: str = ""
    """The font most of the line's text is set in."""

    @property
    def bold(self) -> bool:
        """Set mostly in a bold font."""
        return _is_bold(self.font)

    @property
    def italic(self) -> bool:
        """Set mostly in an italic font."""
        name = self.font.lower()
        return "italic" in name or "oblique" in name or name.endswith("-it") or "ti" == name[-2:]


def _is_bold(font: str) -> bool:
    name = font.lower()
    return any(key in name for key in ("bold", "black", "heavy", "semibold", "-bd", "cmbx", "-demi"))


def _dominant(runs: list[Run]) -> tuple[float, str, float]:
    """(size, font, baseline) that most characters of the runs are set in."""
    sizes: Counter[float] = Counter()
    fonts: Counter[str] = Counter()
    bases: Counter[float] = Counter()
    for run in runs:
        weight = len(run.text.strip()) or 1
        sizes[round(run.size, 1)] += weight
        fonts[run.font] += weight
        bases[round(run.y, 1)] += weight
    return sizes.most_common(1)[0][0], fonts.most_common(1)[0][0], bases.most_common(1)[0][0]


def _rows(runs: list[Run]) -> list[list[Run]]:
    """Group runs whose glyphs overlap vertically into rows, top row first.

    A short label run (a marker, a note's number) joins the row of the text it touches
    on its left (a marker after its word) or on its right (a number before its note),
    so that a marker in one column never lands on a row of the other column.
    """
    labels = [r for r in runs if MARKER_TEXT.match(r.text.strip())]
    if not labels:
        return _stack(runs)
    others = [r for r in runs if not MARKER_TEXT.match(r.text.strip())]
    rows = _stack(others)
    row_of = {id(r): i for i, row in enumerate(rows) for r in row}
    loose: list[Run] = []
    for label in labels:
        best = _neighbour(label, others)
        if best is None:
            loose.append(label)
        else:
            rows[row_of[id(best)]].append(label)
    for label in loose:
        _place(label, rows)
    return rows


def _place(run: Run, rows: list[list[Run]]) -> None:
    """Put a run into the row its glyphs overlap most, or into a row of its own."""
    lo, hi = run.y, run.y + run.size * 0.7
    best, most = None, 0.0
    for row in rows:
        big = max(row, key=lambda r: r.size)
        rlo, rhi = big.y, big.y + big.size * 0.7
        overlap = min(hi, rhi) - max(lo, rlo)
        if overlap >= 0.5 * min(hi - lo, rhi - rlo) and overlap > most:
            best, most = row, overlap
    if best is None:
        rows.append([run])
    else:
        best.append(run)


def _neighbour(label: Run, others: list[Run]) -> Run | None:
    """The run whose end touches the label's start (or whose start touches its end), on about its line."""
    best: Run | None = None
    distance = 0.0
    for run in others:
        if not -0.35 * run.size <= label.y - run.y <= 0.8 * run.size:
            continue
        gap = min(abs(label.x0 - run.x1), abs(run.x0 - label.x1) * 0.9)
        if gap < 0.6 * run.size and (best is None or gap < distance):
            best, distance = run, gap
    return best


def _stack(runs: list[Run]) -> list[list[Run]]:
    """Rows of runs by vertical overlap alone."""
    ordered = sorted(runs, key=lambda r: -(r.y + r.size * 0.35))
    rows: list[list[Run]] = []
    spans: list[tuple[float, float]] = []
    for run in ordered:
        lo, hi = run.y, run.y + run.size * 0.7  # the baseline: a known text rise stays on its line
        placed = False
        for i in range(len(rows) - 1, max(-1, len(rows) - 4), -1):
            rlo, rhi = spans[i]
            overlap = min(hi, rhi) - max(lo, rlo)
            if overlap >= 0.5 * min(hi - lo, rhi - rlo):
                rows[i].append(run)
                if run.size >= max(r.size for r in rows[i]) * 0.999:
                    spans[i] = (min(lo, rlo), max(hi, rhi)) if run.size > 0 else spans[i]
                placed = True
                break
        if not placed:
            rows.append([run])
            spans.append((lo, hi))
    return rows


def _gutter(runs: list[Run]) -> float | None:
    """The x of the gap between two columns, when the page has two: a line down the middle
    third of the text that few rows cross, with text on both sides of it in many rows."""
    if len(runs) < 20:
        return None
    left = min(r.x0 for r in runs)
    width = max(r.x1 for r in runs) - left
    if width <= 0:
        return None
    rows: dict[int, list[Run]] = {}
    for run in runs:
        rows.setdefault(round(run.y), []).append(run)
    if len(rows) < 10:
        return None
    first, step = left + width * 0.3, width * 0.4 / 80
    steps = [first + step * i for i in range(81)]
    crossed = [0] * len(steps)
    row_spans = [[(r.x0, r.x1) for r in row if r.text.strip()] for row in rows.values()]
    for spans in row_spans:
        hit = [False] * len(steps)
        for a, b in spans:  # the steps strictly inside (a, b)
            lo = max(0, math.floor((a - first) / step) + 1)
            hi = min(len(steps) - 1, math.ceil((b - first) / step) - 1)
            for i in range(lo, hi + 1):
                hit[i] = True
        for i, inside in enumerate(hit):
            crossed[i] += inside
    best = min(range(len(steps)), key=lambda i: (crossed[i], abs(i - 40)))
    x = steps[best]
    on_left = sum(1 for spans in row_spans if any(b <= x for _, b in spans))
    on_right = sum(1 for spans in row_spans if any(a >= x for a, _ in spans))
    if crossed[best] <= 0.1 * len(rows) and min(on_left, on_right) >= 0.25 * len(rows):
        return x
    return None


def _split(row: list[Run], gutter: float | None = None) -> list[list[Run]]:
    """Split a row at gaps wide enough to separate columns or table cells, and at the gutter."""
    row = sorted(row, key=lambda r: r.x0)
    parts: list[list[Run]] = [[row[0]]]
    right = row[0].x1
    for run in row[1:]:
        size = max(run.size, parts[-1][-1].size)
        lone_label = len(parts[-1]) == 1 and NOTE_START.match(parts[-1][0].text.strip())
        wide = run.x0 - right > SPLIT_GAP * size
        across = gutter is not None and right <= gutter + 1 and run.x0 >= gutter - 1 and run.x0 - right > 0.25 * size
        if (wide or across) and run.text.strip() and not lone_label:
            parts.append([run])
        else:
            parts[-1].append(run)
        right = max(right, run.x1)
    return parts


def _label(text: str) -> str | None:
    stripped = text.strip()
    if MARKER_TEXT.match(stripped):
        return stripped.translate(SYMBOL_NORMAL)
    return None


HYPHEN_GAP = 0.25
"""A line-end hyphen drawn as a run of its own stays glued to its word across a gap narrower
than this many times the size (LibreOffice sets the hyphen of justified text apart from it,
by up to about a sixth of an em on long lines)."""
HYPHEN_WORD_GAP = 0.5
"""... and narrower than this share of the narrowest word space between the line's runs."""
LINE_END_HYPHENS = ("-", "\u00ad", "\u2010")
"""A run of one of these alone at a line's end breaks the word before it."""


def _build(runs: list[Run]) -> Line:
    size, font, base = _dominant(runs)
    line = Line(runs=runs, x0=min(r.x0 for r in runs), x1=max(r.x1 for r in runs), y=base, size=size, font=font)
    parts: list[str] = []
    length = 0
    prev: Run | None = None
    word_gap = math.inf  # the narrowest gap that made a space so far
    for index, run in enumerate(runs):
        label = _label(run.text)
        smaller = run.size < size * SMALLER
        raised = run.top - base > size * RAISED
        if label and (smaller or raised) and (prev is not None or len(runs) > 1):
            marker = LineMarker(label=label, offset=length, raised=raised, style=(run.font, round(run.size, 1)))
            if prev is None and not parts:
                line.lead = marker
            else:
                line.markers.append(marker)
            prev = run
            continue
        text = SPACES.sub(" ", clean(run.text))
        if parts and parts[-1].endswith(" "):
            text = text.lstrip()
        if prev is not None and parts:
            gap = run.x0 - prev.x1
            if gap > SPACE_GAP * min(run.size, prev.size) and not parts[-1].endswith(" ") and not text.startswith(" "):
                hyphen = (  # a line-end hyphen set apart from its word: no space
                    text.strip() in LINE_END_HYPHENS
                    and parts[-1][-1:].isalpha()
                    and gap < min(HYPHEN_GAP * run.size, HYPHEN_WORD_GAP * word_gap)
                    and not any(r.text.strip() for r in runs[index + 1 :])
                )
                if not hyphen:
                    parts.append(" ")
                    length += 1
                    word_gap = min(word_gap, gap)
        parts.append(text)
        length += len(text)
        prev = run
    text = "".join(parts)
    shift = len(text) - len(text.lstrip())
    line.text = text.strip()
    end = len(line.text)
    line.markers = [
        LineMarker(m.label, min(max(m.offset - shift, 0), end), m.raised, m.note, m.style) for m in line.markers
    ]
    return line


def page_lines(runs: list[Run]) -> list[Line]:
    """The lines of a page, top to bottom; lines on one row left to right."""
    lines: list[Line] = []
    runs = [r for r in runs if r.text.strip() or r.x1 > r.x0]
    gutter = _gutter(runs)
    for row in _rows(runs):
        for part in _split(row, gutter):
            if any(r.text.strip() for r in part):
                line = _build(part)
                if line.text.strip() or line.lead:
                    lines.append(line)
    return lines
