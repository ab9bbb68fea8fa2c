"""The Citex TUI: search as you type, read pages, open notes, copy quotes with citations.

The app is thin: it lays out the widgets (explorer/widgets), runs long work in thread
workers (opening PDFs, searching) and routes messages (explorer/messages.py) between them.
Everything it shows about a PDF goes through explorer.text.clean_for_terminal.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, ClassVar

from textual import on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, Input, ProgressBar, Static
from textual.worker import Worker, WorkerState, get_current_worker

from explorer.app_actions import ReaderActions
from explorer.citation import STYLE_NAMES, STYLES, Style
from explorer.engine import MODE_NAMES, Engine
from explorer.history import History, Location
from explorer.locations import Locations
from explorer.messages import (
    DocumentFailed,
    DocumentOpened,
    DocumentsLoaded,
    EngineReady,
    HitChosen,
    LoadProgress,
    MarkerChanged,
    PageShown,
    PasswordNeeded,
    SearchDone,
    SelectionChanged,
)
from explorer.navigation import Navigator
from explorer.text import clean_for_terminal
from explorer.widgets.help import COMMANDS
from explorer.widgets.reader import NotePanel, Reader
from explorer.widgets.screens import (
    GoToPageScreen,
    NotesScreen,
    error_screen,
    note_screen,
    outline_screen,
)
from explorer.widgets.search import ResultsList, SearchBar
from index.results import Hit
from index.scope import Target
from source.model import Document

SEARCH_DELAY = 0.25
"""Seconds of quiet typing before a search runs."""


class CitexApp(ReaderActions, App[None]):
    """Search, read and cite PDFs."""

    CSS_PATH = "citex.tcss"
    TITLE = "Citex"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "search", "Search"),
        Binding("ctrl+t,f2", "cycle_mode", "Mode", priority=True),
        Binding("escape", "back", "Back", show=False),
        Binding("g", "goto", "Page"),
        Binding("o", "outline", "Outline"),
        Binding("f", "notes", "Notes"),
        Binding("y", "copy", "Copy"),
        Binding("c,Y", "cycle_style", "Style"),
        Binding("m", "bookmark", "Mark", show=False),
        Binding("B", "bookmarks", "Bookmarks", show=False),
        Binding("H", "history(-1)", "Back in history", show=False),
        Binding("L", "history(1)", "Forward in history", show=False),
        Binding("d", "next_document", "Next document", show=False),
        Binding("T", "toggle_theme", "Light/dark", show=False),
        Binding("question_mark", "help", "Help"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(
        self, target: Target | Sequence[str], password: str | None = None, locations: Locations | None = None
    ) -> None:
        super().__init__()
        self.locations = locations or Locations.here()
        """Where this run reads and writes (computed once, by the CLI)."""
        self.target = target if isinstance(target, Target) else Target("pdfs", tuple(target))
        """What is open: the PDFs given, the library, or the bundled report (`index.scope.choose`)."""
        self.paths = list(self.target.paths)
        self.password = password
        self.documents: list[Document] = []
        self.navs: dict[str, Navigator] = {}
        self.document: Document | None = None
        self.engine: Engine | None = None
        self.style: Style = STYLES[0]
        self.history = History()
        self._serial = 0
        self._focus_results = -1
        self._timer: Timer | None = None
        self._selection = ""
        self._search_note = ""

    def compose(self) -> ComposeResult:
        yield Header()
        yield SearchBar(id="search")
        with Horizontal(id="main"):
            yield ResultsList(id="results")
            with Vertical(id="reading"):
                with Vertical(id="loading"):
                    yield Static("Opening…", id="loading-label")
                    yield ProgressBar(id="progress", show_eta=False)
                yield Reader(id="reader")
                yield NotePanel(id="note")
        yield Static(id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#results", ResultsList).display = False
        self.query_one("#reader", Reader).display = False
        self.query_one("#note", NotePanel).show(None, None, "")
        self.query_one(SearchBar).mode = "search"
        self.load_documents(self.paths)

    # -- opening ------------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="open", exit_on_error=False)
    def load_documents(self, paths: list[str]) -> None:
        """Read each PDF (through the cache): all of those given, the first of a library (the others
        are read when a hit or the next-document key asks for them)."""
        from source.errors import EncryptedError, SourceError
        from source.opening import open_document

        worker = get_current_worker()
        wanted = paths[:1] if self.target.kind == "library" else paths
        total = 2 * len(wanted) or 1
        documents: list[Document] = []
        for i, path in enumerate(wanted):
            self.post_message(LoadProgress(i, total, f"Reading {Path(path).name}…"))
            try:
                documents.append(open_document(path, self.password))
            except EncryptedError as exc:
                self.post_message(PasswordNeeded(path, str(exc)))
            except SourceError as exc:
                self.post_message(DocumentFailed(path, str(exc)))
            if worker.is_cancelled:
                return
        self.post_message(DocumentsLoaded(documents))

    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def prepare_engine(self) -> None:
        """Open (or build) the search index of the scope, once the first page is on screen."""
        from index.scope import open_scope

        n = len(self.documents)
        self.post_message(LoadProgress(n, 2 * n or 1, "Indexing…"))
        engine = Engine(open_scope(self.target, self.password))
        if get_current_worker().is_cancelled:
            engine.close()
            return
        self.post_message(EngineReady(engine))

    @work(thread=True, group="document", exit_on_error=False)
    def open_later(self, path: str, hit: Hit | None) -> None:
        """Read one more PDF of the scope (a library's), then show it (at `hit`, when given)."""
        from source.errors import SourceError
        from source.opening import open_document

        document = open_document(path, self.password)
        if hit is not None and document.id != hit.doc_id:
            raise SourceError(f"{path} has changed since it was indexed: add it again (citex add)")
        self.post_message(DocumentOpened(document, hit))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Every worker's failure ends here: one error dialog saying what went wrong."""
        if event.state != WorkerState.ERROR:
            return
        error = event.worker.error
        from index.errors import CitexIndexError
        from source.errors import SourceError

        known = isinstance(error, SourceError | CitexIndexError)
        message = str(error) if known else f"unexpected {type(error).__name__}: {error}"
        if event.worker.group == "index":
            self.query_one("#loading").display = False
            self._search_note = "search unavailable"
            self.update_status()
        self.push_screen(error_screen(message))

    def on_document_opened(self, message: DocumentOpened) -> None:
        document = message.document
        if all(d.id != document.id for d in self.documents):
            self.documents.append(document)
            self.navs[document.id] = Navigator(document)
        if message.hit is not None:
            self.on_hit_chosen(HitChosen(message.hit))
        else:
            self.open_document(next(d for d in self.documents if d.id == document.id))

    def on_load_progress(self, message: LoadProgress) -> None:
        if self.documents and self.engine is None:
            self._search_note = clean_for_terminal(message.what)
            self.update_status()
            return
        self.query_one("#loading-label", Static).update(clean_for_terminal(message.what))
        self.query_one("#progress", ProgressBar).update(total=message.total, progress=message.done)

    def on_document_failed(self, message: DocumentFailed) -> None:
        self.push_screen(error_screen(message.message))

    def on_password_needed(self, message: PasswordNeeded) -> None:
        """Ask for the password, then read the PDFs again with it (held in memory only)."""
        from explorer.widgets.screens import PasswordScreen

        def answered(password: str | None) -> None:
            if password:
                self.password = password
                self.load_documents(self.paths)

        self.push_screen(PasswordScreen(message.path, message.message), answered)

    def on_engine_ready(self, message: EngineReady) -> None:
        self.query_one("#loading").display = False
        self.engine = message.engine
        self._search_note = ""
        self.update_status()
        if self.query_one("#query", Input).value:
            self.start_search()  # a query typed while the indexes were opening

    def on_documents_loaded(self, message: DocumentsLoaded) -> None:
        self.documents = message.documents
        if self.documents:
            self.query_one("#loading").display = False
            # Import Whoosh and open the indexes after the first paint, not during it.
            self.call_after_refresh(self.prepare_engine)
        if not self.documents:
            self.query_one("#status", Static).update("No document could be read. Press q to quit.")
            return
        self.navs = {d.id: Navigator(d) for d in self.documents}
        self.query_one("#reader", Reader).display = True
        self.open_document(self.documents[0])
        self.remember()
        self.query_one("#reader", Reader).focus()

    def open_document(self, document: Document) -> None:
        """Make `document` the one the reader shows."""
        self.document = document
        self.title = clean_for_terminal(document.metadata.title or Path(document.path).name)
        self.sub_title = clean_for_terminal(document.metadata.author)
        self.query_one("#reader", Reader).load(document, self.navs[document.id])

    # -- searching ----------------------------------------------------------------------------------

    @on(Input.Changed, "#query")
    def query_changed(self) -> None:
        self._serial += 1
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(SEARCH_DELAY, self.start_search)

    @on(Input.Submitted, "#query")
    def query_submitted(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._serial += 1
        self._focus_results = self._serial
        self.start_search()

    def start_search(self) -> None:
        """Run the query in the bar now (in a worker; a newer run makes this one stale)."""
        if self.engine is None:
            return
        query = self.query_one("#query", Input).value
        self.run_search(self._serial, self.query_one(SearchBar).mode, query)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def run_search(self, serial: int, mode: Any, query: str) -> None:
        """Search in a thread; post the outcome unless a newer search started."""
        assert self.engine is not None
        outcome = self.engine.run(mode, query)
        if not get_current_worker().is_cancelled:
            self.post_message(SearchDone(serial, outcome))

    def on_search_done(self, message: SearchDone) -> None:
        if message.serial != self._serial:
            return
        outcome = message.outcome
        results = self.query_one("#results", ResultsList)
        results.display = bool(outcome.query)
        results.show(list(outcome.hits))
        self.query_one("#reader", Reader).matches = list(outcome.hits)
        count = f"{len(outcome.hits)} hit{'s' if len(outcome.hits) != 1 else ''}" if outcome.query else ""
        self._search_note = clean_for_terminal(" · ".join(p for p in (count, outcome.message) if p))
        self.update_status()
        if message.serial == self._focus_results and outcome.hits:
            results.focus()

    def on_hit_chosen(self, message: HitChosen) -> None:
        hit = message.hit
        document = next((d for d in self.documents if d.id == hit.doc_id), None)
        if document is None:
            self.open_later(hit.document, hit)
            return
        if document is not self.document:
            self.open_document(document)
        reader = self.query_one("#reader", Reader)
        if hit.span is not None:
            reader.show_hit(hit)
        elif hit.note >= 0:
            self.jump_to_note(hit.note)
            self.push_screen(note_screen(document, hit.note))
        else:
            reader.show_page(hit.page)
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
        if self._selection:
            parts.append(f"selected: {self._selection}")
        parts.append(f"cite: {STYLE_NAMES[self.style]}")
        parts.append(f"mode: {MODE_NAMES[self.query_one(SearchBar).mode]}")
        if self._search_note:
            parts.append(self._search_note)
        self.query_one("#status", Static).update(" │ ".join(parts))

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
        self.query_one("#query", Input).focus()

    def action_cycle_mode(self) -> None:
        self.query_one(SearchBar).cycle()
        self.update_status()
        if self.query_one("#query", Input).value.strip():
            self.query_changed()

    def action_back(self) -> None:
        if self.workers and any(w.group == "open" and w.is_running for w in self.workers):
            self.workers.cancel_group(self, "open")
            self.query_one("#loading-label", Static).update("Cancelled. Press q to quit.")
            return
        results = self.query_one("#results", ResultsList)
        focused = self.focused
        if isinstance(focused, Reader):
            (results if results.display and results.option_count else self.query_one("#query", Input)).focus()
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
            yield SystemCommand(title, help_text, lambda a=action: self.run_action(a))  # type: ignore[misc]


def run(target: Target, locations: Locations, password: str | None = None) -> None:
    """Open the TUI on a scope's PDFs (the CLI has checked the PDFs given can be read)."""
    CitexApp(target, password=password, locations=locations).run()
