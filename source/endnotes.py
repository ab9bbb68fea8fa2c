"""Endnotes: notes gathered under a "Notes" heading at the end of a chapter or document.

A notes section starts at a short line that reads "Notes", "Endnotes", "Notes to
Chapter 3" (and the like) when a note labelled 1 (or a symbol) follows within a few
lines. In it, a note starts with its label when the label follows the previous note's
(1, 2, 3 …); any other line continues the note before, so a note whose text starts with
a number ("9 Byrd on Rome") stays one note. Numbering may restart at 1 after a
sub-heading ("Chapter 2"). The section ends at a heading that is not followed by a
restart, or at the end of the document. Its lines are taken out of the body.

Markers are linked to endnotes by sequence (see `notes.link_markers`): each run of notes
numbered 1, 2, 3 … answers the next run of markers with those labels in reading order,
so notes numbered per chapter resolve by the chapter the marker stands in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from source.blocks import Style, is_heading_line, reading_order
from source.lines import Line
from source.notelabels import FIRST_LABELS, ROMAN_VALUES, follows, start_label
from source.notes import PROSE, SMALLER_THAN_BODY, RawNote

NOTES_HEADING = re.compile(
    r"^(?:(?:end\s*|foot)?notes?|notes?\s+(?:to|for|on)\s+(?:chapter|part|section|pages?)\s+\S+.*|"
    r"(?:chapter|part)\s+\S+\s+notes|notes\s+and\s+(?:references|sources)|(?:references|sources)\s+and\s+notes)\W*$",
    re.I,
)
"""The text of a line that opens a notes section."""
HEADING_REACH = 3
"""A notes heading must be followed by its first note within this many lines."""
MAX_HEADING_CHARS = 60
"""A notes heading or a sub-heading in a notes section is at most this long."""
MIN_SECTION_NOTES = 2
"""A notes section holds at least this many notes (one "Note" line is a remark)."""
MIN_TAIL_NOTES = 3
"""Endnotes with no heading at the end of a document are at least this many."""
FOOTNOTE_SHARE = 0.5
"""Notes at the end whose markers stand on their own page, past this share, are footnotes."""
MIN_LINKED_SHARE = 0.3
"""A notes section whose notes are answered by fewer markers than this share is a numbered
list under a "Notes" heading, and stays in the body."""


@dataclass(frozen=True)
class EndnoteSection:
    """The endnotes found in one notes section."""

    notes: tuple[RawNote, ...]
    """Its notes, in order."""
    taken: frozenset[tuple[int, int]]
    """(page, id of line) of every line of the section, heading included."""


def _ordered(content: list[list[Line]]) -> list[tuple[int, Line]]:
    """Every body line of the document in reading order, with its 0-based page."""
    out: list[tuple[int, Line]] = []
    for page, lines in enumerate(content):
        for group in reading_order(lines):
            out.extend((page, line) for line in group)
    return out


def _opens_section(lines: list[tuple[int, Line]], i: int) -> bool:
    line = lines[i][1]
    if len(line.text) > MAX_HEADING_CHARS or not NOTES_HEADING.match(line.text.strip()):
        return False
    return _first_note_within(lines, i + 1) is not None


def _first_note_within(lines: list[tuple[int, Line]], start: int) -> int | None:
    """Index of a line labelled 1 (or a symbol) within reach of `start`."""
    for j in range(start, min(start + HEADING_REACH, len(lines))):
        found = start_label(lines[j][1])
        if found is not None and _first(found[0]):
            return j
    return None


def _first(label: str) -> bool:
    """Whether a label can start a run of notes: 1, i, or a symbol."""
    return label in FIRST_LABELS or not (label.isdigit() or label in ROMAN_VALUES)


def _is_subheading(line: Line, style: Style) -> bool:
    return len(line.text) <= MAX_HEADING_CHARS and (
        is_heading_line(line, style) or bool(NOTES_HEADING.match(line.text))
    )


def _leaves_note_size(line: Line, note: RawNote, style: Style) -> bool:
    """A body-size line after notes set smaller than the body: the section is over."""
    if not note.lines:
        return False
    size = note.lines[0].size
    return size < style.size * SMALLER_THAN_BODY <= line.size and abs(line.size - size) > size * 0.06


def find_endnotes(content: list[list[Line]], style: Style) -> tuple[list[EndnoteSection], list[list[Line]]]:
    """The endnote sections of a document, and each page's lines without them."""
    lines = _ordered(content)
    sections: list[EndnoteSection] = []
    i = 0
    while i < len(lines):
        if not _opens_section(lines, i):
            i += 1
            continue
        section, i = _read_section(lines, i, style)
        if len(section.notes) >= MIN_SECTION_NOTES:
            sections.append(section)
    if not sections and (tail := _tail_section(lines, style)) is not None:
        sections.append(tail)
    return sections, without_sections(content, sections)


def _tail_section(lines: list[tuple[int, Line]], style: Style) -> EndnoteSection | None:
    """Endnotes with no heading, as a word processor sets them after the last paragraph: from a
    note labelled 1 (or i) set small to the end of the document, numbered on, and with their
    markers on earlier pages (notes whose markers stand on their own page are footnotes)."""
    marked: dict[int, set[str]] = {}
    for at, line in lines:
        marked.setdefault(at, set()).update(m.label for m in line.markers)
    for start, (_, line) in enumerate(lines):
        found = start_label(line)
        if found is None or found[0] not in FIRST_LABELS or line.size >= style.size * SMALLER_THAN_BODY:
            continue
        section, end = _read_section(lines, start - 1, style, heading=False)
        if end < len(lines) or len(section.notes) < MIN_TAIL_NOTES:
            continue
        here = sum(1 for note in section.notes if note.label in marked.get(note.page, set()))
        if here <= len(section.notes) * FOOTNOTE_SHARE:
            return section
    return None


def without_sections(content: list[list[Line]], sections: list[EndnoteSection]) -> list[list[Line]]:
    """Each page's lines without those of the given notes sections."""
    if not sections:
        return content
    taken = set().union(*(s.taken for s in sections))
    return [[ln for ln in page if (p, id(ln)) not in taken] for p, page in enumerate(content)]


def _read_section(
    lines: list[tuple[int, Line]], head: int, style: Style, heading: bool = True
) -> tuple[EndnoteSection, int]:
    """Read the notes of the section whose heading is at `head` (with `heading` False, the
    section starts just after `head`, with no heading); returns it and where it ends."""
    taken = {(lines[head][0], id(lines[head][1]))} if heading else set()
    notes: list[RawNote] = []
    current: RawNote | None = None
    i = head + 1
    restart_ok = True  # right after a heading, numbering may (re)start
    while i < len(lines):
        page, line = lines[i]
        found = start_label(line)
        last = current.label if current else None
        if found is not None:
            label, rest = found
            words = rest.text or (lines[i + 1][1].text if i + 1 < len(lines) else "")
            fits = follows(label, last) or (restart_ok and _first(label))
            if fits and PROSE.search(words):
                current = RawNote(
                    label=label, page=page, lines=[rest] if rest.text else [], pages=[page], kind="endnote"
                )
                notes.append(current)
                taken.add((page, id(line)))
                restart_ok = False
                i += 1
                continue
        if _is_subheading(line, style) and not line.markers:
            if _first_note_within(lines, i + 1) is None:
                break  # a heading the notes do not go on under: the section is over
            restart_ok = True
            taken.add((page, id(line)))
            i += 1
            continue
        if current is None or _leaves_note_size(line, current, style):
            break
        current.lines.append(line)
        if page not in current.pages:
            current.pages.append(page)
        taken.add((page, id(line)))
        i += 1
    return EndnoteSection(notes=tuple(notes), taken=frozenset(taken)), i
