"""Make untrusted text (from a PDF) safe to print in a terminal.

A PDF can hold any characters, including escape sequences that move the cursor, set the
window title (OSC) or write to the clipboard. Everything Citex prints from a PDF goes
through `clean_for_terminal` first.
"""

from __future__ import annotations

import re
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
