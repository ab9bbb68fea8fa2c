"""The page reader: one page of blocks, headings styled, markers as [n], hit and selection shown."""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from explorer.citation import page_range
from explorer.messages import MarkerChanged, SelectionChanged
from explorer.navigation import MarkerAt, Navigator, Place
from explorer.text import clean_for_terminal
from index.results import Span
from source.model import Block, Document

_PREFIX = {"quote": "│ ", "list_item": "• "}


class BlockView(Static):
    """One block of the page (rebuilt by the reader when its marks change)."""

    def __init__(self, index: int, kind: str) -> None:
        super().__init__(classes=f"block block-{kind}")
        self.index = index

    def on_click(self, event: events.Click) -> None:
        reader = self.parent
        if isinstance(reader, Reader):
            marker = event.style.meta.get("marker") if event.style else None
            reader.click_block(self.index, marker if isinstance(marker, int) else None)


class Reader(VerticalScroll, can_focus=True):
    """Shows one page of a Document; keeps a cursor sentence, a selection and a current marker."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "reader--heading",
        "reader--hit",
        "reader--selection",
        "reader--marker",
        "reader--marker-current",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right,l", "page(1)", "Next page", show=False),
        Binding("left,h", "page(-1)", "Prev page", show=False),
        Binding("j", "sentence(1)", "Next sentence", show=False),
        Binding("k", "sentence(-1)", "Prev sentence", show=False),
        Binding("right_square_bracket", "marker(1)", "Next marker"),
        Binding("left_square_bracket", "marker(-1)", "Prev marker", show=False),
        Binding("enter", "app.open_note", "Open note"),
        Binding("plus,equals_sign", "extend(1)", "Extend", show=False),
        Binding("minus", "extend(-1)", "Shrink", show=False),
    ]

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.document: Document | None = None
        self.nav: Navigator | None = None
        self.page = 0
        self.hit: Span | None = None
        self.cursor: int | None = None
        self.extent = 1
        self.marker: MarkerAt | None = None

    # -- what the app calls -------------------------------------------------------------------------

    def load(self, document: Document, nav: Navigator) -> None:
        """Read another document (shows its first page)."""
        self.document, self.nav = document, nav
        self.hit, self.marker, self.extent = None, None, 1
        self.show_page(1)

    def show_page(self, page: int, *, cursor: int | None = None, hit: Span | None = None) -> None:
        """Show a page; put the cursor on sentence `cursor` (else the page's first sentence)."""
        if self.document is None or self.nav is None or not self.document.pages:
            return
        self.page = max(1, min(page, len(self.document.pages)))
        self.hit = hit
        self.cursor = cursor if cursor is not None else self.nav.first_sentence_of_page(self.page)
        self.extent = 1
        if self.marker is not None and self.marker.page != self.page:
            self.set_marker(None)
        self._rebuild()

    def place(self) -> Place:
        """Where the reader stands: the current marker, else the cursor sentence, else the page top."""
        if self.marker is not None:
            return self.marker.place
        if self.cursor is not None and self.document is not None:
            s = self.document.sentences[self.cursor]
            if s.page == self.page:
                return (s.page, s.block, s.start)
        return (self.page, 0, 0)

    def set_marker(self, marker: MarkerAt | None) -> None:
        """Make `marker` current (showing its page and selecting its sentence)."""
        self.marker = marker
        if marker is not None and self.nav is not None:
            cursor = self.nav.sentence_at(marker.page, marker.block, marker.marker.offset)
            if marker.page != self.page:
                self.show_page(marker.page, cursor=cursor)
                self.marker = marker
            else:
                self.cursor, self.extent = cursor, 1
            self._rebuild(scroll_to=marker.block)
        self.post_message(
            MarkerChanged(marker.marker.note if marker else None, marker.marker.label if marker else "")
        )

    def selected_pages(self) -> str:
        """The printed page or page range of the selection."""
        if self.nav is None or self.cursor is None:
            return ""
        quote = self.nav.quote(self.cursor, self.extent)
        return page_range(quote.first_label, quote.last_label)

    # -- actions ------------------------------------------------------------------------------------

    def action_page(self, step: int) -> None:
        self.show_page(self.page + step)
        self.scroll_home(animate=False)

    def action_sentence(self, step: int) -> None:
        if self.document is None or self.cursor is None:
            return
        self.cursor = max(0, min(len(self.document.sentences) - 1, self.cursor + step))
        self.extent = 1
        target = self.document.sentences[self.cursor]
        if not target.page <= self.page <= target.end_page:
            self.show_page(target.page, cursor=self.cursor)
        self._rebuild(scroll_to=target.block if target.page == self.page else 0)

    def action_marker(self, step: int) -> None:
        if self.nav is None:
            return
        here = self.place()
        found = self.nav.next_marker(here) if step > 0 else self.nav.previous_marker(here)
        if found is None:
            self.app.bell()
            self.notify("no more markers" if step > 0 else "no earlier marker", timeout=2)
            return
        self.set_marker(found)

    def action_extend(self, step: int) -> None:
        if self.document is None or self.cursor is None:
            return
        most = len(self.document.sentences) - self.cursor
        self.extent = max(1, min(most, self.extent + step))
        self._rebuild()

    def click_block(self, block: int, marker: int | None) -> None:
        """A click on a block: on a marker makes it current, elsewhere moves the cursor there."""
        if self.nav is None:
            return
        if marker is not None:
            for m in self.nav.markers:
                if (m.page, m.block, m.index) == (self.page, block, marker):
                    self.set_marker(m)
                    return
        cursor = self.nav.sentence_at(self.page, block, 0)
        if cursor is not None:
            self.cursor, self.extent = cursor, 1
            self._rebuild()

    # -- drawing ------------------------------------------------------------------------------------

    def _rebuild(self, scroll_to: int | None = None) -> None:
        if self.document is None:
            return
        page = self.document.page(self.page)
        views = list(self.query(BlockView))
        if len(views) != len(page.blocks) or any(
            v.index != i or not v.has_class(f"block-{b.kind}")
            for i, (v, b) in enumerate(zip(views, page.blocks))
        ):
            self.remove_children()
            views = [BlockView(i, b.kind) for i, b in enumerate(page.blocks)]
            if views:
                self.mount_all(views)
            else:
                self.mount(Static("(no body text on this page)", classes="block empty"))
        for view, block in zip(views, page.blocks):
            view.update(self._render_block(view.index, block))
        if scroll_to is None and self.cursor is not None:
            s = self.document.sentences[self.cursor]
            scroll_to = s.block if s.page == self.page else 0 if s.page < self.page <= s.end_page else None
        if scroll_to is not None and 0 <= scroll_to < len(views):
            self.call_after_refresh(self.scroll_to_widget, views[scroll_to], animate=False)
        self.post_message(SelectionChanged(self.extent, self.selected_pages()))

    def _ranges(self, block_index: int) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """(hit ranges, selection ranges) in this block's text."""
        assert self.document is not None
        hits: list[tuple[int, int]] = []
        span = self.hit
        key = (self.page, block_index)
        if span is not None and (span.page, span.block) <= key <= (span.end_page, span.end_block):
            start = span.start if (span.page, span.block) == key else 0
            end = span.end if (span.end_page, span.end_block) == key else 10**9
            hits.append((start, end))
        selection: list[tuple[int, int]] = []
        if self.cursor is not None:
            for s in self.document.sentences[self.cursor : self.cursor + self.extent]:
                for page, block, start, end in self.document.sentence_parts(s):
                    if (page, block) == key:
                        selection.append((start, end))
        return hits, selection

    def _render_block(self, index: int, block: Block) -> Text:
        hits, selection = self._ranges(index)
        style = self.get_component_rich_style
        base = style("reader--heading") if block.kind == "heading" else Style()
        text = Text(_PREFIX.get(block.kind, ""), style=base)
        cuts = sorted(
            {
                0,
                len(block.text),
                *[m.offset for m in block.markers],
                *[p for r in hits + selection for p in r],
            }
        )
        cuts = [c for c in cuts if 0 <= c <= len(block.text)]
        markers_at: dict[int, list[int]] = {}
        for i, m in enumerate(block.markers):
            markers_at.setdefault(max(0, min(m.offset, len(block.text))), []).append(i)
        for a, b in zip(cuts, cuts[1:] + [None]):
            for i in markers_at.get(a, []):
                current = self.marker is not None and (
                    self.marker.page,
                    self.marker.block,
                    self.marker.index,
                ) == (self.page, index, i)
                mstyle = style("reader--marker-current" if current else "reader--marker")
                label = clean_for_terminal(block.markers[i].label)
                text.append(f"[{label}]", mstyle + Style.from_meta({"marker": i}))
            if b is None:
                break
            piece = clean_for_terminal(block.text[a:b])
            pstyle = base
            if any(s <= a and b <= e for s, e in selection):
                pstyle = pstyle + style("reader--selection")
            if any(s <= a and b <= e for s, e in hits):
                pstyle = pstyle + style("reader--hit")
            text.append(piece, pstyle)
        return text


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
