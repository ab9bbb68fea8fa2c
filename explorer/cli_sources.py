"""`citex sources | cites`: the sources a document's notes cite, and the claims citing them.

    citex sources [PDF]... [--kind K]   distinct sources, most cited first, with every claim citing each
    citex cites QUERY [PDF]...          every claim citing a source QUERY names (author, title, symbol, key)

Given no PDF, the bundled report. Exit codes: 0 found, 1 nothing, 2 an error. Importing this
module is cheap: index/ (and eyecite, for law reviews) is imported by the commands.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from explorer.cli_common import (
    json_option,
    limits_options,
    load_document,
    nothing_found,
    password_option,
    print_json,
)
from explorer.text import clean_for_terminal
from index.citefields import KINDS

if TYPE_CHECKING:
    from source.model import Document

pdfs_argument = click.argument("pdfs", nargs=-1, metavar="[PDF]...")


def _documents(pdfs: tuple[str, ...], password: str | None) -> list[Document]:
    return [load_document(p, password) for p in pdfs] if pdfs else [load_document(None, password)]


@click.command()
@pdfs_argument
@click.option(
    "--kind",
    type=click.Choice(list(KINDS)),
    default=None,
    help="Only sources of this kind.",
)
@password_option
@limits_options
@json_option
def sources(pdfs: tuple[str, ...], kind: str | None, password: str | None, as_json: bool) -> None:
    """List the distinct sources the notes cite, most cited first, with the notes and pages citing each.

    --json adds every field and each claim (the sentence carrying the note's marker). Exit 1 when
    the notes cite nothing (of that --kind).
    """
    from explorer.sourceviews import sources_data

    data = sources_data(_documents(pdfs, password), kind)
    if as_json:
        print_json(data)
    else:
        for row in data:
            who = ", ".join(x for x in (row["author"], row["title"] or row["symbol"]) if x)
            notes = ", ".join(dict.fromkeys(f"{c['note']} (p. {c['page_label']})" for c in row["citations"]))
            click.echo(
                clean_for_terminal(f"{row['notes']}\t{row['kind']}\t{row['key']}\t{who}\tnotes {notes}")
            )
    if not data:
        raise nothing_found("the notes cite no source" + (f" of kind {kind}" if kind else ""))


@click.command()
@click.argument("query")
@pdfs_argument
@password_option
@limits_options
@json_option
def cites(query: str, pdfs: tuple[str, ...], password: str | None, as_json: bool) -> None:
    """Every claim citing a source that QUERY names (words of its author, title, symbol or key), in reading order.

    Exit 1 when no note cites such a source.
    """
    from explorer.sourceviews import cites_data

    data = cites_data(query, _documents(pdfs, password))
    if as_json:
        print_json(data)
    else:
        for row in data:
            src = row["source"]
            where = f"note {row['note']}, p. {row['page_label']}"
            pin = f" {row['pinpoint']}" if row["pinpoint"] else ""
            click.echo(clean_for_terminal(f"{where}\t[{src['key']}{pin}]\t{row['claim']}"))
    if not data:
        raise nothing_found(f"no note cites a source matching {query!r}")
