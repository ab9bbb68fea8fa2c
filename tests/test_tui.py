"""Pilot tests of the TUI flows: search, open, marker, note, copy, notes screen, go to page, resize."""

from __future__ import annotations

import asyncio
from pathlib import Path

from explorer.app import CitexApp
from explorer.quotes import american_sentence
from explorer.widgets.notepanel import NotePanel
from explorer.widgets.reader import Reader
from explorer.widgets.screens import GoToPageScreen, NotesScreen, TextScreen
from tui_helpers import REPORT, _dirs, opened, search, sync, wait_for

__all__ = ["_dirs"]  # tui_helpers' autouse fixture: a data folder and a recorded clipboard


@sync
async def test_search_open_marker_note_copy(_dirs: list[str]) -> None:
    app = CitexApp([REPORT])
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot, app)
        results = await search(pilot, app, "mosquito nets")
        labels = [h.page_label for h in results.hits]
        assert labels and all(label.isdigit() for label in labels)
        first = results.hits[0]
        assert "mosquito" in first.text.lower()
        await pilot.press("enter")
        reader = app.query_one("#reader", Reader)
        await wait_for(pilot, lambda: app.focused is reader)
        assert reader.page == first.page
        assert reader.hit is not None
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert reader.marker is not None
        note_index = reader.marker.marker.note
        assert app.document is not None and note_index >= 0
        note = app.document.notes[note_index]
        panel = app.query_one("#note", NotePanel)
        assert note.text[:30] in str(panel.render())
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, TextScreen))
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, TextScreen))

        assert reader.cursor is not None
        sentence = app.document.sentences[reader.cursor]
        quote = app.document.sentence_text(sentence).strip()
        label = app.document.label_of(sentence.page)
        await pilot.press("y")
        await pilot.pause()
        title = "Connection Denied: Restrictions on Mobile Phones and Outside Information in North Korea"
        expected = (  # Chicago, from its CSL file: the quote, the note, the bibliography entry
            f"{american_sentence(quote)}\u00b9\n\n1. Amnesty International, {title}, ASA 24/3373/2016 "
            f"(Amnesty International, 2016), {label}.\n\nAmnesty International. {title}. ASA 24/3373/2016. "
            "Amnesty International, 2016."
        )
        assert _dirs == [expected]
        assert app.clipboard == expected


@sync
async def test_copy_styles_and_extend() -> None:
    app = CitexApp([REPORT])
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot, app)
        await pilot.press("c")  # APA
        await pilot.press("plus")
        await pilot.pause()
        text = app.citation_text()
        assert text is not None and "(Amnesty International, 2016, p." in text
        reader = app.query_one("#reader", Reader)
        assert reader.extent == 2


@sync
async def test_notes_screen_filter_jumps_to_marker() -> None:
    app = CitexApp([REPORT])
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot, app)
        await pilot.press("f")  # notes (n is the reader's next match)
        await wait_for(pilot, lambda: isinstance(app.screen, NotesScreen))
        screen = app.screen
        assert isinstance(screen, NotesScreen)
        assert len(screen.shown) == len(app.document.notes)  # type: ignore[union-attr]
        await pilot.press(*"Security Council")
        await pilot.pause()
        assert 0 < len(screen.shown) < len(app.document.notes)  # type: ignore[union-attr]
        chosen = screen.shown[0]
        await pilot.press("enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, NotesScreen))
        reader = app.query_one("#reader", Reader)
        assert reader.marker is not None and reader.marker.marker.note == chosen
        assert app.document is not None
        assert app.document.notes[chosen].text[:30] in str(app.query_one("#note", NotePanel).render())


@sync
async def test_go_to_printed_page_and_history() -> None:
    app = CitexApp([REPORT])
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot, app)
        await pilot.press("g")
        await wait_for(pilot, lambda: isinstance(app.screen, GoToPageScreen))
        await pilot.press("2", "2", "enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, GoToPageScreen))
        reader = app.query_one("#reader", Reader)
        assert app.document is not None
        assert app.document.label_of(reader.page) == "22"
        await pilot.press("H")
        await pilot.pause()
        assert reader.page == 1
        await pilot.press("L")
        await pilot.pause()
        assert app.document.label_of(reader.page) == "22"


@sync
async def test_bookmarks_named_listed_deleted() -> None:
    from explorer import bookmarks
    from explorer.widgets.screens import BookmarksScreen, NameScreen

    app = CitexApp([REPORT])
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot, app)
        assert app.document is not None
        await pilot.press("right", "m")  # `b` is the reader's (page back): bookmarks are `m`
        await wait_for(pilot, lambda: isinstance(app.screen, NameScreen))
        await pilot.press(*"start here", "enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, NameScreen))
        await pilot.press("right", "right", "m")
        await wait_for(pilot, lambda: isinstance(app.screen, NameScreen))
        await pilot.press("enter")  # no name: the bookmark is shown by its words
        await wait_for(pilot, lambda: not isinstance(app.screen, NameScreen))
        marks = bookmarks.load(app.document.id)
        assert [(b.page, b.name) for b in marks] == [(2, "start here"), (4, "")]
        await pilot.press("B")
        await wait_for(pilot, lambda: isinstance(app.screen, BookmarksScreen))
        screen = app.screen
        assert isinstance(screen, BookmarksScreen)
        assert "start here" in str(screen.items[0][0]) and marks[1].text[:20] in str(screen.items[1][0])
        await pilot.press("x")  # deletes the highlighted (first) one
        await pilot.pause()
        assert [b.page for b in bookmarks.load(app.document.id)] == [4]
        assert len(screen.items) == 1
        await pilot.press("enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, BookmarksScreen))
        assert app.query_one("#reader", Reader).page == 4


@sync
async def test_small_terminal_and_resize() -> None:
    app = CitexApp([REPORT])
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot, app)
        await search(pilot, app, "mosquito nets")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.resize_terminal(200, 60)
        await pilot.pause()
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        reader = app.query_one("#reader", Reader)
        assert reader.size.width > 20 and reader.size.height >= 3
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, TextScreen))


@sync
async def test_unreadable_pdf_shows_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"this is not a pdf")
    app = CitexApp([str(bad)])
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, TextScreen))
        await pilot.press("escape")
        await asyncio.sleep(0)
        await pilot.press("q")
    assert app.return_code in (0, None)


@sync
async def test_sentence_across_a_page_break_is_selected_and_copied_whole(_dirs: list[str]) -> None:
    app = CitexApp([REPORT])
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot, app)
        document = app.document
        assert document is not None
        crossing = next(s for s in document.sentences if s.crosses)
        first, last = document.label_of(crossing.page), document.label_of(crossing.end_page)
        await pilot.press("g")
        await wait_for(pilot, lambda: isinstance(app.screen, GoToPageScreen))
        await pilot.press(*last, "enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, GoToPageScreen))
        reader = app.query_one("#reader", Reader)
        assert reader.page == crossing.end_page
        # the page's text starts with the end of a sentence begun on the page before: it is the cursor
        assert reader.cursor is not None and document.sentences[reader.cursor] == crossing
        assert reader.marks_of(reader.page, 0).selection == ((0, crossing.end),)
        await pilot.press("j", "k")  # back onto it from the next sentence: the reader stays on this page
        await pilot.pause()
        assert reader.page == crossing.end_page and document.sentences[reader.cursor] == crossing
        await pilot.press("y")
        await pilot.pause()
        text = document.sentence_text(crossing)
        assert (
            _dirs
            and _dirs[-1].startswith(f"\u201c{text}\u201d")
            and _dirs[-1].split("\n\n")[1].endswith(f"{first}\u2013{last}.")  # the Chicago note
        )
        assert "selected: 1 sentence p. " + f"{first}\u2013{last}" in str(app.query_one("#status").render())


@sync
async def test_no_pdf_opens_the_library_and_every_hit_names_its_document(tmp_path: Path) -> None:
    from explorer.locations import Locations
    from index.library import Library
    from index.scope import choose

    made = Path(__file__).parent / "corpus" / "made"
    pdfs = [made / "article.pdf", made / "manual.pdf"]
    where = Locations.here()
    Library(where.library).add([str(p) for p in pdfs])
    target = choose([], where.library, where.bundled)
    assert target.kind == "library" and [Path(p).name for p in target.paths] == ["article.pdf", "manual.pdf"]
    app = CitexApp(target, locations=where)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot, app)
        assert Path(app.document.path).name == "article.pdf"  # type: ignore[union-attr]
        results = await search(pilot, app, "the")
        names = {Path(h.document).name for h in results.hits}
        assert names == {"article.pdf", "manual.pdf"}  # both documents are searched
        for i, hit in enumerate(results.hits):
            prompt = results.get_option_at_index(i).prompt
            assert str(prompt).startswith(Path(hit.document).name + " p. ")
        other = next(i for i, h in enumerate(results.hits) if Path(h.document).name == "manual.pdf")
        results.highlighted = other
        await pilot.press("enter")
        await wait_for(
            pilot, lambda: app.document is not None and Path(app.document.path).name == "manual.pdf"
        )
        assert app.query_one("#reader", Reader).page == results.hits[other].page


@sync
async def test_a_failing_search_shows_the_error_dialog() -> None:
    app = CitexApp([REPORT])
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot, app)
        assert app.engine is not None

        def broken(query: str, limit: int = 10) -> None:
            raise RuntimeError("the index is damaged")

        app.engine.scope.search = broken  # type: ignore[method-assign,assignment]
        await pilot.press("slash", "b")  # every keystroke searches: the first one fails
        await wait_for(pilot, lambda: isinstance(app.screen, TextScreen))
        assert "the index is damaged" in str(app.screen.body)  # type: ignore[attr-defined]
        assert app.is_running
