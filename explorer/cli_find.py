"""`citex find | verify`: a quote as remembered -> the source's exact words; is a quote in the source.

    citex find QUOTE [PDF]...           a quote as remembered -> the exact words and their page
    citex verify QUOTE [PDF]...         exact, near (with a word diff) or absent
    citex verify --from DRAFT [PDF]...  every quotation of 5+ words in a draft

What they search is the search's (`explorer.cli_search._scope`). Exit codes: find 0 found, 1
nothing; verify 0 exact, 1 otherwise; 2 an error. Importing this module is cheap: index/ is
imported by the commands.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from explorer.cli_common import (
    EXIT_NOTHING,
    EXIT_OK,
    CliError,
    json_option,
    limits_options,
    nothing_found,
    password_option,
    print_json,
)
from explorer.cli_search import (
    MIN_QUOTE_WORDS,
    _color,
    _line,
    _row,
    _scope,
    draft_quotations,
    hit_json,
    limit_option,
    pdfs_argument,
)
from explorer.text import clean_for_terminal

if TYPE_CHECKING:
    from index.verdicts import Verification


def verification_json(v: Verification) -> dict[str, Any]:
    """The JSON of a verification."""
    hit = v.hit
    return {
        "verdict": v.verdict,
        "score": v.score,
        "page": hit.page if hit else None,
        "page_label": hit.page_label if hit else "",
        "source": hit.text if hit else "",
        "diff": [{"op": d.op, "quote": d.quote, "source": d.source} for d in v.diff],
        "notes": list(hit.notes) if hit else [],
        "quote": v.quote,
        "document": hit.document if hit else "",
    }


@click.command()
@click.argument("quote")
@pdfs_argument
@limit_option
@password_option
@limits_options
@json_option
def find(quote: str, pdfs: tuple[str, ...], limit: int, password: str | None, as_json: bool) -> None:
    """Find a quote as you remember it: prints the source's exact words and printed page.

    Tolerates words dropped, added, changed or swapped, curly or straight quotes, dashes and
    line or page breaks. Scores run 0-100 (100: verbatim); see --json.
    """
    hits = _scope(pdfs, password).find(quote, limit)
    if as_json:
        print_json([hit_json(h) for h in hits])
    else:
        color = _color()
        for hit in hits:
            click.echo(_line(hit, clean_for_terminal(hit.text), color))
    if not hits:
        raise nothing_found("nothing found")


@click.command()
@click.argument("args", nargs=-1, metavar="[QUOTE] [PDF]...")
@click.option(
    "--from",
    "draft",
    type=click.Path(dir_okay=False, allow_dash=True),
    default=None,
    metavar="DRAFT",
    help="Check every quotation of 5+ words in this file (- for stdin).",
)
@password_option
@limits_options
@json_option
def verify(args: tuple[str, ...], draft: str | None, password: str | None, as_json: bool) -> int:
    """Is a quote in the source? exact (identical but for typography), near (with a word diff)
    or absent. With --from DRAFT, checks every quotation in a draft, one line each.

    Exit 0 when every quote is exact, 1 otherwise.
    """
    if draft is None:
        if not args:
            raise click.UsageError("give a QUOTE to verify, or --from DRAFT")
        quotes, pdfs = [args[0]], args[1:]
    else:
        quotes, pdfs = _read_draft(draft), args
        if not quotes:
            raise nothing_found(f"no quotation of {MIN_QUOTE_WORDS} words or more in {draft}")
    scope = _scope(pdfs, password)
    results = [scope.verify(q) for q in quotes]
    if as_json:
        print_json(
            verification_json(results[0]) if draft is None else [verification_json(v) for v in results]
        )
    else:
        for v in results:
            label = v.hit.page_label if v.hit else "-"
            click.echo(_row(v.verdict, f"{v.score:.1f}", label, v.quote))
            if draft is None and v.hit is not None and v.verdict != "exact":
                _print_near(v)
    return EXIT_OK if all(v.verdict == "exact" for v in results) else EXIT_NOTHING


def _print_near(v: Verification) -> None:
    assert v.hit is not None
    click.echo(clean_for_terminal(f"  source: {v.hit.document}:{v.hit.page_label}: {v.hit.text}"))
    for d in v.diff:
        what = {
            "replace": f"{d.quote!r} -> {d.source!r}",
            "delete": f"{d.quote!r} not in the source",
            "insert": f"source also has {d.source!r}",
        }[d.op]
        click.echo(clean_for_terminal(f"  {d.op}: {what}"))


def _read_draft(draft: str) -> list[str]:
    try:
        text = sys.stdin.read() if draft == "-" else Path(draft).read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise CliError(f"cannot read {draft}: {exc.strerror or exc}") from None
    return draft_quotations(text)
