"""A minimal terminal reader: one page at a time (to be replaced by the full TUI).

Keys: PageDown / n next page, PageUp / p previous page, Home / End, q quit.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static

from explorer.docviews import page_text
from explorer.text import clean_for_terminal
from source.model import Document


class ReaderApp(App[None]):
    """Shows a document's pages one at a time, with the printed page label."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("pagedown,n", "next_page", "Next page", priority=True),
        Binding("pageup,p", "previous_page", "Previous page", priority=True),
        Binding("home", "first_page", "First", show=False),
        Binding("end", "last_page", "Last", show=False),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self, document: Document) -> None:
        super().__init__()
        self.document = document
        self.page_index = 1
        self.title = clean_for_terminal(document.metadata.title or document.path)

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="page"):
            yield Static(id="body", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.show_page(1)

    def show_page(self, index: int) -> None:
        """Show the page with this 1-based physical index (clamped to the document)."""
        if not self.document.pages:
            self.query_one("#body", Static).update("(this document has no pages)")
            return
        self.page_index = max(1, min(index, len(self.document.pages)))
        page = self.document.page(self.page_index)
        self.sub_title = clean_for_terminal(f"page {page.label} ({page.index} of {len(self.document.pages)})")
        body = clean_for_terminal(page_text(page), keep_newlines=True) or "(no body text on this page)"
        self.query_one("#body", Static).update(body)
        self.query_one("#page", VerticalScroll).scroll_home(animate=False)

    def action_next_page(self) -> None:
        self.show_page(self.page_index + 1)

    def action_previous_page(self) -> None:
        self.show_page(self.page_index - 1)

    def action_first_page(self) -> None:
        self.show_page(1)

    def action_last_page(self) -> None:
        self.show_page(len(self.document.pages))


def run(paths: Sequence[str], password: str | None = None) -> None:
    """Open the first of `paths` in the reader (the CLI has checked they can be read)."""
    from source.cache import open_document

    document = open_document(paths[0], password=password)
    ReaderApp(document).run()
