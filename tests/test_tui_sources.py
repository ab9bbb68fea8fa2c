"""Pilot tests of the sources screen, the note panel's sources and the metadata dialog."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.text import Text
from textual.widgets import Input, OptionList, Select

from explorer.app import CitexApp
from explorer.sourceviews import sources_data
from explorer.widgets.meta_dialog import MetaDialog
from explorer.widgets.notepanel import NotePanel
from explorer.widgets.reader import Reader
from explorer.widgets.sources_screen import ClaimsScreen, SourcesScreen, source_summary
from index.meta import corrections
from index.sources import note_sources
from tui_helpers import REPORT, _dirs, opened, sync, wait_for  # noqa: F401  (_dirs: a data dir, a fake clipboard)


def shown_text(listing: OptionList) -> list[str]:
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


@sync
async def test_the_note_panel_lists_the_notes_sources() -> None:
    app = CitexApp([REPORT])
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot, app)
        reader = app.query_one("#reader", Reader)
        await pilot.press("right_square_bracket")
        await wait_for(pilot, lambda: reader.marker is not None)
        assert app.document is not None and reader.marker is not None
        note = reader.marker.marker.note
        cited = [c for c in note_sources(app.document)[note] if c.kind != "cross_reference"]
        assert cited  # the report's first note cites something
        panel = app.query_one("#note", NotePanel)
        text = str(panel.render())
        assert "•" in text and cited[0].kind.replace("_", " ") in text
        assert (cited[0].author or cited[0].title or cited[0].key)[:20] in " ".join(text.split())


@sync
async def test_sources_screen_filters_by_words_and_kind_and_jumps_to_a_claim() -> None:
    app = CitexApp([REPORT])
    async with app.run_test(size=(140, 45)) as pilot:
        await opened(pilot, app)
        assert app.document is not None
        rows = sources_data([app.document])
        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(app.screen, SourcesScreen))
        screen = app.screen
        assert isinstance(screen, SourcesScreen)
        listing = screen.query_one("#sources-list", OptionList)
        assert listing.option_count == len(rows) and "Sources (" in str(
            screen.query_one(".dialog-title").render()
        )
        first = shown_text(listing)[0]
        assert source_summary(rows[0])[:30] in first and str(rows[0]["notes"]) in first
        await pilot.press(*"general comment")
        await pilot.pause()
        assert 0 < len(screen.shown) < len(rows)
        assert all("general comment" in source_summary(rows[i]).lower() for i in screen.shown)
        screen.query_one("#sources-filter", Input).value = ""
        screen.query_one("#sources-kind", Select).value = "interview"
        await pilot.pause()
        interviews = [r for r in rows if r["kind"] == "interview"]
        assert len(screen.shown) == len(interviews) > 0
        assert all(rows[i]["kind"] == "interview" for i in screen.shown)
        chosen = rows[screen.shown[0]]
        screen.query_one("#sources-filter", Input).focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ClaimsScreen))
        claims = app.screen.query_one("#claims-list", OptionList)
        assert claims.option_count == len(chosen["citations"])
        first_claim = chosen["citations"][0]
        assert f"note {first_claim['note']} · p. {first_claim['page_label']}" in shown_text(claims)[0]
        claims.focus()
        await pilot.press("enter")
        reader = app.query_one("#reader", Reader)
        await wait_for(pilot, lambda: not isinstance(app.screen, (ClaimsScreen, SourcesScreen)))
        assert reader.page == first_claim["page"]


@sync
async def test_the_metadata_dialog_stores_a_correction_used_by_the_copy(_dirs: list[str]) -> None:  # noqa: F811
    app = CitexApp([REPORT])
    async with app.run_test(size=(120, 45)) as pilot:
        await opened(pilot, app)
        assert app.document is not None
        await pilot.press("M")
        await wait_for(pilot, lambda: isinstance(app.screen, MetaDialog))
        dialog = app.screen
        label = str(dialog.query_one("#meta-label-title").render())
        assert "[info]" in label
        assert dialog.query_one("#meta-title", Input).value.startswith("Connection Denied")
        dialog.query_one("#meta-title", Input).value = "Connection Denied (corrected)"
        dialog.query_one("#meta-date", Input).value = "2016-03"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, MetaDialog))
        assert app.title == "Connection Denied (corrected)"
        data = Path(app.locations.data)
        assert corrections(app.document.id, data) == {
            "title": "Connection Denied (corrected)",
            "date": "2016-03",
        }
        await pilot.press("right_square_bracket")
        await pilot.press("y")
        await wait_for(pilot, lambda: bool(_dirs))
        assert "Connection Denied (corrected)" in _dirs[-1]
        await pilot.press("M")
        await wait_for(pilot, lambda: isinstance(app.screen, MetaDialog))
        assert "[user]" in str(app.screen.query_one("#meta-label-title").render())


def test_source_summary_says_what_it_has() -> None:
    assert source_summary({"author": "UN", "title": "", "symbol": "CCPR/C/GC/34", "date": "2011"}) == (
        "UN, CCPR/C/GC/34, 2011"
    )
    assert source_summary({"key": "k"}) == "k" and isinstance(Text(source_summary({})), Text)


def _inside(inner: object, outer: object) -> bool:
    """True when region `inner` lies wholly within region `outer` (and is not empty)."""
    from textual.geometry import Region

    assert isinstance(inner, Region) and isinstance(outer, Region)
    return inner.area > 0 and outer.contains_region(inner)


@sync
async def test_the_metadata_dialog_fits_a_small_terminal_and_tab_walks_its_fields() -> None:
    app = CitexApp([REPORT])
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot, app)
        await pilot.press("M")
        await wait_for(pilot, lambda: isinstance(app.screen, MetaDialog))
        dialog = app.screen
        screen_area = dialog.region
        assert _inside(dialog.query_one("#meta-save").region, screen_area)  # Save is on screen at 80x24
        fields = [w for w in dialog.focus_chain if isinstance(w, Input)]
        assert len(fields) >= 5
        seen: list[str] = []
        for _ in range(len(fields) + 2):
            await pilot.press("tab")  # a dialog's Tab is not swallowed by the reader behind it
            await pilot.pause()
            focused = app.focused
            assert focused is not None
            seen.append(focused.id or "")
            if isinstance(focused, Input):
                box = dialog.query_one("#meta-fields").region
                assert _inside(focused.region, box)  # the focused field is scrolled into view
        assert [f.id for f in fields] == [s for s in seen if s.startswith("meta-") and s != "meta-fields"][
            : len(fields)
        ]
        await pilot.press("shift+tab")
        await pilot.pause()
        assert app.focused is not None and app.focused.id != seen[-1]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@sync
async def test_the_sources_screen_shows_its_kind_filter_beside_the_box_at_any_size(
    size: tuple[int, int],
) -> None:
    app = CitexApp([REPORT])
    async with app.run_test(size=size) as pilot:
        await opened(pilot, app)
        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(app.screen, SourcesScreen))
        screen = app.screen
        box = screen.query_one("#sources-filter").region
        kinds = screen.query_one("#sources-kind").region
        listing = screen.query_one("#sources-list").region
        dialog = screen.query_one(".dialog").region
        assert _inside(kinds, dialog) and _inside(box, dialog), size
        assert kinds.y == box.y and kinds.x > box.x, size  # side by side, both visible
        assert listing.y == box.bottom, size  # the list starts right under the bar: no empty rows
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is screen.query_one("#sources-kind"), size
