"""Build Documents for the index tests without reading a PDF.

`make_document(pages, notes)` takes pages as lists of paragraphs. A paragraph is a string:

- `"# Title"` is a heading (level 1), `"## Title"` level 2;
- `"> text"` is a block quote;
- `"+ text"` continues the last paragraph of the previous page;
- a marker is written `[^12]` right after the character it follows; it points to the
  note labelled "12" in `notes` (a dict label -> text).

Sentences are cut after ".", "!" or "?" (and a closing quote) followed by a space.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Sequence

from source.model import Block, Document, Marker, MarkerRef, Metadata, Note, Page, Sentence

_MARKER = re.compile(r"\[\^([^\]]+)\]")
_SENTENCE_END = re.compile(r"[.!?][\"”’)]?(?=\s+\S)")


def _parse_paragraph(raw: str) -> tuple[str, int, bool, str, list[tuple[str, int]]]:
    """(kind, level, continues, text, markers) of one paragraph in the mini-syntax."""
    kind, level, continues = "paragraph", 0, False
    if raw.startswith("#"):
        hashes = len(raw) - len(raw.lstrip("#"))
        kind, level, raw = "heading", hashes, raw[hashes:].strip()
    elif raw.startswith("> "):
        kind, raw = "quote", raw[2:]
    elif raw.startswith("+ "):
        continues, raw = True, raw[2:]
    markers: list[tuple[str, int]] = []
    parts: list[str] = []
    length = 0
    last = 0
    for m in _MARKER.finditer(raw):
        parts.append(raw[last : m.start()])
        length += m.start() - last
        markers.append((m.group(1), length))
        last = m.end()
    parts.append(raw[last:])
    return kind, level, continues, "".join(parts), markers


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a block's text."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((start, m.end()))
        start = m.end()
        while start < len(text) and text[start].isspace():
            start += 1
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def make_document(
    pages: Sequence[Sequence[str]],
    notes: dict[str, str] | None = None,
    *,
    labels: Sequence[str] | None = None,
    path: str = "synthetic.pdf",
    title: str = "A synthetic report",
) -> Document:
    """A Document from pages of paragraphs (see the module docstring for the syntax)."""
    notes = dict(notes or {})
    note_labels = list(notes)
    note_refs: dict[str, list[MarkerRef]] = {label: [] for label in note_labels}
    note_page: dict[str, int] = {}
    built_pages: list[Page] = []
    sentences: list[Sentence] = []
    section = ""
    for page_index, paragraphs in enumerate(pages, start=1):
        blocks: list[Block] = []
        for raw in paragraphs:
            kind, level, continues, text, raw_markers = _parse_paragraph(raw)
            if kind == "heading":
                section = text
            markers = []
            for label, offset in raw_markers:
                note = note_labels.index(label) if label in notes else -1
                markers.append(Marker(label=label, offset=offset, note=note))
                if label in notes:
                    note_refs[label].append(MarkerRef(page=page_index, block=len(blocks), offset=offset))
                    note_page.setdefault(label, page_index)
            block_index = len(blocks)
            blocks.append(
                Block(
                    kind=kind,
                    text=text,
                    level=level,
                    markers=tuple(markers),
                    continues=continues,  # type: ignore[arg-type]
                    section=section,
                )
            )
            if kind != "heading":
                for start, end in split_sentences(text):
                    sentences.append(Sentence(page=page_index, block=block_index, start=start, end=end))
        label = labels[page_index - 1] if labels else str(page_index)
        built_pages.append(Page(index=page_index, label=label, blocks=tuple(blocks)))
    built_notes = tuple(
        Note(
            label=label,
            page=note_page.get(label, len(built_pages)),
            text=notes[label],
            markers=tuple(note_refs[label]),
            pages=(note_page.get(label, len(built_pages)),),
        )
        for label in note_labels
    )
    digest = hashlib.sha256(repr((pages, notes, labels, path)).encode()).hexdigest()
    return Document(
        id=digest,
        path=path,
        metadata=Metadata(title=title),
        pages=tuple(built_pages),
        notes=built_notes,
        sentences=tuple(sentences),
    )


REPORT_PAGES: list[list[str]] = [
    [
        "# Executive summary",
        "North Korea remains one of the most isolated countries in the world. The leader of the "
        "country, Kim Jong-un, wields absolute power, directing all aspects of government and "
        "exerting substantial control over most spheres of everyday life.[^1]",
        "In February 2014, the United Nations Commission of Inquiry issued a 372-page long report "
        "documenting violations spanning the full range of human rights, many of which amounted to "
        "crimes against humanity.",
    ],
    [
        "## Methodology",
        "Research for this report was carried out through first-hand interviews with academic and legal "
        "experts on North Korea, staff of NGOs working on North Korea and North Koreans who have left "
        "the country. Amnesty International interviewed 18 people who had left the country after 2012. "
        "The authorities monitor calls made on Chinese mobile phones near the border with "
        "sophisticated surveillance equipment",
    ],
    [
        "+ that can detect signals within a few kilometres.[^2] People caught making such calls "
        "are often sent to labour camps or forced to pay large bribes.",
        "> “We were always afraid that someone was listening,” said one woman who left in 2014.",
        "# Restrictions on the freedom of expression",
        "Restrictions to the right to freedom of expression must be provided by law, necessary and "
        "proportionate to achieve legitimate objectives such as protecting national security.[^3] "
        "The authorities use vaguely worded laws to arbitrarily target individuals for exercising "
        "their right to freedom of expression.",
    ],
]
"""Three pages in the style of the bundled report: a sentence crosses the page 2-3 break."""

REPORT_NOTES: dict[str, str] = {
    "1": "Report of the Commission of Inquiry on Human Rights in the DPRK, UN Doc. A/HRC/25/63, "
    "7 February 2014, para. 80.",
    "2": "Interview with a former border guard, Seoul, 12 October 2015. Surveillance vans are "
    "reportedly of German manufacture.",
    "3": "International Covenant on Civil and Political Rights, Article 19(3).",
}


def report_document(path: str = "report.pdf") -> Document:
    """A small report in the style of the bundled one, labelled from page 21."""
    return make_document(REPORT_PAGES, REPORT_NOTES, labels=["21", "22", "23"], path=path)


def write_pdf(
    path: str | os.PathLike[str], pages: Sequence[Sequence[str]], title: str = "A test PDF"
) -> None:
    """A plain PDF (reportlab): each page's paragraphs set in 11pt Helvetica, wrapped at 90 characters."""
    import textwrap

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    canvas.setTitle(title)
    for paragraphs in pages:
        y = 780.0
        for paragraph in paragraphs:
            for line in textwrap.wrap(paragraph, 90):
                canvas.setFont("Helvetica", 11)
                canvas.drawString(60, y, line)
                y -= 15
            y -= 10
        canvas.showPage()
    canvas.save()
