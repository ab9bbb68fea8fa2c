"""Pilot flows of the reader (issue 10 items 1-3 and 8): every jump shows its target, continuous
reading across pages, selection of exact words, notes. Each flow presses keys as a user would and
checks what the screen shows (the reader's region of the rendered screen) or what was copied."""

from __future__ import annotations

import re

import pytest
from rich.style import Style

from explorer.app import CitexApp
from explorer.quotes import inner_single
from explorer.selection import WORD
from explorer.widgets.pagerule import PageRule
from explorer.widgets.reader import Reader
from explorer.widgets.screens import GoToPageScreen, NotesScreen, PickerScreen
from tui_helpers import REPORT, _dirs, go_to, opened, search, settle, sync, wait_for

__all__ = ["_dirs"]  # tui_helpers' autouse fixture: a data folder and a recorded clipboard

SIZES = [(80, 24), (120, 40), (200, 60)]


def reader_lines(app: CitexApp) -> list[str]:
    """The text the reader shows on screen now, row by row (inside its border)."""
    reader = app.query_one("#reader", Reader)
    strips = app.screen._compositor.render_strips()
    r = reader.content_region
    return [strips[y].text[r.x : r.x + r.width] for y in range(r.y, r.y + r.height)]


def find_on_screen(app: CitexApp, word: str) -> tuple[int, int] | None:
    """The screen (x, y) of the first occurrence of `word` in the reader, None when not shown."""
    r = app.query_one("#reader", Reader).content_region
    for row, line in enumerate(reader_lines(app)):
        at = line.find(word)
        if at >= 0:
            return (r.x + at, r.y + row)
    return None


def style_at(app: CitexApp, where: tuple[int, int]) -> Style:
    return app.screen.get_style_at(*where)


@pytest.mark.parametrize("size", SIZES)
@sync
async def test_every_jump_shows_its_target(size: tuple[int, int]) -> None:
    app = CitexApp([REPORT])
    async with app.run_test(size=size) as pilot:
        await opened(pilot, app)
        reader = app.query_one("#reader", Reader)
        document = app.document
        assert document is not None

        # a hit (the second, as in the issue): its words on screen, highlighted
        results = await search(pilot, app, "mosquito nets")
        await pilot.press("down", "enter")
        await wait_for(pilot, lambda: app.focused is reader)
        await settle(pilot)
        hit = results.hits[1]
        assert reader.page == hit.page
        where = find_on_screen(app, "mosquito")
        assert where is not None, reader_lines(app)
        other = find_on_screen(app, "viruses")  # same sentence (selected), not a matched word
        assert other is not None
        hit_style, plain = style_at(app, where), style_at(app, other)
        assert hit_style.bold and not plain.bold and hit_style.bgcolor != plain.bgcolor

        # a go-to page after a PageDown: the page's rule is the first line shown
        await pilot.press("pagedown")
        await settle(pilot)
        await go_to(pilot, app, "22")
        assert document.label_of(reader.page) == "22"
        assert reader_lines(app)[0].strip(" ─").startswith("p. 22 ·"), reader_lines(app)[:2]

        # an outline entry, the one lowest on its page: its heading on screen
        deepest = max(range(len(document.outline)), key=lambda i: document.outline[i].block)
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(app.screen, PickerScreen))
        await pilot.press(*["down"] * deepest, "enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, PickerScreen))
        await settle(pilot)
        heading = document.outline[deepest]
        assert heading.block > 3
        assert reader.page == heading.page
        first_words = " ".join(document.block(heading.page, heading.block).text.split()[:2])
        assert any(first_words in line for line in reader_lines(app)), (first_words, reader_lines(app))

        # a marker five markers on (a count), and then a note chosen in the notes list
        await pilot.press("5", "right_square_bracket")
        await settle(pilot)
        assert reader.marker is not None
        label = f"[{reader.marker.marker.label}]"
        where = find_on_screen(app, label)
        assert where is not None, (label, reader_lines(app))
        assert style_at(app, where).bgcolor is not None  # the current marker stands out
        await pilot.press("f")
        await wait_for(pilot, lambda: isinstance(app.screen, NotesScreen))
        await pilot.press(*"30", "enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, NotesScreen))
        await settle(pilot)
        assert reader.marker is not None and document.notes[reader.marker.marker.note].label == "30"
        assert find_on_screen(app, "[30]") is not None, reader_lines(app)


@sync
async def test_continuous_reading_through_the_whole_report() -> None:
    app = CitexApp([REPORT])
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot, app)
        reader = app.query_one("#reader", Reader)
        document = app.document
        assert document is not None
        total = len(document.pages)
        seen: list[int] = [reader.page]
        most_mounted = 0
        for _ in range(200):
            await pilot.press("space", "space")
            await pilot.pause()
            most_mounted = max(most_mounted, len(reader._mounted))
            if reader.page != seen[-1]:
                seen.append(reader.page)
            if reader.scroll_y >= reader.max_scroll_y and reader._hi == total:
                break
        # the pages go by in order to the end (the last may be too short to reach the top of the
        # view), and only a few are mounted at any time
        assert seen == sorted(seen) and seen[-1] >= total - 1 and len(seen) >= total // 2, seen
        assert reader._rule(total) is not None and most_mounted <= 8
        # each rule names the printed page, or says the page prints none
        for rule in reader.query(PageRule):
            page = document.page(rule.page)
            if page.label is None:
                assert rule.title_text.startswith("prints no page number"), rule.title_text
                assert f"p. {page.display_label}" not in rule.title_text
            else:
                assert rule.title_text.startswith(f"p. {page.label}")
        # b goes back a screen; gg to the top; G to the end
        top = reader_lines(app)
        await pilot.press("b")
        await settle(pilot)
        assert reader_lines(app) != top
        await pilot.press("space")  # and Space comes back to the same screen
        await settle(pilot)
        assert reader_lines(app) == top
        await pilot.press("g")
        await wait_for(pilot, lambda: isinstance(app.screen, GoToPageScreen))
        await pilot.press("g")
        await wait_for(pilot, lambda: not isinstance(app.screen, GoToPageScreen))
        await settle(pilot)
        assert reader.page == 1 and reader.scroll_y == 0
        assert "PDF page 1 of" in reader_lines(app)[0]
        await pilot.press("G")
        await settle(pilot)
        assert reader.page == total and reader.scroll_y == reader.max_scroll_y
        # PageUp goes back into the page before, whose rule then shows
        for _ in range(30):
            await pilot.press("pageup")
            await pilot.pause()
            if reader.page < total:
                break
        await settle(pilot)
        assert reader.page == total - 1


@sync
async def test_counts_and_next_match() -> None:
    app = CitexApp([REPORT])
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot, app)
        reader = app.query_one("#reader", Reader)
        document = app.document
        assert document is not None and reader.cursor is not None
        start = reader.cursor
        await pilot.press("5", "j")
        await settle(pilot)
        assert reader.cursor == start + 5
        await pilot.press("2", "k")
        assert reader.cursor == start + 3
        results = await search(pilot, app, "mobile phones")
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.focused is reader)
        ordered = sorted(
            (h for h in results.hits if h.span is not None),
            key=lambda h: (h.span.page, h.span.block, h.span.start),  # type: ignore[union-attr]
        )
        first = results.hits[0]
        at = ordered.index(first)
        assert at + 2 < len(ordered)
        await pilot.press("n")
        await settle(pilot)
        assert reader.hit == ordered[at + 1].span
        await pilot.press("n")
        await settle(pilot)
        assert reader.hit == ordered[at + 2].span
        assert find_on_screen(app, "mobile") is not None or find_on_screen(app, "phones") is not None
        await pilot.press("N")
        await settle(pilot)
        assert reader.hit == ordered[at + 1].span


@sync
async def test_visual_mode_copies_exact_words_and_a_sentence_across_a_page(_dirs: list[str]) -> None:
    app = CitexApp([REPORT])
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot, app)
        reader = app.query_one("#reader", Reader)
        document = app.document
        assert document is not None
        crossing = next(s for s in document.sentences if s.crosses)
        first, last = document.label_of(crossing.page), document.label_of(crossing.end_page)
        await go_to(pilot, app, first)
        for _ in range(200):
            if reader.cursor is not None and document.sentences[reader.cursor] == crossing:
                break
            await pilot.press("j")
        assert reader.cursor is not None and document.sentences[reader.cursor] == crossing
        # v on the sentence's first word, ) to its last: exactly the sentence, cited over two pages
        await pilot.press("v", "right_parenthesis")
        await settle(pilot)
        assert reader.visual
        await pilot.press("y")
        await settle(pilot)
        text = document.sentence_text(crossing).strip()
        assert _dirs[-1].startswith(f"\u201c{text}"), _dirs[-1][:200]
        assert chicago_note(_dirs[-1]).endswith(f"{first}\u2013{last}.")
        assert not reader.visual  # y ends visual mode
        # four words from the second word of the sentence: v, w, then 3w
        await pilot.press("escape")
        words = [m.group() for m in WORD.finditer(text)]
        await pilot.press("v", "w")
        await pilot.press("escape")  # leaves visual mode: start again from the second word
        await pilot.press("v")
        assert reader.tail is not None
        await pilot.press("3", "w")
        await settle(pilot)
        quote = reader.quote()
        assert quote is not None
        assert re.sub(r"\s+", " ", quote.text) == _words_from(text, 0, 4), (quote.text, words[:4])
        await pilot.press("b")  # back one word
        quote = reader.quote()
        assert quote is not None and re.sub(r"\s+", " ", quote.text) == _words_from(text, 0, 3)
        status = str(app.query_one("#status").render())
        assert "selected: 3 words p. " in status
        # j in visual mode: the head goes down one drawn line (the next line of the block, or the
        # first line of the next block)
        head = reader.head
        assert head is not None
        view = reader._view(head.page, head.block)
        assert view is not None
        line = view.line_of(head.start)
        lines_in_block = view.line_of(len(document.block(head.page, head.block).text)) + 1
        await pilot.press("j")
        await settle(pilot)
        moved = reader.head
        assert moved is not None and moved > head
        if line + 1 < lines_in_block:
            assert (moved.page, moved.block) == (head.page, head.block) and view.line_of(
                moved.start
            ) == line + 1
        else:
            assert (moved.page, moved.block) != (head.page, head.block)


def _words_from(text: str, first: int, count: int) -> str:
    """Words first..first+count-1 of `text` as printed between them."""
    found = list(WORD.finditer(text))
    return re.sub(r"\s+", " ", text[found[first].start() : found[first + count - 1].end()])


@sync
async def test_mouse_drag_selects_words_and_y_copies_them(_dirs: list[str]) -> None:
    app = CitexApp([REPORT])
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot, app)
        reader = app.query_one("#reader", Reader)
        await search(pilot, app, "mosquito nets")
        await pilot.press("down", "enter")
        await wait_for(pilot, lambda: app.focused is reader)
        await settle(pilot)
        start, end = find_on_screen(app, "mosquito"), find_on_screen(app, "nets")
        assert start is not None and end is not None and start[1] == end[1]
        origin = reader.region
        await pilot.mouse_down(reader, offset=(start[0] - origin.x + 1, start[1] - origin.y))
        await pilot.hover(reader, offset=(end[0] - origin.x + 2, end[1] - origin.y))
        await pilot.mouse_up(reader, offset=(end[0] - origin.x + 2, end[1] - origin.y))
        await settle(pilot)
        quote = reader.quote()
        assert quote is not None and quote.text == "mosquito nets"
        await pilot.press("y")
        await settle(pilot)
        assert _dirs[-1].startswith("\u201cmosquito nets") and chicago_note(_dirs[-1]).endswith(", 17.")
        # a click (no drag) on a word of the next sentence moves the cursor to that sentence
        where = find_on_screen(app, "political")
        assert where is not None
        await pilot.click(reader, offset=(where[0] - origin.x + 1, where[1] - origin.y))
        await settle(pilot)
        document = app.document
        assert document is not None and reader.cursor is not None and reader.tail is None
        assert "political guideline" in document.sentence_text(document.sentences[reader.cursor])


def chicago_note(copied: str) -> str:
    """The note of a Chicago citation as copied (the quote, the note, then the bibliography entry)."""
    return next(line for line in copied.splitlines() if line.startswith("1. "))


@sync
async def test_y_on_a_result_copies_its_words(_dirs: list[str]) -> None:
    app = CitexApp([REPORT])
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot, app)
        await pilot.press("c")  # APA, to see the page in the citation
        results = await search(pilot, app, "mosquito nets")
        await pilot.press("down", "ctrl+y")  # while typing, y types: ctrl+y copies the highlighted hit
        await settle(pilot)
        hit = results.hits[1]
        assert app.focused is app.query_one("#query") and app.query_one("#query").value == "mosquito nets"
        assert (
            _dirs[-1].startswith(f"\u201c{inner_single(hit.text)}\u201d")
            and f"p. {hit.page_label})" in _dirs[-1]
        )
