"""`citex check DRAFT [PDF]...`: check every quotation of a draft, and the page it cites.

    citex check DRAFT [PDF]... [--bib FILE] [--json] [--annotate OUT.md]

The draft is Markdown, plain text or .docx (`index.draft`); each quotation gets a verdict
(exact, exact-elided, exact-punctuation, near, absent: `index.checking`) and a page check
(right, wrong, none, unprinted) against the PDFs given, else the library, else the bundled
report. Text output is one line per quotation in draft order; --json a list of objects;
--annotate writes a copy of the draft with a comment after each quotation. Exit 0 when every
quotation is exact (any form) with its page right, 1 otherwise, 2 on an error (one line).
Importing this module is cheap: index/ is imported by the command.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from explorer.cli_common import EXIT_NOTHING, EXIT_OK, CliError, json_option, limits_options, nothing_found
from explorer.cli_common import password_option, print_json
from explorer.text import clean_for_terminal

if TYPE_CHECKING:
    from index.checking import Check
    from index.citekeys import BibEntry, DocRef
    from index.draft import Draft
    from index.scope import Scope

QUOTE_WIDTH = 60
"""The quote is cut to this many characters in text mode when the terminal's width is unknown."""


@click.command()
@click.argument("draft", type=click.Path(dir_okay=False, allow_dash=True), metavar="DRAFT")
@click.argument("pdfs", nargs=-1, metavar="[PDF]...")
@click.option(
    "--bib",
    type=click.Path(dir_okay=False),
    default=None,
    metavar="FILE",
    help="CSL-JSON or BibTeX for keys.",
)
@click.option(
    "--annotate",
    type=click.Path(dir_okay=False),
    default=None,
    metavar="OUT.md",
    help="Write an annotated copy.",
)
@password_option
@limits_options
@json_option
def check(
    draft: str,
    pdfs: tuple[str, ...],
    bib: str | None,
    annotate: str | None,
    password: str | None,
    as_json: bool,
) -> int:
    """Check a draft like a fact-checker: each quotation against the source's words, and the page
    its citation gives ([@key, p. 15], (p. 15), (Author 2016, 15), a footnote holding a page).

    One line per quotation: draft line, verdict, cited page -> found page and its check, the quote.
    Exit 0 when every quotation is exact (any form) with its page right, 1 otherwise.
    """
    from index.checking import check_quote
    from index.draft import MIN_QUOTE_WORDS, quotations

    text = _read(draft)
    quotes = quotations(text)
    entries = _bib(bib) if bib else []
    if not quotes:
        raise nothing_found(f"no quotation of {MIN_QUOTE_WORDS} words or more in {draft}")
    from explorer.cli_search import _scope

    scope = _scope(pdfs, password)
    refs = _refs(scope, password) if any(q.citation and q.citation.names_source for q in quotes) else []
    checks = [check_quote(scope.corpus, q, refs, entries) for q in quotes]
    if as_json:
        print_json([check_json(c) for c in checks])
    else:
        width = max(20, shutil.get_terminal_size((QUOTE_WIDTH + 40, 24)).columns - 40)
        for c in checks:
            click.echo(check_line(c, width))
    for c in checks:
        for warning in c.warnings:
            click.echo(clean_for_terminal(f"citex: warning: line {c.quote.line}: {warning}"), err=True)
        for notice in c.notices:
            click.echo(clean_for_terminal(f"citex: note: line {c.quote.line}: {notice}"), err=True)
    if annotate:
        try:
            Path(annotate).write_text(annotated(text, checks), encoding="utf-8")
        except OSError as exc:
            raise CliError(f"cannot write {annotate}: {exc.strerror or exc}") from None
    return EXIT_OK if all(c.ok for c in checks) else EXIT_NOTHING


def _read(draft: str) -> Draft:
    from index.draft import read_draft

    try:
        return read_draft(draft, sys.stdin.read() if draft == "-" else None)
    except OSError as exc:
        raise CliError(f"cannot read {draft}: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise CliError(str(exc)) from None


def _bib(path: str) -> list[BibEntry]:
    from index.citekeys import read_bib

    try:
        return read_bib(path)
    except OSError as exc:
        raise CliError(f"cannot read {path}: {exc.strerror or exc}") from None
    except (ValueError, AttributeError, TypeError) as exc:
        raise CliError(f"cannot read the bibliography {path}: {exc}") from None


def _refs(scope: Scope, password: str | None) -> list[DocRef]:
    """Each document's metadata, for matching citations (a document that cannot be read has none)."""
    from index.citekeys import DocRef
    from source.errors import SourceError
    from source.opening import open_document

    refs = []
    for key, path in scope.corpus.paths.items():
        sha = scope.corpus.ids.get(key, key)
        try:
            meta = open_document(path, password).metadata
            refs.append(DocRef(sha, path, meta.title, meta.author, meta.date))
        except (SourceError, OSError):
            refs.append(DocRef(sha, path))
    return refs


def _page_column(c: Check) -> str:
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
    fields = (str(c.quote.line), c.verdict, _page_column(c) + flag, f"\u201c{quote}\u201d")
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
    parts = [f"citex: {c.verdict}; {_page_column(c)}"]
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
