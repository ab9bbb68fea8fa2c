"""`citex search | find | verify | add | list | remove`: search PDFs or the library, headless.

    citex search QUERY [PDF]...         ranked full-text search ("phrases", AND/OR/NOT, page:, in:notes)
    citex find QUOTE [PDF]...           a quote as remembered -> the exact words and their page
    citex verify QUOTE [PDF]...         exact, near (with a word diff) or absent
    citex verify --from DRAFT [PDF]...  every quotation of 5+ words in a draft
    citex add PDF... | list | remove PDF

Given no PDF, a command searches the library, or the bundled report while the library is
empty. Output is grep-like (`path:LABEL: text`, matches highlighted on a terminal) or
--json. Exit codes: search and find 0 found, 1 nothing; verify 0 exact, 1 otherwise;
2 an error. Importing this module is cheap: index/ is imported by the commands.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from explorer.cli_common import (
    EXIT_ERROR,
    EXIT_NOTHING,
    EXIT_OK,
    CliError,
    error_line,
    json_option,
    locations,
    limits_options,
    nothing_found,
    password_option,
    print_json,
)
from explorer.text import clean_for_terminal, clean_with_spans, snippet

if TYPE_CHECKING:
    from index.library import AddResult, Library
    from index.results import Hit, Verification
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


def _library() -> Library:
    from index.library import Library

    return Library(locations().library)


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


COMMANDS: tuple[click.Command, ...] = (search, find, verify, add, list_command, remove)
"""The commands this module adds to `citex`."""


def register(group: click.Group) -> None:
    """Add the search and library commands to the `citex` group."""
    for command in COMMANDS:
        if command.name not in group.commands:
            group.add_command(command)
