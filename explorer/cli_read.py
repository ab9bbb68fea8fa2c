"""`citex info | pages | text | notes`: what a PDF is and holds, headless; and opening the reader.

    citex info [PDF]            title, author, date, pages, notes, page labels
    citex pages [PDF]           physical page -> printed label
    citex text [PDF]            body text, headings marked, note markers inline
    citex notes [PDF]           footnotes, with the sentences that cite them
    citex [open] [PDF]...       the TUI (`open` is hidden: `citex PDF` runs it)

Importing this module is cheap: pypdf, Whoosh and Textual are imported by the commands
that need them, never at import time.
"""

from __future__ import annotations

import click

from explorer.cli_common import (
    CliError,
    draft_option,
    echo_clean,
    json_option,
    limits_options,
    load_document,
    locations,
    nothing_found,
    password_option,
    pdf_argument,
    print_json,
)
from explorer.text import clean_for_terminal


@click.command("open", hidden=True)
@click.argument("pdfs", nargs=-1, metavar="[PDF]...")
@password_option
@draft_option
@limits_options
@click.pass_context
def open_command(ctx: click.Context, pdfs: tuple[str, ...], password: str | None, draft: str | None) -> None:
    """Open PDFs in the terminal reader."""
    open_tui(list(pdfs), password, draft or ctx.meta.get("citex.draft"))


def open_tui(pdfs: list[str], password: str | None, draft: str | None = None) -> None:
    """Open the TUI on the PDFs given, else the library, else the bundled report (`index.scope`)."""
    from index.scope import choose

    where = locations()
    target = choose(pdfs, where.library, where.bundled)
    if target.kind != "library":
        from source.errors import SourceError
        from source.opening import check_pdf_bytes, read_bytes

        # A cheap look at each file (no parsing: the app reads them, with progress): when none
        # is even a PDF, fail here with one line; otherwise the app lists those it cannot read.
        errors: list[SourceError] = []
        for path in target.paths:
            try:
                check_pdf_bytes(read_bytes(path), path)
            except SourceError as exc:
                errors.append(exc)
        if len(errors) == len(target.paths):
            raise errors[0]
    from explorer import app

    app.run(target, where, password=password, draft=draft)


@click.command()
@pdf_argument
@password_option
@limits_options
@json_option
def info(pdf: str | None, password: str | None, as_json: bool) -> None:
    """Show what a PDF is: title, author, date, pages and their labels, notes.

    Each title, author, date... is followed by where it came from ([info], [xmp], [cover],
    [imprint], [text], [user]) and ", a guess" when it is only one (see `citex meta`).
    """
    from explorer.docviews import info_data
    from index.meta import effective_metadata

    document = load_document(pdf, password)
    metadata = effective_metadata(document, locations().data)
    data = info_data(document, metadata)
    fields = data.pop("metadata")
    if as_json:
        print_json({**data, "metadata": fields})
        return
    width = max(len(k) for k in data)
    for key, value in data.items():
        if value in ("", None):
            continue
        shown = clean_for_terminal(str(value))
        field = fields.get(key)
        if field and field["source"]:
            shown += f"  [{field['source']}{', a guess' if field['guess'] else ''}]"
        click.echo(f"{key.replace('_', ' '):<{width}}  {shown}")


@click.command()
@pdf_argument
@password_option
@limits_options
@json_option
def pages(pdf: str | None, password: str | None, as_json: bool) -> None:
    """List pages: the physical page number and its label, one per line.

    The label is the folio printed on the page (else the PDF's /PageLabels when no page
    prints one); a page that prints no number shows the guess in brackets ("[6]"), or
    "-" when there is none. --json adds the guess and where the label came from.
    """
    from explorer.docviews import pages_data

    data = pages_data(load_document(pdf, password))
    if as_json:
        print_json(data)
        return
    for row in data:
        shown = (
            row["label"] if row["label"] is not None else f"[{row['inferred']}]" if row["inferred"] else "-"
        )
        click.echo(f"{row['page']}\t{clean_for_terminal(shown)}")


@click.command()
@pdf_argument
@click.option(
    "--page",
    "label",
    default=None,
    metavar="LABEL",
    help="The page with this label; #N for physical page N (needed when several pages carry the label).",
)
@click.option(
    "--index", "index", type=int, default=None, metavar="N", help="The N-th physical page (1-based)."
)
@password_option
@limits_options
@json_option
def text(pdf: str | None, label: str | None, index: int | None, password: str | None, as_json: bool) -> None:
    """Print the body text: headings marked with #, note markers inline as [n].

    Without --page or --index, prints every page. Running headers, footers and the
    footnotes themselves are left out (see `citex notes`).
    """
    from explorer.docviews import ambiguous_label, describe_label, page_data, page_text, pages_by_label

    if label is not None and index is not None:
        raise click.UsageError("give --page LABEL or --index N, not both")
    document = load_document(pdf, password)
    if index is not None:
        if not 1 <= index <= len(document.pages):
            raise CliError(
                f"--index {index} is out of range: {document.path} has {len(document.pages)} pages"
            )
        selected = [document.page(index)]
    elif label is not None:
        selected = pages_by_label(document, label)
        if not selected:
            from explorer.docviews import labels_said

            raise nothing_found(
                f"no page is labelled {label!r} ({labels_said(document)}; "
                "use --index N or --page '#N' for a physical page)"
            )
        if len(selected) > 1:
            raise CliError(ambiguous_label(label, selected))
    else:
        selected = list(document.pages)
    if as_json:
        print_json([page_data(p) for p in selected])
        return
    for i, page in enumerate(selected):
        if len(selected) > 1:
            if i:
                click.echo()
            click.echo(clean_for_terminal(f"--- page {page.index} ({describe_label(page)}) ---"))
        body = page_text(page)
        if body:
            echo_clean(body)


@click.command()
@pdf_argument
@click.option("--label", "labels", multiple=True, metavar="LABEL", help="Only the note(s) with this label.")
@password_option
@limits_options
@json_option
def notes(pdf: str | None, labels: tuple[str, ...], password: str | None, as_json: bool) -> None:
    """List footnotes: label, printed page and text; --json adds the sentences that cite each.

    Exit 1 when the document has no notes (or none with the given --label).
    """
    from explorer.docviews import notes_data

    data = notes_data(load_document(pdf, password), labels)
    if as_json:
        print_json(data)
    else:
        for note in data:
            click.echo(clean_for_terminal(f"{note['label']}  p.{note['page_label']}  {note['text']}"))
    if not data:
        raise nothing_found("no notes" + (f" labelled {', '.join(labels)}" if labels else "") + " found")
