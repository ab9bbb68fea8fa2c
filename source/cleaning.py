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

The patterns (CONTROL, ESCAPE_SEQUENCE, LINE_BREAKS, UNSAFE, BIDI) and LIGATURES are made the
first time they are used (a module `__getattr__`, PEP 562), not when this module is imported:
compiling them is ~3% of a warm `citex search`, which prints text that is already printable
(`safe_text` returns a printable string as it is, without them).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    CONTROL: re.Pattern[str]
    """What `clean` drops besides escape sequences and bidi controls: controls (tab and newline kept)
    and zero-width characters."""
    ESCAPE_SEQUENCE: re.Pattern[str]
    """A whole terminal escape sequence, in its 7-bit (ESC) or 8-bit (C1) form."""
    LINE_BREAKS: re.Pattern[str]
    """Every kind of line break."""
    UNSAFE: re.Pattern[str]
    """C0 and C1 controls, DEL, the bidi marks, embeddings, overrides and isolates, and the
    noncharacters U+FDD0-U+FDEF (source.escapes marks open sequences with some)."""
    BIDI: re.Pattern[str]
    """The bidirectional controls alone."""
    LIGATURES: dict[int, str]
    """str.translate table: ligatures expanded, no-break and thin spaces made spaces."""

_PATTERNS: dict[str, tuple[str, int]] = {
    "CONTROL": (r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff\ufffe\uffff]", 0),
    "ESCAPE_SEQUENCE": (
        r"""
      (?:\x1b\[|\x9b) [\x30-\x3f]* [\x20-\x2f]* [\x40-\x7e]?              # CSI ... final byte
    | (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f]) .*? (?:\x07|\x1b\\|\x9c|\Z)   # OSC, DCS, SOS, PM, APC ... ST
    | \x1b [\x20-\x2f]* [\x30-\x7e]?                                      # other ESC sequences, a lone ESC
    """,
        re.VERBOSE | re.DOTALL,
    ),
    "LINE_BREAKS": (r"\r\n|[\r\n\x0b\x0c\x85\u2028\u2029]", 0),
    "UNSAFE": (r"[\x00-\x08\x0e-\x1f\x7f-\x9f\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef]", 0),
    "BIDI": (r"[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]", 0),
}
"""The source and flags of each pattern (see the declarations above for what each matches)."""
_LIGATURES = {
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
"""What LIGATURES maps."""


_compiled: dict[str, re.Pattern[str]] = {}
"""The patterns compiled so far, by name."""
_ligatures: dict[int, str] = {}
"""LIGATURES, once made."""
_safe_text_patterns: tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]] | None = None
"""ESCAPE_SEQUENCE, LINE_BREAKS and UNSAFE, once `safe_text` has needed them."""
_clean_patterns: tuple[dict[int, str], re.Pattern[str], re.Pattern[str], re.Pattern[str]] | None = None
"""LIGATURES, ESCAPE_SEQUENCE, CONTROL and BIDI, once `clean` has needed them."""


def _pattern(name: str) -> re.Pattern[str]:
    """The pattern `name`, compiled the first time it is asked for."""
    found = _compiled.get(name)
    if found is None:
        found = _compiled[name] = re.compile(*_PATTERNS[name])
    return found


def _ligature_table() -> dict[int, str]:
    if not _ligatures:
        _ligatures.update(str.maketrans(_LIGATURES))
    return _ligatures


def __getattr__(name: str) -> object:
    """CONTROL, ESCAPE_SEQUENCE, LINE_BREAKS, UNSAFE, BIDI and LIGATURES, made on first use."""
    if name in _PATTERNS:
        return _pattern(name)
    if name == "LIGATURES":
        return _ligature_table()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def safe_text(s: str, *, keep_newlines: bool = False, keep_tabs: bool = False) -> str:
    """`s` without escape sequences, control characters or bidi controls.

    Line breaks become "\\n" when `keep_newlines`, else a space; tabs stay when `keep_tabs`,
    else become a space. Nothing else is changed. A printable string (str.isprintable: no
    control, format, line or paragraph separator, unassigned or private-use character, no space
    but " ") holds nothing of the above and is returned as it is.
    """
    if s.isprintable():
        return s
    global _safe_text_patterns
    if _safe_text_patterns is None:
        _safe_text_patterns = (_pattern("ESCAPE_SEQUENCE"), _pattern("LINE_BREAKS"), _pattern("UNSAFE"))
    escape_sequence, line_breaks, unsafe = _safe_text_patterns
    s = escape_sequence.sub("", s)
    s = line_breaks.sub("\n" if keep_newlines else " ", s)
    if not keep_tabs:
        s = s.replace("\t", " ")
    return unsafe.sub("", s)


def clean(text: str) -> str:
    """Expand ligatures, turn odd spaces into spaces, drop escape sequences, controls and bidi controls."""
    global _clean_patterns
    if _clean_patterns is None:
        _clean_patterns = (
            _ligature_table(),
            _pattern("ESCAPE_SEQUENCE"),
            _pattern("CONTROL"),
            _pattern("BIDI"),
        )
    ligatures, escape_sequence, control, bidi = _clean_patterns
    text = text.translate(ligatures)
    if "\x1b" in text or re.search(r"[\x90-\x9f]", text):
        text = escape_sequence.sub("", text)
    return bidi.sub("", control.sub("", text)).replace("\t", " ")
