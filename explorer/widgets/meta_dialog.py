"""The metadata dialog: a document's citation fields, each with where it came from, editable.

Saving stores the fields the user changed as corrections (`index.meta.correct`, kept by the
file's sha256 in the data directory, the same as `citex meta --set`); a field emptied is
stored as empty ("there is none"). The dialog dismisses with the corrected Metadata, or None.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import HorizontalGroup, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label

from explorer.metaviews import origin_label
from explorer.text import clean_for_terminal
from source.model import META_FIELDS, Document, Metadata


class MetaDialog(ModalScreen[Metadata | None]):
    """Edit a document's citation metadata; ctrl+s or Save stores the changes, Escape leaves it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Back"),
        Binding("ctrl+s", "save", "Save"),
    ]

    def __init__(self, document: Document, data_dir: Path) -> None:
        super().__init__(classes="picker")
        from index.meta import effective_metadata

        self.document = document
        self.data_dir = data_dir
        self.before = effective_metadata(document, data_dir)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Citation metadata (ctrl+s: save)", classes="dialog-title")
            with VerticalScroll(id="meta-fields"):
                for name in META_FIELDS:
                    where = origin_label(self.before, name) or "none"
                    yield Label(f"{name.replace('_', ' ')}  [{where}]", id=f"meta-label-{name}", markup=False)
                    yield Input(value=clean_for_terminal(getattr(self.before, name)), id=f"meta-{name}")
            yield Label("", id="meta-error")
            with HorizontalGroup(id="meta-buttons"):
                yield Button("Save", variant="primary", id="meta-save")
                yield Button("Cancel", id="meta-cancel")

    def changes(self) -> dict[str, str]:
        """The fields whose value the user changed, with their new value."""
        found: dict[str, str] = {}
        for name in META_FIELDS:
            value = " ".join(self.query_one(f"#meta-{name}", Input).value.split())
            if value != " ".join(clean_for_terminal(getattr(self.before, name)).split()):
                found[name] = value
        return found

    def action_save(self) -> None:
        from index.meta import MetadataFileError, correct, effective_metadata

        changed = self.changes()
        if not changed:
            self.dismiss(None)
            return
        try:
            correct(self.document.id, self.data_dir, changed)
        except (MetadataFileError, OSError) as exc:
            self.query_one("#meta-error", Label).update(clean_for_terminal(f"could not save: {exc}"))
            return
        self.dismiss(effective_metadata(self.document, self.data_dir))

    def on_input_submitted(self) -> None:
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "meta-save":
            self.action_save()
        else:
            self.dismiss(None)
