"""Snapshot tests of the reader (issue 10): a hit opened at 80x24 and 120x40 (its words highlighted
and on screen, the page rule above), and a word selection in visual mode."""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot

from explorer.app import CitexApp
from explorer.widgets.reader import Reader
from explorer.widgets.search import ResultsList
from tui_helpers import REPORT, _dirs, opened, wait_shown

__all__ = ["_dirs"]  # tui_helpers' autouse fixture: a data folder and a recorded clipboard


def _open_second_hit(app: CitexApp, *then: str) -> Any:
    async def run_before(pilot: Pilot[None]) -> None:
        await opened(pilot, app)
        await pilot.press("slash", *"mosquito nets", "enter")
        results = app.query_one("#results", ResultsList)
        # Enter in the bar opens the highlighted hit: the reader has the focus, and the keys after
        # are the reader's (the wait here was for the results list to have it, which it never has:
        # the old helper gave up after 20 s without a word, and the snapshot is of what followed)
        await wait_shown(pilot, lambda: bool(results.hits) and isinstance(app.focused, Reader))
        await pilot.press("down", "enter")
        await wait_shown(pilot, lambda: app.focused is not results)
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
