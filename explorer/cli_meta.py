"""`citex meta`: a document's citation metadata, each value with where it came from; corrections.

    citex meta [PDF]                                 title, author, publisher, date, report number, URL
    citex meta [PDF] --set title="..." --set date=2016-03 [--unset K]   store a correction

A correction is kept for the file (by its sha256) in the data directory (`index.meta`), and
used by every command, citation style and the TUI. Importing this module is cheap.
"""

from __future__ import annotations

import click

from explorer.cli_common import (
    CliError,
    echo_lines,
    json_option,
    limits_options,
    load_document,
    locations,
    password_option,
    pdf_argument,
    print_json,
)
from explorer.metaviews import field_name
from explorer.text import clean_for_terminal
from source.model import META_FIELDS


def _parse_set(values: tuple[str, ...]) -> dict[str, str]:
    result: dict[str, str] = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep:
            raise click.BadParameter(f"{item!r} is not FIELD=VALUE", param_hint="--set")
        result[_field(name, "--set")] = value
    return result


def _field(name: str, hint: str) -> str:
    found = field_name(name)
    if found not in META_FIELDS:
        raise click.BadParameter(f"no field {name!r} (fields: {', '.join(META_FIELDS)})", param_hint=hint)
    return found


@click.command()
@pdf_argument
@click.option(
    "--set", "set_", multiple=True, metavar="FIELD=VALUE", help="Correct a field (an empty value clears it)."
)
@click.option("--unset", multiple=True, metavar="FIELD", help="Forget the correction of a field.")
@password_option
@limits_options
@json_option
def meta(
    pdf: str | None, set_: tuple[str, ...], unset: tuple[str, ...], password: str | None, as_json: bool
) -> None:
    """Show the citation metadata: title, author, publisher, date, report number and URL, each
    with where it came from (info, xmp, cover, imprint, text, user) and whether it is a guess.

    --set FIELD=VALUE stores a correction for this file (kept by its sha256 in the data
    directory, used by every command and style and the TUI); --unset FIELD forgets one.
    """
    from explorer.metaviews import meta_data, meta_lines
    from index.meta import MetadataFileError, correct, effective_metadata

    changes = _parse_set(set_)
    forget = tuple(_field(n, "--unset") for n in unset)
    document = load_document(pdf, password)
    data_dir = locations().data
    if changes or forget:
        try:
            correct(document.id, data_dir, changes, forget)
        except MetadataFileError as exc:
            raise CliError(str(exc)) from None
    if as_json:
        print_json(meta_data(document, data_dir))
        return
    echo_lines(clean_for_terminal(line) for line in meta_lines(effective_metadata(document, data_dir)))
