"""Text from a PDF made fit to keep, and any string made safe to show: the one place for both.

`safe_text` is the single way Citex makes a string safe for a terminal, the TUI, JSON or the
clipboard (explorer.text.clean_for_terminal is this function): it removes whole escape
sequences, not only their ESC byte, so nothing like "[2J" or "]52;c;..." is left behind:

- CSI (ESC [ or 8-bit U+009B) with its parameters and final byte;
- OSC (ESC ] or U+009D: window titles, OSC 8 links, OSC 52 clipboard writes), DCS (ESC P or
  U+0090), SOS (ESC X or U+0098), PM (ESC ^ or U+009E) and APC (ESC _ or U+009F), up to their
  terminator (BEL, ESC \\ or U+009C) or, unterminated, to the end of the string (as a
  terminal would swallow it);
- any other ESC sequence, and a lone ESC;
- C0 and C1 controls and DEL;
- the bidirectional embeddings, overrides, isolates and marks that reorder what is shown
  (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C).

`clean` is what `source` applies to every run of text it reads (and the metadata): the same,
plus ligatures expanded, odd spaces made spaces, and zero-width characters dropped.
"""

from __future__ import annotations

import re

LIGATURES = str.maketrans(
    {
        "ﬀ": "ff",
        "ﬁ": "fi",
        "ﬂ": "fl",
        "ﬃ": "ffi",
        "ﬄ": "ffl",
        "ﬅ": "st",
        "ﬆ": "st",
        "\u00a0": " ",
        "\u2009": " ",
    }
)
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff\ufffe\uffff]")
"""What `clean` drops besides escape sequences and bidi controls: controls (tab and newline kept) and zero-width characters."""
ESCAPE_SEQUENCE = re.compile(
    r"""
      (?:\x1b\[|\x9b) [\x30-\x3f]* [\x20-\x2f]* [\x40-\x7e]?              # CSI ... final byte
    | (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f]) .*? (?:\x07|\x1b\\|\x9c|\Z)   # OSC, DCS, SOS, PM, APC ... ST
    | \x1b [\x20-\x2f]* [\x30-\x7e]?                                      # other ESC sequences, a lone ESC
    """,
    re.VERBOSE | re.DOTALL,
)
"""A whole terminal escape sequence, in its 7-bit (ESC) or 8-bit (C1) form."""
LINE_BREAKS = re.compile(r"\r\n|[\r\n\x0b\x0c\x85\u2028\u2029]")
"""Every kind of line break."""
UNSAFE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef]")
"""C0 and C1 controls, DEL, the bidi marks, embeddings, overrides and isolates, and the
noncharacters U+FDD0-U+FDEF (source.escapes marks open sequences with some)."""
BIDI = re.compile(r"[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")
"""The bidirectional controls alone."""


def safe_text(s: str, *, keep_newlines: bool = False, keep_tabs: bool = False) -> str:
    """`s` without escape sequences, control characters or bidi controls.

    Line breaks become "\\n" when `keep_newlines`, else a space; tabs stay when `keep_tabs`,
    else become a space. Nothing else is changed.
    """
    s = ESCAPE_SEQUENCE.sub("", s)
    s = LINE_BREAKS.sub("\n" if keep_newlines else " ", s)
    if not keep_tabs:
        s = s.replace("\t", " ")
    return UNSAFE.sub("", s)


def clean(text: str) -> str:
    """Expand ligatures, turn odd spaces into spaces, drop escape sequences, controls and bidi controls."""
    text = text.translate(LIGATURES)
    if "\x1b" in text or re.search(r"[\x90-\x9f]", text):
        text = ESCAPE_SEQUENCE.sub("", text)
    return BIDI.sub("", CONTROL.sub("", text)).replace("\t", " ")
