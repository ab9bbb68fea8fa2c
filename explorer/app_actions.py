"""The explorer's actions on what the reader shows: notes, copying, bookmarks, documents.

A part of CitexApp (explorer/app.py), kept apart so that each file stays small; what the
parts share, and call on one another, is declared in explorer/app_state.py.
"""

from __future__ import annotations

import dataclasses

from explorer import bookmarks, clipboard
from explorer.app_state import AppState
from explorer.citation import STYLE_NAMES, Style, format_citation, next_style
from explorer.text import clean_for_terminal
from explorer.widgets.help import help_screen
from explorer.widgets.reader import Reader
from explorer.widgets.screens import BookmarksScreen, NameScreen, TextScreen, note_locator, note_screen
from explorer.widgets.search import QueryInput, ResultsList
from index.results import Hit


class ReaderActions(AppState):
    """Actions that work on the document in the reader."""

    def action_open_note(self) -> None:
        reader = self.query_one("#reader", Reader)
        if self.document is not None and reader.marker is not None and reader.marker.marker.note >= 0:
            self.push_screen(note_screen(self.document, reader.marker.marker.note))
        elif reader.marker is not None:
            self.notify(f"marker [{clean_for_terminal(reader.marker.marker.label)}]: its note was not found")

    def citation_text(self) -> str | None:
        """The selection quoted with its citation in the current style, None when nothing is selected.
        With the results list in front, its highlighted hit: exactly the words it matched."""
        reader = self.query_one("#reader", Reader)
        focused = self.focused
        if isinstance(focused, (ResultsList, QueryInput)):  # ctrl+y while typing: the highlighted hit
            hit = self.query_one("#results", ResultsList).current()
            if hit is not None:
                return self.hit_citation(hit)
        if self.document is None:
            return None
        quote = reader.quote()
        if quote is None:
            return None
        from explorer.citation import lexicon_for

        metadata = self.citation_metadata()
        return format_citation(
            quote.text,
            metadata,
            quote.first_label,
            quote.last_label,
            self.style,
            lexicon_for(self.document, metadata, self.style),
        )

    def hit_citation(self, hit: Hit) -> str | None:
        """A hit's matched text with its citation (None for a hit whose document is not open)."""
        document = next((d for d in self.documents if d.id == hit.doc_id), None)
        if document is None:
            return None
        if hit.span is None:
            first = last = document.display_label(hit.page)
        else:
            first, last = document.display_label(hit.span.page), document.display_label(hit.span.end_page)
        if hit.note >= 0:
            first = last = note_locator(document, hit.note)
        from index.meta import effective_metadata

        metadata = effective_metadata(document, self.locations.data)
        from explorer.citation import lexicon_for

        return format_citation(
            hit.text, metadata, first, last, self.style, lexicon_for(document, metadata, self.style)
        )

    def action_copy(self) -> None:
        if isinstance(self.screen, TextScreen) and self.screen.copy_text is not None:
            text: str | None = self.screen.copy_text(self.style)
        else:
            text = self.citation_text()
        reader = self.query_one("#reader", Reader)
        if reader.visual:
            reader.action_visual()  # y ends visual mode, as in vim (the selection stays)
        if text is None:
            self.notify("nothing to copy: open a page first", severity="warning")
            return
        copied = clipboard.copy(text, self.copy_to_clipboard)
        from explorer.citeitem import guessed_fields

        guesses = guessed_fields(self.citation_metadata()) if self.document is not None else {}
        if guesses:  # the one promise: a citation built on guesses says so, and how to correct them
            fields = ", ".join(f.replace("_", " ") for f in guesses)
            copied += f"\n\n(guessed: {fields}. Check them, and correct them with M)"
        self.notify(
            copied,
            title=f"Copied ({STYLE_NAMES[self.style]})",
            markup=False,
            severity="warning" if guesses else "information",
        )

    def action_pick_style(self) -> None:
        """`Y`: pick the citation style from a list (the current one first), then copy in it; the
        style chosen stays the style of `y` (and is remembered in the settings)."""
        from explorer.citation import STYLES
        from explorer.widgets.screens import PickerScreen

        order = [self.style] + [s for s in STYLES if s != self.style]
        items = [(f"{STYLE_NAMES[s]}{'  (now)' if s == self.style else ''}", s) for s in order]

        def chosen(style: Style | None) -> None:
            if style is not None:
                self.style = style
                self.update_status()
                self.action_copy()

        self.push_screen(PickerScreen("Copy with a citation in…", items, "(no style)"), chosen)

    def action_cycle_style(self) -> None:
        self.style = next_style(self.style)
        self.update_status()
        self.notify(f"Citation style: {STYLE_NAMES[self.style]}", timeout=2)

    def action_bookmark(self) -> None:
        """Bookmark where the reader stands, under a name asked for (Enter alone: its words)."""
        reader = self.query_one("#reader", Reader)
        if self.document is None or not reader.page:
            return
        page = self.document.page(reader.page)
        block = reader.place()[1]
        words = page.blocks[block].text[:60] if page.blocks else ""
        doc_id = self.document.id
        mark = bookmarks.Bookmark(page.index, page.display_label, block, words)
        label = clean_for_terminal(page.display_label)

        def named(name: str | None) -> None:
            if name is None:
                return
            try:
                bookmarks.add(doc_id, dataclasses.replace(mark, name=name), self.locations.bookmarks)
            except OSError as exc:
                self.notify(f"could not save bookmarks: {exc}", severity="error")
                return
            self.notify(f"Bookmarked p. {label}" + (f": {clean_for_terminal(name)}" if name else ""))

        self.push_screen(
            NameScreen(f"Bookmark p. {label}", f"a name (Enter alone: “{clean_for_terminal(words[:40])}…”)"),
            named,
        )

    def action_bookmarks(self) -> None:
        """The document's bookmarks: go to one, delete one (x), rename one (r)."""
        if self.document is None:
            return
        doc_id, where = self.document.id, self.locations.bookmarks

        def delete(mark: bookmarks.Bookmark) -> None:
            try:
                bookmarks.delete(doc_id, mark, where)
            except OSError as exc:
                self.notify(f"could not save bookmarks: {exc}", severity="error")

        def rename(mark: bookmarks.Bookmark, name: str) -> bookmarks.Bookmark:
            renamed = dataclasses.replace(mark, name=name)
            try:
                bookmarks.add(doc_id, renamed, where)
            except OSError as exc:
                self.notify(f"could not save bookmarks: {exc}", severity="error")
                return mark
            return renamed

        self.push_screen(BookmarksScreen(bookmarks.load(doc_id, where), delete, rename), self._goto_place)

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"

    def action_help(self) -> None:
        self.push_screen(help_screen())
