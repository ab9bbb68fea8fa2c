"""The document model: what Citex knows about a PDF once it has been read.

Everything here is a frozen dataclass with plain fields so that a Document can be
written to JSON and read back unchanged (see `to_json` and `from_json`). Offsets are
character offsets into `Block.text`; they are computed once, in `source`, and used
as they are by everything downstream.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

PARSER_VERSION = 2
"""Bump whenever the reader's output changes: cached documents of older versions are rebuilt."""

BlockKind = Literal["heading", "paragraph", "quote", "list_item", "caption", "box", "other"]


@dataclass(frozen=True)
class Marker:
    """A footnote reference in the body text."""

    label: str
    """The marker as printed: "12", "*", "†"."""
    offset: int
    """Offset in the block's text just after the character the marker follows."""
    note: int = -1
    """Index of the note in `Document.notes`, or -1 when no note was found for it."""


@dataclass(frozen=True)
class Block:
    """A heading, paragraph or other unit of body text on one page."""

    kind: BlockKind
    """What the block is: heading, paragraph, quote, list_item, caption, box or other."""
    text: str
    """Clean text: ligatures expanded, line-break hyphens joined, spaces normalised."""
    level: int = 0
    """Heading level (1 is a chapter); 0 for blocks that are not headings."""
    markers: tuple[Marker, ...] = ()
    """The note markers in this block, in reading order."""
    continues: bool = False
    """True when this paragraph runs on from the last block of the previous page."""
    section: str = ""
    """Title of the nearest heading above this block (in this page or an earlier one)."""


@dataclass(frozen=True)
class MarkerRef:
    """Where a marker that points to a note stands."""

    page: int
    """1-based physical page of the marker."""
    block: int
    """Index of the block in `Page.blocks`."""
    offset: int
    """Offset of the marker in the block's text."""


@dataclass(frozen=True)
class Note:
    """A footnote: its label, where it starts and its whole text."""

    label: str
    """The note's number or symbol as printed: "12", "*"."""
    page: int
    """1-based physical page where the note starts."""
    text: str
    """The whole text of the note, joined across a page break when it continues."""
    markers: tuple[MarkerRef, ...] = ()
    """The markers in the body text that point to this note."""
    pages: tuple[int, ...] = ()
    """Every physical page the note's text is on (more than one when it continues)."""


@dataclass(frozen=True)
class Sentence:
    """A sentence of body text: the unit of fuzzy search, verification and quoting."""

    page: int
    """1-based physical page."""
    block: int
    """Index of the block in `Page.blocks`."""
    start: int
    """Offset of the first character in the block's text."""
    end: int
    """Offset just past the last character in the block's text."""


@dataclass(frozen=True)
class Page:
    """One physical page."""

    index: int
    """1-based physical page number."""
    label: str
    """The printed page number (/PageLabels, else inferred from headers or footers, else the index)."""
    blocks: tuple[Block, ...] = ()
    """Body text in reading order, without running headers, footers and footnotes."""
    header: str = ""
    """The running header's text, if any."""
    footer: str = ""
    """The running footer's text, if any."""


@dataclass(frozen=True)
class OutlineEntry:
    """A chapter or section heading."""

    title: str
    """The heading's text."""
    level: int
    """1 for chapters, 2 for sections, and so on."""
    page: int
    """1-based physical page of the heading."""
    block: int
    """Index of the heading block in `Page.blocks`."""


@dataclass(frozen=True)
class Metadata:
    """What the document says about itself."""

    title: str = ""
    """The title (from the PDF's information, else the largest text on the first page)."""
    author: str = ""
    """The author or publishing body."""
    date: str = ""
    """The date of publication as printed (for example "March 2016")."""
    report_number: str = ""
    """A report or index number printed in the document, if any."""
    producer: str = ""
    """The program that made the PDF."""


@dataclass(frozen=True)
class Document:
    """A PDF read into pages, blocks, notes and sentences."""

    id: str
    """sha256 of the file's bytes."""
    path: str
    """The path the document was read from."""
    metadata: Metadata = field(default_factory=Metadata)
    """Title, author, date and report number."""
    pages: tuple[Page, ...] = ()
    """Every physical page, in order."""
    notes: tuple[Note, ...] = ()
    """Every footnote, in document order."""
    outline: tuple[OutlineEntry, ...] = ()
    """Chapters and sections, in document order."""
    sentences: tuple[Sentence, ...] = ()
    """Every sentence of body text, in reading order."""
    version: int = PARSER_VERSION
    """The parser version that produced this document."""

    def page(self, index: int) -> Page:
        """The page with this 1-based physical index."""
        return self.pages[index - 1]

    def block(self, page: int, block: int) -> Block:
        """A block by physical page and block index."""
        return self.pages[page - 1].blocks[block]

    def sentence_text(self, sentence: Sentence) -> str:
        """The text of one sentence, verbatim."""
        return self.block(sentence.page, sentence.block).text[sentence.start : sentence.end]

    def label_of(self, page: int) -> str:
        """The printed label of a physical page."""
        return self.pages[page - 1].label

    def to_json(self) -> str:
        """Serialise to JSON (see `from_json`)."""
        return json.dumps(asdict(self), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> Document:
        """Read a Document written by `to_json`; raises ValueError on a bad or stale one."""
        data = json.loads(text)
        if not isinstance(data, dict) or data.get("version") != PARSER_VERSION:
            raise ValueError("document JSON is of another parser version")
        return _document_from_dict(data)


def _document_from_dict(data: dict[str, Any]) -> Document:
    pages = tuple(
        Page(
            index=p["index"],
            label=p["label"],
            header=p["header"],
            footer=p["footer"],
            blocks=tuple(
                Block(
                    kind=b["kind"],
                    text=b["text"],
                    level=b["level"],
                    continues=b["continues"],
                    section=b["section"],
                    markers=tuple(Marker(**m) for m in b["markers"]),
                )
                for b in p["blocks"]
            ),
        )
        for p in data["pages"]
    )
    notes = tuple(
        Note(
            label=n["label"],
            page=n["page"],
            text=n["text"],
            markers=tuple(MarkerRef(**m) for m in n["markers"]),
            pages=tuple(n["pages"]),
        )
        for n in data["notes"]
    )
    return Document(
        id=data["id"],
        path=data["path"],
        metadata=Metadata(**data["metadata"]),
        pages=pages,
        notes=notes,
        outline=tuple(OutlineEntry(**o) for o in data["outline"]),
        sentences=tuple(Sentence(**s) for s in data["sentences"]),
        version=data["version"],
    )
