"""The Citex TUI: search as you type, read pages, open notes, copy quotes with citations.

The app is thin: it lays out the widgets (explorer/widgets), runs long work in thread
workers (opening PDFs: explorer/app_open.py; searching: explorer/app_search.py) and routes
messages (explorer/messages.py) between them. Settings (style, theme, places) are read at
start and written at exit (explorer/settings.py).
Everything it shows about a PDF goes through explorer.text.clean_for_terminal.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Header, Input, ProgressBar, Static
from textual.worker import Worker, WorkerState

from explorer.app_actions import ReaderActions
from explorer.app_open import OpeningActions
from explorer.app_search import SearchActions
from explorer.app_sources import SourcesActions
from explorer.citation import STYLE_NAMES
from explorer.engine import MODE_NAMES
from explorer.history import Location
from explorer.locations import Locations
from explorer.messages import HitChosen, MarkerChanged, PageShown, SelectionChanged
from explorer.text import clean_for_terminal
from explorer.widgets.draft import DraftActions
from explorer.widgets.footer import KeyFooter
from explorer.widgets.help import COMMANDS
from explorer.widgets.notepanel import NotePanel
from explorer.widgets.reader import Reader
from explorer.widgets.screens import (
    GoToPageScreen,
    NotesScreen,
    error_screen,
    note_screen,
    outline_screen,
)
from explorer.widgets.search import ResultsList, ResultsPane, SearchBar
from index.scope import Target

NARROW = 100
"""Terminal columns below which the status line drops its labels ("cite:", "mode:")."""
MODAL_ACTIONS = frozenset({"quit", "help", "toggle_theme", "command_palette", "focus_next", "focus_previous"})
"""The app's actions still offered while a dialog is in front (the others act on the reader
behind it: the dialog's own keys are the ones shown and run)."""


class CitexApp(DraftActions, SearchActions, OpeningActions, SourcesActions, ReaderActions):
    """Search, read and cite PDFs (its state and its parts: explorer/app_state.py)."""

    CSS_PATH = "citex.tcss"
    TITLE = "Citex"
    BINDINGS: ClassVar[list[BindingType]] = [
        # the footer shows these in this order and cuts what does not fit: y, ? and q come first
        Binding("y", "copy", "Copy"),
        Binding("question_mark", "help", "Help"),
        Binding("q", "quit", "Quit"),
        # priority: handled as it arrives, so that the keys typed right after it go into the query
        # (a plain binding is seen only after the reader has passed "/" up, and the next keys have
        # gone to the reader by then)
        Binding("slash", "search", "Search", priority=True),
        Binding("ctrl+t,f2", "cycle_mode", "Mode", priority=True),
        Binding("escape", "back", "Back", show=False),
        Binding("g", "goto", "Page"),
        Binding("o", "outline", "Outline"),
        Binding("f", "notes", "Notes"),
        Binding("s", "sources", "Sources"),
        Binding("D", "documents", "Docs"),
        Binding("M", "edit_metadata", "Metadata", show=False),
        Binding("c", "cycle_style", "Style"),
        Binding("Y", "pick_style", "Copy as…", show=False),
        Binding("m", "bookmark", "Bookmark", show=False),
        Binding("B,apostrophe", "bookmarks", "Bookmarks", show=False),
        Binding("H", "history(-1)", "Back in history", show=False),
        Binding("L", "history(1)", "Forward in history", show=False),
        Binding("d", "next_document", "Next document", show=False),
        Binding("T", "toggle_theme", "Light/dark", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield SearchBar(id="search")
        with Horizontal(id="main"):
            yield ResultsPane(id="results-pane")
            with Vertical(id="reading"):
                with Vertical(id="loading"):
                    yield Static("Opening…", id="loading-label")
                    yield ProgressBar(id="progress", show_eta=False)
                yield Reader(id="reader")
                yield NotePanel(id="note")
        yield Static(id="status")
        yield KeyFooter()

    def on_mount(self) -> None:
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        self.query_one("#results-pane", ResultsPane).display = False
        self.query_one("#reader", Reader).display = False
        self.query_one("#note", NotePanel).show(None, None, "")
        self.query_one("#note", NotePanel).display = False  # until a document is shown
        self.query_one(SearchBar).mode = "search"
        if self._settings_warning:
            self.notify(self._settings_warning, severity="warning", timeout=8)
        self.load_documents(self.paths)

    def on_unmount(self) -> None:
        self.save_settings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Behind a dialog the reader's actions are neither shown in the footer nor run."""
        if isinstance(self.screen, ModalScreen) and action not in MODAL_ACTIONS:
            # a dialog's own `app.` keys still run (the whole note's `y`), and only those
            return action == "copy" and getattr(self.screen, "copy_text", None) is not None
        if action == "search" and isinstance(self.focused, Input):
            return False  # "/" is typed (in its turn, after the keys before it)
        return True

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Every worker's failure ends here: one error dialog saying what went wrong."""
        if event.state != WorkerState.ERROR:
            return
        error = event.worker.error
        from index.errors import CitexIndexError
        from source.errors import SourceError

        known = isinstance(error, SourceError | CitexIndexError)
        message = str(error) if known else f"unexpected {type(error).__name__}: {error}"
        if event.worker.group in ("index", "document"):
            self.query_one("#loading").display = False
            self._search_note = "search unavailable" if event.worker.group == "index" else ""
            self.update_status()
        self.push_screen(error_screen(message))

    def on_hit_chosen(self, message: HitChosen) -> None:
        hit = message.hit
        document = next((d for d in self.documents if d.id == hit.doc_id), None)
        if document is None:
            if not message.preview:
                self.open_later(hit.document, hit)
            return
        if document is not self.document:
            self.open_document(document)
        reader = self.query_one("#reader", Reader)
        nav = self.navs[document.id]
        if hit.span is not None:
            reader.show_hit(hit)
        elif hit.note >= 0 and message.preview:  # its marker, without the history or the focus
            marker = nav.marker_for_note(hit.note)
            if marker is not None:
                reader.set_marker(marker)
            else:
                reader.show_page(document.notes[hit.note].page)
        elif hit.note >= 0:
            self.jump_to_note(hit.note)
            self.push_screen(note_screen(document, hit.note))
        else:
            reader.show_page(hit.page)
        if not message.preview:
            self.remember()
            reader.focus()

    # -- reader events ------------------------------------------------------------------------------

    def on_marker_changed(self, message: MarkerChanged) -> None:
        self.query_one("#note", NotePanel).show(self.document, message.note, message.label)

    def on_selection_changed(self, message: SelectionChanged) -> None:
        n = message.count
        self._selection = (
            f"{n} {message.unit}{'s' if n != 1 else ''} p. {message.pages}" if message.pages else ""
        )
        self.update_status()

    def on_page_shown(self, message: PageShown) -> None:
        self.update_status()

    def update_status(self) -> None:
        """The status line: page, selection, citation style, search mode and the last search."""
        parts: list[str] = []
        reader = self.query_one("#reader", Reader)
        if self.document is not None and reader.page:
            page = self.document.page(reader.page)
            parts.append(
                f"page {clean_for_terminal(page.display_label)} ({page.index}/{len(self.document.pages)})"
            )
        narrow = self.size.width < NARROW
        if self._selection:
            parts.append(self._selection if narrow else f"selected: {self._selection}")
        parts.append(STYLE_NAMES[self.style] if narrow else f"cite: {STYLE_NAMES[self.style]}")
        parts.append(
            MODE_NAMES[self.query_one(SearchBar).mode]
            if narrow
            else f"mode: {MODE_NAMES[self.query_one(SearchBar).mode]}"
        )
        opened = len(self.documents)
        if opened > 1 or len(self.paths) > 1:
            parts.append(
                f"{opened} of {len(self.paths)} open (D)"
                if len(self.paths) > opened
                else f"{opened} open (D)"
            )
        if self._search_note:
            parts.append(self._search_note)
        self.query_one("#status", Static).update(" │ ".join(parts))
        self.keep_place()

    # -- history ------------------------------------------------------------------------------------

    def here(self) -> Location | None:
        """Where the reader stands."""
        reader = self.query_one("#reader", Reader)
        return Location(self.document.id, reader.page, reader.cursor) if self.document else None

    def remember(self) -> None:
        """Push where the reader stands onto the history."""
        here = self.here()
        if here is not None:
            self.history.push(here)

    def remember_current(self) -> None:
        """Record the current place at the history's position (so forward returns here)."""
        here = self.here()
        if here is not None:
            self.history.update(here)

    def action_history(self, step: int) -> None:
        self.remember_current()
        place = self.history.move(step)
        if place is None:
            self.bell()
            return
        document = next(d for d in self.documents if d.id == place.doc_id)
        if document is not self.document:
            self.open_document(document)
        self.query_one("#reader", Reader).show_page(place.page, cursor=place.cursor)

    def jump(self, page: int, block: int = 0) -> None:
        """Show a place (remembered in the history)."""
        reader = self.query_one("#reader", Reader)
        nav = self.navs.get(self.document.id) if self.document else None
        if nav is None:
            return
        self.remember_current()
        reader.show_page(page, block=block)
        self.remember()
        reader.focus()

    def jump_to_note(self, note: int) -> None:
        """Show the first marker that cites note `note` (else the page the note is on)."""
        if self.document is None:
            return
        marker = self.navs[self.document.id].marker_for_note(note)
        if marker is None:
            self.jump(self.document.notes[note].page)
            return
        self.remember_current()
        reader = self.query_one("#reader", Reader)
        reader.set_marker(marker)
        self.remember()
        reader.focus()

    # -- actions ------------------------------------------------------------------------------------

    def action_search(self) -> None:
        """Focus the query at once, so that the next keys typed go into it."""
        self.screen.set_focus(self.query_one("#query", Input))

    def action_cycle_mode(self) -> None:
        self.query_one(SearchBar).cycle()
        self.update_status()
        if self.query_one("#query", Input).value.strip():
            self.query_changed()

    async def action_back(self) -> None:
        """Escape: stop the reading, else step back from the reader to the results to the query.
        (Async as App.action_back, which it replaces: Textual awaits an action either way.)"""
        if self.cancel_open():
            return
        results = self.query_one("#results", ResultsList)
        focused = self.focused
        if isinstance(focused, Reader):
            shown = self.query_one("#results-pane").display and results.option_count
            (results if shown else self.query_one("#query", Input)).focus()
        elif focused is results:
            self.query_one("#query", Input).focus()
        elif self.document is not None:
            self.query_one("#reader", Reader).focus()

    def action_goto(self) -> None:
        if self.document is not None and self.document.pages:
            self.push_screen(GoToPageScreen(self.document), self._goto_page)

    def _goto_page(self, page: int | None) -> None:
        if page is not None:
            self.jump(page)

    def action_outline(self) -> None:
        if self.document is not None:
            self.push_screen(outline_screen(self.document), self._goto_place)

    def _goto_place(self, place: tuple[int, int] | None) -> None:
        if place is not None:
            self.jump(*place)

    def action_notes(self) -> None:
        if self.document is not None:
            self.push_screen(NotesScreen(self.document), self._goto_note)

    def _goto_note(self, note: int | None) -> None:
        if note is not None:
            self.jump_to_note(note)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for title, help_text, action in COMMANDS:
            yield SystemCommand(title, help_text, lambda a=action: self.run_action(a))
        yield SystemCommand(
            "Check a draft", "Every quotation of a draft against the documents", self.action_open_draft
        )


def run(target: Target, locations: Locations, password: str | None = None, draft: str | None = None) -> None:
    """Open the TUI on a scope's PDFs (the CLI has checked the PDFs given can be read); with `draft`,
    check that draft's quotations once the index is open."""
    CitexApp(target, password=password, locations=locations, draft=draft).run()
