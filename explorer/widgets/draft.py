"""The TUI's draft check: step through a draft's quotations with the source's words beside each.

`citex --draft DRAFT` (or "Check a draft" in the command palette) checks the draft in a worker
once the index is open (`explorer.draftview.check_file`, the same check as `citex check`) and
shows `DraftScreen`: the quotations in draft order on the left (line, verdict, page check);
on the right the quotation and the source's words with their printed page, the words that
differ highlighted on both sides (red in the quote, green in the source), the elisions and
marks listed. `y` copies the corrected quotation (the source's words, an exact-elided one as
elided) with its citation at the right page in the current style; Enter opens the source
page in the reader; Escape goes back. Its styles are its own (DEFAULT_CSS), so that the
shared citex.tcss is untouched.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from explorer import clipboard
from explorer.app_state import AppState
from explorer.citation import STYLE_NAMES
from explorer.draftview import corrected, diff_spans, page_column
from explorer.messages import HitChosen
from explorer.text import clean_for_terminal

if TYPE_CHECKING:
    from explorer.citation import Style
    from index.checking import Check
    from index.citekeys import DocRef

VERDICT_STYLES: dict[str, str] = {
    "exact": "green",
    "exact-elided": "green",
    "exact-punctuation": "yellow",
    "near": "yellow",
    "absent": "red",
}
"""The colour of each verdict in the list."""


def highlighted(text: str, spans: Sequence[tuple[int, int]], style: str) -> Text:
    """The text (terminal-safe) with the given spans in `style`."""
    out = Text()
    at = 0
    for start, end in spans:
        out.append(clean_for_terminal(text[at:start]))
        out.append(clean_for_terminal(text[start:end]), style)
        at = end
    out.append(clean_for_terminal(text[at:]))
    return out


def detail(check: Check) -> Text:
    """The right-hand side for one check: the quote, the source, and what differs."""
    ours, theirs = diff_spans(check)
    out = Text()
    out.append(f"line {check.quote.line}  ", "dim")
    out.append(check.verdict, f"bold {VERDICT_STYLES[check.verdict]}")
    out.append(f"  {clean_for_terminal(page_column(check))}\n\n", "dim")
    out.append("Draft", "bold")
    citation = check.quote.citation
    out.append(f"  {clean_for_terminal(citation.text)}\n" if citation else "  (no citation)\n", "dim")
    out.append_text(highlighted(check.quote.text, ours, "bold red"))
    out.append("\n\n")
    if check.hit is None:
        out.append("Nothing in the documents is close to these words.", "italic")
        return out
    out.append("Source", "bold")
    out.append(
        f"  {clean_for_terminal(check.hit.document)}, p. {clean_for_terminal(check.hit.page_label)}\n", "dim"
    )
    out.append_text(highlighted(check.hit.text, theirs, "bold green"))
    out.append("\n")
    for words in check.elided:
        out.append(f"\n\u2026 stands for: \u201c{clean_for_terminal(words)}\u201d", "cyan")
    for mark in check.punctuation:
        out.append(
            f"\nmarks: \u201c{clean_for_terminal(mark.quote)}\u201d, the source has "
            f"\u201c{clean_for_terminal(mark.source)}\u201d",
            "yellow",
        )
    for line in (*check.warnings, *check.notices):
        out.append(f"\n{clean_for_terminal(line)}", "italic")
    return out


class DraftScreen(Screen[None]):
    """A draft's checked quotations; Enter opens a quotation's source page in the reader, Escape goes back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Back"),
        Binding("y", "copy", "Copy corrected"),
    ]
    DEFAULT_CSS = """
    DraftScreen #draft-title { padding: 0 1; text-style: bold; }
    DraftScreen #draft-list { width: 45%; height: 1fr; }
    DraftScreen #draft-side { width: 55%; height: 1fr; padding: 0 1; }
    """

    def __init__(self, path: str, checks: Sequence[Check], refs: Sequence[DocRef], style: Style) -> None:
        super().__init__()
        self.path = path
        self.checks = list(checks)
        self.refs = list(refs)
        self.style = style
        self.current = 0

    def compose(self) -> ComposeResult:
        ok = sum(c.ok for c in self.checks)
        yield Label(
            clean_for_terminal(f"{self.path}: {len(self.checks)} quotations, {ok} exact on the page cited"),
            id="draft-title",
        )
        with Horizontal():
            yield OptionList(
                *[Option(self._row(c), id=str(i)) for i, c in enumerate(self.checks)], id="draft-list"
            )
            with VerticalScroll(id="draft-side"):
                yield Static(id="draft-detail")
        yield Footer()

    @staticmethod
    def _row(check: Check) -> Text:
        row = Text(f"{check.quote.line:>4} ")
        row.append(f"{check.verdict:<17}", VERDICT_STYLES[check.verdict])
        row.append(clean_for_terminal(f" {page_column(check)}  {check.quote.text[:50]}"))
        return row

    def on_mount(self) -> None:
        if self.checks:
            self.query_one("#draft-list", OptionList).highlighted = 0
            self.show(0)

    def show(self, index: int) -> None:
        """Show one quotation beside its source."""
        self.current = index
        self.query_one("#draft-detail", Static).update(detail(self.checks[index]))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id is not None:
            self.show(int(event.option.id))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        hit = self.checks[int(event.option.id)].hit if event.option.id is not None else None
        if hit is not None:
            self.app.post_message(HitChosen(hit))
            self.dismiss(None)

    def action_copy(self) -> None:
        if not self.checks:
            return
        text = corrected(self.checks[self.current], self.refs, self.style)
        if text is None:
            self.notify("nothing to copy: the words are not in the documents", severity="warning")
            return
        copied = clipboard.copy(text, self.app.copy_to_clipboard)
        self.notify(copied, title=f"Copied ({STYLE_NAMES[self.style]})", markup=False)


class DraftPathScreen(ModalScreen[str | None]):
    """Asks for a draft's path; dismisses with it, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Back")]
    DEFAULT_CSS = "DraftPathScreen { align: center middle; }"

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Check a draft (Markdown, text or .docx): its path", classes="dialog-title")
            yield Input(placeholder="draft.md", id="draft-path")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip() or None)


class DraftActions(AppState):
    """The app's side of the draft check (a part of CitexApp: explorer/app_state.py)."""

    def action_open_draft(self) -> None:
        def answered(path: str | None) -> None:
            if path:
                self.check_draft(path)

        self.push_screen(DraftPathScreen(classes="small"), answered)

    def check_draft_when_ready(self) -> None:
        """Check the draft given on the command line, now that the index is open."""
        if self.draft:
            path, self.draft = self.draft, None
            self.check_draft(path)

    @work(thread=True, group="draft", exit_on_error=False)
    def check_draft(self, path: str) -> None:
        """Check a draft's quotations (headless), then show them."""
        from explorer.draftview import check_file
        from explorer.widgets.screens import error_screen

        if self.engine is None:
            self.call_from_thread(self.notify, "the index is still opening: try again in a moment")
            return
        self.call_from_thread(self.notify, f"Checking {path}\u2026", timeout=2)
        try:
            checks, refs = check_file(self.engine.scope.corpus, path, self.password)
        except (OSError, ValueError) as exc:
            why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            self.call_from_thread(self.push_screen, error_screen(f"cannot check {path}: {why}"))
            return
        self.call_from_thread(self.show_draft, path, checks, refs)

    def show_draft(self, path: str, checks: Sequence[Check], refs: Sequence[DocRef]) -> None:
        if not checks:
            self.notify(f"no quotation of five words or more in {path}", severity="warning")
            return

        self.push_screen(DraftScreen(path, checks, refs, self.style))
