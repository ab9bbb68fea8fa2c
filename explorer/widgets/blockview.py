"""One block of the reader: its text with headings styled, markers as [n], hits and selection
marked, and every word tagged (Rich meta) so that a click or a drag knows which word it is on."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich._wrap import divide_line
from rich.style import Style
from rich.text import Text
from textual import events
from textual.widgets import Static

from explorer.selection import _words
from explorer.text import clean_for_terminal
from source.model import Block

if TYPE_CHECKING:
    from explorer.widgets.reader import Reader

PREFIX = {"quote": "│ ", "list_item": "• "}
"""What stands before the text of a block of this kind."""


@dataclass(frozen=True)
class Marks:
    """What is marked in one block (its rendering depends on nothing else)."""

    hits: tuple[tuple[int, int], ...]
    """Offsets of the hit's words."""
    selection: tuple[tuple[int, int], ...]
    """Offsets of the selected text."""
    current_marker: int
    """Index of the current marker in the block's markers, -1 when none."""


@dataclass(frozen=True)
class Rendered:
    """A block's text as drawn, and where each offset of the block's text is in it."""

    text: Text
    """What is drawn."""
    cuts: tuple[tuple[int, int], ...]
    """(offset in the block's text, offset in the drawn text) at the start of each piece."""

    def drawn(self, offset: int) -> int:
        """Where offset `offset` of the block's text is drawn."""
        i = max(0, bisect_right([c[0] for c in self.cuts], offset) - 1)
        source, drawn = self.cuts[i] if self.cuts else (0, 0)
        return drawn + offset - source

    def line_of(self, offset: int, width: int) -> int:
        """The line (0-based) offset `offset` is drawn on when the block is `width` cells wide."""
        if width <= 0:
            return 0
        breaks = divide_line(self.text.plain, width)
        return bisect_right(breaks, self.drawn(offset))


def render_block(block: Block, marks: Marks, style: Callable[[str], Style]) -> Rendered:
    """Draw a block with its marks (`style` gives the reader's component styles)."""
    base = style("reader--heading") if block.kind == "heading" else Style()
    text = Text(PREFIX.get(block.kind, ""), style=base)
    length = len(block.text)
    points = {0, length, *[m.offset for m in block.markers]}
    points |= {p for r in marks.hits + marks.selection for p in r}
    cuts = sorted(c for c in points if 0 <= c <= length)
    markers_at: dict[int, list[int]] = {}
    for i, m in enumerate(block.markers):
        markers_at.setdefault(max(0, min(m.offset, length)), []).append(i)
    mapping: list[tuple[int, int]] = []
    for a, b in zip(cuts, [*cuts[1:], None]):
        for i in markers_at.get(a, []):
            current = i == marks.current_marker
            mstyle = style("reader--marker-current" if current else "reader--marker")
            text.append(
                f"[{clean_for_terminal(block.markers[i].label)}]", mstyle + Style.from_meta({"marker": i})
            )
        if b is None:
            break
        piece = clean_for_terminal(block.text[a:b])
        if len(piece) != b - a:  # a control character was dropped: keep the offsets true
            piece = "".join(c if clean_for_terminal(c) else " " for c in block.text[a:b])
        pstyle = base
        if any(s <= a and b <= e for s, e in marks.selection):
            pstyle = pstyle + style("reader--selection")
        if any(s <= a and b <= e for s, e in marks.hits):
            pstyle = pstyle + style("reader--hit")
        mapping.append((a, len(text)))
        text.append(piece, pstyle)
    rendered = Rendered(text, tuple(mapping))
    for s, e in _words(block.text):
        text.stylize(Style.from_meta({"word": (s, e)}), rendered.drawn(s), rendered.drawn(e))
    return rendered


class BlockView(Static):
    """One block of a page (redrawn by the reader when its marks change)."""

    ALLOW_SELECT = False  # the reader selects words itself (and copies them with a citation)

    def __init__(self, page: int, index: int, kind: str) -> None:
        super().__init__(classes=f"block block-{kind}")
        self.page = page
        """The physical page the block is on."""
        self.index = index
        """Its index on the page."""
        self.marks: Marks | None = None
        """What it shows marked (None: not drawn yet)."""
        self.rendered: Rendered | None = None
        """What it shows."""

    def draw(self, block: Block, marks: Marks, style: Callable[[str], Style], force: bool = False) -> None:
        """Draw the block, unless it shows these marks already."""
        if marks == self.marks and not force:
            return
        self.marks = marks
        self.rendered = render_block(block, marks, style)
        self.update(self.rendered.text)

    def line_of(self, offset: int) -> int:
        """The line of the block an offset is drawn on (0 before it is laid out)."""
        return self.rendered.line_of(offset, self.content_size.width) if self.rendered else 0

    @property
    def reader(self) -> Reader | None:
        """The reader it is in."""
        from explorer.widgets.reader import Reader

        return self.parent if isinstance(self.parent, Reader) else None

    @staticmethod
    def _meta(event: events.MouseEvent) -> dict[str, Any]:
        return event.style.meta if event.style else {}

    def on_mouse_down(self, event: events.MouseDown) -> None:
        word = self._meta(event).get("word")
        if self.reader is not None and isinstance(word, tuple) and event.button == 1:
            self.reader.drag_begin(self.page, self.index, word)
            self.capture_mouse()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        reader = self.reader
        if reader is None or not reader.dragging:
            return
        widget, _ = self.screen.get_widget_at(event.screen_x, event.screen_y)
        word = self.screen.get_style_at(event.screen_x, event.screen_y).meta.get("word")
        if isinstance(widget, BlockView) and isinstance(word, tuple):
            reader.drag_to(widget.page, widget.index, word)

    def on_mouse_up(self, event: events.MouseUp) -> None:
        self.release_mouse()
        if self.reader is not None:
            self.reader.drag_end()

    def on_click(self, event: events.Click) -> None:
        reader = self.reader
        if reader is None or reader.dragged:
            return
        meta = self._meta(event)
        marker, word = meta.get("marker"), meta.get("word")
        offset = word[0] if isinstance(word, tuple) else 0
        reader.click_block(self.page, self.index, marker if isinstance(marker, int) else None, offset)
