"""Modal screens: notes, outline, bookmarks, go to page, a whole note, help, errors."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from rich.console import RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from explorer.citation import Style as CiteStyle
from explorer.citation import format_citation
from explorer.docviews import ambiguous_label, label_range, labels_said, pages_by_label
from explorer.text import clean_for_terminal
from explorer.widgets.footer import KeyFooter
from source.model import Document


class PickerScreen(ModalScreen[Any]):
    """A titled list; Enter dismisses with the chosen item's value, Escape with None."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Back")]

    def __init__(self, title: str, items: Sequence[tuple[Text | str, Any]], empty: str = "(nothing)") -> None:
        super().__init__(classes="picker")
        self.title_text = title
        self.items = list(items)
        self.empty = empty

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            if self.items:
                yield OptionList(*[Option(p, id=str(i)) for i, (p, _) in enumerate(self.items)])
            else:
                yield Label(self.empty)
        yield KeyFooter()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.dismiss(self.items[int(event.option.id)][1])


def outline_screen(document: Document) -> PickerScreen:
    """The chapters and sections; dismisses with (page, block)."""
    items = [
        (
            Text("  " * (o.level - 1) + clean_for_terminal(o.title))
            + Text(f"  p. {document.display_label(o.page)}", "dim"),
            (o.page, o.block),
        )
        for o in document.outline
    ]
    return PickerScreen("Outline", items, "(this document has no headings)")


class FilteredListScreen(ModalScreen[int | None]):
    """A filter box over a list (`#<LIST_ID>`) of the items in `shown` (indices): Down/Up move the
    highlight, Enter in the box or a click chooses (`choose`: dismiss with the index, by default)."""

    LIST_ID: ClassVar[str] = ""
    """The id of the screen's OptionList (each option's id is its item's index)."""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Back"),
        Binding("down", "move(1)", "Down", show=False),
        Binding("up", "move(-1)", "Up", show=False),
    ]

    def __init__(self) -> None:
        super().__init__(classes="picker")
        self.shown: list[int] = []
        """The items listed now, in order (indices)."""

    def choose(self, index: int) -> None:
        """Item `index` was chosen."""
        self.dismiss(index)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        listing = self.query_one(f"#{self.LIST_ID}", OptionList)
        if listing.highlighted is not None and self.shown:
            self.choose(self.shown[listing.highlighted])

    def action_move(self, step: int) -> None:
        listing = self.query_one(f"#{self.LIST_ID}", OptionList)
        if self.shown:
            now = listing.highlighted or 0
            listing.highlighted = max(0, min(len(self.shown) - 1, now + step))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.choose(int(event.option.id))


class NotesScreen(FilteredListScreen):
    """Every note, filtered as you type; Enter dismisses with the note's index."""

    LIST_ID = "notes-list"

    def __init__(self, document: Document) -> None:
        super().__init__()
        self.document = document

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(f"Notes ({len(self.document.notes)})", classes="dialog-title")
            yield Input(placeholder="filter notes: type words from a note or its number", id="notes-filter")
            yield OptionList(id="notes-list")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.refilter("")

    def refilter(self, text: str) -> None:
        """Show the notes whose label or text holds every word typed."""
        words = text.lower().split()
        listing = self.query_one("#notes-list", OptionList)
        listing.clear_options()
        self.shown = []
        exact: list[int] = []
        for i, note in enumerate(self.document.notes):
            hay = f"{note.label} {note.text}".lower()
            if words and " ".join(words) == note.label.lower():
                exact.append(i)  # the note labelled so comes first, before notes that only mention it
            elif all(w in hay for w in words):
                self.shown.append(i)
        self.shown = exact + self.shown
        options = []
        for i in self.shown:
            note = self.document.notes[i]
            head = Text(f"{clean_for_terminal(note.label):>4}  ", "bold") + Text(
                f"p. {self.document.display_label(note.page)}  ", "dim"
            )
            options.append(Option(head + Text(clean_for_terminal(note.text)[:300]), id=str(i)))
        listing.add_options(options)
        if options:
            listing.highlighted = 0

    def on_input_changed(self, event: Input.Changed) -> None:
        self.refilter(event.value)


class GoToPageScreen(ModalScreen[int | None]):
    """Ask for a printed page label; dismisses with the physical page."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Back")]

    def __init__(self, document: Document) -> None:
        super().__init__(classes="picker small")
        self.document = document

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Go to printed page", classes="dialog-title")
            yield Input(
                placeholder=f"a printed page: {label_range(self.document)}  (#N: physical page N)",
                id="page-input",
            )
            yield Label("", id="page-error")
        yield KeyFooter()

    def on_input_changed(self, event: Input.Changed) -> None:
        """ "g" typed first (vim's gg) goes to the top, unless a page is labelled "g"."""
        if event.value == "g" and not pages_by_label(self.document, "g"):
            self.dismiss(1)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        pages = pages_by_label(self.document, value)
        if len(pages) == 1:
            self.dismiss(pages[0].index)
            return
        error = self.query_one("#page-error", Label)
        if pages:  # a restarting count: say which pages carry it rather than pick the first
            error.update(clean_for_terminal(ambiguous_label(value, pages)))
            return
        error.update(
            f"no page is labelled {clean_for_terminal(value)!r} ({labels_said(self.document)};"
            f" #N: physical page N of {len(self.document.pages)})"
        )


class PasswordScreen(ModalScreen[str | None]):
    """Ask for the password of an encrypted PDF; dismisses with it, or None (Escape).
    The password is held in memory only: nothing read with it is written to the cache."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Back")]

    def __init__(self, path: str, message: str) -> None:
        super().__init__(classes="picker small")
        self.path = path
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(f"Password for {clean_for_terminal(self.path)}", classes="dialog-title")
            yield Label(clean_for_terminal(self.message), id="password-why")
            yield Input(placeholder="password (Escape: do not open it)", password=True, id="password-input")
        yield KeyFooter()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.value:
            self.dismiss(event.value)


class TextScreen(ModalScreen[None]):
    """A titled text (a whole note, the help, an error) with a close button; `y` copies what
    `copy_text` gives (a whole note with its citation), when given."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,enter", "dismiss(None)", "Close"),
        Binding("y", "app.copy", "Copy"),
    ]

    def __init__(
        self,
        title: str,
        body: RenderableType,
        *,
        error: bool = False,
        copy_text: Callable[[CiteStyle], str] | None = None,
    ) -> None:
        super().__init__(classes="picker error" if error else "picker")
        self.title_text = title
        self.body = body
        self.copy_text = copy_text
        """What `y` copies, in a citation style (None: nothing to copy)."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.copy_text is not None if action == "copy" else True

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            with VerticalScroll(classes="text-body"):
                yield Static(self.body, markup=False)
            yield Button("Close", variant="error" if self.has_class("error") else "primary")
        yield KeyFooter()

    def on_button_pressed(self) -> None:
        self.dismiss(None)


def note_screen(document: Document, note: int) -> TextScreen:
    """The whole text of a note and the pages that cite it."""
    found = document.notes[note]
    body = Text(clean_for_terminal(found.text, keep_newlines=True))
    if found.markers:
        cited = ", ".join(f"p. {document.display_label(m.page)}" for m in found.markers)
        body.append(f"\n\ncited on {cited}", style="dim")

    def copy(style: CiteStyle) -> str:
        return format_citation(
            found.text.strip(), document.metadata, note_locator(document, note), None, style
        )

    return TextScreen(
        f"Note {clean_for_terminal(found.label)} · p. {document.display_label(found.page)}",
        body,
        copy_text=copy,
    )


def note_locator(document: Document, note: int) -> str:
    """Where a note stands, for a citation: its printed page and its label ("22, n. 12")."""
    found = document.notes[note]
    return f"{document.display_label(found.page)}, n. {found.label}"


def error_screen(message: str, title: str = "Could not open") -> TextScreen:
    """An error dialog (a PDF that could not be read; one line for each when several)."""
    return TextScreen(title, clean_for_terminal(message, keep_newlines=True), error=True)


class NameScreen(ModalScreen[str | None]):
    """Ask for a short text (a bookmark's name); dismisses with it ("" allowed), None on Escape."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Back")]

    def __init__(self, title: str, placeholder: str, value: str = "") -> None:
        super().__init__(classes="picker small")
        self.title_text = title
        self.placeholder = placeholder
        self.value = value

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Input(self.value, placeholder=self.placeholder, id="name-input")
        yield KeyFooter()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip())


class BookmarksScreen(PickerScreen):
    """The document's bookmarks: Enter goes to one, `x`/Delete deletes it, `r` renames it.
    Dismisses with (page, block), or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Back"),
        Binding("x,delete", "delete", "Delete"),
        Binding("r", "rename", "Rename"),
    ]

    def __init__(self, marks: Sequence[Any], on_delete: Any, on_rename: Any) -> None:
        self.marks = list(marks)
        self.on_delete = on_delete
        """Called with a Bookmark to delete it (returns nothing)."""
        self.on_rename = on_rename
        """Called with (Bookmark, name) to rename it."""
        super().__init__(f"Bookmarks ({len(self.marks)})", self._items(), "(no bookmarks: press m on a page)")

    def _items(self) -> list[tuple[Text | str, Any]]:
        return [
            (
                Text(f"p. {clean_for_terminal(b.label)}  ", "bold") + Text(clean_for_terminal(b.title)[:100]),
                (b.page, b.block),
            )
            for b in self.marks
        ]

    def _highlighted(self) -> Any:
        lists = self.query(OptionList)
        if not lists or lists.first().highlighted is None:
            return None
        return self.marks[lists.first().highlighted or 0]

    def _refresh_list(self) -> None:
        self.items = self._items()
        self.query_one(".dialog-title", Label).update(f"Bookmarks ({len(self.marks)})")
        listing = self.query_one(OptionList)
        listing.clear_options()
        listing.add_options([Option(p, id=str(i)) for i, (p, _) in enumerate(self.items)])
        if self.items:
            listing.highlighted = 0

    def action_delete(self) -> None:
        mark = self._highlighted()
        if mark is None:
            self.app.bell()
            return
        self.on_delete(mark)
        self.marks.remove(mark)
        self._refresh_list()

    def action_rename(self) -> None:
        mark = self._highlighted()
        if mark is None:
            self.app.bell()
            return

        def named(name: str | None) -> None:
            if name is not None:
                renamed = self.on_rename(mark, name)
                self.marks[self.marks.index(mark)] = renamed
                self._refresh_list()

        self.app.push_screen(NameScreen("Rename bookmark", "a name (empty: its words)", mark.name), named)
