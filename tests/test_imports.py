"""Import hygiene: the one-way dependencies of DESIGN.md, and a cheap `citex --help`.

Each check imports in a fresh interpreter and looks at sys.modules:
- `source` (every module in it) imports neither index, explorer, Whoosh nor Textual;
- `index` (every module in it) imports neither explorer nor Textual;
- `import explorer.cli`, and `citex --help`, import neither pypdf, Whoosh, rapidfuzz nor Textual.
"""

from __future__ import annotations

import json
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ["pypdf", "whoosh", "rapidfuzz", "textual"]


def modules_of(package: str) -> list[str]:
    """The package and every module in it (found on disk, so new modules are checked too)."""
    names = [package]
    for info in pkgutil.walk_packages([str(ROOT / package)], prefix=f"{package}."):
        names.append(info.name)
    return sorted(names)


def loaded_after(code: str) -> set[str]:
    """The top-level names in sys.modules after running `code` in a fresh interpreter."""
    script = code + "\nimport sys, json\nprint(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))\n"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", script],
        check=False,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


@pytest.mark.parametrize("module", modules_of("source"))
def test_source_imports_nothing_downstream(module: str) -> None:
    loaded = loaded_after(f"import {module}")
    assert not loaded & {"index", "explorer", "whoosh", "textual", "rapidfuzz"}, module


@pytest.mark.parametrize("module", modules_of("index"))
def test_index_imports_no_explorer_and_no_textual(module: str) -> None:
    loaded = loaded_after(f"import {module}")
    assert not loaded & {"explorer", "textual"}, module


def test_importing_the_cli_is_cheap() -> None:
    loaded = loaded_after("import explorer.cli")
    assert not loaded & set(HEAVY)


def test_citex_help_is_cheap() -> None:
    code = (
        "import contextlib, io\n"
        "from explorer.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        "    code = main(['--help'], standalone_mode=False)\n"
        "assert code == 0, code\n"
        "assert 'Usage' in out.getvalue()\n"
    )
    loaded = loaded_after(code)
    assert not loaded & set(HEAVY)


@pytest.mark.parametrize("command", ["info", "pages", "text", "notes"])
def test_command_help_is_cheap(command: str) -> None:
    code = (
        "import contextlib, io\n"
        "from explorer.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    code = main([{command!r}, '--help'], standalone_mode=False)\n"
        "assert code == 0, code\n"
    )
    assert not loaded_after(code) & set(HEAVY)


def test_locations_and_text_are_headless() -> None:
    loaded = loaded_after("import explorer.locations, explorer.text, explorer.cli_common, explorer.docviews")
    assert not loaded & set(HEAVY)
