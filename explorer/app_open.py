"""The explorer's opening of PDFs and switching between them: read in a thread with progress by
page (Escape stops the reading itself), an error dialog for those that cannot be read while the
others open, and a place, history and selection kept for each open document.

A part of CitexApp (explorer/app.py), kept apart so that each file stays small; what the
parts share, and call on one another, is declared in explorer/app_state.py.
"""

from __future__ import annotations

import contextlib
import dataclasses
import threading
import time
from pathlib import Path

from textual import work
from textual.widgets import Input, ProgressBar, Static
from textual.worker import get_current_worker

from explorer import settings
from explorer.app_state import AppState
from explorer.engine import Engine
from explorer.history import History
from explorer.messages import (
    DocumentOpened,
    DocumentsLoaded,
    EngineReady,
    HitChosen,
    LoadProgress,
    PasswordNeeded,
)
from explorer.navigation import Navigator
from explorer.text import clean_for_terminal
from explorer.widgets.reader import Reader
from explorer.widgets.screens import PickerScreen, error_screen
from index.results import Hit
from source.model import Document

CANCELLED = "not read: cancelled"
"""Why a PDF is listed after Escape stopped the reading."""
PROGRESS_INTERVAL = 0.05
"""Seconds between two progress messages from the reading thread (a page is often faster)."""


class OpeningActions(AppState):
    """Reading the scope's PDFs and showing one of them."""

    # -- reading ------------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="open", exit_on_error=False)
    def load_documents(self, paths: list[str]) -> None:
        """Read each PDF (through the cache): all of those given, the first of a library (the others
        are read when a hit or the switcher asks for them). Escape sets the cancel event, which stops
        the read inside `source` (`source.limits.watching`), not only its result."""
        from source.errors import CancelledError, EncryptedError, SourceError
        from source.limits import watching

        cancel = self.cancel_reading = threading.Event()
        wanted = paths[:1] if self.target.kind == "library" else paths
        if self.target.kind == "library" and self.settings.last:
            # the document shown last comes first again, when it is one of the library's
            last = self.settings.places.get(self.settings.last)
            if last is not None and last.path in paths:
                wanted = [last.path]
        documents: list[Document] = []
        failed: list[tuple[str, str]] = []
        for i, path in enumerate(wanted):
            name = Path(path).name
            what = f"Reading {name}" + (f" ({i + 1} of {len(wanted)})" if len(wanted) > 1 else "")
            self.post_message(LoadProgress(0, 1, f"{what}…"))
            last_post = [0.0]

            def progress(page: int, pages: int, what: str = what, last_post: list[float] = last_post) -> None:
                now = time.monotonic()
                if now - last_post[0] >= PROGRESS_INTERVAL or page == pages:
                    last_post[0] = now
                    self.post_message(LoadProgress(page, pages, f"{what}: page {page} of {pages}"))

            try:
                with watching(cancel, progress):
                    documents.append(self.read_one(path))
            except EncryptedError as exc:
                self.post_message(PasswordNeeded(path, str(exc)))
            except CancelledError:
                failed.extend((p, CANCELLED) for p in wanted[i:])
                break
            except SourceError as exc:
                failed.append((path, str(exc)))
            if get_current_worker().is_cancelled:
                failed.extend((p, CANCELLED) for p in wanted[i + 1 :])
                break
        self.post_message(DocumentsLoaded(documents, failed))

    def read_one(self, path: str) -> Document:
        """One PDF's Document, through the cache."""
        from source.opening import open_document

        return open_document(path, self.password)

    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def prepare_engine(self) -> None:
        """Open (or build) the search index of the scope, once the first page is on screen: of the
        PDFs that could be read (a library's index is the library's)."""
        from index.scope import open_scope

        self.post_message(LoadProgress(0, 1, "Indexing…"))
        target = self.target
        if target.kind != "library":
            target = dataclasses.replace(target, paths=tuple(d.path for d in self.documents))
        engine = Engine(open_scope(target, self.password))
        if get_current_worker().is_cancelled:
            engine.close()
            return
        self.post_message(EngineReady(engine))

    @work(thread=True, group="document", exit_on_error=False)
    def open_later(self, path: str, hit: Hit | None) -> None:
        """Read one more PDF of the scope (a library's), then show it (at `hit`, when given)."""
        from source.errors import SourceError

        self.post_message(LoadProgress(0, 1, f"Reading {Path(path).name}…"))
        document = self.read_one(path)
        if hit is not None and document.id != hit.doc_id:
            raise SourceError(f"{path} has changed since it was indexed: add it again (citex add)")
        self.post_message(DocumentOpened(document, hit))

    def cancel_open(self) -> bool:
        """Stop the reading thread (Escape while PDFs are read); True when one was running."""
        if not any(w.group == "open" and w.is_running for w in self.workers):
            return False
        if self.cancel_reading is not None:
            self.cancel_reading.set()
        self.workers.cancel_group(self, "open")
        self.query_one("#loading-label", Static).update("Cancelling…")
        return True

    # -- what the reading thread says ----------------------------------------------------------------

    def on_load_progress(self, message: LoadProgress) -> None:
        if self.documents:  # the reader is up: progress goes to the status line
            self._search_note = clean_for_terminal(message.what)
            self.update_status()
            return
        self.query_one("#loading-label", Static).update(clean_for_terminal(message.what))
        self.query_one("#progress", ProgressBar).update(total=message.total, progress=message.done)

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
        self.check_draft_when_ready()

    def on_documents_loaded(self, message: DocumentsLoaded) -> None:
        self.documents = list(message.documents)
        if self.target.kind != "library":  # PDFs given: those not read are not offered again
            gone = {p for p, _ in message.failed}
            self.paths = [p for p in self.paths if p not in gone]
        if message.failed:
            lines = [f"{Path(p).name}: {why}" for p, why in message.failed]
            if all(why == CANCELLED for _, why in message.failed):
                title = "Reading cancelled"
            elif len(message.failed) == 1:
                title = "Could not open"
            else:
                title = f"Could not open {len(message.failed)} PDFs"
            self.push_screen(error_screen("\n".join(lines), title))
        if not self.documents:
            self.query_one("#loading-label", Static).update("No document could be read. Press q to quit.")
            self.query_one("#status", Static).update("No document could be read. Press q to quit.")
            return
        self.query_one("#loading").display = False
        # Import Whoosh and open the indexes after the first paint, not during it.
        self.call_after_refresh(self.prepare_engine)
        self.navs = {d.id: Navigator(d) for d in self.documents}
        self.query_one("#reader", Reader).display = True
        self.query_one("#note").display = True
        last = next((d for d in self.documents if d.id == self.settings.last), self.documents[0])
        self.open_document(last)
        self.query_one("#reader", Reader).focus()

    def on_document_opened(self, message: DocumentOpened) -> None:
        document = message.document
        if all(d.id != document.id for d in self.documents):
            self.documents.append(document)
            self.navs[document.id] = Navigator(document)
        self._search_note = ""
        self.update_status()
        if message.hit is not None:
            self.on_hit_chosen(HitChosen(message.hit))
        else:
            self.open_document(next(d for d in self.documents if d.id == document.id))

    # -- which document is shown ---------------------------------------------------------------------

    @property
    def history(self) -> History:
        """The history of the document shown (each document keeps its own)."""
        key = self.document.id if self.document is not None else ""
        return self.histories.setdefault(key, History())

    def keep_place(self) -> None:
        """Remember where the reader stands in the document shown (to come back to it)."""
        reader = self.query_one("#reader", Reader)
        if self.document is None or not reader.page:
            return
        place = settings.Place(reader.page, reader.cursor, reader.extent, self.document.path)
        self.settings = self.settings.with_place(self.document.id, place)

    def open_document(self, document: Document) -> None:
        """Make `document` the one the reader shows, where it was left (this run or the last)."""
        if self.document is not None and self.document is not document:
            self.keep_place()
        self.document = document
        metadata = self.citation_metadata()
        self.title = clean_for_terminal(metadata.title or Path(document.path).name)
        self.sub_title = clean_for_terminal(metadata.author)
        reader = self.query_one("#reader", Reader)
        reader.load(document, self.navs[document.id])
        place = self.settings.places.get(document.id)
        if place is not None and 1 <= place.page <= len(document.pages):
            cursor = (
                place.cursor if place.cursor is not None and place.cursor < len(document.sentences) else None
            )
            reader.show_page(place.page, cursor=cursor)
            if cursor is not None and place.extent > 1:
                reader.action_extend(place.extent - 1)
        self.keep_place()
        self.remember()
        self.update_status()

    def action_next_document(self) -> None:
        """The next PDF of the scope (read first, when it is a library's not read yet)."""
        if self.document is None or len(self.paths) < 2:
            return
        paths = [str(Path(p)) for p in self.paths]
        here = str(Path(self.document.path))
        self.show_path(paths[(paths.index(here) + 1) % len(paths) if here in paths else 0])

    def show_path(self, path: str) -> None:
        """Show the document read from `path` (reading it first when it is not open yet)."""
        loaded = {str(Path(d.path)): d for d in self.documents}
        if str(Path(path)) in loaded:
            self.open_document(loaded[str(Path(path))])
        else:
            self.open_later(path, None)

    def action_documents(self) -> None:
        """The document switcher: the open documents first, then the scope's others."""
        opened = {str(Path(d.path)): d for d in self.documents}
        items: list[tuple[str, str]] = []
        for d in self.documents:
            mark = "▶" if d is self.document else " "
            name = clean_for_terminal(d.metadata.title or Path(d.path).name)
            items.append((f"{mark} {name}  ({clean_for_terminal(Path(d.path).name)}, open)", d.path))
        for path in self.paths:
            if str(Path(path)) not in opened and not any(p == path for _, p in items):
                items.append((f"  {clean_for_terminal(Path(path).name)}", path))
        title = f"Documents ({len(self.documents)} open of {len(set(map(str, self.paths)))})"
        self.push_screen(PickerScreen(title, items, "(no document)"), self._switch_to)

    def _switch_to(self, path: str | None) -> None:
        if path is not None:
            self.show_path(path)

    def save_settings(self) -> None:
        """Write the settings (style, theme, places); a failure is said, never fatal."""
        from textual.app import ScreenStackError
        from textual.css.query import NoMatches

        # at exit the widgets (or the screens) may be gone: the place was kept as it changed
        with contextlib.suppress(NoMatches, ScreenStackError):
            self.keep_place()
        self.settings = dataclasses.replace(self.settings, style=self.style, theme=self.theme)
        try:
            settings.save(self.settings, self.locations.settings)
        except OSError as exc:
            self.notify(f"settings not saved: {exc}", severity="error")
