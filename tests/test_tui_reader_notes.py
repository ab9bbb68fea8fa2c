"""Pilot flows of the reader, continued: notes (issue 10 item 8), a theme switch, a made manual."""

from __future__ import annotations

from pathlib import Path

from explorer.app import CitexApp
from explorer.widgets.pagerule import PageRule
from explorer.widgets.reader import Reader
from explorer.widgets.screens import NotesScreen, TextScreen
from explorer.quotes import inner_single
from test_tui_reader import chicago_note
from tui_helpers import REPORT, _dirs, go_to, opened, settle, sync, wait_for

__all__ = ["_dirs"]  # tui_helpers' autouse fixture: a data folder and a recorded clipboard


@sync
async def test_notes_exact_label_first_whole_note_copied_enter_goes_to_next_marker(_dirs: list[str]) -> None:
    app = CitexApp([REPORT])
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot, app)
        reader = app.query_one("#reader", Reader)
        document = app.document
        assert document is not None
        # Enter with no current marker goes to the first marker after the cursor
        assert reader.marker is None
        await pilot.press("enter")
        await settle(pilot)
        assert reader.marker is not None and reader.marker == reader.nav.markers[0]  # type: ignore[union-attr]
        # the notes filter: the note labelled 12 first, before notes whose text says "12"
        await pilot.press("f")
        await wait_for(pilot, lambda: isinstance(app.screen, NotesScreen))
        screen = app.screen
        assert isinstance(screen, NotesScreen)
        await pilot.press("1", "2")
        await settle(pilot)
        mention = [i for i, n in enumerate(document.notes) if "12" in n.text and n.label != "12"]
        assert mention, "the report has notes whose text says 12"
        assert document.notes[screen.shown[0]].label == "12" and len(screen.shown) > 1
        await pilot.press("enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, NotesScreen))
        await settle(pilot)
        # the whole note, then y: the note's text with its citation (page and note number)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, TextScreen))
        await pilot.press("y")
        await settle(pilot)
        note = next(n for n in document.notes if n.label == "12")
        page = document.display_label(note.page)
        assert _dirs[-1].startswith(f"\u201c{inner_single(note.text.strip())}")
        assert chicago_note(_dirs[-1]).endswith(f", {page}, n. 12.")
        assert isinstance(app.screen, TextScreen)  # copying does not close the note


@sync
async def test_reader_on_a_made_manual_without_printed_numbers() -> None:
    manual = Path(__file__).parent / "corpus" / "made" / "manual.pdf"
    app = CitexApp([str(manual)])
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot, app)
        reader = app.query_one("#reader", Reader)
        document = app.document
        assert document is not None
        await pilot.press("G")
        await settle(pilot)
        assert reader.page == len(document.pages)
        for rule in reader.query(PageRule):
            page = document.page(rule.page)
            if page.label is None or page.label_source != "printed":
                assert not rule.title_text.startswith(f"p. {page.display_label} ·")


@sync
async def test_a_theme_switch_redraws_the_headings_shown() -> None:
    app = CitexApp([REPORT])
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot, app)
        reader = app.query_one("#reader", Reader)
        assert app.document is not None
        with_heading = next(
            p for p in app.document.pages[1:] if p.label and any(b.kind == "heading" for b in p.blocks)
        )
        await go_to(pilot, app, with_heading.label)  # type: ignore[arg-type]
        headings = [v for v in reader.views() if v.has_class("block-heading") and v.rendered is not None]
        assert headings
        dark = reader.get_component_rich_style("reader--heading")
        assert all(v.rendered.text.style == dark for v in headings)  # type: ignore[union-attr]
        await pilot.press("T")
        await settle(pilot)
        light = reader.get_component_rich_style("reader--heading")
        assert light != dark
        assert all(v.rendered.text.style == light for v in headings)  # type: ignore[union-attr]
