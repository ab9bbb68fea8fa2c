"""The note panel beside the reader: the note of the reader's current marker, with the sources it cites."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from explorer.text import clean_for_terminal
from source.model import Document


class NotePanel(Static):
    """The note of the reader's current marker."""

    def show(self, document: Document | None, note: int | None, label: str) -> None:
        """Show note number `note` (index in Document.notes) of `document`, or a hint when none."""
        if document is None or note is None:
            self.border_title = "Note"
            self.update(Text("] / [ move to the next / previous note marker", style="dim"))
            return
        if not 0 <= note < len(document.notes):
            self.border_title = f"Note {clean_for_terminal(label)}"
            self.update(Text(f"marker [{clean_for_terminal(label)}]: its note was not found", style="italic"))
            return
        found = document.notes[note]
        self.border_title = (
            f"Note {clean_for_terminal(found.label)} · p. {document.display_label(found.page)}"
        )
        from explorer.widgets.sources_screen import note_sources_text

        self.update(Text(clean_for_terminal(found.text)) + note_sources_text(document, note))
