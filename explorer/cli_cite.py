"""`citex cite QUOTE [PDF]... --style S [--json]`: a remembered quote -> the source's words, cited.

The quote is found as `citex find` finds it and checked as `citex verify` checks it, in the
scope of `index.scope` (the PDFs given, else the library, else the bundled report). What is
printed is the source's own words, never the quote as typed: words the quote skipped are
shown as an ellipsis (`explorer.elision`); when the quote differs otherwise (a word changed
or added), the source's words are given whole and a line on stderr says so. A quote that is
not in the documents is not cited: one line on stderr, exit 1.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from explorer.cli_common import (
    CliError,
    json_option,
    limits_options,
    load_document,
    locations,
    nothing_found,
    password_option,
    print_json,
)
from explorer.citation import STYLES
from explorer.citeitem import guessed_fields
from explorer.text import clean_for_terminal

if TYPE_CHECKING:
    from index.results import Hit
    from source.model import Document

CITE_STYLES: tuple[str, ...] = (*STYLES, "annotation")
"""Every `--style`: the citation styles of `explorer.citation` and the W3C Web Annotation."""


def pdf_id(path: str, password: str | None) -> tuple[str, ...]:
    """The PDF's /ID fingerprint (two hex strings), or () when it has none or it cannot be read."""
    from source.errors import SourceError
    from source.opening import open_reader

    try:
        ids = open_reader(path, password).trailer.get("/ID")
        return tuple(bytes(getattr(i, "original_bytes", b"") or b"").hex() or str(i) for i in ids or ())
    except (SourceError, OSError, ValueError, TypeError, AttributeError, KeyError):
        return ()


def _pages(document: Document, hit: Hit) -> tuple[str, str]:
    """The printed labels of the first and last page of a hit (a note's own page for a note)."""
    if hit.span is not None:
        return document.display_label(hit.span.page), document.display_label(hit.span.end_page)
    label = document.display_label(hit.page)
    return label, label


def cite_data(quote: str, pdfs: tuple[str, ...], style: str, password: str | None) -> dict[str, Any]:
    """Everything `citex cite` prints; raises NothingFound (exit 1) when the quote is not in the documents."""
    from explorer.citation import Style, cite
    from explorer.citeformats import annotation, located
    from explorer.elision import elide
    from index.scope import choose, open_scope

    where = locations()
    with open_scope(choose(pdfs, where.library, where.bundled), password) as scope:
        for warning in scope.warnings:
            click.echo(f"citex: warning: {clean_for_terminal(warning)}", err=True)
        verification = scope.verify(quote)
    hit = verification.hit
    if verification.verdict == "absent" or hit is None:
        raise nothing_found("not found: the quote is not in the documents, so it is not cited")
    document = load_document(hit.document, password)
    first, last = _pages(document, hit)
    page_label = first if first == last else f"{first}\u2013{last}"
    words = elide(quote, hit.text)
    chosen: Style = "chicago" if style == "annotation" else style  # type: ignore[assignment]
    from index.meta import effective_metadata

    metadata = effective_metadata(document, where.data)
    from explorer.citation import lexicon_for

    cited = cite(words.text, metadata, first, last, chosen, lexicon_for(document, metadata, chosen))
    text = cited.text
    if style == "annotation":
        span = None
        if hit.span is not None:
            s = hit.span
            span = (s.page, s.block, s.start, s.end_page, s.end_block, s.end)
        note = annotation(
            document,
            hit.text,
            located(document, span, hit.note),
            hit.page,
            page_label,
            f"{cited.quote}\u00b9 {cited.citation}",
            pdf_id(hit.document, password),
        )
        import json

        text = json.dumps(note, ensure_ascii=False, indent=2)
    return {
        "quote": words.text,
        "verdict": verification.verdict,
        "score": verification.score,
        "elided": words.elided,
        "source_words_whole": words.whole,
        "document": hit.document,
        "page": hit.page,
        "page_label": page_label,
        "style": style,
        "citation": cited.citation,
        "bibliography": cited.bibliography,
        "text": text,
        "guesses": guessed_fields(metadata),
        "missing": [
            f
            for f in ("title", "author")
            if not getattr(metadata, f) and not (f == "author" and metadata.publisher)
        ],
    }


def guess_warning(guesses: dict[str, str], pdf: str) -> str:
    """One line saying which metadata the citation guessed, and the command that corrects it."""
    listed = ", ".join(f"{f.replace('_', ' ')} \u201c{v[:60]}\u201d" for f, v in guesses.items())
    first = next(iter(guesses))
    return (
        f"citex: warning: this citation uses guessed metadata ({listed}): check it against the "
        f"document, and correct it with `citex meta {pdf} --set {first}=…`"
    )


def missing_warning(missing: list[str], pdf: str) -> str:
    """One line saying the citation has no title (or author) because Citex could not tell it."""
    listed = " or ".join(missing)
    return (
        f"citex: warning: this citation has no {listed}: Citex could not tell it from the PDF; "
        f"set it with `citex meta {pdf} --set {missing[0]}=…`"
    )


@click.command("cite")
@click.argument("quote")
@click.argument("pdfs", nargs=-1, metavar="[PDF]...")
@click.option(
    "--style",
    "-s",
    type=click.Choice(CITE_STYLES),
    default="chicago",
    show_default=True,
    help="The citation style or format.",
)
@password_option
@limits_options
@json_option
def cite_command(quote: str, pdfs: tuple[str, ...], style: str, password: str | None, as_json: bool) -> None:
    """Cite a quote as you remember it: the source's exact words with its citation in STYLE.

    Words your quote skipped are shown as "…"; when it differs otherwise, the source's words
    are given whole (and stderr says so). Exit 1 when the quote is not in the documents.
    """
    if not quote.strip():
        raise CliError('no quote given: pass the words to cite, e.g. citex cite "the words" report.pdf')
    data = cite_data(quote, pdfs, style, password)
    if data["guesses"]:
        click.echo(clean_for_terminal(guess_warning(data["guesses"], data["document"])), err=True)
    if data["missing"]:
        click.echo(clean_for_terminal(missing_warning(data["missing"], data["document"])), err=True)
    if data["source_words_whole"]:
        click.echo(
            "citex: your quote differs from the source "
            f"({data['verdict']}, {data['score']:.0f}/100): the source's own words are cited",
            err=True,
        )
    if as_json:
        print_json(data)
    else:
        click.echo(clean_for_terminal(data["text"], keep_newlines=True))
