"""The reader: the document as one continuous scroll, a rule naming the printed page at each page
boundary; a cursor sentence, a selection (sentences, or exact words in visual mode or by dragging),
a current marker and the hit of the last jump, highlighted.

The scroll of pages (mounted lazily, jumps that show their target) is explorer/widgets/pagescroll.py;
word selection (visual mode, dragging) is explorer/widgets/wordselect.py; the note of the current
marker, beside the reader, is explorer/widgets/notepanel.py. Keys: see
`Reader.BINDINGS`, the help screen and the README.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType

from explorer.citation import page_range
from explorer.messages import MarkerChanged, SelectionChanged
from explorer.navigation import MarkerAt, Navigator, Place, Quote
from explorer.selection import Selection, Words, between, hit_words, quote_between, span_selection
from explorer.widgets.blockview import Marks
from explorer.widgets.wordselect import WordSelection
from index.results import Hit, Span
from source.model import Document


class Reader(WordSelection, can_focus=True):
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
        self.hit: Span | None = None
        """The stretch of the hit last opened."""
        self.hit_marks: list[Selection] = []
        """Its matched words."""
        self.cursor: int | None = None
        """The cursor sentence (index in Document.sentences)."""
        self.extent = 1
        """How many sentences are selected from the cursor (when no words are)."""
        self.marker: MarkerAt | None = None
        self.matches: list[Hit] = []
        """The hits of the current query (n / N move through those in this document)."""
        self.count = 0
        """A count typed before a move (5j), 0 when none."""

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
        self._go((self.page, block, -1 if block == 0 else 0))

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
        """What is selected: the words from the tail to the head, else the cursor's sentences."""
        if self.tail is not None and self.head is not None:
            return between(self.tail, self.head)
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
        if self.tail is not None and self.head is not None:
            return quote_between(self.document, between(self.tail, self.head))
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
        start = self.place() if self.tail is None else self.tail.first
        word = self.words.at(start)
        if word is None:
            return
        self.visual, self.tail, self.head = True, word, word
        self._redraw()

    def action_escape(self) -> None:
        if self.visual or self.tail is not None:
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
            (
                (_start(h.span), h)
                for h in self.matches
                if h.doc_id == self.document.id and h.span is not None
            ),
            key=lambda pair: pair[0],
        )
        if not mine:
            self.notify("no matches: search first (/)", timeout=2)
            return
        here = _start(self.hit) if self.hit is not None else self.place()
        found: Hit | None = None
        for _ in range(count):
            ahead = [(at, h) for at, h in mine if (at > here if step > 0 else at < here)]
            if not ahead:
                break
            here, found = ahead[0] if step > 0 else ahead[-1]
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

    def click_block(self, page: int, block: int, marker: int | None, offset: int = 0) -> None:
        """A click on a block: on a marker makes it current, elsewhere moves the cursor to the
        sentence clicked (at `offset` in the block's text)."""
        if self.nav is None:
            return
        if marker is not None:
            for m in self.nav.markers:
                if (m.page, m.block, m.index) == (page, block, marker):
                    self.set_marker(m)
                    return
        cursor = self.nav.sentence_at(page, block, offset)
        if cursor is not None:
            self._clear_words()
            self.cursor, self.extent, self.page = cursor, 1, page
            self._redraw()

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
        quote_unit = "word" if self.tail is not None else "sentence"
        count = self._word_count() if self.tail is not None else self.extent
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
