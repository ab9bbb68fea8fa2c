"""read_pdf: the whole path from a PDF file to a Document."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from source.blocks import (
    RawBlock,
    Style,
    block_text,
    document_style,
    ends_open,
    reading_order,
    segment,
    settle_levels,
)
from source.cache import file_sha256
from source.endnotes import MIN_LINKED_SHARE, find_endnotes, without_sections
from source.errors import NoTextLayerError, SourceError
from source.furniture import find_furniture
from source.labels import page_numbers
from source.lines import Line, page_lines
from source.metadata import read_metadata
from source.model import Block, Document, Marker, MarkerRef, Note, OutlineEntry, Page, Sentence
from source.notes import RawNote, collect_notes, link_markers, note_area
from source.runs import RunReader
from source.sentences import split_sentences
from source.text import Joiner, vocabulary


def read_pdf(path: str | Path, password: str | None = None) -> Document:
    """Read a PDF into a Document. Raises a SourceError (one line) on bad input."""
    from source.opening import open_reader, quiet_pypdf

    quiet_pypdf()
    reader = open_reader(path, password)
    try:
        return _read(reader, Path(path))
    except SourceError:
        raise
    except RecursionError:
        raise SourceError(f"{path} is damaged: its structure nests too deep to read") from None
    except Exception as exc:  # pypdf raises many kinds on damaged files
        raise SourceError(f"{path} could not be read ({type(exc).__name__}: {str(exc)[:120]})") from None


def _read(reader: Any, path: Path) -> Document:
    runs = RunReader()
    pages_lines: list[list[Line]] = []
    heights: list[float] = []
    for page in reader.pages:
        pages_lines.append(page_lines(runs.page_runs(page)))
        heights.append(float(page.mediabox.height))
    if not any(line.text.strip() for lines in pages_lines for line in lines):
        raise NoTextLayerError(f"{path}: no text layer: scanned pages need OCR first")

    furniture, printed = find_furniture(pages_lines, heights)
    numbers = page_numbers(printed, _pagelabels(reader))
    content = [
        [ln for ln in lines if ln not in f.header and ln not in f.footer] for lines, f in zip(pages_lines, furniture)
    ]
    style = document_style(content)
    raw_notes, bodies = _notes(content, style)
    whole, hyphenated = vocabulary(ln.text for lines in pages_lines for ln in lines)
    joiner = Joiner(whole, hyphenated)

    pages: list[Page] = []
    outline: list[OutlineEntry] = []
    sentences: list[Sentence] = []
    refs: dict[int, list[MarkerRef]] = {}
    section = ""
    previous_last: Block | None = None
    raw_pages = [segment(reading_order(body), style) for body in bodies]
    settle_levels([raw for page in raw_pages for raw in page])
    for index, raws in enumerate(raw_pages):
        blocks: list[Block] = []
        for raw in raws:
            text, markers = block_text(raw, joiner)
            if not text.strip():
                continue
            if raw.kind == "heading":
                section = text
                outline.append(OutlineEntry(title=text, level=raw.level, page=index + 1, block=len(blocks)))
            continues = not blocks and _continues(previous_last, raw)
            block = Block(
                kind=raw.kind,  # type: ignore[arg-type]
                text=text,
                level=raw.level,
                markers=tuple(Marker(m.label, m.offset, m.note) for m in markers),
                continues=continues,
                section=section,
            )
            for m in markers:
                if m.note >= 0:
                    refs.setdefault(m.note, []).append(MarkerRef(page=index + 1, block=len(blocks), offset=m.offset))
            for start, end in split_sentences(text):
                sentences.append(Sentence(page=index + 1, block=len(blocks), start=start, end=end))
            blocks.append(block)
        if blocks:
            previous_last = blocks[-1]
        f = furniture[index]
        pages.append(
            Page(
                index=index + 1,
                label=numbers[index].label,
                inferred=numbers[index].inferred,
                label_source=numbers[index].source,
                blocks=tuple(blocks),
                header=" | ".join(ln.text for ln in f.header),
                footer=" | ".join(ln.text for ln in f.footer),
            )
        )
    notes = tuple(
        Note(
            label=raw.label,
            page=raw.page + 1,
            text=joiner.join(raw.lines)[0].strip(),
            markers=tuple(refs.get(i, ())),
            pages=tuple(p + 1 for p in raw.pages),
            kind="endnote" if raw.kind == "endnote" else "footnote",
        )
        for i, raw in enumerate(raw_notes)
    )
    return Document(
        id=file_sha256(path),  # hashed again: the cache compares it to detect a file changed while read
        path=str(path),
        metadata=read_metadata(reader, pages_lines),
        pages=tuple(pages),
        notes=notes,
        outline=tuple(outline),
        sentences=tuple(sentences),
    )


def _notes(content: list[list[Line]], style: Style) -> tuple[list[RawNote], list[list[Line]]]:
    """Footnotes and endnotes, and each page's body lines with the markers linked to them.

    A notes section few of whose notes any marker answers is no endnotes section (a
    numbered list under "Notes"): it is read again as body text."""
    sections, _ = find_endnotes(content, style)
    while True:
        rest = without_sections(content, sections)
        split = [note_area(lines, style.size) for lines in rest]
        footnotes, bodies = collect_notes([b for b, _ in split], [a for _, a in split])
        endnotes = [note for section in sections for note in section.notes]
        notes = sorted(footnotes + endnotes, key=lambda n: n.page)  # stable: each kind keeps its order
        bodies = link_markers(bodies, notes)
        linked = {m.note for lines in bodies for line in lines for m in line.markers}
        index = {id(note): i for i, note in enumerate(notes)}
        kept = [
            s for s in sections
            if sum(index[id(n)] in linked for n in s.notes) >= len(s.notes) * MIN_LINKED_SHARE
        ]
        if len(kept) == len(sections):
            return notes, bodies
        sections = kept


def _continues(previous: Block | None, raw: RawBlock) -> bool:
    """Whether the first block of a page runs on from the last block of the page before."""
    if previous is None or raw.kind not in ("paragraph", "quote", "list_item"):
        return False
    if previous.kind not in ("paragraph", "quote", "list_item"):
        return False
    first = raw.lines[0].text
    return ends_open(previous.text) or (first[:1].islower() and not re.match(r"^[a-z][.)]\s", first))


def _pagelabels(reader: Any) -> list[str] | None:
    """The PDF's /PageLabels for every page, or None when it has none (or a broken tree)."""
    root = reader.trailer.get("/Root")
    root = root.get_object() if root is not None else {}
    if "/PageLabels" not in root:
        return None
    try:
        labels = [str(label) for label in reader.page_labels]
    except Exception:  # a broken number tree: only what is printed counts
        return None
    return labels if len(labels) == len(reader.pages) else None
