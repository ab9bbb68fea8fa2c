"""Make untrusted text (from a PDF, a file name, an error) safe to print in a terminal.

A PDF can hold any characters, including escape sequences that move the cursor, set the
window title (OSC) or write to the clipboard (OSC 52). Everything Citex prints, shows in the
TUI, writes as JSON or copies goes through `clean_for_terminal` first: it is
`source.cleaning.safe_text`, the one function that does this (see there for what it removes).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from source.cleaning import safe_text

clean_for_terminal = safe_text
"""`s` without escape sequences, control or bidi characters (source.cleaning.safe_text)."""


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
