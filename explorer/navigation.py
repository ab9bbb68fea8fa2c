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
        self.by_block: dict[tuple[int, int], list[int]] = defaultdict(list)
        for i, s in enumerate(document.sentences):
            self.by_block[(s.page, s.block)].append(i)
        self.markers: list[MarkerAt] = [
            MarkerAt(page.index, b, i, m)
            for page in document.pages
            for b, block in enumerate(page.blocks)
            for i, m in enumerate(block.markers)
        ]
        self._marker_places = [m.place for m in self.markers]

    def sentence_at(self, page: int, block: int, offset: int) -> int | None:
        """The sentence holding this place (one ending at it counts, for a marker), else the nearest
        sentence at or after it; None when the document has no sentences."""
        for i in self.by_block.get((page, block), []):
            s = self.document.sentences[i]
            if s.start <= offset < s.end or (offset == s.end and s.start < offset):
                return i
        if not self.starts:
            return None
        i = bisect_left(self.starts, (page, block, offset))
        return min(i, len(self.starts) - 1)

    def first_sentence_of_page(self, page: int) -> int | None:
        """The first sentence on a page (or after it), None when there is none at all."""
        i = bisect_left(self.starts, (page, 0, 0))
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
        """The verbatim text of `count` sentences from sentence `first` (joined across blocks)."""
        sentences = self.document.sentences
        last = min(len(sentences) - 1, first + max(1, count) - 1)
        parts: list[str] = []
        i = first
        while i <= last:
            s = sentences[i]
            j = i
            while j + 1 <= last and (sentences[j + 1].page, sentences[j + 1].block) == (s.page, s.block):
                j += 1
            text = self.document.block(s.page, s.block).text[s.start : sentences[j].end]
            if parts:
                block = self.document.block(s.page, s.block)
                parts.append(" " if block.continues else "\n\n")
            parts.append(text.strip())
            i = j + 1
        return Quote(
            "".join(parts),
            self.document.display_label(sentences[first].page),
            self.document.display_label(sentences[last].page),
        )
