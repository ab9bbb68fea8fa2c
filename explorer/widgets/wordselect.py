"""Word selection in the reader: keyboard visual mode (by word, sentence and drawn line) and mouse
dragging, both selecting exact words (a mixin of explorer.widgets.reader.Reader)."""

from __future__ import annotations

from rich._wrap import divide_line
from textual.reactive import reactive

from explorer.navigation import Navigator
from explorer.selection import Word, Words
from explorer.widgets.blockview import BlockView
from explorer.widgets.pagescroll import PageScroll


VISUAL_TITLE = "VISUAL · w/e b words · ) ( sentences · j k lines · y copy · Esc leave"
"""The reader's title in visual mode: the mode and its keys."""


class WordSelection(PageScroll):
    """Moves of the selection's head word, and the mouse drag."""

    visual: reactive[bool] = reactive(False)
    """True in keyboard visual mode (the reader's title says so)."""

    def watch_visual(self, visual: bool) -> None:
        self.border_title = VISUAL_TITLE if visual else None

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.nav: Navigator | None = None
        """The document's sentences and markers."""
        self.words: Words | None = None
        """The document's words."""
        self.tail: Word | None = None
        """The fixed end of a word selection, where it started (visual mode or a drag); None: the
        selection is sentences."""
        self.head: Word | None = None
        """Where it ends (the word that moves)."""
        self.dragging = False
        """A mouse drag is selecting words."""
        self.dragged = False
        """The last press of the mouse dragged (so its click does not move the cursor)."""
        self._drag_from: Word | None = None

    def _clear_words(self) -> None:
        self.tail = self.head = None
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
        assert self.document is not None and self.nav is not None
        words = self.words
        assert words is not None
        here = self.nav.sentence_at(*head.first)
        if here is None:
            return None
        sentences = self.document.sentences

        def edge(i: int) -> Word | None:
            s = sentences[max(0, min(len(sentences) - 1, i))]
            if step > 0:
                return words.at((s.end_page, s.end_block, max(0, s.end - 1)))
            return words.at((s.page, s.block, s.start))

        word = edge(here)
        if word == head:
            word = edge(here + step)
        return word

    def _move_head_by_line(self, lines: int) -> None:
        """Move the head to the word drawn `lines` lines below (above) it, in the same column."""
        if self.head is None or self.words is None:
            return
        view = self._view(self.head.page, self.head.block)
        if view is None or self.document is None or view.rendered is None:
            return
        width = max(1, view.content_size.width)
        line = view.line_of(self.head.start) + lines
        column = view.rendered.drawn(self.head.start) - _line_start(view, line - lines, width)
        views = self.views()
        at = views.index(view)
        while True:
            target = views[at]
            assert target.rendered is not None
            total = target.line_of(len(self.document.block(target.page, target.index).text)) + 1
            if 0 <= line < total:
                break
            if line < 0 and at > 0:
                at -= 1
                previous = views[at]
                line += previous.line_of(len(self.document.block(previous.page, previous.index).text)) + 1
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
        self.tail, self.head, self.visual = self._drag_from, here, False
        self._redraw()

    def drag_end(self) -> None:
        """The mouse went up."""
        self.dragging = False


def _line_start(view: BlockView, line: int, width: int) -> int:
    """The drawn offset line `line` of a block starts at."""
    if view.rendered is None or line <= 0:
        return 0
    breaks = divide_line(view.rendered.text.plain, width)
    return breaks[min(line, len(breaks)) - 1] if breaks else 0
