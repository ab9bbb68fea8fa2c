"""Page labels from printed folios and /PageLabels (source.labels), and how the CLI, the
citations and the TUI's go-to show and find them: a guess is never shown as printed, and
a label that several pages carry is never silently the first of them."""

from __future__ import annotations

import asyncio
import json

import pytest
from click.testing import CliRunner
from fixtures.truth import Fixture
from textual.widgets import Input, Label

from explorer.app import CitexApp
from explorer.citation import format_citation
from explorer.cli import main
from explorer.widgets.reader import Reader
from explorer.widgets.screens import GoToPageScreen
from source.labels import neighbour_guesses, page_numbers, split_folio
from source.model import Metadata
from tui_helpers import opened

META = Metadata(title="Annual Report", author="The River Board", date="2019")


@pytest.fixture(autouse=True)
def _dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path_factory.getbasetemp() / "citex-labels-cache"
    cache.mkdir(exist_ok=True)
    monkeypatch.setenv("CITEX_CACHE_DIR", str(cache))
    monkeypatch.setenv("CITEX_DATA_DIR", str(tmp_path_factory.getbasetemp() / "citex-labels-data"))


# -- source.labels --------------------------------------------------------------------------


def test_printed_folios_beat_contradicting_pagelabels() -> None:
    numbers = page_numbers(["93", "94", None, "96"], ["1", "2", "3", "4"])
    assert [(n.label, n.inferred, n.source) for n in numbers] == [
        ("93", None, "printed"),
        ("94", None, "printed"),
        (None, "95", "inferred"),  # the neighbours' count, not /PageLabels' "3"
        ("96", None, "printed"),
    ]


def test_agreeing_pagelabels_are_the_guess_for_unnumbered_pages() -> None:
    numbers = page_numbers([None, "ii", "iii", None, "2", "3"], ["C1", "ii", "iii", "1", "2", "3"])
    assert [n.label for n in numbers] == [None, "ii", "iii", None, "2", "3"]
    assert [n.inferred for n in numbers] == ["C1", None, None, "1", None, None]
    assert {n.source for n in numbers if n.label} == {"printed"}


def test_no_folio_anywhere() -> None:
    assert {n.source for n in page_numbers([None, None], ["1", "2"])} == {"pagelabels"}
    assert {(n.label, n.inferred, n.source) for n in page_numbers([None, None], None)} == {
        (None, None, "none")
    }
    # /PageLabels that do not cover every page are not used
    assert {n.source for n in page_numbers([None, None], ["1"])} == {"none"}


def test_guesses_reach_only_near_a_count_and_never_bridge_a_restart() -> None:
    assert neighbour_guesses([None, "2", "3", None, None, None]) == ["1", None, None, "4", "5", None]
    # a gap between a count ending at 3 and a new count from 1 gets no guess
    assert neighbour_guesses(["1", "2", "3", None, "1", "2"])[3] is None
    assert neighbour_guesses(["A-1", None, "A-3"]) == [None, "A-2", None]
    assert neighbour_guesses(["ii", None, "iv"]) == [None, "iii", None]
    assert neighbour_guesses([None, "1"]) == [None, None]  # no page 0


def test_split_folio() -> None:
    assert split_folio("A-5") == ("A-", 5, False)
    assert split_folio("xii") == ("", 12, True)
    assert split_folio("C1") == ("C", 1, False)
    assert split_folio("Preface") is None


# -- citations ------------------------------------------------------------------------------


def test_citation_of_an_unnumbered_page() -> None:
    guessed = format_citation("The wells ran dry.", META, "[6]", style="apa")
    assert "p. [6]" in guessed
    none = format_citation("The wells ran dry.", META, "[#3]", style="chicago")
    assert "unnumbered page (PDF p. 3)." in none.split("\n\n")[1] and "#" not in none  # the note
    assert "p. [#" not in format_citation("x", META, "[#3]", "[#4]", style="harvard")
    assert "pp. 7\u20138" in format_citation("x", META, "7", "8", style="apa")


# -- the CLI --------------------------------------------------------------------------------


def _cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_pages_shows_a_guess_in_brackets(fixture_pdfs: dict[str, Fixture]) -> None:
    path = str(fixture_pdfs["unnumbered_cover"].path)
    code, out, _ = _cli("pages", path)
    assert code == 0 and out.splitlines() == ["1\t[1]", "2\t2", "3\t3", "4\t4", "5\t[5]"]
    code, out, _ = _cli("pages", path, "--json")
    assert json.loads(out)[0] == {"page": 1, "label": None, "inferred": "1", "source": "inferred"}


def test_text_page_of_a_repeated_label_lists_the_pages(fixture_pdfs: dict[str, Fixture]) -> None:
    path = str(fixture_pdfs["restarting_numbers"].path)
    code, _, err = _cli("text", path, "--page", "2")
    assert code == 2 and "physical pages #2, #5" in err and "#N" in err
    code, out, _ = _cli("text", path, "--page", "#5", "--json")
    assert code == 0 and [(p["page"], p["label"]) for p in json.loads(out)] == [(5, "2")]
    code, out, _ = _cli("text", path, "--page", "4", "--json")  # only the opinion has a page 4
    assert code == 0 and [p["page"] for p in json.loads(out)] == [7]


def test_text_page_finds_a_prefixed_folio(fixture_pdfs: dict[str, Fixture]) -> None:
    code, out, _ = _cli("text", str(fixture_pdfs["prefixed_folios"].path), "--page", "a-3", "--json")
    assert code == 0 and [(p["page"], p["label"], p["source"]) for p in json.loads(out)] == [
        (3, "A-3", "printed")
    ]


# -- the TUI's go-to ------------------------------------------------------------------------


def test_go_to_a_repeated_label_asks_which(fixture_pdfs: dict[str, Fixture]) -> None:
    async def scenario() -> None:
        app = CitexApp([str(fixture_pdfs["restarting_numbers"].path)])
        async with app.run_test(size=(120, 40)) as pilot:
            await opened(pilot, app)
            await pilot.press("g")
            await pilot.pause()
            assert isinstance(app.screen, GoToPageScreen)
            await pilot.press("3", "enter")
            await pilot.pause()
            assert isinstance(app.screen, GoToPageScreen)  # not silently the syllabus' page 3
            assert "#3, #6" in str(app.screen.query_one("#page-error", Label).render())
            app.screen.query_one("#page-input", Input).value = "#6"
            await pilot.press("enter")
            await pilot.pause()
            assert not isinstance(app.screen, GoToPageScreen)
            assert app.query_one("#reader", Reader).page == 6

    asyncio.run(scenario())
