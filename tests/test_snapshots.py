"""A few snapshot tests of the TUI (deterministic: each waits for the document and the search)."""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot

from explorer.app import CitexApp
from explorer.widgets.search import ResultsList
from tui_helpers import REPORT, _dirs, opened, wait_shown

__all__ = ["_dirs"]  # tui_helpers' autouse fixture: a data folder and a recorded clipboard


def _opened(app: CitexApp) -> Any:
    async def run_before(pilot: Pilot[None]) -> None:
        await opened(pilot, app)

    return run_before


def test_first_page(snap_compare: Any) -> None:
    app = CitexApp([REPORT])
    assert snap_compare(app, terminal_size=(120, 40), run_before=_opened(app))


def test_search_results_and_marker(snap_compare: Any) -> None:
    app = CitexApp([REPORT])

    async def run_before(pilot: Pilot[None]) -> None:
        await opened(pilot, app)
        await pilot.press("slash", *"mosquito nets")
        results = app.query_one("#results", ResultsList)
        await wait_shown(pilot, lambda: bool(results.hits) and app._shown == app._serial)
        await pilot.press("enter", "right_square_bracket")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)


def test_help_small_terminal(snap_compare: Any) -> None:
    app = CitexApp([REPORT])

    async def run_before(pilot: Pilot[None]) -> None:
        await opened(pilot, app)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


QUERIES = {
    "search": ("mosquito nets", ()),
    "find": ("double or triple mosquito nets", ("ctrl+t",)),
    "verify": ("set up double or triple mosquito nets to halt the", ("ctrl+t", "ctrl+t")),
}
"""For each mode of the search bar: a query on the report and the keys that switch to the mode."""


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("mode", list(QUERIES))
def test_results_pane(snap_compare: Any, mode: str, size: tuple[int, int]) -> None:
    """The results pane while typing (the focus in the bar, the reader previewing the first hit)."""
    app = CitexApp([REPORT])
    query, keys = QUERIES[mode]

    async def run_before(pilot: Pilot[None]) -> None:
        await opened(pilot, app)
        await pilot.press("slash", *keys, *query)
        await wait_shown(pilot, lambda: app._shown == app._serial)
        await pilot.pause(0.2)

    assert snap_compare(app, terminal_size=size, run_before=run_before)
