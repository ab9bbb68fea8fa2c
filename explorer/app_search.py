"""The explorer's search as you type: every keystroke starts a search in a thread worker and
cancels the one running (`exclusive`); a generation counter drops any outcome but the newest's,
so stale results are never shown for a newer query. fzf-style keys move the results while
typing, the reader previews the highlighted hit and Enter opens it.

A part of CitexApp (explorer/app.py), kept apart so that each file stays small; what the
parts share, and call on one another, is declared in explorer/app_state.py.
"""

from __future__ import annotations

from typing import Any

from textual import work
from textual.widgets import Input, OptionList
from textual.worker import get_current_worker

from explorer.app_state import AppState
from explorer.messages import HitChosen, SearchDone
from explorer.widgets.search import QueryInput, ResultsList, ResultsPane, SearchBar


class SearchActions(AppState):
    """Typing, running and showing searches."""

    # (named handlers, as in the other parts: Textual calls the `on_<message>` of each class in the MRO)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "query":
            self.query_changed()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "query":
            self.query_submitted()

    def query_changed(self) -> None:
        """A keystroke (or a mode change): a new generation, searched at once."""
        self._serial += 1
        self.start_search()

    def query_submitted(self) -> None:
        """Enter: open the highlighted hit of this query (once its search is done, if it is running)."""
        if self._shown == self._serial:
            self.open_highlighted()
            return
        self._open_when_done = self._serial
        if self.engine is None:
            self.notify("the search index is still opening: Enter again in a moment", timeout=3)

    def start_search(self) -> None:
        """Run the query in the bar now (in a worker; a newer run makes this one stale)."""
        if self.engine is None:
            return
        query = self.query_one("#query", Input).value
        self.run_search(self._serial, self.query_one(SearchBar).mode, query)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def run_search(self, serial: int, mode: Any, query: str) -> None:
        """Search in a thread; post the outcome unless a newer search started meanwhile."""
        assert self.engine is not None
        outcome = self.engine.run(mode, query)
        if not get_current_worker().is_cancelled and serial == self._serial:
            self.post_message(SearchDone(serial, outcome))

    def on_search_done(self, message: SearchDone) -> None:
        if message.serial != self._serial:
            return  # a newer query was typed since: its own search will show
        outcome = message.outcome
        pane = self.query_one("#results-pane", ResultsPane)
        pane.display = bool(outcome.query)
        pane.show(outcome, name_documents=self.several_documents())
        from explorer.widgets.reader import Reader

        self.query_one("#reader", Reader).matches = list(outcome.hits)  # n / N in the reader
        self._shown = message.serial
        self._search_note = ""
        self.update_status()
        if self._open_when_done == message.serial:
            self._open_when_done = -1
            self.open_highlighted()

    def several_documents(self) -> bool:
        """Whether the scope has more than one document (then each hit names its own)."""
        return len({str(p) for p in self.paths}) > 1 or len(self.documents) > 1

    def open_highlighted(self) -> None:
        """Open the hit highlighted in the results (a bell when there is none)."""
        hit = self.query_one("#results", ResultsList).current()
        if hit is None:
            self.bell()
            return
        self.on_hit_chosen(HitChosen(hit))

    def action_move_result(self, step: int) -> None:
        """Move the highlighted hit (the reader previews it)."""
        results = self.query_one("#results", ResultsList)
        if results.move(step) is None:
            self.bell()

    def action_command_palette(self) -> None:
        """ctrl+p: the previous hit while typing a query with results, else the command palette."""
        if isinstance(self.focused, QueryInput) and self.query_one("#results", ResultsList).hits:
            self.action_move_result(-1)
            return
        super().action_command_palette()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Show the highlighted hit in the reader, without moving the focus or the history."""
        if event.option_list.id != "results":
            return
        results = self.query_one("#results", ResultsList)
        hit = results.current()
        if hit is not None and any(d.id == hit.doc_id for d in self.documents):
            self.on_hit_chosen(HitChosen(hit, preview=True))
