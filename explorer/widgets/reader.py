"""The reader: the document as one continuous scroll, a rule naming the printed page at each page
boundary; a cursor sentence, a selection (sentences, or exact words in visual mode or by dragging),
a current marker and the hit of the last jump, highlighted.

Only a window of pages is mounted: scrolling near either end of it mounts the next page (or the
one before) and lets go of pages far out of view, so a 300-page manual paints as fast
as a leaflet. Every jump (a hit, a heading, a marker, a page) waits for the layout and then scrolls
so that its target stands near the top (`CONTEXT_LINES` below the top edge, never above its page's
rule). Keys: see `Reader.BINDINGS`, the help screen and the README.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from explorer.citation import page_range
from explorer.messages import MarkerChanged, PageShown, SelectionChanged
from explorer.navigation import MarkerAt, Navigator, Place, Quote
from explorer.selection import Selection, Word, Words, between, hit_words, quote_between, span_selection
from explorer.text import clean_for_terminal
from explorer.widgets.blockview import BlockView, Marks
from explorer.widgets.pagerule import PageRule
from index.results import Hit, Span
from source.model import Document

LOAD_MARGIN = 1.5
"""Mount the next (or previous) page when the view is within this many screen heights of the
window's end (or start)."""
SHIFT_TRIES = 20
"""How many refreshes to wait for mounted (or removed) pages to be laid out."""
CONTEXT_LINES = 2
"""A jump puts its target this many lines below the top of the view (when its page allows)."""
VISUAL_KEYS = {"w": 1, "e": 1, "b": -1}
"""Word moves in visual mode, and their direction."""


class Reader(VerticalScroll, can_focus=True):
    """Shows a Document as one scroll of pages; keeps a cursor sentence, a selection and a current marker."""

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
        Binding("space", "screen(1)", "Screen down", show=False),
        Binding("b", "b", "Screen up", show=False),
        Binding("G", "end", "End", show=False),
        Binding("j", "j(1)", "Next sentence", show=False),
        Binding("k", "j(-1)", "Prev sentence", show=False),
        Binding("w,e", "word(1)", "Next word", show=False),
        Binding("right_parenthesis", "sentence(1)", "Sentence", show=False),
        Binding("left_parenthesis", "sentence(-1)", "Sentence back", show=False),
        Binding("n", "match(1)", "Next match", show=False),
        Binding("N", "match(-1)", "Prev match", show=False),
        Binding("v", "visual", "Visual"),
        Binding("right_square_bracket", "marker(1)", "Next marker"),
        Binding("left_square_bracket", "marker(-1)", "Prev marker", show=False),
        Binding("enter", "enter", "Open note"),
        Binding("plus,equals_sign", "extend(1)", "Extend", show=False),
        Binding("minus", "extend(-1)", "Shrink", show=False),
        Binding("escape", "escape", "Back", show=False),
    ]

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.document: Document | None = None
        self.nav: Navigator | None = None
        self.words: Words | None = None
        self.page = 0
        """The page being read: the last jump's, else the one at the top of the view."""
        self.hit: Span | None = None
        """The stretch of the hit last opened."""
        self.hit_marks: list[Selection] = []
        """Its matched words."""
        self.cursor: int | None = None
        """The cursor sentence (index in Document.sentences)."""
        self.extent = 1
        """How many sentences are selected from the cursor (when no words are)."""
        self.anchor: Word | None = None
        """Where a word selection starts (visual mode or a drag); None: the selection is sentences."""
        self.head: Word | None = None
        """Where it ends (the word that moves)."""
        self.visual = False
        """True in keyboard visual mode."""
        self.marker: MarkerAt | None = None
        self.matches: list[Hit] = []
        """The hits of the current query (n / N move through those in this document)."""
        self.count = 0
        """A count typed before a move (5j), 0 when none."""
        self.dragging = False
        """A mouse drag is selecting words."""
        self.dragged = False
        """The last press of the mouse dragged (so its click does not move the cursor)."""
        self._lo = self._hi = 0
        self._mounted: dict[int, list[Widget]] = {}
        """The widgets of each mounted page (its rule first)."""
        self._target: Place | None = None
        self._must_show: Place | None = None
        self._only_if_hidden = False
        self._quiet_y: float | None = None
        self._jumps = 0
        self._page_by_jump = False
        """The page being read was set by a jump (not yet scrolled away from)."""
        self._shifting = False
        """Pages above the view changed and the view waits to be moved by as much."""
        """How many jumps so far: a shift of the view scheduled before the latest jump is dropped."""

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._redraw(force=True))

    # -- what the app calls -------------------------------------------------------------------------

    def load(self, document: Document, nav: Navigator) -> None:
        """Read another document (shows its first page)."""
        self.document, self.nav, self.words = document, nav, Words(document)
        self.hit, self.hit_marks, self.marker, self.extent = None, [], None, 1
        self._clear_words()
        self._lo = self._hi = 0
        self.show_page(1)

    def show_page(
        self, page: int, *, cursor: int | None = None, hit: Span | None = None, block: int = 0
    ) -> None:
        """Show a page from its top (or from block `block`); put the cursor on sentence `cursor` (else
        the page's first sentence, or the first of the block)."""
        if self.document is None or self.nav is None or not self.document.pages:
            return
        self.page = max(1, min(page, len(self.document.pages)))
        self.hit, self.hit_marks = hit, ([span_selection(hit)] if hit is not None else [])
        if cursor is None:
            cursor = self.nav.first_sentence_of_page(self.page) if block == 0 else None
            cursor = cursor if cursor is not None else self.nav.sentence_at(self.page, block, 0)
        self.cursor, self.extent = cursor, 1
        self._clear_words()
        if self.marker is not None and self.marker.page != self.page:
            self.set_marker(None)
        self._go((self.page, block, -1))

    def show_hit(self, hit: Hit) -> None:
        """Show a hit: its matched words highlighted and on screen, its sentences selected."""
        if self.document is None or self.nav is None or hit.span is None:
            return
        span = hit.span
        cursor = self.nav.sentence_at(span.page, span.block, span.start)
        self.show_page(span.page, cursor=cursor, hit=span)
        self.hit_marks = hit_words(self.document, span, hit.text, hit.highlights)
        end = self.nav.sentence_at(span.end_page, span.end_block, max(span.start, span.end - 1))
        if cursor is not None and end is not None and end > cursor:
            self.extent = end - cursor + 1
        if self.marker is not None:
            self.set_marker(None)
        self._go((span.page, span.block, span.start), must_show=self.hit_marks[0].start)

    def place(self) -> Place:
        """Where the reader stands: the current marker, else the cursor sentence, else the page top."""
        if self.marker is not None:
            return self.marker.place
        if self.head is not None:
            return self.head.first
        if self.cursor is not None and self.document is not None:
            s = self.document.sentences[self.cursor]
            if s.page <= self.page <= s.end_page:
                return (s.page, s.block, s.start)
        return (self.page, 0, 0)

    def set_marker(self, marker: MarkerAt | None) -> None:
        """Make `marker` current (showing it and selecting its sentence)."""
        self.marker = marker
        if marker is not None and self.nav is not None:
            self.cursor, self.extent = (
                self.nav.sentence_at(marker.page, marker.block, marker.marker.offset),
                1,
            )
            self._clear_words()
            self.page = marker.page
            self._go(marker.place)
        self.post_message(
            MarkerChanged(marker.marker.note if marker else None, marker.marker.label if marker else "")
        )

    def selection(self) -> Selection | None:
        """What is selected: the words from the anchor to the head, else the cursor's sentences."""
        if self.anchor is not None and self.head is not None:
            return between(self.anchor, self.head)
        if self.document is None or self.cursor is None:
            return None
        sentences = self.document.sentences
        first = sentences[self.cursor]
        last = sentences[min(len(sentences) - 1, self.cursor + self.extent - 1)]
        return Selection((first.page, first.block, first.start), (last.end_page, last.end_block, last.end))

    def quote(self) -> Quote | None:
        """The selection's verbatim text and printed pages (None when nothing is selected)."""
        if self.document is None or self.nav is None:
            return None
        if self.anchor is not None and self.head is not None:
            return quote_between(self.document, between(self.anchor, self.head))
        return self.nav.quote(self.cursor, self.extent) if self.cursor is not None else None

    def selected_pages(self) -> str:
        """The printed page or page range of the selection."""
        quote = self.quote()
        return page_range(quote.first_label, quote.last_label) if quote else ""

    # -- actions ------------------------------------------------------------------------------------

    def _take_count(self) -> int:
        count, self.count = self.count or 1, 0
        return count

    def on_key(self, event: events.Key) -> None:
        """Digits before a move are its count (5j); a count of 0 is no count."""
        if (
            event.character is not None
            and event.character.isdigit()
            and (self.count or event.character != "0")
        ):
            self.count = min(10_000, self.count * 10 + int(event.character))
            event.stop()
            event.prevent_default()

    def _later_if_shifting(self, action: Callable[[], None]) -> bool:
        """While pages above the view are being laid out, a scroll waits for them (else it would
        start from where the text no longer is); True when `action` was put off."""
        if self._shifting:
            self.call_after_refresh(action)
            return True
        return False

    def action_scroll_down(self) -> None:
        if not self._later_if_shifting(self.action_scroll_down):
            super().action_scroll_down()

    def action_scroll_up(self) -> None:
        if not self._later_if_shifting(self.action_scroll_up):
            super().action_scroll_up()

    def action_page_down(self) -> None:
        if not self._later_if_shifting(self.action_page_down):
            self.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        if not self._later_if_shifting(self.action_page_up):
            self.scroll_page_up(animate=False)

    def action_page(self, step: int) -> None:
        self.show_page(self.page + step * self._take_count())

    def action_screen(self, step: int) -> None:
        if self._later_if_shifting(lambda: self.action_screen(step)):
            return
        count = self._take_count()
        for _ in range(count):
            if step > 0:
                self.scroll_page_down(animate=False)
            else:
                self.scroll_page_up(animate=False)

    def action_b(self) -> None:
        if self.visual:
            self.action_word(-1)
        else:
            self.action_screen(-1)

    def action_end(self) -> None:
        """The end of the document, or (with a count) the top of physical page N."""
        if self.document is None:
            return
        if self.count:
            self.show_page(self._take_count())
            return
        last = len(self.document.pages)
        self.show_page(last)
        blocks = self.document.page(last).blocks
        if blocks:  # the last line, as low in the view as the text above it allows
            self._go((last, len(blocks) - 1, len(blocks[-1].text)), must_show=None)

    def action_top(self) -> None:
        """The top of the document (gg)."""
        self.count = 0
        self.show_page(1)

    def action_j(self, step: int) -> None:
        if self.visual:
            self._move_head_by_line(step * self._take_count())
        else:
            self.action_sentence(step)

    def action_sentence(self, step: int) -> None:
        if self.document is None or self.nav is None:
            return
        step *= self._take_count()
        if self.visual and self.head is not None and self.words is not None:
            self._set_head(self._sentence_edge(self.head, step))
            return
        if self.cursor is None:
            return
        self._clear_words()
        self.cursor = max(0, min(len(self.document.sentences) - 1, self.cursor + step))
        self.extent = 1
        target = self.document.sentences[self.cursor]
        parts = self.document.sentence_parts(target)
        if not target.page <= self.page <= target.end_page:
            self.page = target.page
        shown = next((p for p in parts if p[0] == self.page), parts[0])
        self._go(shown[:3], only_if_hidden=True)

    def action_word(self, step: int) -> None:
        if not self.visual:
            self.action_visual()
        if self.head is None or self.words is None:
            return
        self._set_head(self.words.step(self.head, step * self._take_count()) or self.head)

    def action_visual(self) -> None:
        """Enter visual mode on the first word of the cursor sentence (or leave it)."""
        if self.visual:
            self.visual = False
            self._redraw()
            return
        if self.words is None:
            return
        start = self.place() if self.anchor is None else self.anchor.first
        word = self.words.at(start)
        if word is None:
            return
        self.visual, self.anchor, self.head = True, word, word
        self._redraw()
        self.notify("visual: w / b words, ( ) sentences, j / k lines; y copies, Escape leaves", timeout=3)

    def action_escape(self) -> None:
        if self.visual or self.anchor is not None:
            self.visual = False
            self._clear_words()
            self._redraw()
            return
        self.call_next(self.app.run_action, "back")

    def action_match(self, step: int) -> None:
        """The next (or previous) hit of the current query in this document."""
        if self.document is None:
            return
        count = self._take_count()
        mine = sorted(
            (h for h in self.matches if h.doc_id == self.document.id and h.span is not None),
            key=lambda h: _start(h.span),  # type: ignore[arg-type]
        )
        if not mine:
            self.notify("no matches: search first (/)", timeout=2)
            return
        here = _start(self.hit) if self.hit is not None else self.place()
        found: Hit | None = None
        for _ in range(count):
            ahead = [h for h in mine if (_start(h.span) > here if step > 0 else _start(h.span) < here)]  # type: ignore[arg-type]
            if not ahead:
                break
            found = ahead[0] if step > 0 else ahead[-1]
            here = _start(found.span)  # type: ignore[arg-type]
        if found is None:
            self.app.bell()
            self.notify("no more matches" if step > 0 else "no earlier match", timeout=2)
            return
        self.show_hit(found)

    def action_marker(self, step: int) -> None:
        if self.nav is None:
            return
        here = self.place()
        found: MarkerAt | None = None
        for _ in range(self._take_count()):
            found = self.nav.next_marker(here) if step > 0 else self.nav.previous_marker(here)
            if found is None:
                break
            here = found.place
        if found is None:
            self.app.bell()
            self.notify("no more markers" if step > 0 else "no earlier marker", timeout=2)
            return
        self.set_marker(found)

    def action_enter(self) -> None:
        """Open the current marker's note; with no current marker, go to the next marker."""
        if self.marker is None:
            self.action_marker(1)
        else:
            self.call_next(self.app.run_action, "open_note")

    def action_extend(self, step: int) -> None:
        if self.document is None or self.cursor is None:
            return
        self._clear_words()
        most = len(self.document.sentences) - self.cursor
        self.extent = max(1, min(most, self.extent + step * self._take_count()))
        self._redraw()

    def click_block(self, page: int, block: int, marker: int | None) -> None:
        """A click on a block: on a marker makes it current, elsewhere moves the cursor there."""
        if self.nav is None:
            return
        if marker is not None:
            for m in self.nav.markers:
                if (m.page, m.block, m.index) == (page, block, marker):
                    self.set_marker(m)
                    return
        cursor = self.nav.sentence_at(page, block, 0)
        if cursor is not None:
            self._clear_words()
            self.cursor, self.extent, self.page = cursor, 1, page
            self._redraw()

    # -- words: visual mode and dragging ------------------------------------------------------------

    def _clear_words(self) -> None:
        self.anchor = self.head = None
        self.visual = False

    def _set_head(self, word: Word | None) -> None:
        if word is None:
            return
        self.head = word
        self.page = word.page
        self._go(word.first, only_if_hidden=True)

    def _sentence_edge(self, head: Word, step: int) -> Word | None:
        """For `)` (`(`): the last (first) word of the head's sentence, or when the head is on it
        already, of the sentence `step` sentences on (back)."""
        assert self.document is not None and self.nav is not None and self.words is not None
        here = self.nav.sentence_at(*head.first)
        if here is None:
            return None
        sentences = self.document.sentences

        def edge(i: int) -> Word | None:
            s = sentences[max(0, min(len(sentences) - 1, i))]
            if step > 0:
                return self.words.at((s.end_page, s.end_block, max(0, s.end - 1)))  # type: ignore[union-attr]
            return self.words.at((s.page, s.block, s.start))  # type: ignore[union-attr]

        word = edge(here)
        if word == head:
            word = edge(here + step)
        return word

    def _move_head_by_line(self, lines: int) -> None:
        """Move the head to the word drawn `lines` lines below (above) it, in the same column."""
        if self.head is None or self.words is None:
            return
        view = self._view(self.head.page, self.head.block)
        if view is None or view.rendered is None:
            return
        width = max(1, view.content_size.width)
        line = view.line_of(self.head.start) + lines
        column = view.rendered.drawn(self.head.start) - _line_start(view, line - lines, width)
        views = self.views()
        at = views.index(view)
        while True:
            target = views[at]
            assert target.rendered is not None
            total = target.line_of(len(self.document.block(target.page, target.index).text)) + 1  # type: ignore[union-attr]
            if 0 <= line < total:
                break
            if line < 0 and at > 0:
                at -= 1
                previous = views[at]
                line += previous.line_of(len(self.document.block(previous.page, previous.index).text)) + 1  # type: ignore[union-attr]
            elif line >= total and at + 1 < len(views):
                line -= total
                at += 1
            else:
                line = max(0, min(line, total - 1))
                break
        target = views[at]
        drawn = _line_start(target, line, width) + column
        for word in self.words.of_block(target.page, target.index):
            if target.rendered is not None and target.rendered.drawn(word.end) > drawn:
                if target.line_of(word.start) == line:
                    self._set_head(word)
                    return
                break
        words = [w for w in self.words.of_block(target.page, target.index) if target.line_of(w.start) == line]
        if words:
            self._set_head(words[-1])

    def drag_begin(self, page: int, block: int, word: tuple[int, int]) -> None:
        """The mouse went down on a word: a drag may start there."""
        self.dragging, self.dragged = True, False
        self._drag_from = Word(page, block, *word)

    def drag_to(self, page: int, block: int, word: tuple[int, int]) -> None:
        """The mouse, held down, is over a word: the words from where it went down to here are selected."""
        here = Word(page, block, *word)
        if here == self._drag_from and not self.dragged:
            return
        self.dragged = True
        self.anchor, self.head, self.visual = self._drag_from, here, False
        self._redraw()

    def drag_end(self) -> None:
        """The mouse went up."""
        self.dragging = False

    # -- the window of pages ------------------------------------------------------------------------

    def _page_widgets(self, page: int) -> list[Widget]:
        assert self.document is not None
        found = self.document.page(page)
        widgets: list[Widget] = [PageRule(found, len(self.document.pages))]
        if found.blocks:
            widgets += [BlockView(page, i, b.kind) for i, b in enumerate(found.blocks)]
        else:
            widgets.append(Static("(no body text on this page)", classes="block empty"))
        self._mounted[page] = widgets
        return widgets

    def _go(self, target: Place, only_if_hidden: bool = False, must_show: Place | None = None) -> None:
        """Redraw, and once laid out scroll so that `target` shows (offset -1: its page's rule), or if
        both do not fit, at least `must_show` (the hit's words, when the target is its sentence)."""
        if self.document is None:
            return
        page = target[0]
        if page == self._hi + 1 and self._hi:
            self._append()
        elif page == self._lo - 1:
            self._prepend()
        elif not self._lo <= page <= self._hi:
            self.remove_children()
            self._mounted = {}
            self._lo = self._hi = page
            self.mount_all(self._page_widgets(page))
            self._quiet_y = 0
            self.scroll_to(y=0, animate=False)
        self._redraw()
        self._jumps += 1
        self._page_by_jump = True
        self._target = target
        self._must_show = must_show
        self._only_if_hidden = only_if_hidden
        self.call_after_refresh(self._scroll_to_target)
        self.post_message(PageShown(self.page))

    def _scroll_to_target(self) -> None:
        target, self._target = self._target, None
        if target is None:
            return
        page, block, offset = target
        rule = self._rule(page)
        if rule is None:
            return
        top = rule.virtual_region.y
        y = top
        if offset >= 0:
            view = self._view(page, block)
            if view is not None:
                line_y = view.virtual_region.y + view.line_of(offset)
                if (
                    self._only_if_hidden
                    and self.scroll_y <= line_y < self.scroll_y + self.scrollable_content_region.height
                ):
                    self._fill()
                    return
                y = max(top, line_y - CONTEXT_LINES)
                must = self._line_y(self._must_show) if self._must_show else None
                height = self.scrollable_content_region.height
                if must is not None and must >= y + height - 1:
                    y = must - CONTEXT_LINES
        if y > self.max_scroll_y and self._hi < len(self.document.pages):  # type: ignore[union-attr]
            self._append()
            self._target = target
            self.call_after_refresh(self._scroll_to_target)
            return
        self._quiet_y = min(y, self.max_scroll_y)
        self.scroll_to(y=y, animate=False, immediate=True)
        self._fill()

    def _fill(self) -> None:
        """Mount the next (or previous) page while the view is within `LOAD_MARGIN` screens of the
        window's end (or start), and let go of a page that is more than that out of view."""
        if self.document is None or self._hi == 0 or self._target is not None or self._shifting:
            return
        height = self.scrollable_content_region.height
        margin = height * LOAD_MARGIN
        rules = self._rules()
        if not rules or any(r.virtual_region.height == 0 for r in rules):
            return  # not laid out yet
        top, bottom = self.scroll_y, self.scroll_y + height
        if self._hi < len(self.document.pages) and bottom + margin > self.virtual_size.height:
            self._append()
        elif self._lo > 1 and top < margin:
            self._prepend()
            return
        elif len(rules) > 2 and rules[1].virtual_region.y < top - margin:
            self._drop_first()
            return
        elif len(rules) > 2 and rules[-1].virtual_region.y > bottom + margin:
            for child in self._mounted.pop(self._hi, []):
                child.remove()
            self._hi -= 1
        else:
            return
        self.call_after_refresh(self._fill)

    def _append(self) -> None:
        self._hi += 1
        self.mount_all(self._page_widgets(self._hi))
        self._redraw()

    def _drop_first(self) -> None:
        """Let go of the window's first page, keeping the view where it is."""
        for child in self._mounted.pop(self._lo):
            child.remove()
        self._lo += 1
        self._keep_view(self._rule(self._lo))

    def _prepend(self) -> None:
        first = self._rule(self._lo)
        self._lo -= 1
        self.mount_all(self._page_widgets(self._lo), before=0)
        self._redraw()
        self._keep_view(first)

    def _keep_view(self, anchor: Widget | None) -> None:
        """Pages were mounted or let go above the view: once laid out, scroll by as much as `anchor`
        moved, so that the same text stays in view (unless a jump came first)."""
        if anchor is None:
            return
        jumps, before = self._jumps, anchor.virtual_region.y
        self._shifting = True

        def shift(tries: int = SHIFT_TRIES) -> None:
            moved = anchor.virtual_region.y - before
            if jumps != self._jumps:
                self._shifting = False
            elif moved == 0 and tries > 0:  # not laid out yet
                self.call_after_refresh(shift, tries - 1)
            else:
                self._shifting = False
                self._quiet_y = max(0.0, self.scroll_y + moved)
                self.scroll_to(y=self._quiet_y, animate=False, immediate=True)
                if not self._page_by_jump:
                    self._page_from_top()
                self.call_after_refresh(self._fill)

        self.call_after_refresh(shift)

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        if self.document is None or self._hi == 0:
            return
        if self._quiet_y is not None and abs(new - self._quiet_y) < 1:
            self._quiet_y = None
        elif round(old) != round(new) and not self._shifting:
            self._page_from_top()
        self.call_after_refresh(self._fill)

    def _page_from_top(self) -> None:
        """The page being read is now the one at the top of the view."""
        self._page_by_jump = False
        top = next(
            (r.page for r in reversed(self._rules()) if r.virtual_region.y <= self.scroll_y + 1), self._lo
        )
        if top != self.page:
            self.page = top
            self.post_message(PageShown(top))

    def _line_y(self, place: Place) -> int | None:
        """Where in the scroll the line holding `place` is (None when its block is not mounted)."""
        view = self._view(place[0], place[1])
        return None if view is None else view.virtual_region.y + view.line_of(place[2])

    def _rules(self) -> list[PageRule]:
        return [w for p in sorted(self._mounted) for w in self._mounted[p][:1] if isinstance(w, PageRule)]

    def _rule(self, page: int) -> PageRule | None:
        widgets = self._mounted.get(page, [])
        return widgets[0] if widgets and isinstance(widgets[0], PageRule) else None

    def views(self) -> list[BlockView]:
        """The mounted blocks, in reading order."""
        return [w for p in sorted(self._mounted) for w in self._mounted[p] if isinstance(w, BlockView)]

    def _view(self, page: int, block: int) -> BlockView | None:
        widgets = self._mounted.get(page, [])
        view = widgets[block + 1] if 0 <= block < len(widgets) - 1 else None
        return view if isinstance(view, BlockView) else None

    # -- drawing ------------------------------------------------------------------------------------

    def _redraw(self, force: bool = False) -> None:
        """Draw each mounted block whose marks changed (every block, with `force`)."""
        if self.document is None:
            return
        selection = self.selection()
        style = self.get_component_rich_style
        for view in self.views():
            block = self.document.block(view.page, view.index)
            view.draw(block, self._marks(view.page, view.index, len(block.text), selection), style, force)
        quote_unit = "word" if self.anchor is not None else "sentence"
        count = self._word_count() if self.anchor is not None else self.extent
        self.post_message(SelectionChanged(count, self.selected_pages(), quote_unit))

    def marks_of(self, page: int, block: int) -> Marks:
        """What block `block` of page `page` shows marked."""
        assert self.document is not None
        return self._marks(page, block, len(self.document.block(page, block).text), self.selection())

    def _word_count(self) -> int:
        quote = self.quote()
        return len(quote.text.split()) if quote else 0

    def _marks(self, page: int, block: int, length: int, selection: Selection | None) -> Marks:
        hits = tuple(r for s in self.hit_marks if (r := s.in_block(page, block, length)) is not None)
        chosen = selection.in_block(page, block, length) if selection is not None else None
        current = -1
        if self.marker is not None and (self.marker.page, self.marker.block) == (page, block):
            current = self.marker.index
        return Marks(hits, (chosen,) if chosen else (), current)


def _start(span: Span) -> Place:
    return (span.page, span.block, span.start)


def _line_start(view: BlockView, line: int, width: int) -> int:
    """The drawn offset line `line` of a block starts at."""
    from rich._wrap import divide_line

    if view.rendered is None or line <= 0:
        return 0
    breaks = divide_line(view.rendered.text.plain, width)
    return breaks[min(line, len(breaks)) - 1] if breaks else 0


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
        self.update(Text(clean_for_terminal(found.text)))
