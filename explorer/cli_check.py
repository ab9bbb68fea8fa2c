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
from pathlib import Path
from typing import TYPE_CHECKING

import click

from explorer.cli_common import EXIT_NOTHING, EXIT_OK, CliError, json_option, limits_options, nothing_found
from explorer.cli_common import password_option, print_json
from explorer.draftview import QUOTE_WIDTH, annotated, check_json, check_line, refs_of
from explorer.text import clean_for_terminal

if TYPE_CHECKING:
    from index.citekeys import BibEntry
    from index.draft import Draft


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
    refs = (
        refs_of(scope.corpus, password) if any(q.citation and q.citation.names_source for q in quotes) else []
    )
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
