"""The footer: the keys of the screen in front, the essential ones first so that a narrow terminal
cuts the others (Textual's Footer lists the focused widget's keys first, and cuts from the right)."""

from __future__ import annotations

from collections import defaultdict

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

ESSENTIAL = ("copy", "help", "quit")
"""Actions whose keys always come first (`y`, `?`, `q`)."""


class KeyFooter(Footer):
    """Footer with the essential keys first, then the rest in Textual's order."""

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        by_action: defaultdict[str, list[tuple[Binding, bool, str]]] = defaultdict(list)
        for _node, binding, enabled, tooltip in self.screen.active_bindings.values():
            if binding.show:
                by_action[binding.action].append((binding, enabled, tooltip))

        def rank(action: str) -> int:
            name = action.removeprefix("app.")
            return ESSENTIAL.index(name) if name in ESSENTIAL else len(ESSENTIAL)

        ordered = sorted(by_action, key=rank)  # stable: the others keep their order
        self.styles.grid_size_columns = len(ordered)
        for action in ordered:
            binding, enabled, tooltip = by_action[action][0]
            yield FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                disabled=not enabled,
                tooltip=tooltip,
            ).data_bind(compact=Footer.compact)
