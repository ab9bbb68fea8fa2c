"""What the TUI's Pilot tests share: running an async test, a data folder with a recorded clipboard,
and waiting for the app (its workers run in threads) to open, search, settle or show a page.

Import the `_dirs` fixture into a test module to make it the module's (it is autouse there).
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Coroutine
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from explorer import clipboard
from explorer.app import CitexApp
from explorer.locations import bundled_report
from explorer.widgets.screens import GoToPageScreen
from explorer.widgets.search import ResultsList

REPORT = str(bundled_report())
"""The bundled report, which most TUI tests open."""
WAIT_STEP = 0.05
"""Seconds the app runs between two looks at what a test waits for."""
WAIT_SECONDS = 30.0
"""How long a test waits for the app before it fails (the machine may be busy)."""
SETTLE_SECONDS = 0.1
"""How long the app runs after a key for its scrolling and redrawing to finish."""


def sync(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async test with asyncio (no async pytest plugin is needed)."""

    @functools.wraps(test)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return run


@pytest.fixture(autouse=True)
def _dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A data folder of the test's own and a clipboard that records what is copied (returned)."""
    # the cache is the session's own (conftest.fresh_dirs): the report is parsed once per session
    monkeypatch.setenv("CITEX_DATA_DIR", str(tmp_path_factory.mktemp("data")))
    copied: list[str] = []
    monkeypatch.setattr(clipboard, "system_copy", lambda text: copied.append(text) or True)
    return copied


async def wait_for(
    pilot: Pilot[None], condition: Callable[[], object], seconds: float = WAIT_SECONDS
) -> None:
    """Let the app run until `condition` holds; fail after `seconds`."""
    for _ in range(int(seconds / WAIT_STEP)):
        if condition():
            return
        await pilot.pause(WAIT_STEP)
    raise AssertionError("timed out waiting for the app")


async def wait_shown(pilot: Pilot[None], condition: Callable[[], object]) -> None:
    """Wait until `condition` holds, then let the app draw what it has changed."""
    await wait_for(pilot, condition)
    await pilot.pause()


async def settle(pilot: Pilot[None]) -> None:
    """Let the app finish what the last key started (scrolling, redrawing)."""
    await pilot.pause(SETTLE_SECONDS)
    await pilot.pause()


async def opened(pilot: Pilot[None], app: CitexApp) -> None:
    """Wait until a document is shown and the search index is open."""
    await wait_shown(pilot, lambda: app.document is not None and app.engine is not None)


async def search(pilot: Pilot[None], app: CitexApp, query: str) -> ResultsList:
    """Type a query; return once its own results are shown (the focus stays in the bar: Enter opens
    the highlighted hit)."""
    await pilot.press("slash")
    await pilot.press(*query)
    results = app.query_one("#results", ResultsList)
    await wait_for(pilot, lambda: app._shown == app._serial and bool(results.hits))
    assert app.query_one("#query", Input).value == query
    return results


async def go_to(pilot: Pilot[None], app: CitexApp, label: str) -> None:
    """Go to the page printed `label` with `g`."""
    await pilot.press("g")
    await wait_for(pilot, lambda: isinstance(app.screen, GoToPageScreen))
    await pilot.press(*label, "enter")
    await wait_for(pilot, lambda: not isinstance(app.screen, GoToPageScreen))
    await settle(pilot)
