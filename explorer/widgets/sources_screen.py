"""The sources the notes cite, in the TUI: a note's sources (for the note panel), a screen of
every source (filter as you type, by kind) and, for one source, every claim citing it.

The data is `explorer.sourceviews.sources_data` (the same as `citex sources --json`); the
screens only show it. Choosing a claim dismisses with its physical page, for the app to jump to.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import HorizontalGroup, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Select
from textual.widgets.option_list import Option

from explorer.text import clean_for_terminal
from explorer.widgets.screens import FilteredListScreen
from source.model import Document

ALL_KINDS = "all"
"""The kind filter's value that shows every kind."""
CLAIM_CHARS = 240
"""Characters of a claim shown in the list of claims (the rest is cut with "…")."""


def source_summary(row: dict[str, Any]) -> str:
    """A source in a few words: author, title or symbol, date ("Amnesty International, Connection Denied, 2016")."""
    parts = [row.get("author", ""), row.get("title", "") or row.get("symbol", ""), row.get("date", "")]
    text = ", ".join(p for p in parts if p)
    return text or row.get("key", "") or "(a source)"


def note_sources_text(document: Document, note: int) -> Text:
    """The sources one note cites, one per line, for the note panel ("" when it cites none)."""
    from index.sources import note_sources

    found = Text()
    for cited in note_sources(document)[note]:
        if cited.kind == "cross_reference":
            where = f" (p. {document.display_label(cited.target_page)})" if cited.target_page else ""
            line = f"see {cited.target}{where}"
        else:
            who = ", ".join(x for x in (cited.author, cited.title or cited.symbol, cited.date) if x)
            line = who or cited.key
            if cited.same_as is not None:
                line += f" (as in note {document.notes[cited.same_as[0]].label})"
        pin = f", {cited.pinpoint}" if cited.pinpoint else ""
        found.append("\n• ", "dim")
        found.append(f"{cited.kind.replace('_', ' ')}: ", "bold")
        found.append(clean_for_terminal(line + pin))
    return found


def matches(row: dict[str, Any], words: list[str], kind: str) -> bool:
    """True when a source is of `kind` (or kind is "all") and its fields hold every word typed."""
    if kind != ALL_KINDS and row["kind"] != kind:
        return False
    hay = " ".join(
        str(row.get(k, "")) for k in ("key", "kind", "author", "title", "symbol", "date", "interviewee")
    ).lower()
    return all(w in hay for w in words)


class ClaimsScreen(ModalScreen[int | None]):
    """Every claim citing one source; Enter dismisses with the claim's physical page."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Back")]

    def __init__(self, document: Document, row: dict[str, Any]) -> None:
        super().__init__(classes="picker")
        self.document = document
        self.row = row

    def compose(self) -> ComposeResult:
        count = len(self.row["citations"])
        title = f"{clean_for_terminal(source_summary(self.row))[:100]} · {count} claim{'s' * (count != 1)}"
        with Vertical(classes="dialog"):
            yield Label(title, classes="dialog-title")
            options = []
            for i, c in enumerate(self.row["citations"]):
                head = Text(
                    f"note {clean_for_terminal(c['note'])} · p. {clean_for_terminal(c['page_label'])}  ",
                    "bold",
                )
                if c["pinpoint"]:
                    head.append(f"[{clean_for_terminal(c['pinpoint'])}]  ", "dim")
                claim = clean_for_terminal(c["claim"]) or "(no marker in the text points to this note)"
                cut = claim if len(claim) <= CLAIM_CHARS else claim[: CLAIM_CHARS - 1] + "…"
                options.append(Option(head + Text(cut), id=str(i)))
            yield OptionList(*options, id="claims-list")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.dismiss(int(self.row["citations"][int(event.option.id)]["page"]))


class SourcesScreen(FilteredListScreen):
    """Every source the notes cite, most cited first, filtered as you type and by kind; Enter
    opens the claims citing one (`ClaimsScreen`), and choosing a claim dismisses with its page."""

    LIST_ID = "sources-list"

    def __init__(self, document: Document, rows: list[dict[str, Any]] | None = None) -> None:
        super().__init__()
        self.document = document
        if rows is None:
            from explorer.sourceviews import sources_data

            rows = sources_data([document])
        self.rows = rows
        self.kind = ALL_KINDS

    def compose(self) -> ComposeResult:
        kinds = sorted({r["kind"] for r in self.rows})
        with Vertical(classes="dialog"):
            yield Label(f"Sources ({len(self.rows)})", classes="dialog-title")
            with HorizontalGroup(id="sources-bar"):
                yield Input(placeholder="filter: words of an author, title, symbol", id="sources-filter")
                yield Select(
                    [("every kind", ALL_KINDS)] + [(k.replace("_", " "), k) for k in kinds],
                    value=ALL_KINDS,
                    allow_blank=False,
                    id="sources-kind",
                )
            yield OptionList(id="sources-list")

    def on_mount(self) -> None:
        self.refilter()
        self.query_one("#sources-filter", Input).focus()

    def refilter(self) -> None:
        """Show the sources of the chosen kind whose fields hold every word typed."""
        words = self.query_one("#sources-filter", Input).value.lower().split()
        listing = self.query_one("#sources-list", OptionList)
        listing.clear_options()
        self.shown = [i for i, row in enumerate(self.rows) if matches(row, words, self.kind)]
        options = []
        for i in self.shown:
            row = self.rows[i]
            head = Text(f"{row['notes']:>3} ", "bold") + Text(f"{row['kind'].replace('_', ' ')}  ", "dim")
            options.append(Option(head + Text(clean_for_terminal(source_summary(row))[:200]), id=str(i)))
        listing.add_options(options or [Option(Text("(no source matches)", "dim"), disabled=True)])
        if options:
            listing.highlighted = 0

    def on_input_changed(self, event: Input.Changed) -> None:
        self.refilter()

    def on_select_changed(self, event: Select.Changed) -> None:
        self.kind = str(event.value)
        self.refilter()

    def choose(self, index: int) -> None:
        self.open_source(index)

    def open_source(self, index: int) -> None:
        """List the claims citing source `index`; a claim chosen there ends this screen too."""

        def chosen(page: int | None) -> None:
            if page is not None:
                self.dismiss(page)

        self.app.push_screen(ClaimsScreen(self.document, self.rows[index]), chosen)
