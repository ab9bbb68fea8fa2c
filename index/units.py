"""Units: what the index holds for a document, one per sentence of body text and one per note.

A unit is a sentence (or a whole block that has no sentences, such as a heading), in
reading order across pages, or a footnote. Each carries what a result needs without the
Document: its page and printed label, section, kind, text, where it stands in its block,
and the note markers inside it. Units are what Whoosh stores, so that a search needs
neither document.json nor the PDF.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from index.results import HitKind
from source.model import Block, Document

_KINDS: dict[str, HitKind] = {"heading": "heading", "quote": "quote"}


@dataclass(frozen=True, slots=True)
class Unit:
    """A sentence of body text or a footnote, as stored in the index."""

    doc: str
    """The Document's id (sha256 of the PDF)."""
    seq: int
    """Position in the document: body units in reading order, then the notes."""
    page: int
    """1-based physical page (where a note starts, for a note)."""
    label: str
    """That page's `display_label`: its printed label, or "[6]" / "[#3]" for a page that
    prints no number (so the `page:` field matches printed labels only)."""
    section: str
    """Title of the heading the unit is under."""
    kind: HitKind
    """body, quote, heading or note."""
    text: str
    """The text as printed."""
    block: int = -1
    """Index of the block in `Page.blocks` (-1 for a note)."""
    start: int = 0
    """Offset of the text in the block's text."""
    marks: tuple[tuple[int, str], ...] = ()
    """(offset in `text`, label) of every note marker in the unit."""
    note: int = -1
    """For a note: its index in `Document.notes`."""

    @property
    def end(self) -> int:
        """Offset just past the text in the block's text."""
        return self.start + len(self.text)

    @property
    def notes(self) -> tuple[str, ...]:
        """Labels of the notes whose markers fall inside the unit (its own label for a note)."""
        return _unique(label for _, label in self.marks)

    @property
    def flows(self) -> bool:
        """True when a quote may run from this unit into the next (body text, not headings or notes)."""
        return self.kind in ("body", "quote")

    def stored(self) -> dict[str, Any]:
        """The fields written to the index for this unit."""
        notes = self.notes
        return {
            "doc": self.doc,
            "seq": self.seq,
            "pageno": self.page,
            "page": self.label,
            "section": self.section,
            "kind": self.kind,
            "in": "notes" if self.kind == "note" else "body",
            "notes": " ".join(notes),
            "text": self.text,
            "exact": self.text,
            "span": (self.block, self.start),
            "marks": self.marks,
            "note": self.note,
        }

    @classmethod
    def from_stored(cls, fields: dict[str, Any]) -> Unit:
        """The unit for a stored Whoosh document (see `stored`)."""
        block, start = fields["span"]
        return cls(
            doc=fields["doc"],
            seq=fields["seq"],
            page=fields["pageno"],
            label=fields["page"],
            section=fields.get("section", ""),
            kind=fields["kind"],
            text=fields["text"],
            block=block,
            start=start,
            marks=tuple(tuple(m) for m in fields["marks"]),  # type: ignore[misc]
            note=fields["note"],
        )


def _unique(labels: Any) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for label in labels:
        seen.setdefault(label, None)
    return tuple(seen)


def _marker_label(document: Document, block: Block, i: int) -> str:
    marker = block.markers[i]
    if 0 <= marker.note < len(document.notes):
        return document.notes[marker.note].label
    return marker.label


def units_of(document: Document) -> list[Unit]:
    """Every unit of a document: body sentences in reading order, then the notes."""
    spans: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
    for s in document.sentences:
        spans[(s.page, s.block)].append((s.start, s.end))
    units: list[Unit] = []
    for page in document.pages:
        for b, block in enumerate(page.blocks):
            cuts = sorted(spans.get((page.index, b), ())) or _whole(block.text)
            kind = _KINDS.get(block.kind, "body")
            for i, (start, end) in enumerate(cuts):
                upto = cuts[i + 1][0] if i + 1 < len(cuts) else len(block.text)
                marks = tuple(
                    (min(m.offset, end) - start, _marker_label(document, block, k))
                    for k, m in enumerate(block.markers)
                    if start < m.offset <= max(end, upto)
                )
                text = block.text[start:end]
                if not text.strip():
                    continue
                units.append(
                    Unit(document.id, len(units), page.index, page.display_label, block.section, kind, text,
                         block=b, start=start, marks=marks)
                )
    for n, note in enumerate(document.notes):
        section = ""
        if note.markers:
            ref = note.markers[0]
            if 0 < ref.page <= len(document.pages) and 0 <= ref.block < len(document.page(ref.page).blocks):
                section = document.block(ref.page, ref.block).section
        label = document.display_label(note.page) if 0 < note.page <= len(document.pages) else str(note.page)
        units.append(
            Unit(document.id, len(units), note.page, label, section, "note", note.text,
                 marks=((0, note.label),), note=n)
        )
    return units


def _whole(text: str) -> list[tuple[int, int]]:
    """The whole block as one span, without surrounding space."""
    stripped = text.strip()
    if not stripped:
        return []
    start = text.index(stripped[0])
    return [(start, start + len(stripped))]
