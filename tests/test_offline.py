"""Offline, proven: no network socket is opened while reading, indexing, searching, citing,
running the CLI or the TUI (the `no_network` fixture of conftest fails the test on any)."""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from explorer import clipboard
from explorer.app import CitexApp
from explorer.cli import main
from explorer.locations import bundled_report
from explorer.widgets.search import ResultsList
from tui_helpers import opened, wait_for

REPORT = str(bundled_report())
MADE = Path(__file__).resolve().parent / "corpus" / "made"


@pytest.fixture(autouse=True)
def dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CITEX_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("CITEX_DATA_DIR", str(tmp_path / "data"))


def test_the_guard_catches_a_connection(no_network: list[str]) -> None:
    """The fixture works: a connection attempt raises (and is recorded)."""
    with pytest.raises(OSError, match="network access attempted"):
        socket.create_connection(("example.org", 80))
    with pytest.raises(OSError):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    a, b = socket.socketpair()  # local sockets are fine
    a.close()
    b.close()
    no_network.clear()  # expected here: do not fail the teardown


def test_reading_and_searching_offline(no_network: list[str]) -> None:
    from index.documents import open_corpus
    from source import read_pdf

    document = read_pdf(REPORT)
    assert document.pages
    corpus = open_corpus([REPORT])
    assert corpus.search("mobile phones").hits
    assert corpus.find("phones near the border")
    corpus.verify("mobile phones")


@pytest.mark.parametrize(
    "args",
    [
        ["info", REPORT],
        ["text", "--index", "3", REPORT],
        ["notes", "--json", REPORT],
        ["pages", REPORT],
        ["search", "mobile phones", REPORT],
        ["find", "phones near the border", REPORT],
        ["verify", "mobile phones", REPORT],
    ],
)
def test_cli_offline(no_network: list[str], args: list[str]) -> None:
    result = CliRunner().invoke(main, args)
    assert result.exit_code in (0, 1), result.output


def test_library_offline(no_network: list[str]) -> None:
    """add (two PDFs: worker processes), list, search the library, remove."""
    pdfs = [str(MADE / "article.pdf"), str(MADE / "twocol.pdf")]
    runner = CliRunner()
    assert runner.invoke(main, ["add", *pdfs]).exit_code == 0
    assert runner.invoke(main, ["list"]).exit_code == 0
    assert runner.invoke(main, ["search", "the"]).exit_code in (0, 1)
    assert runner.invoke(main, ["remove", pdfs[0]]).exit_code == 0


def test_tui_offline(no_network: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Open, search, copy with a citation: no socket."""
    copied: list[str] = []
    monkeypatch.setattr(clipboard, "system_copy", lambda text: copied.append(text) or True)

    async def run() -> None:
        app = CitexApp([REPORT])
        async with app.run_test(size=(120, 40)) as pilot:
            await opened(pilot, app)
            await pilot.press("slash", *"mosquito nets", "enter")
            await wait_for(pilot, lambda: bool(app.query_one("#results", ResultsList).hits))
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press("y")
            await pilot.pause()
            assert copied

    asyncio.run(run())
