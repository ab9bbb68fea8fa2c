"""Pilot flows of the TUI's results, several documents, start-up, fit and settings (issue 10 items
4-7, 9, 10): each records what the app showed or posted and asserts on it."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from explorer.app import CitexApp
from explorer.app_open import OpeningActions
from explorer.messages import LoadProgress
from explorer.outcomeview import STYLE_MISSING, STYLE_SOURCE, outcome_text
from explorer.widgets.footer import KeyFooter
from explorer.widgets.reader import Reader
from explorer.widgets.screens import NotesScreen, PickerScreen, TextScreen
from explorer.widgets.search import ResultsList, ResultsPane
from tui_helpers import REPORT, _dirs, opened, search, sync, wait_for

__all__ = ["_dirs"]  # tui_helpers' autouse fixture: a data folder and a recorded clipboard

MADE = Path(__file__).parent / "corpus" / "made"


@pytest.fixture(autouse=True)
def _data(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CITEX_DATA_DIR", str(tmp_path_factory.mktemp("data")))


def footer_actions(app: CitexApp) -> list[str]:
    """The actions whose keys the footer of the screen in front shows, in order."""
    from textual.widgets._footer import FooterKey

    footer = app.screen.query_one(KeyFooter)
    return [k.action.removeprefix("app.") for k in footer.query(FooterKey)]


# -- 4. fzf-style results ---------------------------------------------------------------------------


@sync
async def test_results_move_while_typing_preview_and_enter_opens() -> None:
    app = CitexApp([REPORT])
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot, app)
        results = await search(pilot, app, "information")
        query = app.query_one("#query")
        reader = app.query_one("#reader", Reader)
        assert len(results.hits) > 3 and app.focused is query
        seen: list[tuple[int, int]] = []
        for key in ("down", "ctrl+n", "down", "up", "ctrl+p"):
            await pilot.press(key)
            await pilot.pause()
            assert app.focused is query  # still typing
            hit = results.hits[results.highlighted or 0]
            seen.append((results.highlighted or 0, reader.page))
            assert reader.page == hit.page  # the reader previews the highlighted hit
        assert [i for i, _ in seen] == [1, 2, 3, 2, 1]
        before = len(app.history.places)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.focused is reader)
        assert reader.page == results.hits[1].page
        assert len(app.history.places) == before + 1  # opening is remembered; previews were not
        assert not str(results.get_option_at_index(0).prompt).startswith(Path(REPORT).name)  # one document


@sync
async def test_a_slow_search_never_shows_over_a_newer_query() -> None:
    app = CitexApp([REPORT])
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot, app)
        assert app.engine is not None
        engine_run = app.engine.run

        def run(mode: Any, query: str, limit: int = 50) -> Any:
            if query == "mosquit":
                time.sleep(1.0)  # this keystroke's search is slow: the next ones overtake it
            return engine_run(mode, query, limit)

        app.engine.run = run  # type: ignore[method-assign]
        shown: list[str] = []
        pane = app.query_one("#results-pane", ResultsPane)
        pane_show = pane.show
        pane.show = lambda outcome, name_documents: (
            shown.append(outcome.query),
            pane_show(outcome, name_documents),
        )[1]  # type: ignore[method-assign]
        await pilot.press("slash", *"mosquito", "space", "n")
        await wait_for(pilot, lambda: bool(shown) and shown[-1] == "mosquito n")
        await pilot.pause(1.5)  # the slow search has finished meanwhile
        assert "mosquit" not in shown and shown[-1] == "mosquito n"
        assert app._shown == app._serial


@sync
async def test_enter_right_after_typing_opens_the_first_hit_of_that_query() -> None:
    app = CitexApp([REPORT])
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot, app)
        await pilot.press("slash", *"mosquito nets", "enter")  # no wait for the results
        reader = app.query_one("#reader", Reader)
        await wait_for(pilot, lambda: app.focused is reader)
        hits = app.query_one("#results", ResultsList).hits
        assert hits and reader.page == hits[0].page and reader.hit is not None


# -- 5. verify in the open ----------------------------------------------------------------------------


@sync
async def test_verify_shows_verdict_and_coloured_diff_in_the_results_pane() -> None:
    app = CitexApp([REPORT])
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot, app)
        await pilot.press("slash", "ctrl+t", "ctrl+t")
        await pilot.press(*"set up double or triple mosquito nets to halt the")
        pane = app.query_one("#results-pane", ResultsPane)
        await wait_for(pilot, lambda: app._shown == app._serial and pane.display)
        said = app.query_one("#outcome").render()
        text = str(said)
        assert text.startswith("NEAR (") and "on p. 15" in text and "1 change" in text
        assert pane.outcome is not None
        drawn = outcome_text(pane.outcome)  # what the pane shows, with its styles
        assert drawn.plain == text.rstrip("\n")
        styled = {drawn.plain[s.start : s.end]: s.style for s in drawn.spans}
        assert styled["halt"] == STYLE_MISSING and styled["stop"] == STYLE_SOURCE
        assert "1 hit" in str(pane.border_title)
        # a quote that is not there says so, in the pane
        await pilot.press("ctrl+u", *"the moon is made of green cheese entirely")
        await wait_for(
            pilot, lambda: app._shown == app._serial and "ABSENT" in str(app.query_one("#outcome").render())
        )


@sync
async def test_did_you_mean_is_in_the_results_pane() -> None:
    app = CitexApp([REPORT])
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot, app)
        await pilot.press("slash", *"mosquitto")
        outcome = app.query_one("#outcome")
        await wait_for(pilot, lambda: app._shown == app._serial)
        assert "did you mean: mosquito" in str(outcome.render()) and outcome.display
        assert "did you mean" not in str(app.query_one("#status").render())


# -- 6. several documents -------------------------------------------------------------------------------


@sync
async def test_each_document_keeps_its_place_and_history() -> None:
    article = str(MADE / "article.pdf")
    app = CitexApp([REPORT, article])
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: len(app.documents) == 2 and app.engine is not None)
        reader = app.query_one("#reader", Reader)
        assert "2 open (D)" in str(app.query_one("#status").render())
        assert app.document is not None and app.document.path == REPORT
        await pilot.press("right", "right", "right", "right")
        await pilot.pause()
        assert reader.page == 5
        await pilot.press("d")
        await pilot.pause()
        assert app.document.path == article and reader.page == 1
        await pilot.press("right")
        await pilot.pause()
        await pilot.press("d")  # back to the report: where it was left, not page 1
        await pilot.pause()
        assert app.document.path == REPORT and reader.page == 5
        await pilot.press("D")  # the switcher lists both
        await wait_for(pilot, lambda: isinstance(app.screen, PickerScreen))
        screen = app.screen
        assert isinstance(screen, PickerScreen) and [v for _, v in screen.items] == [REPORT, article]
        assert "2 open" in screen.title_text
        await pilot.press("down", "enter")
        await wait_for(pilot, lambda: app.document is not None and app.document.path == article)
        assert reader.page == 2
        results = await search(pilot, app, "river")
        assert all(
            str(results.get_option_at_index(i).prompt).startswith(Path(h.document).name)
            for i, h in enumerate(results.hits)
        )


# -- 7. robust start ---------------------------------------------------------------------------------------


@sync
async def test_an_unreadable_pdf_is_listed_while_the_others_open(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
    app = CitexApp([REPORT, str(bad)])
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, TextScreen))
        screen = app.screen
        assert isinstance(screen, TextScreen) and "bad.pdf" in str(screen.body)
        await wait_for(pilot, lambda: app.engine is not None)
        assert [d.path for d in app.documents] == [REPORT]
        await pilot.press("escape")
        results = await search(pilot, app, "mosquito")
        assert results.hits


@sync
async def test_escape_cancels_the_reading_thread_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from source.limits import Budget

    monkeypatch.setenv("CITEX_CACHE_DIR", str(tmp_path / "cold"))
    start_page = Budget.start_page

    def slow(self: Budget, index: int) -> None:
        time.sleep(0.3)  # a long read: each page takes a while
        start_page(self, index)

    monkeypatch.setattr(Budget, "start_page", slow)
    manual = str(MADE / "manual.pdf")
    app = CitexApp([manual])
    progress: list[str] = []
    original = OpeningActions.on_load_progress

    def record(self: CitexApp, message: LoadProgress) -> None:
        progress.append(message.what)
        original(self, message)

    monkeypatch.setattr(OpeningActions, "on_load_progress", record)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: any("page 2 of" in p for p in progress))
        pressed = time.monotonic()
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, TextScreen))
        assert time.monotonic() - pressed < 2.0  # the thread stopped at its next page, not at the end
        assert "cancelled" in str(app.screen.body)  # type: ignore[attr-defined]
        assert app.documents == [] and app.document is None
        pages = int(progress[-1].rsplit(" ", 1)[1])
        assert pages > 4 and not any(f"page {pages} of" in p for p in progress)


# -- 9. fits any terminal --------------------------------------------------------------------------------


@sync
async def test_small_terminal_footer_keeps_copy_help_quit_and_dialogs_show_their_own_keys() -> None:
    app = CitexApp([REPORT])
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot, app)
        assert footer_actions(app)[:3] == ["copy", "help", "quit"]
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(app.screen, PickerScreen))
        actions = footer_actions(app)
        assert "dismiss(None)" in actions and not {"copy", "goto", "notes", "outline"} & set(actions)
        await pilot.press("g")  # the reader's keys do nothing behind a dialog
        await pilot.pause()
        assert type(app.screen) is PickerScreen
        await pilot.press("escape", "f")
        await wait_for(pilot, lambda: isinstance(app.screen, NotesScreen))
        assert "copy" not in footer_actions(app)


@sync
async def test_escape_twice_from_the_reader_keeps_the_query() -> None:
    app = CitexApp([REPORT])
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot, app)
        await search(pilot, app, "mosquito")
        await pilot.press("enter")
        reader = app.query_one("#reader", Reader)
        await wait_for(pilot, lambda: app.focused is reader)
        await pilot.press("escape", "escape")
        await pilot.pause()
        query = app.query_one("#query")
        assert app.focused is query
        await pilot.press("s")
        await pilot.pause()
        assert query.value == "mosquitos"  # type: ignore[attr-defined]


# The theme switch's repaint: tests/test_tui_reader_notes.py::test_a_theme_switch_redraws_the_headings_shown.


# -- 10. settings remembered ------------------------------------------------------------------------------


@sync
async def test_settings_are_remembered_between_runs(fresh_config: Path) -> None:
    app = CitexApp([REPORT])
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot, app)
        await pilot.press("c", "T", "right", "right", "plus")
        await pilot.pause()
    saved = json.loads((fresh_config / "settings.json").read_text())
    assert saved["style"] == "apa" and saved["theme"] == "textual-light"
    assert app.document is not None and saved["places"][app.document.id]["page"] == 3
    again = CitexApp([REPORT])
    async with again.run_test(size=(120, 40)) as pilot:
        await opened(pilot, again)
        reader = again.query_one("#reader", Reader)
        assert again.style == "apa" and again.theme == "textual-light"
        assert reader.page == 3 and reader.extent == 2
        assert "cite: APA" in str(again.query_one("#status").render())


@sync
async def test_a_damaged_settings_file_is_set_aside_with_one_warning(fresh_config: Path) -> None:
    (fresh_config / "settings.json").write_text("{not json")
    app = CitexApp([REPORT])
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot, app)
        assert "damaged" in app._settings_warning
        warnings = [n for n in app._notifications if "settings" in n.message]
        assert len(warnings) == 1 and warnings[0].severity == "warning"
        assert app.style == "chicago"
    aside = list(fresh_config.glob("settings.json.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_text() == "{not json"
    assert json.loads((fresh_config / "settings.json").read_text())["style"] == "chicago"


@sync
async def test_keys_right_after_slash_go_into_the_query_and_slash_types_there() -> None:
    app = CitexApp([REPORT])
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot, app)
        reader = app.query_one("#reader", Reader)
        assert app.focused is reader
        await pilot.press("slash", *"24/33")  # "/" inside a query is a character, not the search key
        await pilot.pause()
        assert app.query_one("#query").value == "24/33"  # type: ignore[attr-defined]
        await wait_for(pilot, lambda: app._shown == app._serial)


@sync
async def test_Y_picks_a_style_copies_in_it_and_the_style_is_remembered(
    fresh_config: Path, _dirs: list[str]
) -> None:
    app = CitexApp([REPORT])
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot, app)
        await pilot.press("Y")
        await wait_for(pilot, lambda: isinstance(app.screen, PickerScreen))
        screen = app.screen
        assert isinstance(screen, PickerScreen)
        styles = [v for _, v in screen.items]
        assert styles[0] == "chicago" and "apa" in styles  # the current style first
        await pilot.press(*["down"] * styles.index("apa"), "enter")
        await wait_for(pilot, lambda: bool(_dirs))
        assert app.style == "apa"
        assert "(Amnesty International, 2016, p." in _dirs[-1]  # APA's in-text citation
    assert json.loads((fresh_config / "settings.json").read_text())["style"] == "apa"
    again = CitexApp([REPORT])
    async with again.run_test(size=(80, 24)) as pilot:
        await opened(pilot, again)
        assert again.style == "apa"


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@sync
async def test_the_results_title_shows_its_query_first_in_a_narrow_pane(size: tuple[int, int]) -> None:
    """The pane's title is cut to the pane's width: the query the hits answer comes first, so it
    stays in sight ("full text: mobile phones · best 50 hits of more")."""
    app = CitexApp([REPORT])
    async with app.run_test(size=size) as pilot:
        await opened(pilot, app)
        await search(pilot, app, "mobile phones")
        pane = app.query_one("#results-pane", ResultsPane)
        title = str(pane.border_title)
        assert title.startswith("full text: mobile phones · ") and "hits" in title
        shown = pane.region.width - 4  # the corners and the spaces around the title
        assert "full text: mobile phones" in title[:shown], (shown, title)
