"""Footnotes: find each page's note area, split it into notes, link the markers to them.

The note area is the run of lines at the bottom of the page set smaller than the body
text. A note starts with its label (a small or raised run at the start of a line, or
"12", "12." or "*" before its text, or alone on a line above it) when that label is
one the page's body text points to, or follows the previous note's number. Lines of
the area before the first note of a page continue the last note of the page before.
What a note's label looks like, and which label may follow which: source/notelabels.py.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from source.blocks import ends_open, reading_order
from source.columns import ACROSS, column_bounds, column_of
from source.lines import Line, LineMarker, label_key
from source.lineset import LineSet
from source.notelabels import follows, start_label

SMALLER_THAN_BODY = 0.95
"""A note line is set in less than this share of the body size."""

RULE_TEXT = re.compile(r"^[\s\-‐‑‒–—―_=·.\ufffd]{5,}$")
"""A line drawn with dashes or underscores in the text layer: the rule above a note area."""


def is_rule(line: Line) -> bool:
    """Whether a line is a rule drawn in text (it is no body text and ends no paragraph)."""
    return bool(RULE_TEXT.match(line.text)) and not line.markers


MIN_LIST_NOTES = 3
"""A page with this many footnotes and not one answered by a marker holds a list, not notes."""
FOOT_GAP = 1.4
"""Notes in the body's size stand below a gap at least this many leadings wide."""
INNER_GAP = 2.2
"""Lines of notes under a box or table are at most this many sizes apart."""
INNER_ALIGN = 2.0
"""Notes under a box start where the box's lines start, within this many body sizes (a
side panel beside an example is no such note)."""
CONTINUATION_LETTERS = 0.7
"""Lines that go on with a note which ended its sentence on the page before are mostly letters."""
MAX_STRAYS = 2
"""Short body-size lines below a page's notes (a job number) that do not end the note area."""
STRAY_CHARS = 40
"""A stray line below the notes is at most this long."""
PROSE = re.compile(r"[^\W\d_]{2}|[^\W\d_]\.")
"""A note's text holds at least one word or abbreviation ("42 U.S.C. § 4321")."""


@dataclass
class RawNote:
    """A note being collected from the lines of one or more pages."""

    label: str
    """Its label."""
    page: int
    """0-based page index where it starts."""
    lines: list[Line] = field(default_factory=list)
    """Its lines (the label taken off the first)."""
    pages: list[int] = field(default_factory=list)
    """0-based indexes of the pages its lines are on."""
    kind: str = "footnote"
    """"footnote" (at the foot of its page) or "endnote" (in a notes section)."""


def note_area(lines: list[Line], body_size: float, same_size: bool = True) -> tuple[list[Line], list[Line]]:
    """(other lines, candidate lines) of a page: the candidates are the lines at the foot
    of each column set smaller than the body text, column by column, top to bottom."""
    bounds = column_bounds(lines)
    body: list[Line] = []
    area: list[Line] = []
    # A column's foot lies below all the text that runs across the page.
    across = [
        ln.y for ln in lines if column_of(ln, bounds) == ACROSS and ln.size >= body_size * SMALLER_THAN_BODY
    ]
    floor = min(across, default=float("inf"))
    for column in (*range(len(bounds) + 1), ACROSS):
        part = [ln for ln in lines if column_of(ln, bounds) == column]
        order = sorted(part, key=lambda ln: ln.y)
        foot: list[Line] = []
        strays = 0
        for line in order:
            if line.size >= body_size * SMALLER_THAN_BODY or (column != ACROSS and line.y > floor):
                if not foot and strays < MAX_STRAYS and len(line.text) <= STRAY_CHARS:
                    strays += 1  # a job number or slug below the notes, not taken for furniture
                    continue
                break
            foot.append(line)
        if not foot and same_size:
            foot = _body_size_foot(order)
        inner = _inner_notes(part, foot, body_size)
        apart = LineSet([*foot, *inner])
        body += [ln for ln in part if ln not in apart]
        area += inner + sorted(foot, key=lambda ln: (-round(ln.y, 0), ln.x0))
    if any(column_of(ln, bounds) == ACROSS for ln in area):
        # notes across the page: read them top to bottom, whatever column a short line is in
        area.sort(key=lambda ln: (-round(ln.y, 0), ln.x0))
    return body, area


def _body_size_foot(order: list[Line]) -> list[Line]:
    """Notes set in the body's own size at the foot of a column (bottom line first in
    `order`): the lines below the lowest gap wider than FOOT_GAP leadings, when the line under
    the gap starts with the label of a marker the column holds and every label below follows."""
    wanted = {label_key(m.label) for ln in order for m in ln.markers}
    if not wanted or len(order) < 3:
        return []
    gaps = [b.y - a.y for a, b in zip(order, order[1:]) if abs(a.size - b.size) <= a.size * 0.06]
    if not gaps:
        return []
    leading = sorted(gaps)[len(gaps) // 2]
    for i in range(1, len(order)):
        if order[i].y - order[i - 1].y < leading * FOOT_GAP:
            continue
        if order[i].bold or abs(order[i].size - order[i - 1].size) > order[i].size * 0.06:
            return []  # below a heading, or below text of another size: a section, not notes
        foot = order[:i]
        labels = [found[0] for ln in reversed(foot) if (found := start_label(ln)) is not None]
        first = start_label(foot[-1])
        if first is None or label_key(first[0]) not in wanted:
            return []
        if all(follows(b, a) for a, b in zip(labels, labels[1:])):
            return foot
        return []
    return []


def _inner_notes(part: list[Line], foot: list[Line], body_size: float) -> list[Line]:
    """Notes set under a box or table inside the page (a recommendation box's own notes):
    a run of lines smaller than the body, above the foot, whose first line starts with the
    label of a marker above it in the column. Top to bottom."""
    in_foot = LineSet(foot)
    order = sorted((ln for ln in part if ln not in in_foot), key=lambda ln: (-round(ln.y, 0), ln.x0))
    inner: list[Line] = []
    seen: set[str] = set()
    i = 0
    while i < len(order):
        line = order[i]
        small = line.size < body_size * SMALLER_THAN_BODY and line.lead is not None and not line.markers
        found = start_label(line) if small else None  # the label set small or raised, as notes are
        aligned = i > 0 and abs(order[i - 1].x0 - line.x0) <= body_size * INNER_ALIGN
        if found is None or not aligned or label_key(found[0]) not in seen or not PROSE.search(found[1].text):
            seen |= {label_key(m.label) for m in line.markers}
            i += 1
            continue
        run = [line]
        j = i + 1
        while (
            j < len(order)
            and _same_size(order[j].size, line.size)
            and run[-1].y - order[j].y <= line.size * INNER_GAP
        ):
            run.append(order[j])
            j += 1
        inner += run
        i = j
    return inner


def _same_size(a: float, b: float) -> bool:
    return abs(a - b) <= max(a, b) * 0.06


def _region_top(area: list[Line], first: int, size: float) -> int:
    """Index of the highest line above the first note start that still belongs to the notes."""
    top = first
    for i in range(first - 1, -1, -1):
        line, below = area[i], area[top]
        fits = _same_size(line.size, size) or line.size < size  # small caps set smaller in a note
        if not fits or line.y - below.y > size * 2.5 or line.markers:
            break
        top = i
    return top


def collect_notes(
    pages_body: list[list[Line]], pages_area: list[list[Line]]
) -> tuple[list[RawNote], list[list[Line]]]:
    """Split every page's note area into notes; lines that are no notes go back to the body.

    Returns the notes in document order and each page's body lines.
    """
    notes: list[RawNote] = []
    open_note: RawNote | None = None
    bodies: list[list[Line]] = []
    for index, (body, area) in enumerate(zip(pages_body, pages_area)):
        wanted = Counter(label_key(m.label) for line in (*body, *area) for m in line.markers)
        starts: list[tuple[int, str, Line]] = []
        last = notes[-1].label if notes else None
        for i, line in enumerate(area):
            found = start_label(line) if not line.markers or line.lead else None
            if found is None:
                continue
            label, rest = found
            words = rest.text if rest.text else (area[i + 1].text if i + 1 < len(area) else "")
            if not PROSE.search(words):
                continue
            if wanted[label_key(label)] > 0 or follows(label, last):
                starts.append((i, label, rest))
                wanted[label_key(label)] -= 1
                last = label
        if starts:
            size = area[starts[0][0]].size
            top = _region_top(area, starts[0][0], size)
        elif open_note is not None and open_note.lines:
            size = open_note.lines[-1].size
            top = len(area)
            while top > 0 and _same_size(area[top - 1].size, size) and not area[top - 1].markers:
                top -= 1
        else:
            top = len(area)
        region = area[top:]
        body = body + area[:top]
        first_start = starts[0][0] - top if starts else len(region)
        if first_start and open_note is not None and not _goes_on(open_note, region[:first_start]):
            body = body + region[:first_start]  # a table set small above the notes, not the rest of a note
            region = region[first_start:]
            top += first_start  # start indexes count in `area`; the region now begins at the first
            first_start = 0
        if first_start and open_note is not None:
            open_note.lines.extend(region[:first_start])
            if index not in open_note.pages:
                open_note.pages.append(index)
        elif first_start:
            body = body + region[:first_start]
        bounds = [s[0] - top for s in starts] + [len(region)]
        for (i, label, rest), end in zip(starts, bounds[1:]):
            i -= top
            note = RawNote(label=label, page=index, lines=[rest] if rest.text else [], pages=[index])
            note.lines.extend(region[i + 1 : end])
            notes.append(note)
        open_note = notes[-1] if starts else (open_note if region else None)
        bodies.append(sorted(body, key=lambda ln: (-round(ln.y, 0), ln.x0)))
    return notes, bodies


def _goes_on(note: RawNote, lines: list[Line]) -> bool:
    """Whether lines at the top of a page's note area are the rest of the note before: the note
    stopped mid-sentence, or the lines read as prose (one line to a row, mostly letters)."""
    if not lines:
        return True
    text = " ".join(ln.text for ln in note.lines).rstrip()
    if text and ends_open(text):
        return True
    rows = {round(ln.y) for ln in lines}
    letters = sum(sum(map(str.isalpha, ln.text)) for ln in lines)
    chars = sum(len(ln.text.replace(" ", "")) for ln in lines)
    return len(rows) == len(lines) and letters >= chars * CONTINUATION_LETTERS


def link_markers(bodies: list[list[Line]], notes: list[RawNote]) -> list[list[Line]]:
    """Point each marker at its note, and put back into the text what is no marker.

    A note is pointed to by the markers with its label on its own page; where several
    compete (a superscript in a formula beside the real marker), those set in the style
    most of the document's markers share win. A note with no marker on its page takes
    the last one with its label on the page before. Candidates no note answers go back
    into the text as the characters they are.
    """
    # (page, line, index in line) of every candidate, by (page, label)
    where: dict[tuple[int, str], list[tuple[int, int, int]]] = {}
    for page, body in enumerate(bodies):
        for li, line in enumerate(body):
            for mi, m in enumerate(line.markers):
                where.setdefault((page, label_key(m.label)), []).append((page, li, mi))

    def style(at: tuple[int, int, int]) -> tuple[str, float]:
        return bodies[at[0]][at[1]].markers[at[2]].style

    votes: Counter[tuple[str, float]] = Counter()
    for note in notes:
        found = where.get((note.page, label_key(note.label)), [])
        if len(found) == 1 and note.kind == "footnote":
            votes[style(found[0])] += 1
    chosen: dict[tuple[int, int, int], int] = {}
    above = _same_label_bounds(notes)
    for i, note in enumerate(notes):
        if note.kind != "footnote":
            continue
        found = [at for at in where.get((note.page, label_key(note.label)), []) if at not in chosen]
        if i in above:  # several notes with this label on the page: each takes the markers above it
            low, high = above[i]
            found = [at for at in found if low < bodies[at[0]][at[1]].y < high]
        if not found:
            earlier = [at for at in where.get((note.page - 1, label_key(note.label)), []) if at not in chosen]
            found = earlier[-1:]
        if len(found) > 1 and votes:
            best = max(votes[style(at)] for at in found)
            found = [at for at in found if votes[style(at)] == best]
        for at in found:
            chosen[at] = i
    _link_endnotes(bodies, notes, chosen)
    linked_pages = []
    for page, body in enumerate(bodies):
        out = []
        for li, line in enumerate(body):
            if not line.markers:
                out.append(line)
                continue
            text = line.text
            markers: list[LineMarker] = []
            inserted = 0
            for mi, m in enumerate(line.markers):
                target = chosen.get((page, li, mi), -1)
                if target >= 0:
                    markers.append(LineMarker(m.label, m.offset + inserted, m.raised, target, m.style))
                else:
                    offset = m.offset + inserted
                    text = text[:offset] + m.label + text[offset:]
                    inserted += len(m.label)
            out.append(replace(line, text=text, markers=markers))
        linked_pages.append(out)
    return linked_pages


def _same_label_bounds(notes: list[RawNote]) -> dict[int, tuple[float, float]]:
    """For notes that share their label with another note of their page (notes numbered
    again in each box): the band of the page, (low, high) in y, where their markers stand,
    between the note itself and the note with that label above it."""
    groups: dict[tuple[int, str], list[int]] = {}
    for i, note in enumerate(notes):
        if note.kind == "footnote" and note.lines:
            groups.setdefault((note.page, label_key(note.label)), []).append(i)
    bounds: dict[int, tuple[float, float]] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        members.sort(key=lambda i: -notes[i].lines[0].y)
        high = float("inf")
        for i in members:
            low = notes[i].lines[0].y
            bounds[i] = (low, high)
            high = low
    return bounds


def _link_endnotes(
    bodies: list[list[Line]], notes: list[RawNote], chosen: dict[tuple[int, int, int], int]
) -> None:
    """Link endnotes to markers by sequence: each run of endnotes numbered on from 1 takes
    the next markers with its labels, in reading order. A note whose marker is not found
    (the next note's marker comes first) is left without one rather than take a later one."""
    order: list[tuple[int, int, int]] = []
    for page, body in enumerate(bodies):
        rank = {id(line): r for r, line in enumerate(ln for group in reading_order(body) for ln in group)}
        lines = sorted(range(len(body)), key=lambda li: rank.get(id(body[li]), li))
        order += [
            (page, li, mi)
            for li in lines
            for mi in range(len(body[li].markers))
            if (page, li, mi) not in chosen
        ]
    labels = [label_key(bodies[p][li].markers[mi].label) for p, li, mi in order]
    endnotes = [(i, n) for i, n in enumerate(notes) if n.kind == "endnote"]
    pos = 0
    for k, (i, note) in enumerate(endnotes):
        at = _next(labels, label_key(note.label), pos)
        if at is None:
            continue
        following = endnotes[k + 1][1].label if k + 1 < len(endnotes) else None
        if following is not None and follows(following, note.label):
            ahead = _next(labels, label_key(following), pos)
            if ahead is not None and ahead < at:
                continue
        chosen[order[at]] = i
        pos = at + 1


def _next(labels: list[str], label: str, start: int) -> int | None:
    for j in range(start, len(labels)):
        if labels[j] == label:
            return j
    return None
