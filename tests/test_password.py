"""The password rule: a PDF opened with its password leaves nothing on disk, through either front end.

No Document JSON, no index, no library entry: the cache directory stays empty after the CLI
reads, searches, finds and verifies in it, and after the TUI opens it, indexes it and searches it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_bad_input import PASSWORD, encrypted_pdf
from test_tui import opened, search, sync

from explorer.app import CitexApp
from explorer.cli import main

WORDS = "Mobile phones near the border"
"""Words printed on every page of the encrypted test PDF."""


@pytest.fixture()
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache (and data) directory of this test's own."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("CITEX_CACHE_DIR", str(cache))
    monkeypatch.setenv("CITEX_DATA_DIR", str(tmp_path / "data"))
    return cache


def files_under(directory: Path) -> list[Path]:
    """Every file under a directory (none when it does not exist)."""
    return sorted(p for p in directory.rglob("*") if p.is_file()) if directory.exists() else []


def test_cli_leaves_the_cache_empty(tmp_path: Path, cache_dir: Path) -> None:
    locked = encrypted_pdf(tmp_path / "locked.pdf")
    runner = CliRunner()
    for args in (
        ["text", str(locked)],
        ["pages", "--json", str(locked)],
        ["search", "--json", "border", str(locked)],
        ["find", WORDS.lower(), str(locked)],
        ["verify", WORDS, str(locked)],
    ):
        result = runner.invoke(main, [*args, "--password", PASSWORD])
        assert result.exit_code == 0, (args, result.output)
        assert files_under(cache_dir) == [], args
    hits = json.loads(
        runner.invoke(main, ["search", "--json", "border", str(locked), "--password", PASSWORD]).stdout
    )
    assert hits and all(h["document"] == str(locked) for h in hits)
    # and without the password it is still refused: nothing cached lets it through
    refused = runner.invoke(main, ["search", "border", str(locked)])
    assert refused.exit_code == 2 and "is encrypted" in refused.stderr


@sync
async def test_tui_leaves_the_cache_empty(tmp_path: Path, cache_dir: Path) -> None:
    locked = encrypted_pdf(tmp_path / "locked.pdf")
    app = CitexApp([str(locked)], password=PASSWORD)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot, app)
        results = await search(pilot, app, "border")
        assert results.hits and "border" in results.hits[0].text
        await pilot.press("q")
    assert files_under(cache_dir) == []


@sync
async def test_tui_asks_for_the_password(tmp_path: Path, cache_dir: Path) -> None:
    """Opened without --password, the TUI asks for it; a wrong one is asked again, the right one
    opens the PDF, and nothing read with it reaches the cache."""
    from test_tui import wait_for

    from explorer.widgets.screens import PasswordScreen

    locked = encrypted_pdf(tmp_path / "locked.pdf")
    app = CitexApp([str(locked)])
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, PasswordScreen))
        await pilot.press(*"wrong", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PasswordScreen) and app.password == "wrong")
        assert app.document is None
        await pilot.press(*PASSWORD, "enter")
        await opened(pilot, app)
        assert app.password == PASSWORD and app.document is not None
        results = await search(pilot, app, "border")
        assert results.hits
        await pilot.press("q")
    assert files_under(cache_dir) == []
