"""Runs -> lines: group runs that share a baseline, split at wide gaps, spot marker runs.

A line keeps its text with spaces restored from the gaps between runs, and the
candidate note markers it holds (short digit or symbol runs set smaller than the line
or raised above its baseline) apart from the text, with their offsets.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from source.escapes import clean_run
from source.runs import Run

MARKER_TEXT = re.compile(r"^(?:\d{1,3}|[*†‡§¶‖#]{1,3}|∗{1,3})$")
"""What a note marker can look like: a short number or a few note symbols."""
NOTE_START = re.compile(r"^(?:\d{1,3}|[*†‡§¶‖#]{1,3}|∗{1,3}|[ivx]{1,5})[.)]?$")
"""A note's label alone, as it starts a note: "12", "12.", "*"."""
ROMAN_MARKER = re.compile(r"^[ivx]{1,5}$")
"""A lower-case roman numeral: a marker only when raised (a word processor's endnotes: i, ii, iii)."""
SYMBOL_NORMAL = str.maketrans({"∗": "*"})


def label_key(label: str) -> str:
    """A label as compared with others: the asterisk operator ∗ is an asterisk. Labels
    themselves are kept as printed."""
    return label.translate(SYMBOL_NORMAL)


SPACES = re.compile(r" {2,}")
GLUED_SYMBOL = re.compile(r"(?<=[^\s*†‡§∗])[*†‡§∗]{1,3}(?=[\s,.;:)”’]|$)")
"""Note symbols glued to the end of a word, in the text's own size (no layout tells them)."""
SMALLER = 0.85
"""A run smaller than this share of its line's size is set smaller."""
RAISED = 0.2
"""A run raised by more than this share of its line's size is set raised."""
SPLIT_GAP = 1.2
"""A horizontal gap wider than this many times the size splits a row into two lines."""
DROP_CAP = 2.0
"""A single letter at least this many times the page's usual size is a drop cap."""
GUTTER_MARGIN = 0.15
"""Gutters are looked for in the text width without this share at each side."""
GUTTER_STEPS = 140
"""How many x positions across the text are tried as gutters."""
GUTTER_CROSSING = 0.1
"""A gutter is crossed by at most this share of the page's rows."""
GUTTER_SIDES = 0.25
"""At least this share of the page's rows has text on each side of a gutter."""
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
    sizes: dict[float, int] = {}
    fonts: dict[str, int] = {}
    bases: dict[float, int] = {}
    for run in runs:
        weight = len(run.text.strip()) or 1
        size, base = round(run.size, 1), round(run.y, 1)
        sizes[size] = sizes.get(size, 0) + weight
        fonts[run.font] = fonts.get(run.font, 0) + weight
        bases[base] = bases.get(base, 0) + weight
    # max keeps the first of equals, in the order first seen, as Counter.most_common(1) does
    return (
        max(sizes, key=sizes.__getitem__),
        max(fonts, key=fonts.__getitem__),
        max(bases, key=bases.__getitem__),
    )


def _rows(runs: list[Run]) -> list[list[Run]]:
    """Group runs whose glyphs overlap vertically into rows, top row first.

    A short label run (a marker, a note's number) joins the row of the text it touches
    on its left (a marker after its word) or on its right (a number before its note),
    so that a marker in one column never lands on a row of the other column.
    """
    caps = _drop_caps(runs)
    if caps:
        rows = _rows([r for r in runs if not any(r is cap for cap in caps)])
        for cap in caps:
            _attach_cap(cap, rows)
        return rows
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


def _drop_caps(runs: list[Run]) -> list[Run]:
    """Single letters set at DROP_CAP times the page's usual size or more: a drop cap spans
    several lines and must not pull them into one row."""
    if len(runs) < 10:
        return []
    sizes = sorted(r.size for r in runs)
    usual = sizes[len(sizes) // 2]
    return [
        r
        for r in runs
        if r.size >= usual * DROP_CAP and len(r.text.strip()) == 1 and r.text.strip().isalpha()
    ]


def _attach_cap(cap: Run, rows: list[list[Run]]) -> None:
    """A drop cap joins the highest row it stands beside: the first line of its paragraph."""
    beside = [
        row
        for row in rows
        if cap.y - 1 <= min(r.y for r in row) <= cap.y + cap.size * 0.8
        and 0 <= min(r.x0 for r in row) - cap.x1 <= cap.size * 0.6
    ]
    if beside:
        max(beside, key=lambda row: min(r.y for r in row)).append(cap)
    else:
        rows.append([cap])


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


def _gutters(runs: list[Run]) -> list[float]:
    """The x of each gap between columns: lines down the text that few rows cross, with
    text on both sides of them in many rows (two, three or more columns)."""
    if len(runs) < 20:
        return []
    left = min(r.x0 for r in runs)
    width = max(r.x1 for r in runs) - left
    if width <= 0:
        return []
    rows: dict[int, list[Run]] = {}
    for run in runs:
        rows.setdefault(round(run.y), []).append(run)
    if len(rows) < 10:
        return []
    first, step = left + width * GUTTER_MARGIN, width * (1 - 2 * GUTTER_MARGIN) / GUTTER_STEPS
    steps = [first + step * i for i in range(GUTTER_STEPS + 1)]
    row_spans = [[(r.x0, r.x1) for r in row if r.text.strip()] for row in rows.values()]
    delta = [0] * (len(steps) + 1)  # rows crossing each step, by a sweep over each row's merged spans
    for spans in row_spans:
        merged: list[list[int]] = []
        for a, b in sorted(spans):  # the steps strictly inside (a, b)
            lo = max(0, math.floor((a - first) / step) + 1)
            hi = min(len(steps) - 1, math.ceil((b - first) / step) - 1)
            if lo > hi:
                continue
            if merged and lo <= merged[-1][1] + 1:
                merged[-1][1] = max(merged[-1][1], hi)
            else:
                merged.append([lo, hi])
        for lo, hi in merged:
            delta[lo] += 1
            delta[hi + 1] -= 1
    crossed = []
    running = 0
    for change in delta[:-1]:
        running += change
        crossed.append(running)
    limit = GUTTER_CROSSING * len(rows)
    found: list[float] = []
    i = 0
    while i < len(steps):
        if crossed[i] > limit:
            i += 1
            continue
        j = i
        while j + 1 < len(steps) and crossed[j + 1] <= limit:
            j += 1
        low = min(crossed[i : j + 1])
        lows = [k for k in range(i, j + 1) if crossed[k] == low]
        x = steps[lows[len(lows) // 2]]
        on_left = sum(1 for spans in row_spans if any(b <= x for _, b in spans))
        on_right = sum(1 for spans in row_spans if any(a >= x for a, _ in spans))
        if min(on_left, on_right) >= GUTTER_SIDES * len(rows):
            found.append(x)
        i = j + 1
    return found


def _split(row: list[Run], gutters: list[float]) -> list[list[Run]]:
    """Split a row at gaps wide enough to separate columns or table cells, and at the gutter."""
    row = sorted(row, key=lambda r: r.x0)
    parts: list[list[Run]] = [[row[0]]]
    right = row[0].x1
    for run in row[1:]:
        size = max(run.size, parts[-1][-1].size)
        lone_label = len(parts[-1]) <= 3 and NOTE_START.match("".join(r.text for r in parts[-1]).strip())
        wide = run.x0 - right > SPLIT_GAP * size
        across = run.x0 - right > 0.25 * size and any(right <= g + 1 and run.x0 >= g - 1 for g in gutters)
        if (wide or across) and run.text.strip() and not lone_label:
            parts.append([run])
        else:
            parts[-1].append(run)
        right = max(right, run.x1)
    return parts


def _label(text: str) -> str | None:
    stripped = text.strip()
    if MARKER_TEXT.match(stripped) or ROMAN_MARKER.match(stripped):
        return stripped
    return None


def _glued_symbols(text: str, at: int, run: Run) -> tuple[str, list[LineMarker]]:
    """Note symbols glued to the end of a word in the same size and baseline ("Lazarus*",
    "householders,*"), taken out as candidate markers; the caller puts back those no note answers."""
    if not GLUED_SYMBOL.search(text):
        return text, []
    markers: list[LineMarker] = []
    kept: list[str] = []
    length = 0
    last = 0
    for match in GLUED_SYMBOL.finditer(text):
        kept.append(text[last : match.start()])
        length += match.start() - last
        markers.append(LineMarker(match.group(), at + length, False, style=(run.font, round(run.size, 1))))
        last = match.end()
    kept.append(text[last:])
    return "".join(kept), markers


def _same_marker(last: LineMarker | None, marker: LineMarker, prev: Run | None, run: Run) -> bool:
    """Whether a label run goes on with the marker just before it ("1" then "0" is 10)."""
    if last is None or prev is None or last.offset != marker.offset or last.style[0] != marker.style[0]:
        return False
    joined = last.label + marker.label
    return bool(MARKER_TEXT.match(joined)) and run.x0 - prev.x1 < SPACE_GAP * run.size


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
    line = Line(
        runs=runs, x0=min(r.x0 for r in runs), x1=max(r.x1 for r in runs), y=base, size=size, font=font
    )
    parts: list[str] = []
    length = 0
    prev: Run | None = None
    word_gap = math.inf  # the narrowest gap that made a space so far
    for index, run in enumerate(runs):
        label = _label(run.text)
        smaller = run.size < size * SMALLER
        raised = run.top - base > size * RAISED
        glued = (
            label is not None
            and not label.isdigit()
            and prev is not None
            and run.x0 - prev.x1 < SPACE_GAP * size
        )
        if label and ROMAN_MARKER.match(label) and not raised:
            label = None  # "i", "v", "xi" set on the line are words, not markers
        if label and (smaller or raised or glued) and (prev is not None or len(runs) > 1):
            marker = LineMarker(
                label=label, offset=length, raised=raised, style=(run.font, round(run.size, 1))
            )
            last = line.markers[-1] if line.markers else line.lead
            if _same_marker(last, marker, prev, run):
                assert last is not None
                marker = LineMarker(last.label + label, last.offset, last.raised or raised, style=last.style)
                if last is line.lead:
                    line.lead = marker
                else:
                    line.markers[-1] = marker
                prev = run
                continue
            if prev is None and not parts:
                line.lead = marker
            else:
                line.markers.append(marker)
            prev = run
            continue
        text = SPACES.sub(" ", clean_run(run.text))
        if parts and parts[-1].endswith(" "):
            text = text.lstrip()
        if prev is not None and parts:
            gap = run.x0 - prev.x1
            if (
                gap > SPACE_GAP * min(run.size, prev.size)
                and not parts[-1].endswith(" ")
                and not text.startswith(" ")
            ):
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
        text, symbols = _glued_symbols(text, length, run)
        line.markers += symbols
        parts.append(text)
        length += len(text)
        prev = run
    text = "".join(parts)
    shift = len(text) - len(text.lstrip())
    line.text = text.strip()
    end = len(line.text)
    line.markers = [
        LineMarker(m.label, min(max(m.offset - shift, 0), end), m.raised, m.note, m.style)
        for m in line.markers
    ]
    return line


def page_lines(runs: list[Run]) -> list[Line]:
    """The lines of a page, top to bottom; lines on one row left to right."""
    lines: list[Line] = []
    runs = [r for r in runs if r.text.strip() or r.x1 > r.x0]
    gutters = _gutters(runs)
    for row in _rows(runs):
        for part in _split(row, gutters):
            if any(r.text.strip() for r in part):
                line = _build(part)
                if line.text.strip() or line.lead:
                    lines.append(line)
    return lines
