"""What `citex check` shows of a check, headless: the text line, the JSON, the annotation, the diff
highlights and the corrected quotation the TUI's draft screen copies (no click, no Textual)."""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher
from typing import TYPE_CHECKING, Any

from explorer.text import clean_for_terminal

if TYPE_CHECKING:
    from explorer.citation import Style
    from index.checking import Check
    from index.citekeys import DocRef
    from index.corpus import Corpus
    from index.draft import Draft

QUOTE_WIDTH = 60
"""The quote is cut to this many characters in text mode when the terminal's width is unknown."""


def refs_of(corpus: Corpus, password: str | None) -> list[DocRef]:
    """Each document's metadata, for matching citations (a document that cannot be read has none)."""
    from index.citekeys import DocRef
    from source.errors import SourceError
    from source.opening import open_document

    refs = []
    for key, path in corpus.paths.items():
        sha = corpus.ids.get(key, key)
        try:
            meta = open_document(path, password).metadata
            refs.append(DocRef(sha, path, meta.title, meta.author, meta.date))
        except (SourceError, OSError):
            refs.append(DocRef(sha, path))
    return refs


def page_column(c: Check) -> str:
    cited = c.quote.citation.pages if c.quote.citation and c.quote.citation.first else ""
    found = c.hit.page_label if c.hit else ""
    shown = f"p.{cited}" if cited else "no page"
    if c.page_check is None:
        return f"{shown} (not found)"
    if c.page_check == "right":
        return f"{shown} right"
    if c.page_check == "none":
        return f"{shown}: found p.{found}"
    if c.page_check == "unprinted":
        return f"{shown}: p.{found} prints no number"
    also = f" (also {', '.join(c.also)})" if c.also else ""
    return f"{shown} wrong: p.{found}{also}"


def check_line(c: Check, width: int = QUOTE_WIDTH) -> str:
    """The one line of text output for a check: tab-separated fields, each made terminal-safe."""
    flag = " (cited document unmatched)" if c.warnings else ""
    quote = c.quote.text if len(c.quote.text) <= width else c.quote.text[: width - 1].rstrip() + "\u2026"
    fields = (str(c.quote.line), c.verdict, page_column(c) + flag, f"\u201c{quote}\u201d")
    return "\t".join(clean_for_terminal(f) for f in fields)


def check_json(c: Check) -> dict[str, Any]:
    """The JSON of one check (the shape documented in the README)."""
    hit = c.hit
    citation = c.quote.citation
    return {
        "line": c.quote.line,
        "quote": c.quote.text,
        "verdict": c.verdict,
        "score": c.score,
        "source": hit.text if hit else None,
        "document": hit.document if hit else None,
        "page": hit.page if hit else None,
        "page_label": hit.page_label if hit else None,
        "cited": citation.pages if citation and citation.first else None,
        "citation": citation.text if citation else None,
        "cited_document": c.cited_document.path if c.cited_document else None,
        "page_check": c.page_check,
        "also": list(c.also),
        "diff": [{"op": d.op, "quote": d.quote, "source": d.source} for d in c.diff],
        "elided": list(c.elided),
        "punctuation": [{"quote": m.quote, "source": m.source} for m in c.punctuation],
        "warnings": list(c.warnings),
        "notices": list(c.notices),
    }


def comment(c: Check) -> str:
    """The annotation written after a quotation: verdict, page check, differences, the source's words."""
    parts = [f"citex: {c.verdict}; {page_column(c)}"]
    if c.elided:
        parts.append("elided: " + "; ".join(f"\u201c{e}\u201d" if e else "(nothing)" for e in c.elided))
    for m in c.punctuation:
        parts.append(f"punctuation: \u201c{m.quote}\u201d where the source has \u201c{m.source}\u201d")
    for d in c.diff:
        parts.append(f"{d.op}: \u201c{d.quote}\u201d -> \u201c{d.source}\u201d")
    if c.hit is not None:
        parts.append(f"source ({c.hit.document}, p. {c.hit.page_label}): \u201c{c.hit.text}\u201d")
    parts.extend([*c.warnings, *c.notices])
    body = "\n  ".join(p.replace("--", "\u2013") for p in parts)
    return f"<!-- {body} -->"


def annotated(draft: Draft, checks: Sequence[Check]) -> str:
    """The draft's text with each quotation followed by its comment (a blockquote's on the next line)."""
    text = draft.text
    for c in sorted(checks, key=lambda c: c.quote.end, reverse=True):
        at = c.quote.end
        sep_before = (
            "\n" if c.quote.block and not text[:at].endswith("\n") else ("" if c.quote.block else " ")
        )
        sep_after = "\n" if c.quote.block else ""
        text = text[:at] + sep_before + comment(c) + sep_after + text[at:]
    return text


def corrected(c: Check, refs: Sequence[DocRef], style: Style) -> str | None:
    """The quotation as the source prints it (an elided one as the draft elides it, when that is all that
    differs), with its citation at the page where the words are; None for an absent quote."""
    from explorer.citation import format_citation
    from index.pagecheck import split_range
    from source.model import Metadata

    if c.hit is None:
        return None
    ref = next((r for r in refs if r.doc_id == c.hit.doc_id), None)
    metadata = Metadata(ref.title, ref.author, ref.date) if ref is not None else Metadata()
    text = c.quote.text if c.verdict in ("exact", "exact-elided") else " ".join(c.hit.text.split())
    first, last = split_range(c.hit.page_label)
    return format_citation(text, metadata, first, None if last == first else last, style)


def diff_spans(c: Check) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(spans in the quote, spans in the source's text) of the words that differ: replaced, missing or
    added words, and the source's words an ellipsis stands for."""
    from index.checking import ELLIPSIS
    from index.text import words_with_offsets

    if c.hit is None:
        return [], []
    quote = ELLIPSIS.sub(lambda m: " " * len(m.group()), c.quote.text)
    qwords, qspans = words_with_offsets(quote)
    swords, sspans = words_with_offsets(c.hit.text)
    ours: list[tuple[int, int]] = []
    theirs: list[tuple[int, int]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, qwords, swords, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if i2 > i1:
            ours.append((qspans[i1][0], qspans[i2 - 1][1]))
        if j2 > j1:
            theirs.append((sspans[j1][0], sspans[j2 - 1][1]))
    return ours, theirs


def check_file(corpus: Corpus, path: str, password: str | None = None) -> tuple[list[Check], list[DocRef]]:
    """Every quotation of the draft at `path` checked (as `citex check` does), and the documents'
    metadata used for its citations. Raises OSError or ValueError when the draft cannot be read."""
    from index.checking import check_quote
    from index.draft import quotations, read_draft

    quotes = quotations(read_draft(path))
    refs = refs_of(corpus, password)  # for the citations, and for the corrected quotation's
    return [check_quote(corpus, q, refs) for q in quotes], refs
