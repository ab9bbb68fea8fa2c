"""The explorer's actions on sources and metadata: the sources screen, the metadata dialog.

A part of CitexApp (explorer/app.py), kept apart so that each file stays small and the
screens themselves (explorer/widgets/sources_screen.py, meta_dialog.py) stay headless-first;
what the parts share, and call on one another, is declared in explorer/app_state.py.
"""

from __future__ import annotations

from pathlib import Path

from explorer.app_state import AppState
from explorer.text import clean_for_terminal
from explorer.widgets.meta_dialog import MetaDialog
from explorer.widgets.sources_screen import SourcesScreen
from source.model import Metadata


class SourcesActions(AppState):
    """Actions on the sources the notes cite and on the document's citation metadata."""

    def citation_metadata(self) -> Metadata:
        """The open document's metadata with the user's corrections (what every citation uses)."""
        from index.meta import effective_metadata

        if self.document is None:
            return Metadata()
        return effective_metadata(self.document, self.locations.data)

    def action_sources(self) -> None:
        if self.document is not None:
            self.push_screen(SourcesScreen(self.document), self._goto_source_page)

    def _goto_source_page(self, page: int | None) -> None:
        if page is not None:
            self.jump(page)

    def action_edit_metadata(self) -> None:
        if self.document is not None:
            self.push_screen(MetaDialog(self.document, self.locations.data), self._metadata_saved)

    def _metadata_saved(self, metadata: Metadata | None) -> None:
        if metadata is None or self.document is None:
            return
        self.title = clean_for_terminal(metadata.title or Path(self.document.path).name)
        self.sub_title = clean_for_terminal(metadata.author)
        self.notify("Metadata saved: citations use it from now on", timeout=3)
