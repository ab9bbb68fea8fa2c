"""The search bar (one input, three modes) and the results pane (what the run said, then its hits).

fzf-style: while typing, Down/Up and ctrl+n/ctrl+p move the highlighted hit (which the reader
previews) and Enter opens it."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from explorer.engine import MODE_NAMES, MODES, Mode, Outcome
from explorer.messages import HitChosen
from explorer.outcomeview import count_line, outcome_text
from explorer.text import clean_for_terminal, clean_with_spans, snippet
from index.results import Hit

_PLACEHOLDERS: dict[Mode, str] = {
    "search": 'search: words, "a phrase", AND/OR/NOT, page:22, in:notes   (ctrl+t: mode)',
    "find": "find: type a quote as you remember it   (ctrl+t: mode)",
    "verify": "verify: paste a quote to check it is in the document   (ctrl+t: mode)",
}


class QueryInput(Input):
    """The query: typing searches at once; Down/Up, ctrl+n/ctrl+p move the results meanwhile."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,ctrl+n", "app.move_result(1)", "Next hit", show=False),
        Binding("up", "app.move_result(-1)", "Previous hit", show=False),
        Binding("pagedown", "app.move_result(10)", "Hits down", show=False),
        Binding("pageup", "app.move_result(-10)", "Hits up", show=False),
        Binding("ctrl+y", "app.copy", "Copy hit"),
    ]
    # ctrl+p is the command palette's (a priority binding): CitexApp.action_command_palette moves the
    # results up instead while the query is focused.


class SearchBar(Horizontal):
    """The mode label and the query input."""

    mode: reactive[Mode] = reactive("search")

    def compose(self) -> ComposeResult:
        yield Label(id="mode")
        # no select-on-focus: coming back to the bar must not leave the query to be replaced by a key
        yield QueryInput(placeholder=_PLACEHOLDERS["search"], id="query", select_on_focus=False)

    def watch_mode(self, mode: Mode) -> None:
        self.query_one("#mode", Label).update(f" {MODE_NAMES[mode]} ")
        self.query_one("#query", Input).placeholder = _PLACEHOLDERS[mode]

    def cycle(self) -> Mode:
        """Switch to the next mode and return it."""
        self.mode = MODES[(MODES.index(self.mode) + 1) % len(MODES)]
        return self.mode

    def on_click(self) -> None:
        self.query_one("#query", Input).focus()


def snippet_text(hit: Hit, width: int = 400) -> Text:
    """A hit's text, cut around its first match, with the matched words (`Hit.highlights`) highlighted."""
    raw, spans = snippet(*clean_with_spans(hit.text, hit.highlights))
    text = Text(raw[:width])
    for start, end in spans:
        if start < width:
            text.stylize("bold reverse", start, min(end, width))
    return text


def hit_prompt(hit: Hit, name_document: bool = True) -> Text:
    """Two or more lines for one result: its document (when several are open), page, section and
    notes, then the snippet."""
    head = Text()
    if name_document:
        head.append(f"{clean_for_terminal(Path(hit.document).name)} ", style="magenta")
    head.append(f"p. {clean_for_terminal(hit.page_label)}", style="bold")
    if hit.kind != "body":
        head.append(f" {hit.kind}", style="italic")
    if hit.section:
        head.append(f" · {clean_for_terminal(hit.section)[:60]}", style="dim")
    if hit.notes:
        head.append(" " + " ".join(f"[{clean_for_terminal(n)}]" for n in hit.notes), style="cyan")
    if hit.score and hit.score <= 100:
        head.append(f"  {hit.score:.0f}", style="dim")
    return head + Text("\n") + snippet_text(hit)


class ResultsList(OptionList):
    """The hits of the last search; Enter (or a click) opens one."""

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.hits: list[Hit] = []

    def show(self, hits: list[Hit], name_documents: bool = True) -> None:
        """Replace the list with these hits (each naming its document when `name_documents`)."""
        self.hits = list(hits)
        self.clear_options()
        self.add_options([Option(hit_prompt(h, name_documents), id=str(i)) for i, h in enumerate(self.hits)])
        if self.hits:
            self.highlighted = 0

    def move(self, step: int) -> Hit | None:
        """Move the highlight by `step` (kept inside the list); the hit now highlighted."""
        if not self.hits:
            return None
        now = self.highlighted if self.highlighted is not None else -1 if step > 0 else len(self.hits)
        self.highlighted = max(0, min(len(self.hits) - 1, now + step))
        return self.hits[self.highlighted]

    def current(self) -> Hit | None:
        """The highlighted hit."""
        if self.highlighted is None or not 0 <= self.highlighted < len(self.hits):
            return None
        return self.hits[self.highlighted]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(HitChosen(self.hits[int(event.option.id)]))


TITLE_QUERY_CHARS = 24
"""Characters of the query the pane's title repeats (a longer one is cut with "…")."""


def title_line(outcome: Outcome) -> str:
    """The pane's title: in which mode, for which query, then the count ("" before a query): it says
    which query the hits below answer, first, so a narrow pane that cuts its title keeps that."""
    if not outcome.query:
        return ""
    query = clean_for_terminal(outcome.query)
    if len(query) > TITLE_QUERY_CHARS:
        query = query[: TITLE_QUERY_CHARS - 1] + "…"
    return f"{MODE_NAMES[outcome.mode]}: {query} · {count_line(outcome)}"


class ResultsPane(Vertical):
    """What the last run said (count, note, "did you mean", a verdict with its diff) above its hits."""

    def compose(self) -> ComposeResult:
        yield Static(id="outcome", markup=False)
        yield ResultsList(id="results")

    outcome: Outcome | None = None
    """The run shown."""

    def show(self, outcome: Outcome, name_documents: bool) -> None:
        """Show one run's outcome."""
        self.outcome = outcome
        self.border_title = Text(title_line(outcome))  # Text: a query's "[" is not markup
        said = outcome_text(outcome)
        box = self.query_one("#outcome", Static)
        box.update(said)
        box.display = bool(said.plain)
        self.query_one("#results", ResultsList).show(list(outcome.hits), name_documents)
