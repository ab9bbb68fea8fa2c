"""read: the whole path from an opened PDF to a Document.

`source.opening` opens the file (and maps every failure to a SourceError); `read` walks its
pages. Nothing here imports the cache.
"""

from __future__ import annotations

import gc
import re
from dataclasses import replace
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
from source.endnotes import MIN_LINKED_SHARE, find_endnotes, without_sections
from source.notes import MIN_LIST_NOTES
from source.errors import NoTextLayerError
from source.escapes import settle, settle_text
from source.limits import Budget
from source.furniture import find_furniture
from source.labels import page_numbers
from source.lines import Line, LineMarker, page_lines
from source.metadata import read_metadata
from source.model import Block, Document, Marker, MarkerRef, Note, OutlineEntry, Page, Sentence
from source.notes import RawNote, collect_notes, is_rule, link_markers, note_area
from source.runs import RunReader
from source.runon import SIZE_TOLERANCE, join_columns, mend_word
from source.sentences import split_run
from source.text import Joiner, vocabulary


GC_THRESHOLD = 50_000
"""While a PDF is read, Python's youngest garbage generation is collected after this many new
objects (its default is 700): a read makes millions of short-lived objects, and the collections
every 700 of them were 5-8% of a cold read's CPU time. Restored when the read ends."""


def read(reader: Any, path: str | Path, sha: str, budget: Budget) -> Document:
    """The Document of a PDF opened by `source.opening.open_reader`, whose bytes hash to `sha`,
    its work counted against `budget` (a LimitError past one of its limits). Raises
    NoTextLayerError for a PDF without text; anything pypdf raises on a damaged file passes
    through (`source.opening` turns it into a SourceError)."""
    threshold = gc.get_threshold()
    gc.set_threshold(max(threshold[0], GC_THRESHOLD), *threshold[1:])
    try:
        return _read(reader, path, sha, budget)
    finally:
        gc.set_threshold(*threshold)


def _read(reader: Any, path: str | Path, sha: str, budget: Budget) -> Document:
    path = Path(path)
    runs = RunReader(budget)
    pages_lines: list[list[Line]] = []
    heights: list[float] = []
    budget.pages(len(reader.pages))
    for index, page in enumerate(reader.pages):
        budget.start_page(index + 1)
        pages_lines.append(page_lines(runs.page_runs(page)))
        heights.append(float(page.mediabox.height))
    budget.start_page(0)  # the rest works on the whole document
    if not any(line.text.strip() for lines in pages_lines for line in lines):
        count = len(pages_lines)
        raise NoTextLayerError(
            f"{path}: no text layer: none of its {count} page{'s' * (count != 1)} holds any text"
            " (if it is scanned, run OCR on it first)"
        )

    furniture, printed = find_furniture(pages_lines, heights)
    numbers = page_numbers(printed, _pagelabels(reader))
    content = [
        [ln for ln in lines if ln not in band and not is_rule(ln)]
        for lines, band in zip(pages_lines, (f.bands() for f in furniture))
    ]
    style = document_style(content)
    raw_notes, bodies = _notes(content, style)
    budget.check_time()
    whole, hyphenated = vocabulary(ln.text for lines in pages_lines for ln in lines)
    joiner = Joiner(whole, hyphenated)

    raw_pages = [join_columns(segment(reading_order(body), style), style) for body in bodies]
    settle_levels([raw for page in raw_pages for raw in page])
    texts = _settle_escapes(_page_texts(raw_pages, joiner))
    budget.check_time()

    pages: list[Page] = []
    outline: list[OutlineEntry] = []
    refs: dict[int, list[MarkerRef]] = {}
    section = ""
    for index, items in enumerate(texts):
        blocks: list[Block] = []
        for raw, text, markers, continues in items:
            if raw.kind == "heading":
                section = text
                outline.append(OutlineEntry(title=text, level=raw.level, page=index + 1, block=len(blocks)))
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
                    refs.setdefault(m.note, []).append(
                        MarkerRef(page=index + 1, block=len(blocks), offset=m.offset)
                    )
            blocks.append(block)
        f = furniture[index]
        pages.append(
            Page(
                index=index + 1,
                label=numbers[index].label,
                inferred=numbers[index].inferred,
                label_source=numbers[index].source,
                blocks=tuple(blocks),
                header=settle_text(" | ".join(ln.text for ln in f.header)),
                footer=settle_text(" | ".join(ln.text for ln in f.footer)),
            )
        )
    sentences = _sentences(pages)
    notes = tuple(
        Note(
            label=raw.label,
            page=raw.page + 1,
            text=settle_text(joiner.join(raw.lines)[0]).strip(),
            markers=tuple(refs.get(i, ())),
            pages=tuple(p + 1 for p in raw.pages),
            kind="endnote" if raw.kind == "endnote" else "footnote",
        )
        for i, raw in enumerate(raw_notes)
    )
    return Document(
        id=sha,
        path=str(path),
        metadata=read_metadata(reader, pages_lines),
        pages=tuple(pages),
        notes=notes,
        outline=tuple(outline),
        sentences=tuple(sentences),
    )


def _notes(content: list[list[Line]], style: Style) -> tuple[list[RawNote], list[list[Line]]]:
    """Footnotes and endnotes, and each page's body lines with the markers linked to them.

    Read again without what the first reading took for notes and no marker answers: a
    notes section few of whose notes are linked is a numbered list under "Notes", and a
    page of several footnotes none of which is linked is a numbered list set small (a
    bibliography); both are body text."""
    sections, _ = find_endnotes(content, style)
    listed: set[int] = set()  # pages whose "notes" are a list
    while True:
        rest = without_sections(content, sections)
        split = [
            # notes in the body's own size only where there are no endnotes to mistake them for
            note_area(lines, style.size, same_size=not sections) if p not in listed else (lines, [])
            for p, lines in enumerate(rest)
        ]
        footnotes, bodies = collect_notes([b for b, _ in split], [a for _, a in split])
        endnotes = [note for section in sections for note in section.notes]
        notes = sorted(footnotes + endnotes, key=lambda n: n.page)  # stable: each kind keeps its order
        bodies = link_markers(bodies, notes)
        linked = {m.note for lines in bodies for line in lines for m in line.markers}
        index = {id(note): i for i, note in enumerate(notes)}
        kept = [
            s
            for s in sections
            if sum(index[id(n)] in linked for n in s.notes) >= len(s.notes) * MIN_LINKED_SHARE
        ]
        unlinked = _unlinked_pages(footnotes, {id(n) for n in notes if index[id(n)] in linked})
        if len(kept) == len(sections) and not unlinked - listed:
            return notes, bodies
        sections = kept
        listed |= unlinked


def _unlinked_pages(footnotes: list[RawNote], linked: set[int]) -> set[int]:
    """Pages with at least MIN_LIST_NOTES footnotes starting on them and none linked."""
    count: dict[int, int] = {}
    answered: set[int] = set()
    for note in footnotes:
        count[note.page] = count.get(note.page, 0) + 1
        if id(note) in linked:
            answered.add(note.page)
    return {page for page, n in count.items() if n >= MIN_LIST_NOTES and page not in answered}


BlockText = tuple[RawBlock, str, list[LineMarker], bool]
"""A block before it is frozen: the raw block, its text, its markers, and whether it continues
the last block of the page before."""


def _page_texts(raw_pages: list[list[RawBlock]], joiner: Joiner) -> list[list[BlockText]]:
    """Each page's blocks with their text, the `continues` flag of a page's first block, and a word
    broken with a hyphen at a page break made whole on the page it starts on (`mend_word`)."""
    texts: list[list[BlockText]] = []
    previous: tuple[int, int] | None = None  # (page, block) of the last block read
    for raws in raw_pages:
        items: list[BlockText] = []
        for raw in raws:
            text, markers = block_text(raw, joiner)
            if not text.strip():
                continue
            continues = False
            if not items and previous is not None:
                p, b = previous
                last_raw, last_text, last_markers, last_continues = texts[p][b]
                continues = _continues(last_raw, last_text, raw)
                if continues and raw.kind == "other":
                    raw = RawBlock(last_raw.kind, raw.lines, raw.level)  # the rest of that paragraph
                if continues and (mended := mend_word(joiner, (last_text, last_markers), (text, markers))):
                    (last_text, last_markers), (text, markers) = mended
                    texts[p][b] = (last_raw, last_text, last_markers, last_continues)
            items.append((raw, text, markers, continues))
        if items:
            previous = (len(texts), len(items) - 1)
        texts.append(items)
    return texts


def _settle_escapes(texts: list[list[BlockText]]) -> list[list[BlockText]]:
    """The blocks with escape sequences split across runs removed whole (`source.escapes`): each
    block is one unit, and so is a paragraph that runs on across page breaks; a block left
    empty is dropped."""
    chains: list[list[tuple[int, int]]] = []
    for p, items in enumerate(texts):
        for b, (_, _, _, continues) in enumerate(items):
            if b == 0 and continues and chains:
                chains[-1].append((p, b))
            else:
                chains.append([(p, b)])
    out = [list(items) for items in texts]
    for chain in chains:
        parts = [(texts[p][b][1], [m.offset for m in texts[p][b][2]]) for p, b in chain]
        for (p, b), (text, offsets) in zip(chain, settle(parts)):
            raw, old, markers, continues = texts[p][b]
            if text == old:
                continue
            shift = len(text) - len(text.lstrip())
            text = text.strip()
            moved = [replace(m, offset=min(max(o - shift, 0), len(text))) for m, o in zip(markers, offsets)]
            out[p][b] = (raw, text, moved, continues)
    return [[item for item in items if item[1]] for items in out]


def _continues(previous: RawBlock, text: str, raw: RawBlock) -> bool:
    """Whether the first block of a page (`raw`) runs on from the last block of the page before
    (`previous`, whose text is `text`). A short block set in the previous block's own smaller size
    (which `segment` calls "other") continues it when that block stops mid-sentence."""
    flowing = ("paragraph", "quote", "list_item")
    if previous.kind not in flowing:
        return False
    first = raw.lines[0]
    if raw.kind == "other":
        return ends_open(text) and abs(first.size - previous.lines[-1].size) <= SIZE_TOLERANCE * first.size
    if raw.kind not in flowing:
        return False
    return ends_open(text) or (first.text[:1].islower() and not re.match(r"^[a-z][.)]\s", first.text))


def _sentences(pages: list[Page]) -> list[Sentence]:
    """Every sentence in reading order; a run of blocks that continue one another is split as one
    text, so a sentence cut by a page break is one Sentence from its first block to its last."""
    sentences: list[Sentence] = []
    run: list[tuple[int, int, str]] = []

    def flush() -> None:
        for first, start, last, end in split_run([text for _, _, text in run]):
            page, block, _ = run[first]
            end_page, end_block, _ = run[last]
            sentences.append(Sentence(page, block, start, end, end_page, end_block))
        run.clear()

    for page in pages:
        for b, block in enumerate(page.blocks):
            if not (b == 0 and block.continues):
                flush()
            run.append((page.index, b, block.text))
    flush()
    return sentences


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
