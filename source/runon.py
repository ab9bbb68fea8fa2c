"""Paragraphs that run on across a column or a page break.

Two passes over blocks that `source.blocks` has already cut and ordered:

- `join_columns`: on one page, a paragraph that stops open at the foot of a column and
  goes on at the top of the next one is one block (its lines joined, so a word broken
  with a hyphen at the column break is mended by the Joiner like any line break);
- `mend_word`: a word broken with a hyphen at the end of a page and finished on the next
  stands whole at the end of the earlier block (the page it starts on); the continuing
  block starts after it. Whether the hyphen is a break or a compound's is the Joiner's
  call (`source.text.Joiner.mend`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from source.blocks import BULLET, RawBlock, Style, ends_open
from source.lines import LineMarker
from source.text import HYPHENS, Joiner

FLOWING = ("paragraph", "quote", "list_item")
"""Kinds of block a paragraph's text may run on from."""
COLUMN_RISE = 1.5
"""The next column's first line stands at least this many leadings above the last line of the
block it continues (it is at the top of a column, not further down the same one)."""
COLUMN_OVERLAP = 0.5
"""The next column's first line starts no more than this many body sizes left of the right edge
of the block it continues (the columns stand side by side, they do not overlap)."""
SIZE_TOLERANCE = 0.1
"""A continuation is set in the same size: within this fraction of the body size."""
INDENT = 0.8
"""A first line indented by more than this many sizes from the block's next line starts a new
paragraph (unless it starts lowercase)."""
PROSE_WORDS = 4
"""The last line before a column break has at least this many words (a line of running prose, not a
table cell, a label or a heading); so does the first line after it, unless it starts lowercase."""
COLUMN_MATCH = 0.75
"""The two parts stand in columns of about the same width: the narrower part's widest line is at least
this fraction of the wider part's (a table of contents' page numbers are no column of prose)."""
WORDS = re.compile(r"[^\W\d_]{2,}")
"""A word of letters (a line of prose is mostly such words, a table row mostly numbers)."""
WORD_TAIL = re.compile(r"[^\W\d_]+(?:['\u2019\-][^\W\d_]+)*")
"""The rest of a broken word at the start of the continuing block."""

Text = tuple[str, list[LineMarker]]
"""A block's text and its markers (offsets into the text)."""


def join_columns(blocks: list[RawBlock], style: Style) -> list[RawBlock]:
    """The blocks of one page in reading order, with each paragraph that runs on from the foot
    of a column into the top of the next one made one block."""
    joined: list[RawBlock] = []
    for block in blocks:
        if joined and runs_on(joined[-1], block, style):
            last = joined[-1]
            joined[-1] = RawBlock(last.kind, [*last.lines, *block.lines], last.level)
        else:
            joined.append(block)
    return joined


def runs_on(before: RawBlock, after: RawBlock, style: Style) -> bool:
    """Whether `after`, the block read next on the same page, is the rest of `before`'s paragraph,
    set at the top of the next column: `before` stops mid-sentence in a line of prose, `after` stands
    higher up and to the right, in the same size and a column as wide, and it does not start like a
    new paragraph or list item (lowercase, or a line of prose neither indented nor after a colon)."""
    if before.kind not in FLOWING or after.kind not in ("paragraph", before.kind) or not before.lines:
        return False
    last, first = before.lines[-1], after.lines[0]
    if first.y < last.y + style.leading * COLUMN_RISE:
        return False
    if first.x0 < max(ln.x1 for ln in before.lines) - COLUMN_OVERLAP * style.size:
        return False
    if abs(first.size - last.size) > SIZE_TOLERANCE * style.size:
        return False
    head = last.text.rstrip()
    tail = " ".join(ln.text for ln in before.lines[-3:])  # a narrow column's last line holds few words
    if not head or not (ends_open(head) or head.endswith(HYPHENS)) or not (_prose(head) or _prose(tail)):
        return False
    start = first.text.lstrip()
    if not start or BULLET.match(start) or first.lead is not None:
        return False
    widths = (max(ln.x1 - ln.x0 for ln in before.lines), max(ln.x1 - ln.x0 for ln in after.lines))
    if min(widths) < COLUMN_MATCH * max(widths):
        return False
    if start[0].islower():
        return len(WORDS.findall(start)) * 2 >= len(start.split())
    indented = len(after.lines) > 1 and first.x0 > after.lines[1].x0 + INDENT * first.size
    return not indented and _prose(start)


def _prose(line: str) -> bool:
    """A line of running prose: PROSE_WORDS words or more, mostly of letters."""
    tokens = line.split()
    return len(tokens) >= PROSE_WORDS and len(WORDS.findall(line)) * 2 >= len(tokens)


def mend_word(joiner: Joiner, before: Text, after: Text) -> tuple[Text, Text] | None:
    """The two blocks' texts with a word broken by a hyphen at the break made whole in `before`
    (the hyphen dropped, or kept for a compound), and `after` starting past it; None when the
    break cuts no word (or the continuing block holds nothing but the word's end)."""
    text, markers = before
    head = text.rstrip()
    rest, later = after
    tail = WORD_TAIL.match(rest)
    if tail is None:
        return None
    mended = joiner.mend(head, rest)
    if mended is None:
        return None
    remainder = rest[tail.end() :].lstrip()
    if not remainder.strip():
        return None
    whole = mended + tail.group()
    cut = len(rest) - len(remainder)
    moved = [replace(m, offset=min(m.offset, len(mended))) for m in markers]
    kept = [replace(m, offset=max(0, m.offset - cut)) for m in later]
    return (whole, moved), (remainder, kept)
