"""`citex search`: ranked full-text search of PDFs or the library, headless; what find, verify and the
library commands share (explorer/cli_find.py, explorer/cli_library.py).

    citex search QUERY [PDF]...         ranked full-text search ("phrases", AND/OR/NOT, page:, in:notes)

Given no PDF, a command searches the library, or the bundled report while the library is
empty. Output is grep-like (`path:LABEL: text`, matches highlighted on a terminal) or
--json. Exit codes: 0 found, 1 nothing, 2 an error. Importing this module is cheap: index/
is imported by the commands, and it builds `search` only (each command module is imported
when its command runs: `CitexGroup.COMMANDS`).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import click

from explorer.cli_common import (
    json_option,
    limits_options,
    locations,
    nothing_found,
    password_option,
    print_json,
)
from explorer.text import clean_for_terminal, clean_with_spans, snippet

if TYPE_CHECKING:
    from index.results import Hit
    from index.scope import Scope

MIN_QUOTE_WORDS = 5
"""Quotations in a draft shorter than this are not checked."""
_QUOTED = re.compile(r"\"([^\"]+)\"|\u201c([^\u201d]+)\u201d|\u00ab([^\u00bb]+)\u00bb", re.S)
_BLOCKQUOTE = re.compile(r"(?m)^(?:[ \t]*>[^\n]*(?:\n|$))+")
pdfs_argument = click.argument("pdfs", nargs=-1, metavar="[PDF]...")
limit_option = click.option(
    "--limit",
    "-n",
    type=click.IntRange(min=1),
    default=10,
    show_default=True,
    help="At most this many results.",
)


def _scope(pdfs: Sequence[str], password: str | None) -> Scope:
    """What a command searches (`index.scope`): the PDFs given; else the library; else the bundled report."""
    from index.scope import choose, open_scope

    where = locations()
    scope = open_scope(choose(pdfs, where.library, where.bundled), password)
    _warn(scope.warnings)
    return scope


def _warn(warnings: list[str]) -> None:
    for warning in warnings:
        click.echo(f"citex: warning: {clean_for_terminal(warning)}", err=True)
    warnings.clear()


def _highlight(hit: Hit, color: bool) -> str:
    """A hit's text, cut around its first match, made terminal-safe; matches in red on a terminal."""
    text, spans = snippet(*clean_with_spans(hit.text, hit.highlights))
    if not color:
        return text
    out, at = [], 0
    for start, end in spans:
        out.append(f"{text[at:start]}\x1b[1;31m{text[start:end]}\x1b[0m")
        at = end
    return "".join(out) + text[at:]


def _line(hit: Hit, text: str, color: bool) -> str:
    path, label = clean_for_terminal(hit.document), clean_for_terminal(hit.page_label)
    if color:
        return f"\x1b[35m{path}\x1b[0m:\x1b[32m{label}\x1b[0m: {text}"
    return f"{path}:{label}: {text}"


def hit_json(hit: Hit) -> dict[str, Any]:
    """The JSON of a search or find result; a search hit's "highlights" are [start, end] offsets of the
    matched words in "text" (counted in the text as printed here, control characters removed)."""
    text, spans = clean_with_spans(hit.text, hit.highlights, keep_newlines=True, keep_tabs=True)
    data: dict[str, Any] = {
        "document": hit.document,
        "page": hit.page,
        "page_label": hit.page_label,
        "score": hit.score,
        "text": text,
        "kind": hit.kind,
        "notes": list(hit.notes),
        "section": hit.section,
    }
    if hit.highlights:
        data["highlights"] = [list(span) for span in spans]
    return data


def _row(*fields: object) -> str:
    """Tab-separated fields, each made terminal-safe."""
    return "\t".join(clean_for_terminal(str(f)) for f in fields)


def _color() -> bool:
    return sys.stdout.isatty()


@click.command()
@click.argument("query")
@pdfs_argument
@limit_option
@password_option
@limits_options
@json_option
def search(query: str, pdfs: tuple[str, ...], limit: int, password: str | None, as_json: bool) -> None:
    """Ranked full-text search: words (stemmed, all must match), "exact phrases", AND, OR, NOT,
    prefix*, and the fields page:LABEL, section:WORD, in:notes, in:body.

    Prints `path:PAGE: text` per hit, best first (PAGE is the printed page label).
    """
    result = _scope(pdfs, password).search(query, limit)
    if result.message:
        click.echo(f"citex: {clean_for_terminal(result.message)}", err=True)
    if as_json:  # a ranking the time bound cut short says so in each hit, as on stderr
        cut = {} if result.complete else {"partial_ranking": True}
        print_json([{**hit_json(h), **cut} for h in result.hits])
    else:
        color = _color()
        for hit in result.hits:
            click.echo(_line(hit, _highlight(hit, color), color))
    if not result.hits:
        hint = f"; did you mean: {result.suggestion}" if result.suggestion else ""
        raise nothing_found(f"nothing found for {query}{hint}")


def draft_quotations(text: str) -> list[str]:
    """Quotations of at least MIN_QUOTE_WORDS words in a draft: between quotation marks, or blockquotes."""
    found: list[str] = []
    for block in _BLOCKQUOTE.finditer(text):
        lines = [re.sub(r"^[ \t]*>[ \t]?", "", line) for line in block.group().splitlines()]
        found.append(" ".join(" ".join(lines).split()))
    rest = _BLOCKQUOTE.sub("\n", text)
    for m in _QUOTED.finditer(rest):
        found.append(" ".join(next(g for g in m.groups() if g is not None).split()))
    return [q for q in found if len(re.findall(r"\w+", q)) >= MIN_QUOTE_WORDS]
