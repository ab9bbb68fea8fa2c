"""Pilot tests of the TUI's draft check: `citex --draft DRAFT`, stepping through the quotations, the
differences highlighted on both sides, `y` copying the corrected quotation, Enter opening its page."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from explorer.app import CitexApp
from explorer.widgets.draft import DraftPathScreen, DraftScreen, detail
from explorer.widgets.reader import Reader
from tui_helpers import REPORT, _dirs, wait_for

__all__ = ["_dirs"]  # tui_helpers' autouse fixture: a data folder and a recorded clipboard

DRAFT = (
    '"North Korea remains one of the most isolated countries in the world" (p. 15).\n\n'
    '"Individuals are routinely jailed after unfair trials, or no trials at all" (p. 15).\n'
)


def test_draft_screen_steps_highlights_copies_and_opens(tmp_path: Path, _dirs: list[str]) -> None:
    copied = _dirs
    draft = tmp_path / "draft.md"
    draft.write_text(DRAFT, encoding="utf-8")

    async def run() -> None:
        app = CitexApp([REPORT], draft=str(draft))
        async with app.run_test(size=(140, 40)) as pilot:
            await wait_for(pilot, lambda: isinstance(app.screen, DraftScreen))
            screen = app.screen
            assert isinstance(screen, DraftScreen)
            assert [c.verdict for c in screen.checks] == ["exact", "near"]
            await pilot.press("down")
            assert screen.current == 1
            text = detail(screen.checks[1])
            quote_part = text.plain.index("jailed")
            styles = {str(span.style) for span in text.spans if span.start <= quote_part < span.end}
            assert "bold red" in styles  # the changed word, in the quote
            source_part = text.plain.index("imprisoned")
            styles = {str(span.style) for span in text.spans if span.start <= source_part < span.end}
            assert "bold green" in styles  # and the source's word
            await pilot.press("y")
            assert copied and copied[-1].startswith(
                "\u201cIndividuals are routinely imprisoned after unfair trials, or no trials at all"
            )
            assert "Amnesty International" in copied[-1] and "15" in copied[-1]
            await pilot.press("enter")
            await wait_for(pilot, lambda: not isinstance(app.screen, DraftScreen))
            await wait_for(pilot, lambda: app.query_one("#reader", Reader).page == 10)

    asyncio.run(run())


def test_draft_from_the_command_palette_action(tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(DRAFT, encoding="utf-8")

    async def run() -> None:
        app = CitexApp([REPORT])
        async with app.run_test(size=(140, 40)) as pilot:
            await wait_for(pilot, lambda: app.engine is not None)
            app.action_open_draft()
            await wait_for(pilot, lambda: isinstance(app.screen, DraftPathScreen))
            await pilot.press(*str(draft), "enter")
            await wait_for(pilot, lambda: isinstance(app.screen, DraftScreen))
            assert len(app.screen.checks) == 2  # type: ignore[attr-defined]
            await pilot.press("escape")
            await wait_for(pilot, lambda: not isinstance(app.screen, DraftScreen))

    asyncio.run(run())


def test_cli_draft_option_reaches_the_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from explorer import app as app_module
    from explorer.cli import main

    draft = tmp_path / "draft.md"
    draft.write_text(DRAFT, encoding="utf-8")
    seen: list[tuple[tuple[str, ...], str | None]] = []
    monkeypatch.setattr(
        app_module, "run", lambda target, where, password=None, draft=None: seen.append((target.paths, draft))
    )
    assert CliRunner().invoke(main, ["--draft", str(draft), REPORT]).exit_code == 0
    assert CliRunner().invoke(main, ["--draft", str(draft)]).exit_code == 0
    assert seen[0] == ((REPORT,), str(draft)) and seen[1][1] == str(draft)
    assert CliRunner().invoke(main, ["--draft", str(tmp_path / "missing.md")]).exit_code == 2
