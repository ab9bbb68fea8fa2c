"""Headless navigation in a Document: sentences, markers in reading order, selections.

The reader widget keeps a cursor (the index of a sentence in `Document.sentences`), a
selection of consecutive sentences from it, and a current marker; this module answers
where the next marker is, which sentence holds a place, and what text a selection quotes.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass

from source.model import Document, Marker, Note
from source.sentences import joint

Place = tuple[int, int, int]
"""(page, block, offset): a position in the body text, ordered as read."""


@dataclass(frozen=True)
class MarkerAt:
    """A marker and where it stands."""

    page: int
    """1-based physical page."""
    block: int
    """Block index on the page."""
    index: int
    """Index of the marker in the block's markers."""
    marker: Marker
    """The marker itself."""

    @property
    def place(self) -> Place:
        """Its position, for ordering."""
        return (self.page, self.block, self.marker.offset)


@dataclass(frozen=True)
class Quote:
    """The verbatim text of a selection and the printed pages it spans."""

    text: str
    """The words as printed."""
    first_label: str
    """Printed label of the page the quote starts on."""
    last_label: str
    """Printed label of the page it ends on (the same when one page)."""


class Navigator:
    """Sentences and markers of one Document, in reading order."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.starts: list[Place] = [(s.page, s.block, s.start) for s in document.sentences]
        self.by_block: dict[tuple[int, int], list[tuple[int, int, int]]] = defaultdict(list)
        """(sentence, start, end) of each part of a sentence in a block: a sentence that runs on
        across a page break has a part in each block it is in."""
        for i, s in enumerate(document.sentences):
            for page, block, start, end in document.sentence_parts(s):
                self.by_block[(page, block)].append((i, start, end))
        self.markers: list[MarkerAt] = [
            MarkerAt(page.index, b, i, m)
            for page in document.pages
            for b, block in enumerate(page.blocks)
            for i, m in enumerate(block.markers)
        ]
        self._marker_places = [m.place for m in self.markers]

    def sentence_at(self, page: int, block: int, offset: int) -> int | None:
        """The sentence holding this place (one ending at it counts, for a marker; so does one running
        on into the block, for its offset 0), else the nearest sentence at or after it; None when the
        document has no sentences."""
        for i, start, end in self.by_block.get((page, block), []):
            s = self.document.sentences[i]
            ran_on = offset == 0 == start and (s.page, s.block) != (page, block)
            if start <= offset < end or (offset == end and start < offset) or ran_on:
                return i
        if not self.starts:
            return None
        i = bisect_left(self.starts, (page, block, offset))
        return min(i, len(self.starts) - 1)

    def first_sentence_of_page(self, page: int) -> int | None:
        """The sentence the page's text starts with (it may have begun on the page before), else the
        first one after it; None when there is none at all."""
        i = bisect_left(self.starts, (page, 0, 0))
        if 0 < i and self.document.sentences[i - 1].end_page >= page:
            return i - 1
        if i >= len(self.starts):
            return None
        return i

    def next_marker(self, after: Place) -> MarkerAt | None:
        """The first marker after `after`, None at the end."""
        i = bisect_right(self._marker_places, after)
        return self.markers[i] if i < len(self.markers) else None

    def previous_marker(self, before: Place) -> MarkerAt | None:
        """The last marker before `before`, None at the start."""
        i = bisect_left(self._marker_places, before)
        return self.markers[i - 1] if i > 0 else None

    def note_of(self, marker: MarkerAt) -> Note | None:
        """The note a marker points to, None when it was not found."""
        n = marker.marker.note
        return self.document.notes[n] if 0 <= n < len(self.document.notes) else None

    def marker_for_note(self, note: int) -> MarkerAt | None:
        """The first marker that points to note number `note` (an index in Document.notes)."""
        for m in self.markers:
            if m.marker.note == note:
                return m
        return None

    def quote(self, first: int, count: int) -> Quote:
        """The verbatim text of `count` whole sentences from sentence `first`: within a block as printed,
        across a page break where the paragraph runs on with a space, between paragraphs a blank line."""
        document = self.document
        sentences = document.sentences
        last = min(len(sentences) - 1, first + max(1, count) - 1)
        text = ""
        for i in range(first, last + 1):
            s = sentences[i]
            if i > first:
                before = sentences[i - 1]
                if (before.end_page, before.end_block) == (s.page, s.block):
                    gap = document.block(s.page, s.block).text[before.end : s.start]
                    text += gap or " "
                elif document.block(s.page, s.block).continues:
                    text += joint(
                        document.block(before.end_page, before.end_block).text,
                        document.block(s.page, s.block).text,
                    )
                else:
                    text += "\n\n"
            text += document.sentence_text(s)
        return Quote(
            text.strip(),
            document.display_label(sentences[first].page),
            document.display_label(sentences[last].end_page),
        )
