"""`citex add | list | remove`: the library's PDFs, headless.

    citex add PDF...      add PDFs (or the PDFs under a directory); changed ones are read again
    citex list            the PDFs in the library
    citex remove PDF      take one out (the file itself is not touched)

Exit codes: add 0 done, 2 when a PDF could not be added; list 0, 1 when the library is empty;
2 an error. Importing this module is cheap: index/ is imported by the commands.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from explorer.cli_common import (
    EXIT_ERROR,
    EXIT_OK,
    error_line,
    json_option,
    limits_options,
    locations,
    nothing_found,
    print_json,
)
from explorer.cli_search import _row, _warn

if TYPE_CHECKING:
    from index.library import AddResult, Library


def _library() -> Library:
    from index.library import Library

    return Library(locations().library)


@click.command()
@click.argument("pdfs", nargs=-1, required=True, metavar="PDF...")
@limits_options
def add(pdfs: tuple[str, ...]) -> int:
    """Add PDFs (or the PDFs under a directory) to the library; changed ones are read again."""
    from index.errors import LibraryError

    library = _library()
    try:
        if sys.stderr.isatty():  # a progress bar on a terminal; nothing but results and errors elsewhere
            with click.progressbar(length=1, label="reading", file=sys.stderr, show_pos=True) as bar:

                def progress(done: int, total: int, path: str) -> None:
                    bar.length = max(total, 1)
                    bar.update(done - bar.pos)

                result = library.add(pdfs, progress=progress)
        else:
            result = library.add(pdfs)
    except LibraryError as exc:  # stopped (a full disk, a read-only directory): what it kept, then the error
        if exc.partial is not None:
            _print_added(exc.partial, errors=False)
        raise
    finally:
        _warn(library.warnings)
    _print_added(result)
    return EXIT_ERROR if result.failed else EXIT_OK


def _print_added(result: AddResult, errors: bool = True) -> None:
    for entry in result.added:
        click.echo(_row("added", entry.path, f"{entry.pages} pages"))
    for entry in result.updated:
        click.echo(_row("re-read", entry.path, f"{entry.pages} pages"))
    for entry in result.unchanged:
        click.echo(_row("unchanged", entry.path))
    for _, why in result.failed if errors else ():
        click.echo(error_line(why), err=True)


@click.command("list")
@json_option
def list_command(as_json: bool) -> None:
    """List the PDFs in the library."""
    from index.meta import read_all

    library = _library()
    entries = library.list()
    _warn(library.warnings)
    corrected = read_all(locations().metadata)  # a title set with `citex meta --set` is the title
    titles = {e.sha: corrected.get(e.sha, {}).get("title", e.title) for e in entries}
    if as_json:
        print_json(
            [{"path": e.path, "pages": e.pages, "title": titles[e.sha], "sha256": e.sha} for e in entries]
        )
    else:
        for e in entries:
            click.echo(_row(e.path, e.pages, titles[e.sha]))
    if not entries:
        raise nothing_found("the library is empty (add PDFs with: citex add PDF...)")


@click.command()
@click.argument("pdf", metavar="PDF")
def remove(pdf: str) -> None:
    """Take a PDF out of the library (the file itself is not touched)."""
    library = _library()
    entry = library.remove(pdf)
    _warn(library.warnings)
    click.echo(_row("removed", entry.path))
