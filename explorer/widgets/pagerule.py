"""The rule the reader draws at the top of each page: the printed page, or that it prints none."""

from __future__ import annotations

from rich.rule import Rule
from textual.widgets import Static

from explorer.text import clean_for_terminal
from source.model import Page


def rule_title(page: Page, total: int) -> str:
    """What the rule says: "p. 17 · PDF page 12 of 40"; for a page that prints no number, that it
    prints none (with the neighbours' guess in brackets, never as a printed number); a /PageLabels
    label is said to be the PDF's label, not a printed one."""
    where = f"PDF page {page.index} of {total}"
    label = clean_for_terminal(page.label) if page.label is not None else None
    if label is not None and page.label_source == "printed":
        return f"p. {label} · {where}"
    if label is not None:
        return f"p. {label} (the PDF's page label; none printed) · {where}"
    if page.inferred is not None:
        return f"prints no page number (by count [{clean_for_terminal(page.inferred)}]) · {where}"
    return f"prints no page number · {where}"


class PageRule(Static):
    """A horizontal rule naming a page, above its first block."""

    def __init__(self, page: Page, total: int) -> None:
        super().__init__(classes="page-rule")
        self.page = page.index
        """The physical page it heads."""
        self.title_text = rule_title(page, total)
        """What it says."""

    def on_mount(self) -> None:
        self.update(Rule(self.title_text, style="dim"))
