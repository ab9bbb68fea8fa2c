"""Make untrusted text (from a PDF, a file name, an error) safe to print in a terminal.

A PDF can hold any characters, including escape sequences that move the cursor, set the
window title (OSC) or write to the clipboard (OSC 52). Everything Citex prints, shows in the
TUI, writes as JSON or copies goes through `clean_for_terminal` first: it is
`source.cleaning.safe_text`, the one function that does this (see there for what it removes).
"""

from __future__ import annotations

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
