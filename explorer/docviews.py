"""Headless views of a Document: the data behind `citex info`, `pages`, `text` and `notes`.

Plain functions from a Document to plain data (dicts, lists, strings), used by the CLI
and free for the TUI to reuse. Nothing here prints or cleans text for the terminal:
the callers do.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from explorer.text import clean_for_terminal
from source.model import Block, Document, MarkerRef, Metadata, Page, Sentence


def labels_said(document: Document) -> str:
    """The printed labels for an error line: "printed labels: i-48", or "no page prints a number"."""
    found = label_range(document)
    return "no page prints a number" if found == "none" else f"printed labels: {found}"


def label_range(document: Document) -> str:
    """The labels of the first and last labelled page, e.g. "i-48" (one label when one page);
    "none" when no page carries a label."""
    labelled = [p.label for p in document.pages if p.label is not None]
    if not labelled:
        return "none"
    first, last = labelled[0], labelled[-1]
    return first if len(labelled) == 1 else f"{first}-{last}"


def info_data(document: Document, metadata: Metadata | None = None) -> dict[str, Any]:
    """What `citex info` shows (`metadata`: the document's with the user's corrections, when given);
    "metadata" gives each citation field with where it came from and whether it is a guess."""
    from explorer.metaviews import fields_data

    meta = metadata or document.metadata
    return {
        "path": document.path,
        "id": document.id,
        "title": meta.title,
        "author": meta.author,
        "date": meta.date,
        "report_number": meta.report_number,
        "publisher": meta.publisher,
        "url": meta.url,
        "producer": meta.producer,
        "pages": len(document.pages),
        "page_labels": label_range(document),
        "notes": len(document.notes),
        "markers": sum(len(b.markers) for p in document.pages for b in p.blocks),
        "sentences": len(document.sentences),
        "chapters": sum(1 for o in document.outline if o.level == 1),
        "metadata": fields_data(meta),
    }


def pages_data(document: Document) -> list[dict[str, Any]]:
    """Each physical page (1-based): its label (None when it prints none), the guess for an
    unnumbered page (None otherwise) and where the label came from."""
    return [
        {"page": p.index, "label": p.label, "inferred": p.inferred, "source": p.label_source}
        for p in document.pages
    ]


def pages_by_label(document: Document, label: str) -> list[Page]:
    """Every page labelled `label` (several when the numbering restarts); "#N" is the
    physical page N, "[6]" a page that prints no number and is guessed as 6."""
    return document.pages_labelled(label)


def describe_label(page: Page) -> str:
    """How a page is numbered, in words: "printed 17", "/PageLabels 3", "unnumbered, guessed 6"."""
    if page.label is not None:
        return f"{'printed' if page.label_source == 'printed' else '/PageLabels'} {page.label}"
    if page.inferred is not None:
        return f"unnumbered, guessed {page.inferred}"
    return "unnumbered"


def ambiguous_label(label: str, pages: list[Page]) -> str:
    """The message for a label that several pages carry: which they are, and how to pick one."""
    where = ", ".join(f"#{p.index}" for p in pages)
    return f"{len(pages)} pages are labelled {label!r} (physical pages {where}): give #N for physical page N"


def text_with_markers(block: Block) -> str:
    """The block's text with each note marker shown inline as [label] at its offset."""
    text = block.text
    for marker in sorted(block.markers, key=lambda m: m.offset, reverse=True):
        at = max(0, min(marker.offset, len(text)))
        text = f"{text[:at]}[{marker.label}]{text[at:]}"
    return text


def block_data(block: Block) -> dict[str, Any]:
    """A block for JSON: kind, level, section, text (terminal-safe), continues and markers.

    The text is cleaned here, and each marker's offset counted in the cleaned text, so
    that offsets still point at the right character once control characters are gone.
    """
    return {
        "kind": block.kind,
        "level": block.level,
        "section": block.section,
        "text": _clean(block.text),
        "continues": block.continues,
        "markers": [
            {"label": m.label, "offset": len(_clean(block.text[: m.offset])), "note": m.note}
            for m in block.markers
        ],
    }


def _clean(text: str) -> str:
    return clean_for_terminal(text, keep_newlines=True, keep_tabs=True)


def page_data(page: Page) -> dict[str, Any]:
    """A page for `citex text --json`."""
    return {
        "page": page.index,
        "label": page.label,
        "inferred": page.inferred,
        "source": page.label_source,
        "blocks": [block_data(b) for b in page.blocks],
    }


def page_text(page: Page) -> str:
    """A page as plain text: headings marked with #, markers inline, a blank line between blocks."""
    parts: list[str] = []
    for block in page.blocks:
        text = text_with_markers(block)
        if block.kind == "heading":
            text = "#" * max(1, block.level) + " " + text
        elif block.kind == "quote":
            text = "> " + text
        elif block.kind == "list_item":
            text = "- " + text
        parts.append(text)
    return "\n\n".join(parts)


class SentenceFinder:
    """Finds the sentence that holds a marker, by page, block and offset (a sentence that runs on
    across a page break is found from either page)."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self._by_block: dict[tuple[int, int], list[tuple[Sentence, int, int]]] = defaultdict(list)
        self._index = {sentence: i for i, sentence in enumerate(document.sentences)}
        for sentence in document.sentences:
            for page, block, start, end in document.sentence_parts(sentence):
                self._by_block[(page, block)].append((sentence, start, end))

    def sentence_at(self, page: int, block: int, offset: int) -> Sentence | None:
        """The sentence the marker follows (start < offset <= end, or offset 0 of a block the sentence
        runs on into: the marker follows the last character before the break), else one that touches it."""
        parts = self._by_block.get((page, block), [])
        for s, start, end in parts:
            if start < offset <= end or (offset == 0 == start and (s.page, s.block) != (page, block)):
                return s
        for s, start, end in parts:
            if start <= offset <= end:
                return s
        return None

    def context(self, ref: MarkerRef) -> str:
        """The whole sentence holding the marker (from the page before or to the page after when it runs
        on across a page break), else its whole block's text ("" if the block is gone)."""
        try:
            block = self.document.block(ref.page, ref.block)
        except IndexError:
            return ""
        sentence = self.sentence_at(ref.page, ref.block, ref.offset)
        if sentence is None:
            return block.text.strip()
        text = self.document.sentence_text(sentence).strip()
        before = self._previous(sentence)
        if before is not None and is_citation_sentence(text):
            text = f"{self.document.sentence_text(before).strip()} {text}"
        return text

    def _previous(self, sentence: Sentence) -> Sentence | None:
        """The sentence before, in the same paragraph."""
        at = self._index.get(sentence)
        if not at:
            return None
        before = self.document.sentences[at - 1]
        same = (before.end_page, before.end_block) == (sentence.page, sentence.block)
        return before if same else None


CITATION_SENTENCE = re.compile(
    r"(?:§|¶|\bId\.|\bIbid\b|\bsupra\b|\s v\.\s|\bat\s\d|\b\d+\s+[A-Z][A-Za-z.\s]{0,20}\d+\b|\(\d{4}\)|^See\b)"
)
"""What a legal citation sentence holds: a section sign, Id., supra, "v.", "at 12", "366 N.C. 323", a year."""
CITATION_WORDS = 12
"""A citation sentence is at most this many words long."""


def is_citation_sentence(text: str) -> bool:
    """A short sentence that only cites ("N.C.G.S. § 14-306.4(b).", "Hest, 366 N.C. at 289."): a
    marker on it notes the claim made in the sentence before."""
    words = text.split()
    lowercase = sum(1 for w in words if w[:1].islower() and len(w) > 3 and w.isalpha())
    return len(words) <= CITATION_WORDS and lowercase <= 2 and bool(CITATION_SENTENCE.search(text))


def notes_data(document: Document, labels: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """Every note (or those with one of `labels`) with its page and the sentences that cite it."""
    from index.sources import cited_json, note_sources

    finder = SentenceFinder(document)
    wanted = {label.strip() for label in labels}
    result: list[dict[str, Any]] = []
    sources = note_sources(document)
    for note, cited in zip(document.notes, sources, strict=True):
        if wanted and note.label not in wanted:
            continue
        result.append(
            {
                "label": note.label,
                "page": note.page,
                "page_label": _label(document, note.page),
                "kind": note.kind,
                "text": note.text,
                "markers": [
                    {
                        "page": ref.page,
                        "page_label": _label(document, ref.page),
                        "context": finder.context(ref),
                    }
                    for ref in note.markers
                ],
                "sources": [cited_json(document, c) for c in cited],
            }
        )
    return result


def _label(document: Document, page: int) -> str:
    if 1 <= page <= len(document.pages):
        return document.display_label(page)
    return str(page)
