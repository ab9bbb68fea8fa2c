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

from source.sentences import joint
from source.version import PARSER_VERSION as PARSER_VERSION  # bump it in source/version.py

NoteKind = Literal["footnote", "endnote"]
LabelSource = Literal["pagelabels", "printed", "inferred", "none"]
"""Where a page's number came from: the folio printed on it, the PDF's /PageLabels (in a
document that prints no folio), a guess kept apart in `Page.inferred`, or nothing."""

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
    kind: NoteKind = "footnote"
    """"footnote" (at the foot of a page or column) or "endnote" (in a notes section)."""


@dataclass(frozen=True)
class Sentence:
    """A sentence of body text: the unit of fuzzy search, verification and quoting.

    A sentence may run on from one block into the next one in reading order, when that
    block continues it (`Block.continues`: across a page break): it then starts in block
    `block` of page `page` and ends in block `end_block` of page `end_page`. Any block
    between the two lies wholly inside it. `Document.sentence_text` joins the parts.
    """

    page: int
    """1-based physical page of the first character."""
    block: int
    """Index of the block in `Page.blocks` the first character is in."""
    start: int
    """Offset of the first character in that block's text."""
    end: int
    """Offset just past the last character in the text of the block it ends in (`end_block` on `end_page`)."""
    end_page: int = 0
    """1-based physical page of the last character; 0 when built means `page` (filled in on construction)."""
    end_block: int = -1
    """Index of the block of the last character on `end_page`; -1 when built means `block` (filled in)."""

    def __post_init__(self) -> None:
        if self.end_page <= 0:
            object.__setattr__(self, "end_page", self.page)
        if self.end_block < 0:
            object.__setattr__(self, "end_block", self.block)

    @property
    def crosses(self) -> bool:
        """True when the sentence runs on into a later block (across a page break)."""
        return (self.end_page, self.end_block) != (self.page, self.block)


@dataclass(frozen=True)
class Page:
    """One physical page."""

    index: int
    """1-based physical page number."""
    label: str | None
    """The folio printed on the page ("17", "xii", "A-5"); in a document that prints no
    folio at all, its /PageLabels label (what a PDF viewer shows); None when the page
    prints no number. Never a guess: see `inferred`."""
    blocks: tuple[Block, ...] = ()
    """Body text in reading order, without running headers, footers and footnotes."""
    header: str = ""
    """The running header's text, if any."""
    footer: str = ""
    """The running footer's text, if any."""
    inferred: str | None = None
    """For a page without a label: the number its neighbours or /PageLabels imply (a cover
    before printed page 7 is "6"), kept apart because the page does not print it."""
    label_source: LabelSource = "none"
    """"printed" (the folio on the page; also when /PageLabels agree), "pagelabels" (no
    folio printed anywhere, so /PageLabels), "inferred" (no label; see `inferred`), "none"."""

    @property
    def display_label(self) -> str:
        """The label to show: "17", "[6]" for an unnumbered page with a guess, "[#3]"
        (the physical page) for one with none. Bracketed means "not printed"."""
        if self.label is not None:
            return self.label
        if self.inferred is not None:
            return f"[{self.inferred}]"
        return f"[#{self.index}]"


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


MetaSource = Literal["info", "xmp", "cover", "imprint", "text", "user"]
"""Where a metadata value came from: the PDF's information dictionary, its XMP packet, the
cover (its first page with text), the imprint page ("First published", "©", ISBN...), the
body text of the first pages (never better than a guess), or a user's correction."""

META_FIELDS: tuple[str, ...] = ("title", "author", "publisher", "date", "report_number", "url")
"""The citation metadata a document carries and a user may correct, in display order."""


@dataclass(frozen=True)
class Provenance:
    """Where one metadata value came from, and whether it is only a guess."""

    field: str
    """The Metadata field it is about ("title", "date", ...)."""
    source: MetaSource
    """"info", "xmp", "cover", "imprint", "text" or "user"."""
    guess: bool = False
    """True when the value is only a guess (a heading taken for the title, a date from the text)."""


@dataclass(frozen=True)
class Metadata:
    """What the document says about itself, each value with where it came from (`provenance`)."""

    title: str = ""
    """The title (from Info or XMP when the cover confirms it, else the title the cover prints in its biggest type, a guess)."""
    author: str = ""
    """The author or publishing body."""
    date: str = ""
    """The date of publication as printed (for example "March 2016")."""
    report_number: str = ""
    """A report or index number printed in the document (an Index, a UN symbol, an ISBN), if any."""
    producer: str = ""
    """The program that made the PDF."""
    publisher: str = ""
    """The publishing body when the document names one (imprint "Published by", XMP, a correction)."""
    url: str = ""
    """Where the document is published, when it says so (XMP, "This report is available at ...")."""
    provenance: tuple[Provenance, ...] = ()
    """One entry per field that has a value: its source and whether it is a guess (none: unknown)."""

    def origin(self, name: str) -> Provenance | None:
        """Where the value of field `name` came from (None when it has none, or nobody said)."""
        return next((p for p in self.provenance if p.field == name), None)

    def is_guess(self, name: str) -> bool:
        """True when the value of field `name` is only a guess."""
        found = self.origin(name)
        return found is not None and found.guess


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
        """The text of one sentence, verbatim: its parts joined as printed when it runs on into a
        later block (a space at the break; a word broken there already stands whole in the first part)."""
        text = ""
        previous = ""
        for page, block, start, end in self.sentence_parts(sentence):
            whole = self.block(page, block).text
            if previous:
                text += joint(previous, whole)
            text += whole[start:end]
            previous = whole
        return text

    def sentence_parts(self, sentence: Sentence) -> tuple[tuple[int, int, int, int], ...]:
        """(page, block, start, end) of each block the sentence is in, in reading order."""
        parts: list[tuple[int, int, int, int]] = []
        page, block, start = sentence.page, sentence.block, sentence.start
        last = (sentence.end_page, sentence.end_block)
        while (page, block) < last and page <= len(self.pages):
            parts.append((page, block, start, len(self.block(page, block).text)))
            page, block, start = *self._after(page, block), 0
        parts.append((page, block, start, sentence.end))
        return tuple(parts)

    def _after(self, page: int, block: int) -> tuple[int, int]:
        """The block after (page, block) in reading order (the first block of the next page
        with any); past the end, a page after the last."""
        if block + 1 < len(self.pages[page - 1].blocks):
            return page, block + 1
        page += 1
        while page <= len(self.pages) and not self.pages[page - 1].blocks:
            page += 1
        return page, 0

    def page_range(self, first: int, last: int) -> str:
        """The printed labels of physical pages first to last: "15", or "15–16"."""
        a, b = self.display_label(first), self.display_label(last)
        return a if first == last or a == b else f"{a}–{b}"

    def sentence_pages(self, sentence: Sentence) -> str:
        """The printed page or page range a sentence is on ("15–16" when it crosses a page break)."""
        return self.page_range(sentence.page, sentence.end_page)

    def display_label(self, page: int) -> str:
        """What to show for a physical page: its label, else "[6]" (a guess), else "[#3]"."""
        return self.pages[page - 1].display_label

    def label_of(self, page: int) -> str:
        """The same as `display_label` (kept for older callers): never a bare invented number."""
        return self.display_label(page)

    def pages_labelled(self, label: str) -> list[Page]:
        """Every page whose label is `label` (compared without case or spaces): several when
        the numbering restarts. "#N" is the physical page N; "[6]" a page only guessed as 6."""
        key = "".join(label.split()).lower()
        if key.startswith("#") and key[1:].isdigit():
            index = int(key[1:])
            return [self.pages[index - 1]] if 1 <= index <= len(self.pages) else []
        if key.startswith("[") and key.endswith("]"):
            return [p for p in self.pages if "".join(p.display_label.split()).lower() == key]
        return [p for p in self.pages if p.label is not None and "".join(p.label.split()).lower() == key]

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


def _metadata_from_dict(data: dict[str, Any]) -> Metadata:
    fields = {k: v for k, v in data.items() if k != "provenance"}
    return Metadata(**fields, provenance=tuple(Provenance(**p) for p in data.get("provenance", ())))


def _document_from_dict(data: dict[str, Any]) -> Document:
    pages = tuple(
        Page(
            index=p["index"],
            label=p["label"],
            header=p["header"],
            footer=p["footer"],
            inferred=p["inferred"],
            label_source=p["label_source"],
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
            kind=n["kind"],
        )
        for n in data["notes"]
    )
    return Document(
        id=data["id"],
        path=data["path"],
        metadata=_metadata_from_dict(data["metadata"]),
        pages=pages,
        notes=notes,
        outline=tuple(OutlineEntry(**o) for o in data["outline"]),
        sentences=tuple(Sentence(**s) for s in data["sentences"]),
        version=data["version"],
    )
