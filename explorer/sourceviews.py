"""Headless views of the sources a document's notes cite: the data behind `citex sources` and
`citex cites` (and the TUI's sources list). Plain functions from Documents to plain data; the
callers print. The parsing itself is `index.sources`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from explorer.docviews import SentenceFinder
from index.sources import Cited, note_sources
from source.model import Document

FIELDS = ("key", "kind", "author", "title", "date", "date_iso", "symbol", "url", "accessed", "interviewee")
"""The fields of a source as `citex sources --json` gives them."""
QUERY_STOPWORDS = frozenset({"the", "a", "an", "of", "by", "and", "on", "in"})
"""Words of a query that need not name the source ("the UN's General Comment 16")."""
KIND_WORDS: dict[str, tuple[str, ...]] = {
    "un_document": ("UN", "United Nations"),
    "law_or_treaty": ("law", "treaty"),
    "news_article": ("news",),
    "court_case": ("case", "court"),
    "interview": ("interview",),
}
"""Words that name a kind of source, which a query may use: "UN Human Rights Committee General
Comment 16" finds the Committee's comment, a UN document whose citation does not say "UN"."""


@dataclass(frozen=True)
class Citation:
    """One claim citing a source: the note, its marker's page and the sentence carrying the marker."""

    document: Document
    """The document the claim is in."""
    note: int
    """Index of the note in `Document.notes`."""
    cited: Cited
    """The citation in the note (with its own pinpoint)."""
    page: int
    """1-based physical page of the marker (of the note when no marker points to it)."""
    claim: str
    """The whole sentence that carries the marker ("" when no marker points to the note)."""


def citations_of(document: Document) -> list[Citation]:
    """Every (claim, source) pair of a document, in reading order; a note with two markers gives
    two claims, a note with no marker one claim without its sentence."""
    finder = SentenceFinder(document)
    found: list[Citation] = []
    for index, (note, cited) in enumerate(zip(document.notes, note_sources(document), strict=True)):
        refs = note.markers or ()
        for c in cited:
            if c.kind == "cross_reference" or not c.key:
                continue
            if not refs:
                found.append(Citation(document, index, c, note.page, ""))
            for ref in refs:
                found.append(Citation(document, index, c, ref.page, finder.context(ref)))
    return found


def _citation_json(c: Citation, with_path: bool) -> dict[str, Any]:
    row: dict[str, Any] = {
        "note": c.document.notes[c.note].label,
        "page": c.page,
        "page_label": c.document.display_label(c.page),
        "pinpoint": c.cited.pinpoint,
        "claim": c.claim,
    }
    if with_path:
        row["path"] = c.document.path
    return row


def sources_data(documents: list[Document], kind: str | None = None) -> list[dict[str, Any]]:
    """The distinct sources of the documents, most cited first (ties in order of first citation),
    each with its fields (the fullest citation's) and every claim that cites it."""
    with_path = len(documents) > 1
    groups: dict[tuple[str, str], list[Citation]] = {}
    for document in documents:
        for c in citations_of(document):
            groups.setdefault((document.id, c.cited.key), []).append(c)
    rows: list[dict[str, Any]] = []
    for (_, _key), cites in groups.items():
        best = _fullest([c.cited for c in cites])
        if kind and best.kind != kind:
            continue
        row: dict[str, Any] = {name: getattr(best, name) for name in FIELDS}
        row["notes"] = len({c.note for c in cites})
        if with_path:
            row["path"] = cites[0].document.path
        row["citations"] = [_citation_json(c, with_path) for c in cites]
        rows.append(row)
    rows.sort(key=lambda r: -r["notes"])
    return rows


def _fullest(cited: list[Cited]) -> Cited:
    """The citation that says the most: full ones before back-references, then the most fields filled."""
    return max(
        cited, key=lambda c: (c.same_as is None, sum(bool(getattr(c, n)) for n in FIELDS), -cited.index(c))
    )


def cites_data(query: str, documents: list[Document]) -> list[dict[str, Any]]:
    """Every claim citing a source that QUERY's words all name (author, title, symbol, key,
    interviewee or words of its kind, `KIND_WORDS`; case, possessives and punctuation aside), in reading order."""
    words = [re.sub(r"[’']s$", "", w) for w in _words(query)]  # "the Committee's" names the Committee
    words = [w for w in words if w not in QUERY_STOPWORDS] or words
    if not words:
        return []
    with_path = len(documents) > 1
    rows: list[dict[str, Any]] = []
    for document in documents:
        for c in citations_of(document):
            s = c.cited
            haystack = _words(
                " ".join((s.author, s.title, s.symbol, s.key, s.interviewee, *KIND_WORDS.get(s.kind, ())))
            )
            if not all(any(h.startswith(w) for h in haystack) for w in words):
                continue
            row = _citation_json(c, with_path)
            row["source"] = {"key": s.key, "kind": s.kind, "author": s.author, "title": s.title}
            rows.append(row)
    return rows


def _words(text: str) -> list[str]:
    """Words for matching: lower case, symbols kept whole and also split at their slashes."""
    lowered = text.lower()
    words = re.findall(r"[\w’'-]+(?:/[\w.’'-]+)*", lowered)
    return words + [part for w in words if "/" in w for part in w.split("/")]
