"""What every `citex` command shares: options, loading a document, output and errors.

Command modules (explorer/cli.py, explorer/cli_search.py) build on these:

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
from source.opening import DEBUG_ENV

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


def password_option(f: F) -> F:
    """--password for encrypted PDFs."""
    return click.option("--password", default=None, metavar="TEXT", help="Password of an encrypted PDF.")(f)


def limits_options(f: F) -> F:
    """The flags of source.limits (--max-pages, ..., --time-budget); the command runs with them in force."""
    from source.limits import HELP, Limits, current_limits, use_limits

    fields = dataclasses.fields(Limits)

    @functools.wraps(f)
    def run(*args: Any, **kwargs: Any) -> Any:
        given = {field.name: value for field in fields if (value := kwargs.pop(field.name, None)) is not None}
        with use_limits(dataclasses.replace(current_limits(), **given)):
            return f(*args, **kwargs)

    defaults = Limits()
    for field in reversed(fields):
        kind = click.IntRange(min=1) if field.type in ("int", int) else click.FloatRange(min=0, min_open=True)
        default = getattr(defaults, field.name)
        shown = f"{default:,}" if isinstance(default, int) else f"{default:g}"
        run = click.option(
            "--" + field.name.replace("_", "-"),
            field.name,
            type=kind,
            default=None,
            metavar="N",
            help=f"{HELP[field.name]} [default: {shown}; env {'CITEX_' + field.name.upper()}]",
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
    TUI (the hidden `open` command). Commands from optional modules (EXTENSIONS) are
    registered the first time they are needed: each such module defines
    `register(group: click.Group) -> None`.
    """

    EXTENSIONS: tuple[str, ...] = (
        "explorer.cli_search",
        "explorer.cli_check",  # after cli_search: `citex search` does not import the draft checker
        "explorer.cli_sources",
        "explorer.cli_meta",
        "explorer.cli_cite",  # last: it imports the citation styles (explorer.citation) to list them
    )
    _extensions_loaded: int = 0
    """How many of EXTENSIONS are registered (they load in order, each only when a command is not yet found)."""

    def _load_next_extension(self) -> bool:
        """Register the next extension module's commands; False when all are loaded."""
        if self._extensions_loaded >= len(self.EXTENSIONS):
            return False
        import importlib

        name = self.EXTENSIONS[self._extensions_loaded]
        self._extensions_loaded += 1
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                return True
            raise
        register = getattr(module, "register", None)
        if callable(register):
            register(self)
        else:
            for value in vars(module).values():
                if isinstance(value, click.Command) and value.name and value.name not in self.commands:
                    self.add_command(value)
        return True

    def _load_extensions(self) -> None:
        while self._load_next_extension():
            pass

    def list_commands(self, ctx: click.Context) -> list[str]:
        self._load_extensions()
        return super().list_commands(ctx)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        while command is None and self._load_next_extension():  # `citex search` never imports cli_sources
            command = super().get_command(ctx, cmd_name)
        return command

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            opener = super().get_command(ctx, "open")
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
