"""The `citex` group imports a command's module only when that command runs (`CitexGroup.COMMANDS`).

- COMMANDS says what each command's own help says (its first paragraph: what `citex --help`
  shows), and names the module and attribute that define it;
- `citex --help` is the same text whether the commands are imported or not, at any width;
- running one command imports its module and no other command module.
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from explorer.cli import main
from explorer.cli_common import CitexGroup

ROOT = Path(__file__).resolve().parent.parent
COMMAND_MODULES = sorted({module for module, _, _ in CitexGroup.COMMANDS.values()})


@pytest.mark.parametrize("name", sorted(CitexGroup.COMMANDS))
def test_the_table_says_what_the_command_says(name: str) -> None:
    module, attribute, summary = CitexGroup.COMMANDS[name]
    command = getattr(importlib.import_module(module), attribute)
    assert isinstance(command, click.Command)
    assert command.name == name
    assert command.help is not None
    assert " ".join(command.help.partition("\n\n")[0].split()) == summary
    assert command.hidden == (name in CitexGroup.HIDDEN)
    for limit in (20, 45, 60, 92):
        assert click.Command(name, help=summary).get_short_help_str(limit) == command.get_short_help_str(
            limit
        )


def test_every_command_module_is_in_the_table() -> None:
    """A command defined in an explorer/cli_*.py module that COMMANDS does not name would never run."""
    found = set()
    for path in sorted((ROOT / "explorer").glob("cli*.py")):
        module = importlib.import_module(f"explorer.{path.stem}")
        for value in vars(module).values():
            if isinstance(value, click.Command) and value is not main:
                if getattr(value.callback, "__module__", None) == module.__name__:
                    assert value.name in CitexGroup.COMMANDS, (path.name, value.name)
                    assert CitexGroup.COMMANDS[value.name][0] == module.__name__
                    found.add(value.name)
    assert found == set(CitexGroup.COMMANDS)


def _help_in_fresh_interpreter(width: int, load_all: bool) -> tuple[str, list[str]]:
    """`citex --help` at this terminal width, in a fresh interpreter: its text, and the command modules
    imported (every command loaded first when load_all)."""
    code = (
        "import contextlib, io, json, sys\n"
        "import click\n"
        "from explorer.cli import main\n"
        f"if {load_all!r}:\n"
        "    ctx = click.Context(main)\n"
        "    for name in main.list_commands(ctx):\n"
        "        main.get_command(ctx, name)\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        "    code = main(['--help'], standalone_mode=False)\n"
        "assert code == 0, code\n"
        f"mods = sorted(m for m in sys.modules if m in {COMMAND_MODULES!r})\n"
        "print(json.dumps([out.getvalue(), mods]))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": str(width)}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    text, modules = json.loads(done.stdout.strip().splitlines()[-1])
    return text, modules


@pytest.mark.parametrize("width", [60, 100, 200])
def test_help_is_the_same_with_the_commands_imported_or_not(width: int) -> None:
    lazy, imported = _help_in_fresh_interpreter(width, load_all=False)
    eager, _ = _help_in_fresh_interpreter(width, load_all=True)
    assert imported == []  # `citex --help` imports no command module
    assert lazy == eager
    listed = [line.split()[0] for line in lazy.split("Commands:")[1].splitlines() if line.strip()]
    assert listed == sorted(set(CitexGroup.COMMANDS) - CitexGroup.HIDDEN)


def test_a_search_imports_only_its_own_command_module(tmp_path: Path) -> None:
    report = ROOT / "explorer" / "data" / "connection-denied.pdf"
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "CITEX_CACHE_DIR": str(tmp_path / "cache"),
        "CITEX_DATA_DIR": str(tmp_path / "data"),
    }
    code = (
        "import contextlib, io, json, sys\n"
        "from explorer.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        f"    code = main(['search', 'border', {str(report)!r}], standalone_mode=False)\n"
        "assert code == 0 and 'border' in out.getvalue().lower(), (code, out.getvalue())\n"
        f"print(json.dumps(sorted(m for m in sys.modules if m in {COMMAND_MODULES!r})))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == ["explorer.cli_search"]


def test_an_unknown_command_is_still_an_error_and_a_pdf_still_opens_the_reader(tmp_path: Path) -> None:
    runner = CliRunner()
    env = {"CITEX_CACHE_DIR": str(tmp_path / "cache"), "CITEX_DATA_DIR": str(tmp_path / "data")}
    done = runner.invoke(main, ["serch", "border"], env=env)
    assert done.exit_code == 2
    assert "no such command or file: serch" in done.output
    ctx = click.Context(main)
    assert main.get_command(ctx, "no-such-command") is None
    opener = main.get_command(ctx, "open")
    assert opener is not None and opener.hidden
