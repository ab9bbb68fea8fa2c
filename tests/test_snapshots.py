"""A few snapshot tests of the TUI (deterministic: each waits for the document and the search)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from explorer.app import CitexApp
from explorer.locations import bundled_report
from explorer.widgets.search import ResultsList

REPORT = str(bundled_report())


@pytest.fixture(autouse=True)
def _dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the cache is the session's own (conftest.fresh_dirs): the report is parsed once per session
    monkeypatch.setenv("CITEX_DATA_DIR", str(tmp_path / "data"))


async def _until(pilot: Any, condition: Any) -> None:
    for _ in range(400):
        if condition():
            break
        await pilot.pause(0.05)
    await pilot.pause()


def _opened(app: CitexApp) -> Any:
    async def run_before(pilot: Any) -> None:
        await _until(pilot, lambda: app.document is not None and app.engine is not None)

    return run_before


def test_first_page(snap_compare: Any) -> None:
    app = CitexApp([REPORT])
    assert snap_compare(app, terminal_size=(120, 40), run_before=_opened(app))


def test_search_results_and_marker(snap_compare: Any) -> None:
    app = CitexApp([REPORT])

    async def run_before(pilot: Any) -> None:
        await _until(pilot, lambda: app.document is not None and app.engine is not None)
        await pilot.press("slash", *"mosquito nets")
        results = app.query_one("#results", ResultsList)
        await _until(pilot, lambda: bool(results.hits) and app._shown == app._serial)
        await pilot.press("enter", "right_square_bracket")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)


def test_help_small_terminal(snap_compare: Any) -> None:
    app = CitexApp([REPORT])

    async def run_before(pilot: Any) -> None:
        await _until(pilot, lambda: app.document is not None and app.engine is not None)
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

    async def run_before(pilot: Any) -> None:
        await _until(pilot, lambda: app.document is not None and app.engine is not None)
        await pilot.press("slash", *keys, *query)
        await _until(pilot, lambda: app._shown == app._serial)
        await pilot.pause(0.2)

    assert snap_compare(app, terminal_size=size, run_before=run_before)
