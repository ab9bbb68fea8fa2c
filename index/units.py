"""Units: what the index holds for a document, one per sentence of body text and one per note.

A unit is a sentence (or a whole block that has no sentences, such as a heading), in
reading order across pages, or a footnote. Each carries what a result needs without the
Document: its page and printed label, section, kind, text, where it stands in its block,
and the note markers inside it. A sentence that runs on across a page break is one unit:
its whole text, joined as printed, with `breaks` saying where each later block (and page)
starts in it. Units are what Whoosh stores, so that a search needs
neither document.json nor the PDF.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from index.results import HitKind, Span

if TYPE_CHECKING:
    from source.model import Block, Document, Sentence

_KINDS: dict[str, HitKind] = {"heading": "heading", "quote": "quote"}
DOC_KEY_CHARS = 16
"""A unit names its document by this many hex digits of its sha256 (64 bits: among a library's
documents two alike by chance are out of reach), not by the whole 64; a corpus maps keys back."""


def doc_key(sha: str) -> str:
    """The key of a document in an index: the start of its sha256."""
    return sha[:DOC_KEY_CHARS]


@dataclass(frozen=True, slots=True)
class Unit:
    """A sentence of body text or a footnote, as stored in the index."""

    doc: str
    """The Document's key in the index (`doc_key` of its id, the sha256 of the PDF)."""
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
    breaks: tuple[tuple[int, int, int, str], ...] = ()
    """For a sentence that runs on into later blocks (across a page break): (offset in `text`,
    page, block, printed label) where each later block's part starts; it starts at offset 0 of
    that block. Empty for a unit in one block."""
    section_back: int = 0
    """Read back from an index: how many units before this one stands the unit that stores the
    title of their section (0: this one, or no section); see `stored_fields`."""

    @property
    def end_page(self) -> int:
        """1-based physical page of the unit's last character."""
        return self.breaks[-1][1] if self.breaks else self.page

    @property
    def end_label(self) -> str:
        """Printed label of that page."""
        return self.breaks[-1][3] if self.breaks else self.label

    @property
    def end(self) -> int:
        """Offset just past the text in its last block's text."""
        if self.breaks:
            return len(self.text) - self.breaks[-1][0]
        return self.start + len(self.text)

    def place(self, offset: int, closing: bool = False) -> tuple[int, int, int, str]:
        """(page, block, offset in the block, printed label) of an offset in `text`. With `closing`
        (the end of a stretch), an offset at a break, or in the space before it, stays in the earlier part."""
        page, block, base, label = self.page, self.block, -self.start, self.label
        ends = len(self.text)
        for at, p, b, lab in self.breaks:
            if offset > at or (offset == at and not closing):
                page, block, base, label = p, b, at, lab
            else:
                ends = len(self.text[:at].rstrip())
                break
        return page, block, min(offset, ends) - base, label

    def span(self, a: int = 0, b: int | None = None) -> Span:
        """Where the text from offset a to b (default: all of it) stands in the body."""
        page, block, start, _ = self.place(a)
        end_page, end_block, end, _ = self.place(len(self.text) if b is None else b, closing=True)
        return Span(page, block, start, end_page, end_block, end)

    def labels(self, a: int = 0, b: int | None = None) -> tuple[str, str]:
        """Printed labels of the pages where the text from offset a to b starts and ends."""
        return self.place(a)[3], self.place(len(self.text) if b is None else b, closing=True)[3]

    @property
    def notes(self) -> tuple[str, ...]:
        """Labels of the notes whose markers fall inside the unit (its own label for a note)."""
        return _unique(label for _, label in self.marks)

    @property
    def flows(self) -> bool:
        """True when a quote may run from this unit into the next (body text, not headings or notes)."""
        return self.kind in ("body", "quote")

    def stored(self) -> dict[str, Any]:
        """The fields written to the index for this unit (its section is indexed, not stored: see
        `stored_fields`); marks, note and breaks only when the unit has them."""
        fields: dict[str, Any] = {
            "doc": self.doc,
            "seq": self.seq,
            "pageno": self.page,
            "page": self.label,
            "section": self.section,
            "kind": self.kind,
            "in": "notes" if self.kind == "note" else "body",
            "notes": " ".join(self.notes),
            "text": self.text,
            "exact": self.text,
            "span": (self.block, self.start),
        }
        if self.marks:
            fields["marks"] = self.marks
        if self.note != -1:
            fields["note"] = self.note
        if self.breaks:
            fields["breaks"] = self.breaks
        return fields

    @classmethod
    def from_stored(cls, fields: dict[str, Any]) -> Unit:
        """The unit for a stored Whoosh document (see `stored`). Its `section` is the stored title
        (empty on a unit whose title is stored `section_back` units before it)."""
        block, start = fields["span"]
        return cls(
            doc=fields["doc"],
            seq=fields["seq"],
            page=fields["pageno"],
            label=fields["page"],
            section=fields.get("title", ""),
            kind=fields["kind"],
            text=fields["text"],
            block=block,
            start=start,
            marks=tuple(tuple(m) for m in fields.get("marks", ())),
            note=fields.get("note", -1),
            breaks=tuple(tuple(b) for b in fields.get("breaks", ())),
            section_back=fields.get("secback", 0),
        )


def stored_fields(units: Iterable[Unit]) -> Iterator[dict[str, Any]]:
    """The fields written to the index for each of one document's units, in order (`Unit.stored`).

    A section's title is stored once, with the first of the run of units under it ("title"); each
    later unit of the run stores how many units back that one is ("secback"), so that a hit finds
    its section without a copy of the title in every sentence. The units of a document stay
    together and in order in the index (Whoosh merges segments in order), which
    `Corpus.unit_at` checks (same document, the seq that far back) before it trusts the title.
    """
    title, first = "", 0
    for unit in units:
        fields = unit.stored()
        if unit.section and (unit.section != title or unit.seq <= first):
            title, first = unit.section, unit.seq
            fields["title"] = title
        elif unit.section:
            fields["secback"] = unit.seq - first
        yield fields


def label_range(first: str, last: str) -> str:
    """A hit's printed page: "22", or "22-23" when its text runs on to another page."""
    return first if last == first else f"{first}-{last}"


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
    """Every unit of a document: body sentences in reading order (a sentence that runs on across
    a page break once, from the block it starts in), then the notes."""
    from source.model import Sentence  # here: a search needs units, not the model's classes

    starting: dict[tuple[int, int], list[Sentence]] = defaultdict(list)
    for s in document.sentences:
        starting[(s.page, s.block)].append(s)
    following: dict[Sentence, int] = {}
    for s, nxt in zip(document.sentences, document.sentences[1:]):
        if (nxt.page, nxt.block) == (s.end_page, s.end_block):
            following[s] = nxt.start
    covered = {
        (page, block)
        for s in document.sentences
        if s.crosses
        for page, block, _, _ in document.sentence_parts(s)[1:]
    }
    units: list[Unit] = []
    for page in document.pages:
        for b, block in enumerate(page.blocks):
            cuts = sorted(starting.get((page.index, b), ()), key=lambda s: s.start)
            if not cuts:
                if (page.index, b) in covered:
                    continue  # all of it lies in a sentence begun in an earlier block
                cuts = [Sentence(page.index, b, start, end) for start, end in _whole(block.text)]
            kind = _KINDS.get(block.kind, "body")
            for sentence in cuts:
                unit = _sentence_unit(document, sentence, following.get(sentence), kind, len(units))
                if unit is not None:
                    units.append(unit)
    for n, note in enumerate(document.notes):
        section = ""
        if note.markers:
            ref = note.markers[0]
            if 0 < ref.page <= len(document.pages) and 0 <= ref.block < len(document.page(ref.page).blocks):
                section = document.block(ref.page, ref.block).section
        label = document.display_label(note.page) if 0 < note.page <= len(document.pages) else str(note.page)
        units.append(
            Unit(
                doc_key(document.id),
                len(units),
                note.page,
                label,
                section,
                "note",
                note.text,
                marks=((0, note.label),),
                note=n,
            )
        )
    return units


def _sentence_unit(
    document: Document, sentence: Sentence, upto: int | None, kind: HitKind, seq: int
) -> Unit | None:
    """The unit of one sentence: its whole text joined across its blocks, where each later block
    starts in it, and the markers inside it or just after its end (up to `upto`, where the next
    sentence starts in its last block, else that block's end)."""
    from source.sentences import joint

    text = ""
    marks: list[tuple[int, str]] = []
    breaks: list[tuple[int, int, int, str]] = []
    parts = document.sentence_parts(sentence)
    previous = ""
    for k, (page, b, start, end) in enumerate(parts):
        block = document.block(page, b)
        if k:
            text += joint(previous, block.text)
            breaks.append((len(text), page, b, document.display_label(page)))
        base = len(text) - start
        limit = (
            max(end, len(block.text) if upto is None else upto) if k == len(parts) - 1 else len(block.text)
        )
        for i, m in enumerate(block.markers):
            if start < m.offset <= limit or (k and m.offset == 0):
                marks.append((min(m.offset, end) + base, _marker_label(document, block, i)))
        text += block.text[start:end]
        previous = block.text
    if not text.strip():
        return None
    first = document.page(sentence.page)
    section = first.blocks[sentence.block].section
    return Unit(
        doc_key(document.id),
        seq,
        first.index,
        first.display_label,
        section,
        kind,
        text,
        block=sentence.block,
        start=sentence.start,
        marks=tuple(marks),
        breaks=tuple(breaks),
    )


def _whole(text: str) -> list[tuple[int, int]]:
    """The whole block as one span, without surrounding space."""
    stripped = text.strip()
    if not stripped:
        return []
    start = text.index(stripped[0])
    return [(start, start + len(stripped))]
