"""Snapshot tests of the reader (issue 10): a hit opened at 80x24 and 120x40 (its words highlighted
and on screen, the page rule above), and a word selection in visual mode."""

from __future__ import annotations

from typing import Any

import pytest

from test_snapshots import REPORT, _dirs, _until

from explorer.app import CitexApp
from explorer.widgets.search import ResultsList

__all__ = ["_dirs"]  # test_snapshots.py's autouse fixture: a data folder per test


def _open_second_hit(app: CitexApp, *then: str) -> Any:
    async def run_before(pilot: Any) -> None:
        await _until(pilot, lambda: app.document is not None and app.engine is not None)
        await pilot.press("slash", *"mosquito nets", "enter")
        results = app.query_one("#results", ResultsList)
        await _until(pilot, lambda: bool(results.hits) and app.focused is results)
        await pilot.press("down", "enter")
        await _until(pilot, lambda: app.focused is not results)
        await pilot.pause(0.2)
        if then:
            await pilot.press(*then)
            await pilot.pause(0.2)
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_reader_shows_the_hit(snap_compare: Any, size: tuple[int, int]) -> None:
    app = CitexApp([REPORT])
    assert snap_compare(app, terminal_size=size, run_before=_open_second_hit(app))


def test_reader_visual_selection(snap_compare: Any) -> None:
    app = CitexApp([REPORT])
    assert snap_compare(app, terminal_size=(120, 40), run_before=_open_second_hit(app, "v", "w", "w", "w"))
