"""Escape sequences split across text runs: cleaned as a whole once the runs are joined.

`source.cleaning.clean` removes every escape sequence that lies inside one string. A PDF can
split one across runs: a run ends with ESC "[" and the next begins "2J", or three runs spell
ESC "]52;c;", "ZXZpbA==" and BEL. Cleaned run by run, the first run loses its ESC "[" and
the "2J" of the next is left as text. So the runs of a line are cleaned by `clean_run`,
which removes what is whole within the run as `clean` does and leaves a marker (a Unicode
noncharacter, which no real text holds) where a sequence is left open at the run's end or
where a terminator stands alone; once the lines are joined into a block (and the blocks of
a paragraph that runs across a page break into one unit), `settle` removes each open
sequence together with its continuation, and the markers, and moves the note markers'
offsets with the text:

- an open CSI (ESC "[" with no final byte yet) takes the parameters, intermediates and
  final byte that follow it, as a terminal would (spaces that Citex put between runs too);
- a lone ESC at a run's end takes what follows it as the rest of its sequence ("[2J",
  "]0;title" BEL, or one more byte);
- an open string (OSC, DCS, SOS, PM, APC) takes everything up to its terminator (BEL,
  ESC "\\" or ST) when one follows in the same unit; with none, nothing shows that the text
  after it belongs to it, and it ends with its run (as `clean` ends it with its string);
- a terminator with no string open is dropped.

The markers never leave `source`: `settle` removes every one, and `source.cleaning.safe_text`
drops them too should one ever reach it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from source.cleaning import BIDI, CONTROL, LIGATURES

OPEN_ESC = "\ufdd0"
"""Marks a lone ESC (or ESC and intermediates) left open at the end of a run."""
OPEN_CSI = "\ufdd1"
"""Marks a CSI left open (no final byte) at the end of a run."""
OPEN_STRING = "\ufdd2"
"""Marks an OSC, DCS, SOS, PM or APC string left unterminated at the end of a run."""
CLOSE = "\ufdd3"
"""Marks a string terminator (BEL, ESC "\\", ST) that closes no string within its run."""
MARKS = OPEN_ESC + OPEN_CSI + OPEN_STRING + CLOSE
"""Every marker `clean_run` leaves."""
ANY_MARK = re.compile(f"[{MARKS}]")

_PIECE = re.compile(
    r"""
      (?P<string> (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f]) .*? (?P<st>\x07|\x1b\\|\x9c|\Z) )
    | (?P<csi> (?:\x1b\[|\x9b) [\x30-\x3f]* [\x20-\x2f]* (?P<final>[\x40-\x7e])? )
    | (?P<close> \x07|\x1b\\|\x9c )
    | (?P<esc> \x1b [\x20-\x2f]* (?P<escfinal>[\x30-\x7e])? )
    """,
    re.VERBOSE | re.DOTALL,
)
"""One escape-sequence piece within a run: whole, open at the run's end, or a lone terminator."""
_STARTS = re.compile(r"[\x07\x1b\x90-\x9f]")
"""A run holding none of these holds no escape sequence or piece of one."""
_CSI_REST = re.compile(r"[\x20-\x3f\s]*[\x40-\x7e]?")
"""What follows an open CSI up to and with its final byte (as a terminal reads it; spaces too)."""
_TERMINATOR = re.compile(f"{CLOSE}|{OPEN_ESC}\\s*\\\\")
"""What ends an open string: a lone terminator, or an ESC left open at a run's end and "\\"."""
_ESC_REST = re.compile(r"[\x20-\x2f]*[\x30-\x7e]?")
"""What follows a lone ESC when it starts no CSI or string: intermediates and one final byte."""


def _piece(match: re.Match[str]) -> str:
    at_end = match.end() == len(match.string)
    if match.group("string") is not None:
        return OPEN_STRING if not match.group("st") else ""
    if match.group("csi") is not None:
        return OPEN_CSI if match.group("final") is None and at_end else ""
    if match.group("close") is not None:
        return CLOSE
    return OPEN_ESC if match.group("escfinal") is None and at_end else ""


def clean_run(text: str) -> str:
    """`source.cleaning.clean` for one run of a line: the same, but a sequence left open at the
    run's end, and a terminator standing alone, leave a marker for `settle`."""
    text = text.translate(LIGATURES)
    if _STARTS.search(text):
        text = _PIECE.sub(_piece, text)
    return BIDI.sub("", CONTROL.sub("", text)).replace("\t", " ")


def _drops(text: str) -> list[bool]:
    """Which characters of `text` (markers and the continuations they open) are removed."""
    drop = [False] * len(text)
    i = 0
    while i < len(text):
        mark = text[i]
        if mark not in MARKS:
            i += 1
            continue
        drop[i] = True
        j = i + 1
        if mark == OPEN_ESC:
            while j < len(text) and text[j].isspace():
                j += 1
            nxt = text[j : j + 1]
            if nxt == "[":
                mark, j = OPEN_CSI, j + 1
            elif nxt and nxt in "]PX^_":
                mark, j = OPEN_STRING, j + 1
            elif nxt and nxt not in MARKS:
                j = _ESC_REST.match(text, j).end()  # type: ignore[union-attr]
        if mark == OPEN_CSI:
            j = _CSI_REST.match(text, j).end()  # type: ignore[union-attr]
        elif mark == OPEN_STRING:
            close = _TERMINATOR.search(text, j)
            j = close.end() if close else i + 1
        for k in range(i + 1, j):
            drop[k] = True
        _drop_doubled_space(text, drop, i, j)
        i = max(j, i + 1)
    return drop


def _drop_doubled_space(text: str, drop: list[bool], start: int, end: int) -> None:
    """After removing text[start:end], a space on each side would be two: drop the one after."""
    before = next((text[k] for k in range(start - 1, -1, -1) if not drop[k]), " ")
    if before == " " and end < len(text) and text[end] == " ":
        drop[end] = True


def settle(parts: Sequence[tuple[str, Sequence[int]]]) -> list[tuple[str, list[int]]]:
    """The texts of one unit (a block, or the blocks of a paragraph that runs on across pages,
    in reading order), each with offsets into it, with the markers of `clean_run` and what
    they open removed, as if the texts were one; each offset moves with its text (one inside
    a removed stretch goes to where the stretch was)."""
    if not any(ANY_MARK.search(text) for text, _ in parts):
        return [(text, list(offsets)) for text, offsets in parts]
    whole = "".join(text for text, _ in parts)
    drop = _drops(whole)
    out: list[tuple[str, list[int]]] = []
    base = 0
    for text, offsets in parts:
        kept = [0]
        for k in range(len(text)):
            kept.append(kept[-1] + (not drop[base + k]))
        cleaned = "".join(ch for k, ch in enumerate(text) if not drop[base + k])
        out.append((cleaned, [kept[min(max(o, 0), len(text))] for o in offsets]))
        base += len(text)
    return out


def settle_text(text: str) -> str:
    """`settle` for one text without offsets (a note, a header, a title)."""
    return settle([(text, ())])[0][0]
