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


def test_a_warm_search_imports_only_what_it_uses(tmp_path: Path) -> None:
    """A warm `citex search` (its index cached) reads no PDF and loads no module it does not use:
    not pypdf, not the sources commands (and their citation patterns), not Whoosh's urllib,
    asyncio or morphology tables."""
    report = ROOT / "explorer" / "data" / "connection-denied.pdf"
    env = {**os.environ, "CITEX_CACHE_DIR": str(tmp_path / "cache"), "CITEX_DATA_DIR": str(tmp_path / "data")}
    search = (
        "import contextlib, io, sys, json\n"
        "from explorer.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        f"    code = main(['search', 'border', {str(report)!r}], standalone_mode=False)\n"
        "assert code == 0 and 'border' in out.getvalue().lower(), (code, out.getvalue())\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )

    def run() -> set[str]:
        done = subprocess.run(
            [sys.executable, "-c", search], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
        return set(json.loads(done.stdout.strip().splitlines()[-1]))

    cold = run()
    assert "pypdf" in cold  # the first search read the PDF
    warm = run()
    unused = {
        "pypdf",
        "explorer.cli_sources",
        "explorer.cli_check",  # the draft checker (difflib, shutil)
        "index.citefields",
        "index.library",  # the report is not in the (empty) library: its list says so
        "source.model",  # the cache needs PARSER_VERSION (source.version), not the model's dataclasses
        "index.verdicts",  # Verification and DiffOp: a search returns neither
        "source.opening",  # the index is found by the file's key: no PDF is opened, read or hashed
        "source.limits",  # no --max-... flag given: the Limits dataclass is not made (source.limitflags)
        "whoosh.lang.morph_en",
        "whoosh.qparser",  # a query of plain words is built without it (index.query.plain_query)
        "whoosh.support.charset",  # highlights use the index's own analyzer
        "urllib.request",
        "asyncio",
        "html",
        "logging",  # pypdf is quietened when a PDF is opened, and none is
        "textual",
        "rapidfuzz",
    }
    assert not warm & unused, warm & unused


def test_a_warm_search_of_the_bundled_report_reads_no_library_list(tmp_path: Path) -> None:
    """`citex search WORD` with no PDF and no library yet searches the bundled report without
    importing index.libfile or index.library (there is no list to read), nor the opener."""
    env = {**os.environ, "CITEX_CACHE_DIR": str(tmp_path / "cache"), "CITEX_DATA_DIR": str(tmp_path / "data")}
    search = (
        "import contextlib, io, sys, json\n"
        "from explorer.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        "    code = main(['search', 'border'], standalone_mode=False)\n"
        "assert code == 0 and 'connection-denied.pdf' in out.getvalue(), (code, out.getvalue())\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    for _ in range(2):  # the first reads and indexes the report
        done = subprocess.run(
            [sys.executable, "-c", search], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
    warm = set(json.loads(done.stdout.strip().splitlines()[-1]))
    assert not warm & {"index.libfile", "index.library", "source.opening", "pypdf"}, warm


def test_parser_version_has_one_home() -> None:
    """PARSER_VERSION is set in source/version.py only (source.model re-exports it): a bump written
    into model.py again would leave the cache's folders on the old number."""
    import source.model
    import source.version

    assert source.model.PARSER_VERSION is source.version.PARSER_VERSION
    text = (ROOT / "source" / "model.py").read_text(encoding="utf-8")
    assert not [line for line in text.splitlines() if line.replace(" ", "").startswith("PARSER_VERSION=")]


def test_whoosh_stand_ins_still_answer() -> None:
    """The stand-ins `store.import_whoosh` puts in place while Whoosh is imported import the real
    module when used: Variations still expands a word, the HTML highlighter still escapes."""
    code = (
        "import sys\n"
        "from index.store import import_whoosh\n"
        "import_whoosh()\n"
        "assert 'whoosh.lang.morph_en' not in sys.modules\n"
        "from whoosh.query.terms import variations\n"
        "assert {'running', 'runs'} <= set(variations('run')), variations('run')\n"
        "assert 'html' not in sys.modules\n"
        "from whoosh.highlight import htmlescape\n"
        "assert htmlescape('<a & b>', quote=False) == '&lt;a &amp; b&gt;'\n"
    )
    assert "whoosh" in loaded_after(code)


def test_the_citex_script_imports_click_without_platform() -> None:
    """explorer.launch imports click with a stand-in for `platform` (uuid asks it only whether the
    system is AIX or Linux): uuid's answer is the real module's, and the real module is there
    for whoever imports it afterwards."""
    code = (
        "import sys\n"
        "from explorer.launch import _import_click\n"
        "_import_click()\n"
        "assert 'click' in sys.modules and 'platform' not in sys.modules\n"
        "import uuid, platform\n"
        "assert platform.__file__ and callable(platform.python_version)\n"
        "assert (uuid._LINUX, uuid._AIX) == (platform.system() == 'Linux', platform.system() == 'AIX')\n"
    )
    assert "click" in loaded_after(code)


def test_the_citex_script_runs_its_command_with_the_collector_on_and_a_higher_young_threshold() -> None:
    """explorer.launch runs the command with the collector enabled, its youngest generation collected
    every YOUNG_THRESHOLD new objects (the older generations' thresholds as they were), and garbage
    made in cycles during the command is still collected."""
    code = (
        "import gc, json, sys, weakref\n"
        "import explorer.cli\n"
        "from explorer import launch\n"
        "before = gc.get_threshold()\n"
        "seen = {}\n"
        "class Node:\n"
        "    pass\n"
        "def command():\n"
        "    seen['enabled'], seen['threshold'] = gc.isenabled(), gc.get_threshold()\n"
        "    first = Node(); first.me = first; gone = weakref.ref(first); del first\n"
        "    for _ in range(launch.YOUNG_THRESHOLD + 1000):\n"
        "        node = Node(); node.me = node\n"
        "    seen['collected'] = gone() is None\n"
        "explorer.cli.main = command\n"
        "launch.run()\n"
        "print(json.dumps([before, seen, launch.YOUNG_THRESHOLD]))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    before, seen, young = json.loads(done.stdout)
    assert seen["enabled"] and seen["collected"]
    assert seen["threshold"] == [young, *before[1:]] and young > before[0]


def test_the_citex_script_runs_a_search(tmp_path: Path) -> None:
    """`python -m explorer.launch search ...` (what the citex script runs) prints the hits and exits 0;
    with nothing found it exits 1."""
    report = ROOT / "explorer" / "data" / "connection-denied.pdf"
    env = {**os.environ, "CITEX_CACHE_DIR": str(tmp_path / "cache"), "CITEX_DATA_DIR": str(tmp_path / "data")}
    for word, code in (("border", 0), ("xqzzyv", 1)):
        done = subprocess.run(
            [sys.executable, "-m", "explorer.launch", "search", word, str(report)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == code, done.stderr
        assert (word in done.stdout.lower()) == (code == 0)
