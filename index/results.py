"""What a search or a find returns: Hit (with its Span) and SearchResult.

A verification's verdict (Verification, DiffOp) is in index.verdicts, so that a search creates
none of its dataclasses (each frozen dataclass costs about 1% of a warm `citex search`); the
names are still importable from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

HitKind = Literal["body", "quote", "heading", "note"]


@dataclass(frozen=True)
class Span:
    """A stretch of body text: from (page, block, offset) to (page, block, offset)."""

    page: int
    """1-based physical page of the first character."""
    block: int
    """Block index of the first character on that page."""
    start: int
    """Offset of the first character in that block."""
    end_page: int
    """1-based physical page of the last character (differs when the text crosses a page)."""
    end_block: int
    """Block index of the last character on `end_page`."""
    end: int
    """Offset just past the last character in that block."""


@dataclass(frozen=True)
class Hit:
    """One result of `search` or `find`."""

    document: str
    """Path of the PDF."""
    doc_id: str
    """sha256 of the PDF (the Document's id)."""
    page: int
    """1-based physical page where the hit starts."""
    page_label: str
    """Printed page label where the hit starts ("22", or "22-23" across a page break)."""
    score: float
    """0 to 100 for find; the BM25F score for search."""
    text: str
    """The source text as printed (verbatim)."""
    kind: HitKind
    """body, quote, heading or note."""
    notes: tuple[str, ...]
    """Labels of the notes attached to the text."""
    highlights: tuple[tuple[int, int], ...] = ()
    """For search: the (start, end) offsets in `text` of the matched words (the text itself carries no
    markup: a PDF's own "[[" stays as printed)."""
    section: str = ""
    """The heading the text is under."""
    span: Span | None = None
    """Where the text stands in the body (None for notes); note hits carry the note index in `note`."""
    note: int = -1
    """For a hit in a note: its index in `Document.notes`."""


@dataclass(frozen=True)
class SearchResult:
    """What `search` returns: the hits, and how the query was read."""

    hits: tuple[Hit, ...]
    """Best first."""
    message: str = ""
    """A note for the user ("" when there is none): the query was read as plain words, or only part of
    the matches could be ranked in time."""
    suggestion: str = ""
    """When nothing was found: the query with its words spelled as the index knows them ("" if none)."""
    fallback: bool = False
    """True when the query did not parse and its plain words were searched instead."""
    complete: bool = True
    """False when the query matched so much that only the matches reached in time were ranked."""


def __getattr__(name: str) -> Any:
    """Verdict, DiffOp and Verification, from index.verdicts (imported when first asked for)."""
    if name in ("Verdict", "DiffOp", "Verification"):
        import index.verdicts

        return getattr(index.verdicts, name)
    raise AttributeError(f"module 'index.results' has no attribute {name!r}")
