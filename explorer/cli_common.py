"""What every `citex` command shares: options, loading a document, output and errors.

Command modules (explorer/cli_*.py, each imported when one of its commands runs) build on these:

- `pdf_argument`, `password_option`, `json_option`: the usual arguments;
- `limits_options`: the --max-... and --time-budget flags of source.limits, in force while
  the command runs (and in the worker processes it starts);
- `load_document(pdf, password)`: the Document for a path (the bundled report when None),
  through `source.opening.open_document` (the one opener);
- `print_json(data)`, `echo_clean(text)`: output with PDF-derived text made terminal-safe;
- `nothing_found(message)`: exit 1 (0 is done/found, 2 is an error);
- `CitexGroup`: the click group whose errors are exactly one line on stderr,
  "citex: error: <message>", exit 2, never a traceback (set CITEX_DEBUG=1 to see one).

This module imports neither pypdf, Whoosh nor Textual.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from explorer.text import clean_for_terminal, clean_json
from source.errors import DEBUG_ENV

if TYPE_CHECKING:
    from explorer.locations import Locations
    from source.model import Document

EXIT_OK = 0
"""Done, or something found."""
EXIT_NOTHING = 1
"""Nothing found."""
EXIT_ERROR = 2
"""An error: bad input, a bad option, a failure."""
"""Set to 1 to let unexpected exceptions through with their traceback."""

F = TypeVar("F", bound=Callable[..., Any])


class CliError(Exception):
    """An error to report as one line on stderr (exit 2)."""


class NothingFound(Exception):
    """Nothing matched: exit 1, with an optional one-line note on stderr."""


def pdf_argument(f: F) -> F:
    """An optional PDF path argument (default: the bundled report)."""
    return click.argument("pdf", required=False, metavar="[PDF]")(f)


def draft_option(f: F) -> F:
    """--draft DRAFT: the draft whose quotations the reader checks (the `citex` group and `open`)."""
    return click.option(
        "--draft",
        type=click.Path(exists=True, dir_okay=False),
        default=None,
        metavar="DRAFT",
        help="Check this draft's quotations in the reader (see citex check).",
    )(f)


def password_option(f: F) -> F:
    """--password for encrypted PDFs."""
    return click.option("--password", default=None, metavar="TEXT", help="Password of an encrypted PDF.")(f)


def limits_options(f: F) -> F:
    """The flags of source.limits (--max-pages, ..., --time-budget); the command runs with those given
    in force. Built from source.limitflags: a command run with none of them imports neither the
    Limits dataclass nor source.limits (the limits in force are then the environment's, as they
    would be through `use_limits`, here and in worker processes)."""
    from source.limitflags import DEFAULTS, HELP

    names = tuple(HELP)

    @functools.wraps(f)
    def run(*args: Any, **kwargs: Any) -> Any:
        given = {name: value for name in names if (value := kwargs.pop(name, None)) is not None}
        if not given:
            return f(*args, **kwargs)
        from source.limits import current_limits, use_limits

        with use_limits(dataclasses.replace(current_limits(), **given)):
            return f(*args, **kwargs)

    for name in reversed(names):
        default = DEFAULTS[name]
        kind = click.IntRange(min=1) if isinstance(default, int) else click.FloatRange(min=0, min_open=True)
        shown = f"{default:,}" if isinstance(default, int) else f"{default:g}"
        run = click.option(
            "--" + name.replace("_", "-"),
            name,
            type=kind,
            default=None,
            metavar="N",
            help=f"{HELP[name]} [default: {shown}; env {'CITEX_' + name.upper()}]",
        )(run)
    return run  # type: ignore[return-value]


def json_option(f: F) -> F:
    """--json: print results as JSON."""
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")(f)


def locations() -> Locations:
    """Where this run reads and writes: computed once, by the `citex` group, and kept in its click
    context (`ctx.obj`) for the command; computed here when a command runs without the group."""
    from explorer.locations import Locations

    ctx = click.get_current_context(silent=True)
    found = ctx.find_object(Locations) if ctx is not None else None
    return found if found is not None else Locations.here()


def document_path(pdf: str | None) -> str:
    """The path a command reads: the one given, else the bundled report."""
    return pdf or str(locations().bundled)


def load_document(pdf: str | None, password: str | None = None) -> Document:
    """The Document for a PDF path (the bundled report when None), through `source.opening.open_document`
    (the cache, the password rule; any failure is a one-line SourceError)."""
    from source.opening import open_document

    return open_document(document_path(pdf), password=password)


def print_json(data: Any) -> None:
    """Print data as JSON, every string cleaned of control characters."""
    click.echo(json.dumps(clean_json(data), ensure_ascii=False, indent=2))


def echo_clean(text: str, *, keep_newlines: bool = True, err: bool = False) -> None:
    """Print PDF-derived text, made safe for the terminal."""
    click.echo(clean_for_terminal(text, keep_newlines=keep_newlines, keep_tabs=True), err=err)


def echo_lines(lines: Iterable[str]) -> None:
    """Print lines already cleaned."""
    for line in lines:
        click.echo(line)


def nothing_found(message: str = "") -> NothingFound:
    """An exception that ends the command with exit 1 (raise it)."""
    return NothingFound(message)


def error_line(message: str) -> str:
    """The one line printed for an error."""
    text = clean_for_terminal(" ".join(str(message).split()))
    return f"citex: error: {text}"


class CitexGroup(click.Group):
    """A click group whose every error is one line on stderr and exit 2.

    An unknown first argument that is not a command is taken as a PDF to open in the
    TUI (the hidden `open` command). Each command is in COMMANDS, by the module that defines
    it, and is imported when it is asked for (click's lazy group): `citex search` imports
    explorer.cli_search and builds only its options. `citex --help` lists every command with
    the first paragraph of its help as kept in COMMANDS, importing none of them
    (tests/test_cli_lazy.py checks that COMMANDS says what each command's own help says).
    """

    COMMANDS: dict[str, tuple[str, str, str]] = {
        "add": (
            "explorer.cli_library",
            "add",
            "Add PDFs (or the PDFs under a directory) to the library; changed ones are read again.",
        ),
        "check": (
            "explorer.cli_check",
            "check",
            "Check a draft like a fact-checker: each quotation against the source's words, and the page "
            "its citation gives ([@key, p. 15], (p. 15), (Author 2016, 15), a footnote holding a page).",
        ),
        "cite": (
            "explorer.cli_cite",
            "cite_command",
            "Cite a quote as you remember it: the source's exact words with its citation in STYLE.",
        ),
        "cites": (
            "explorer.cli_sources",
            "cites",
            "Every claim citing a source that QUERY names (words of its author, title, symbol or key), "
            "in reading order.",
        ),
        "find": (
            "explorer.cli_find",
            "find",
            "Find a quote as you remember it: prints the source's exact words and printed page.",
        ),
        "info": (
            "explorer.cli_read",
            "info",
            "Show what a PDF is: title, author, date, pages and their labels, notes.",
        ),
        "list": ("explorer.cli_library", "list_command", "List the PDFs in the library."),
        "meta": (
            "explorer.cli_meta",
            "meta",
            "Show the citation metadata: title, author, publisher, date, report number and URL, each with "
            "where it came from (info, xmp, cover, imprint, text, user) and whether it is a guess.",
        ),
        "notes": (
            "explorer.cli_read",
            "notes",
            "List footnotes: label, printed page and text; --json adds the sentences that cite each.",
        ),
        "open": ("explorer.cli_read", "open_command", "Open PDFs in the terminal reader."),
        "pages": (
            "explorer.cli_read",
            "pages",
            "List pages: the physical page number and its label, one per line.",
        ),
        "remove": (
            "explorer.cli_library",
            "remove",
            "Take a PDF out of the library (the file itself is not touched).",
        ),
        "search": (
            "explorer.cli_search",
            "search",
            'Ranked full-text search: words (stemmed, all must match), "exact phrases", AND, OR, NOT, '
            "prefix*, and the fields page:LABEL, section:WORD, in:notes, in:body.",
        ),
        "sources": (
            "explorer.cli_sources",
            "sources",
            "List the distinct sources the notes cite, most cited first, with the notes and pages citing each.",
        ),
        "text": (
            "explorer.cli_read",
            "text",
            "Print the body text: headings marked with #, note markers inline as [n].",
        ),
        "verify": (
            "explorer.cli_find",
            "verify",
            "Is a quote in the source? exact (identical but for typography), near (with a word diff) or "
            "absent. With --from DRAFT, checks every quotation in a draft, one line each.",
        ),
    }
    """Every command: name -> (its module, the click.Command's name in it, the first paragraph of
    its help, shown by `citex --help`)."""
    HIDDEN: frozenset[str] = frozenset({"open"})
    """Commands `citex --help` does not list (`open` runs for `citex PDF`)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *self.COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = self.commands.get(cmd_name)
        if command is None and cmd_name in self.COMMANDS:
            import importlib

            module_name, attribute, _ = self.COMMANDS[cmd_name]
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError as exc:  # an optional module left out of this install
                if exc.name == module_name:
                    return None
                raise
            command = getattr(module, attribute)
            assert isinstance(command, click.Command) and command.name == cmd_name, (cmd_name, command)
            self.add_command(command)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The "Commands" section of `citex --help`, as click writes it, from COMMANDS: a command not
        yet imported is described by a click.Command holding only its name and help."""
        rows: list[tuple[str, click.Command]] = []
        for name in self.list_commands(ctx):
            command = self.commands.get(name)
            if command is None and name in self.COMMANDS and name not in self.HIDDEN:
                command = click.Command(name, help=self.COMMANDS[name][2])
            if command is not None and not command.hidden:
                rows.append((name, command))
        if rows:
            limit = formatter.width - 6 - max(len(name) for name, _ in rows)
            from gettext import gettext  # as click does, for a translation of "Commands"

            with formatter.section(gettext("Commands")):
                formatter.write_dl([(name, command.get_short_help_str(limit)) for name, command in rows])

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            opener = self.get_command(ctx, "open")
            if opener is not None:
                if not _looks_like_path(name):
                    raise click.UsageError(f"no such command or file: {name} (see citex --help)")
                return "open", opener, args
        return super().resolve_command(ctx, args)

    def main(  # type: ignore[override]
        self,
        args: list[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        code = run_guarded(
            lambda: super(CitexGroup, self).main(
                args, prog_name or "citex", complete_var, standalone_mode=False, **extra
            )
        )
        if standalone_mode:
            sys.stdout.flush()
            sys.exit(code)
        return code


def run_guarded(call: Callable[[], Any]) -> int:
    """Run a click main in non-standalone mode; map its outcome to an exit code and one stderr line."""
    from index.errors import CitexIndexError
    from source.errors import SourceError

    try:
        result = call()
    except NothingFound as exc:
        _tell_repairs()
        if str(exc):
            click.echo(f"citex: {clean_for_terminal(str(exc))}", err=True)
        return EXIT_NOTHING
    except (SourceError, CitexIndexError, CliError) as exc:
        _tell_repairs()
        click.echo(error_line(str(exc)), err=True)
        return EXIT_ERROR
    except click.ClickException as exc:
        message = exc.format_message()
        ctx = getattr(exc, "ctx", None)
        if isinstance(exc, click.UsageError) and ctx is not None and "--help" not in message:
            message = f"{message} (see {ctx.command_path} --help)"
        click.echo(error_line(message), err=True)
        return EXIT_ERROR
    except (click.Abort, KeyboardInterrupt, EOFError):
        click.echo(error_line("interrupted"), err=True)
        return EXIT_ERROR
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_NOTHING
    except Exception as exc:  # never a traceback, unless asked for
        if os.environ.get(DEBUG_ENV):
            raise
        click.echo(
            error_line(f"unexpected {type(exc).__name__}: {exc} (set {DEBUG_ENV}=1 for details)"), err=True
        )
        return EXIT_ERROR
    _tell_repairs()
    if isinstance(result, int) and not isinstance(result, bool):
        return result
    return EXIT_OK


def _tell_repairs() -> None:
    """A warning line for each damaged cache entry found and rebuilt while the command ran."""
    from source.cache import take_notices

    for message in take_notices():
        click.echo(f"citex: warning: {clean_for_terminal(message)}", err=True)


def _looks_like_path(name: str) -> bool:
    return name.lower().endswith(".pdf") or os.sep in name or Path(name).exists()


def _silence_stdout() -> None:
    """After a broken pipe (`citex notes | head`), stop Python complaining when it flushes stdout."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
