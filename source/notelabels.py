"""A note's label: where a line starts with one ("12", "12.", "*", a raised run, "iv"), and which
label may follow which (12 after 11, iv after iii, † after *), for the notes of source/notes.py
and source/endnotes.py.
"""

from __future__ import annotations

import re
from dataclasses import replace

from source.labels import to_roman
from source.lines import NOTE_START, ROMAN_MARKER, Line, label_key

START = re.compile(
    r"^(\d{1,3}|[*†‡§¶‖#]{1,3}|∗{1,3}|[ivx]{1,5}(?=[.)]\s|\s|[A-Z]))(?:[.)]\s*|\s+|(?=[^\d\s.,:;)]))"
)
"""A label at the start of a line's text, and what separates it from the note's words."""
SYMBOL_ORDER = "*†‡§‖¶"
"""The usual order of note symbols; a document may skip one (* † §)."""
SYMBOL_STEP = 2
"""A symbol note may follow the one before by at most this many places in SYMBOL_ORDER."""


ROMAN_VALUES = {to_roman(n): n for n in range(1, 400)}
"""Lower-case roman labels and their values."""
FIRST_LABELS = ("1", "i")
"""The labels a run of numbered notes starts with."""


def follows(label: str, last: str | None) -> bool:
    """Whether a note labelled `label` can come right after the note labelled `last`."""
    if last is None:
        return False
    if label.isdigit() and last.isdigit():
        return int(label) == int(last) + 1
    if label in ROMAN_VALUES and last in ROMAN_VALUES:
        return ROMAN_VALUES[label] == ROMAN_VALUES[last] + 1
    a, b = label_key(last), label_key(label)
    if len(a) == len(b) == 1 and a in SYMBOL_ORDER and b in SYMBOL_ORDER:
        return 0 < SYMBOL_ORDER.index(b) - SYMBOL_ORDER.index(a) <= SYMBOL_STEP
    return False


def start_label(line: Line) -> tuple[str, Line] | None:
    """If the line starts with a label: (label, the line without it)."""
    if line.lead is not None:
        return line.lead.label, line
    text = line.text
    if NOTE_START.match(text) and not ROMAN_MARKER.match(text):  # "12", "12.", "12)" alone on its line
        label = text[:-1] if text[-1] in ".)" else text
        return label, replace(line, text="", markers=[])
    match = START.match(text)
    if not match:
        return None
    label = match.group(1)
    cut = match.end()
    if cut == len(match.group(1)) and min(line.runs, key=lambda r: r.x0).text.strip() != match.group(1):
        return None  # "6D27-4E9C…": digits glued to a word are no label unless set as a run of their own
    rest = replace(
        line, text=text[cut:], markers=[replace(m, offset=max(m.offset - cut, 0)) for m in line.markers]
    )
    return label, rest
