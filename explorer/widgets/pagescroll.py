"""The scroll of pages under the reader: a rule naming each page, then its blocks; only a window of
pages mounted; jumps that wait for the layout and then show their target.

Only the pages near the view are mounted: scrolling within `LOAD_MARGIN` screens of either end of
the window mounts the next page (or the one before) and lets go of pages further out of view, so a
300-page manual paints as fast as a leaflet. When pages above the view are mounted or let go, the
view is moved by as much once they are laid out, so the text read stays put (scroll keys wait for
it). Every jump (a hit, a heading, a marker, a page) scrolls, once laid out, so that its target
stands `CONTEXT_LINES` below the top of the view (never above its page's rule).
"""

from __future__ import annotations

from collections.abc import Callable

from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from explorer.messages import PageShown
from explorer.navigation import Place
from explorer.widgets.blockview import BlockView
from explorer.widgets.pagerule import PageRule
from source.model import Document

LOAD_MARGIN = 1.5
"""Mount the next (or previous) page when the view is within this many screen heights of the
window's end (or start); let go of a page further than this out of view."""
SHIFT_TRIES = 20
"""How many refreshes to wait for mounted (or removed) pages to be laid out."""
CONTEXT_LINES = 2
"""A jump puts its target this many lines below the top of the view (when its page allows)."""


class PageScroll(VerticalScroll):
    """A Document's pages, one after the other, mounted a few at a time."""

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.document: Document | None = None
        """The document shown."""
        self.page = 0
        """The page being read: the last jump's, else the one at the top of the view."""
        self._lo = self._hi = 0
        self._mounted: dict[int, list[Widget]] = {}
        """The widgets of each mounted page (its rule first)."""
        self._target: Place | None = None
        self._must_show: Place | None = None
        self._only_if_hidden = False
        self._quiet_y: float | None = None
        """Where the view was last moved to by the scroll itself (not by the user)."""
        self._jumps = 0
        """How many jumps so far: a shift of the view scheduled before the latest jump is dropped."""
        self._page_by_jump = False
        """The page being read was set by a jump (not yet scrolled away from)."""
        self._shifting = False
        """Pages above the view changed and the view waits to be moved by as much."""

    def _redraw(self, force: bool = False) -> None:
        """Draw the mounted blocks (the reader marks hits and the selection)."""

    def reset_window(self) -> None:
        """Forget the mounted pages (another document is shown)."""
        self._lo = self._hi = 0

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

    def _scroll_to_target(self, tries: int = SHIFT_TRIES) -> None:
        target, self._target = self._target, None
        if target is None:
            return
        page, block, offset = target
        rule = self._rule(page)
        if rule is None:
            return
        view = self._view(page, block) if offset >= 0 else None
        laid_out = all(w.virtual_region.height > 0 for w in (rule, view) if w is not None)
        if not laid_out and tries > 0:  # mounted but not laid out yet: wait for it
            self._target = target
            self.call_after_refresh(self._scroll_to_target, tries - 1)
            return
        top = rule.virtual_region.y
        y = top
        if offset >= 0:
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
        if y > self.max_scroll_y and self.document is not None and self._hi < len(self.document.pages):
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
        """The page being read is now the one at the top of the view (but a page a jump went to
        stays the page being read while its rule is in view: near the end of a document the view
        cannot scroll it to the top)."""
        rule = self._rule(self.page) if self._page_by_jump else None
        height = self.scrollable_content_region.height
        if rule is not None and self.scroll_y <= rule.virtual_region.y < self.scroll_y + height:
            return
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
