"""Make untrusted text (from a PDF) safe to print in a terminal.

A PDF can hold any characters, including escape sequences that move the cursor, set the
window title (OSC) or write to the clipboard. Everything Citex prints from a PDF goes
through `clean_for_terminal` first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

_ESCAPE_SEQUENCE = re.compile(
    r"""
      (?:\x1b\[|\x9b) [\x30-\x3f]* [\x20-\x2f]* [\x40-\x7e]            # CSI ... final byte
    | (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f]) .*? (?:\x07|\x1b\\|\x9c)   # OSC, DCS, SOS, PM, APC ... ST
    | \x1b [\x20-\x2f]* [\x30-\x7e]                                     # other ESC sequences
    | \x1b                                                              # a lone ESC
    """,
    re.VERBOSE | re.DOTALL,
)
_LINE_BREAKS = re.compile(r"\r\n|[\r\n\x0b\x0c\x85\u2028\u2029]")
# C0 and C1 controls, DEL, and the bidirectional overrides and isolates that reorder what is shown.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean_for_terminal(s: str, *, keep_newlines: bool = False, keep_tabs: bool = False) -> str:
    """`s` without escape sequences or control characters.

    Line breaks become "\\n" when `keep_newlines`, else a space; tabs stay when
    `keep_tabs`, else become a space. Nothing else is changed.
    """
    s = _ESCAPE_SEQUENCE.sub("", s)
    s = _LINE_BREAKS.sub("\n" if keep_newlines else " ", s)
    if not keep_tabs:
        s = s.replace("\t", " ")
    return _CONTROL.sub("", s)


def clean_json(value: Any) -> Any:
    """A JSON-ready value with every string cleaned (newlines and tabs kept: JSON escapes them)."""
    if isinstance(value, str):
        return clean_for_terminal(value, keep_newlines=True, keep_tabs=True)
    if isinstance(value, dict):
        return {clean_json(k): clean_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean_json(v) for v in value]
    return value


Spans = list[tuple[int, int]]
"""(start, end) offsets of highlighted stretches in a text."""
SNIPPET_CHARS = 320
"""A hit's text longer than this is shown cut around its first highlighted word."""


def clean_with_spans(s: str, spans: Iterable[tuple[int, int]], **options: bool) -> tuple[str, Spans]:
    """`clean_for_terminal(s)` and the spans moved to the same characters in the cleaned text
    (what cleaning drops before a span shifts it; a span emptied by cleaning is left out)."""
    cleaned = clean_for_terminal(s, **options)
    moved: Spans = []
    for start, end in spans:
        a = len(clean_for_terminal(s[:start], **options))
        b = len(clean_for_terminal(s[:end], **options))
        if b > a:
            moved.append((a, b))
    return cleaned, moved


def snippet(text: str, spans: Iterable[tuple[int, int]], limit: int = SNIPPET_CHARS) -> tuple[str, Spans]:
    """The text cut to about `limit` characters around its first span ("… " marks a cut), with the
    spans moved into the cut text. Text up to `limit` long is returned whole."""
    runs = sorted(spans)
    if len(text) <= limit:
        return text, runs
    first = runs[0] if runs else (0, 0)
    begin = max(0, first[0] - limit // 3)
    begin = text.find(" ", begin) + 1 if begin else 0
    if begin > first[0]:
        begin = first[0]
    finish = min(len(text), begin + limit)
    if finish < len(text):
        finish = max(text.rfind(" ", begin, finish), first[1] if runs else begin + 1)
    head = "… " if begin else ""
    shown = head + text[begin:finish] + (" …" if finish < len(text) else "")
    shift = len(head) - begin
    moved = [(max(a, begin) + shift, min(b, finish) + shift) for a, b in runs if b > begin and a < finish]
    return shown, moved
