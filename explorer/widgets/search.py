"""The search bar (one input, three modes) and the list of results."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from explorer.engine import MODE_NAMES, MODES, Mode
from explorer.messages import HitChosen
from explorer.text import clean_for_terminal, clean_with_spans, snippet
from index.results import Hit

_PLACEHOLDERS: dict[Mode, str] = {
    "search": 'search: words, "a phrase", AND/OR/NOT, page:22, in:notes   (ctrl+t: mode)',
    "find": "find: type a quote as you remember it   (ctrl+t: mode)",
    "verify": "verify: paste a quote to check it is in the document   (ctrl+t: mode)",
}


class SearchBar(Horizontal):
    """The mode label and the query input."""

    mode: reactive[Mode] = reactive("search")

    def compose(self) -> ComposeResult:
        yield Label(id="mode")
        yield Input(placeholder=_PLACEHOLDERS["search"], id="query")

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


def hit_prompt(hit: Hit) -> Text:
    """Two or more lines for one result: its document, page, section and notes, then the snippet."""
    head = Text()
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

    def show(self, hits: list[Hit]) -> None:
        """Replace the list with these hits."""
        self.hits = list(hits)
        self.clear_options()
        self.add_options([Option(hit_prompt(h), id=str(i)) for i, h in enumerate(self.hits)])
        if self.hits:
            self.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(HitChosen(self.hits[int(event.option.id)]))
