"""Headless selection in a Document's body text: words, moves by word, and the verbatim text
between two places (across blocks and page breaks).

A place is (page, block, offset) in reading order (explorer.navigation.Place). A word is a
run of letters and digits (with inner apostrophes and hyphens), or a run of punctuation: so
selecting "mosquito nets" in "‘mosquito nets’" leaves the quotation marks out, as vim's
`w` does. The text between two places is joined as `Navigator.quote` joins sentences: as
printed within a block, by `source.sentences.joint` where a block continues the one
before (a page break inside a paragraph), else by a blank line.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from explorer.navigation import Place, Quote
from index.results import Span
from source.model import Document
from source.sentences import joint

WORD = re.compile(r"\w+(?:[’'\-‐]\w+)*|[^\w\s]+")
"""One word: letters and digits with inner apostrophes or hyphens, or a run of punctuation."""
PARAGRAPH_BREAK = "\n\n"
"""What stands between two paragraphs in copied text."""


@dataclass(frozen=True, order=True)
class Word:
    """One word of a block."""

    page: int
    """1-based physical page."""
    block: int
    """Block index on the page."""
    start: int
    """Offset of its first character in the block's text."""
    end: int
    """Offset just past its last character."""

    @property
    def first(self) -> Place:
        """Where it starts."""
        return (self.page, self.block, self.start)

    @property
    def last(self) -> Place:
        """Just past where it ends."""
        return (self.page, self.block, self.end)


@dataclass(frozen=True)
class Selection:
    """A stretch of body text from one place to another (start before end, in reading order)."""

    start: Place
    """Its first character."""
    end: Place
    """Just past its last character."""

    def in_block(self, page: int, block: int, length: int) -> tuple[int, int] | None:
        """The (start, end) offsets it covers in this block (of `length` characters), None when none."""
        if not self.start[:2] <= (page, block) <= self.end[:2]:
            return None
        start = self.start[2] if self.start[:2] == (page, block) else 0
        end = self.end[2] if self.end[:2] == (page, block) else length
        return (start, end) if end > start else None


def between(a: Word, b: Word) -> Selection:
    """The selection from word `a` to word `b` inclusive, whichever comes first."""
    first, last = (a, b) if a <= b else (b, a)
    return Selection(first.first, last.last)


@lru_cache(maxsize=4096)
def _words(text: str) -> tuple[tuple[int, int], ...]:
    return tuple((m.start(), m.end()) for m in WORD.finditer(text))


class Words:
    """The words of a Document in reading order, and moves between them."""

    def __init__(self, document: Document) -> None:
        self.document = document

    def of_block(self, page: int, block: int) -> list[Word]:
        """Every word of one block."""
        text = self.document.block(page, block).text
        return [Word(page, block, s, e) for s, e in _words(text)]

    def at(self, place: Place) -> Word | None:
        """The word holding `place` (else the next one, else the previous one); None when the text has no word."""
        page, block, offset = place
        words = self.of_block(page, block) if self._exists(page, block) else []
        for w in words:
            if offset < w.end:
                return w
        return self.step(words[-1], 1) or words[-1] if words else self._next_from(page, block)

    def step(self, word: Word, count: int) -> Word | None:
        """The word `count` words after (negative: before) `word`; None past either end."""
        current: Word | None = word
        for _ in range(abs(count)):
            if current is None:
                return None
            current = self._after(current) if count > 0 else self._before(current)
        return current

    def _exists(self, page: int, block: int) -> bool:
        return 1 <= page <= len(self.document.pages) and 0 <= block < len(
            self.document.pages[page - 1].blocks
        )

    def _after(self, word: Word) -> Word | None:
        words = self.of_block(word.page, word.block)
        i = bisect_right([w.start for w in words], word.start)
        if i < len(words):
            return words[i]
        return self._next_from(word.page, word.block)

    def _next_from(self, page: int, block: int) -> Word | None:
        """The first word of the first block with any after (page, block)."""
        page, block = self._block_after(page, block)
        while page <= len(self.document.pages):
            words = self.of_block(page, block)
            if words:
                return words[0]
            page, block = self._block_after(page, block)
        return None

    def _before(self, word: Word) -> Word | None:
        words = self.of_block(word.page, word.block)
        earlier = [w for w in words if w.start < word.start]
        if earlier:
            return earlier[-1]
        page, block = word.page, word.block
        while True:
            found = self._block_before(page, block)
            if found is None:
                return None
            page, block = found
            words = self.of_block(page, block)
            if words:
                return words[-1]

    def _block_after(self, page: int, block: int) -> tuple[int, int]:
        if block + 1 < len(self.document.pages[page - 1].blocks):
            return page, block + 1
        page += 1
        while page <= len(self.document.pages) and not self.document.pages[page - 1].blocks:
            page += 1
        return page, 0

    def _block_before(self, page: int, block: int) -> tuple[int, int] | None:
        if block > 0:
            return page, block - 1
        page -= 1
        while page >= 1 and not self.document.pages[page - 1].blocks:
            page -= 1
        return (page, len(self.document.pages[page - 1].blocks) - 1) if page >= 1 else None


def quote_between(document: Document, selection: Selection) -> Quote:
    """The verbatim text of a selection and the printed pages it starts and ends on."""
    (page, block, start), end = selection.start, selection.end
    text = ""
    previous: str | None = None
    while (page, block) <= end[:2] and page <= len(document.pages):
        blocks = document.pages[page - 1].blocks
        if block < len(blocks):
            whole = blocks[block].text
            if previous is not None:
                text += joint(previous, whole) if blocks[block].continues else PARAGRAPH_BREAK
            stop = end[2] if (page, block) == end[:2] else len(whole)
            text += whole[start:stop]
            previous = whole
        if block + 1 < len(blocks):
            block += 1
        else:
            page, block = page + 1, 0
        start = 0
    return Quote(text.strip(), document.display_label(selection.start[0]), document.display_label(end[0]))


def span_selection(span: Span) -> Selection:
    """The whole stretch of a hit."""
    return Selection((span.page, span.block, span.start), (span.end_page, span.end_block, span.end))


def hit_words(
    document: Document, span: Span, text: str, highlights: tuple[tuple[int, int], ...]
) -> list[Selection]:
    """The matched words of a hit as selections in the body text: `highlights` are offsets in the
    hit's `text`, which is the span's text as printed. When that text is not the span's (the
    document has changed) or there are no highlights (a find or a verify: the whole span matched),
    the whole span."""
    whole = span_selection(span)
    if not highlights:
        return [whole]
    parts: list[tuple[int, int, int, int]] = []  # (page, block, block offset, offset in text)
    joined = ""
    (page, block, start), end = whole.start, whole.end
    previous: str | None = None
    while (page, block) <= end[:2] and page <= len(document.pages):
        blocks = document.pages[page - 1].blocks
        if block < len(blocks):
            piece = blocks[block].text
            if previous is not None:
                joined += joint(previous, piece) if blocks[block].continues else PARAGRAPH_BREAK
            parts.append((page, block, start, len(joined)))
            stop = end[2] if (page, block) == end[:2] else len(piece)
            joined += piece[start:stop]
            previous = piece
        if block + 1 < len(blocks):
            block += 1
        else:
            page, block = page + 1, 0
        start = 0
    if joined.strip() != text.strip():
        return [whole]
    lead = len(joined) - len(joined.lstrip())
    found: list[Selection] = []
    for a, b in highlights:
        a, b = a + lead, b + lead
        found.append(Selection(_place(parts, a), _place(parts, b)))
    return found


def _place(parts: list[tuple[int, int, int, int]], offset: int) -> Place:
    """The body place of an offset in a span's joined text."""
    i = max(0, bisect_right([p[3] for p in parts], offset) - 1)
    page, block, start, at = parts[i]
    return (page, block, start + offset - at)
