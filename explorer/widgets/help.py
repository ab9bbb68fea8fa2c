"""The help screen: every key, grouped by where it works."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from explorer.widgets.screens import TextScreen

KEYS: list[tuple[str, list[tuple[str, str]]]] = [
    (
        "Anywhere",
        [
            ("/", "search: results refresh on every key; Enter opens the highlighted hit"),
            ("ctrl+t / F2", "search mode: full text → find quote → verify"),
            ("Escape", "back: reader → results → search bar → reader; stops reading PDFs"),
            ("g", "go to a printed page number (#N for physical page N)"),
            ("o", "outline: chapters and sections"),
            (
                "f",
                "notes: every footnote, filter as you type (an exact number first), Enter jumps to its marker",
            ),
            ("s", "sources: every source the notes cite (filter, kind); Enter lists the claims citing one"),
            ("M", "edit the document's citation metadata (kept as a correction)"),
            ("y", "copy the selection (or the highlighted result, or the whole note shown) with a citation"),
            (
                "c",
                "next citation style: Chicago, APA, MLA, Harvard, plain, Markdown, pandoc, BibTeX, RIS, CSL-JSON",
            ),
            ("Y", "copy in a style picked from a list (it stays the style of y, and is remembered)"),
            ("m", "bookmark this place (asks for a name; Enter alone: its words)"),
            ("B / '", "bookmarks: Enter go, x delete, r rename"),
            ("H / L", "history back / forward (each document has its own)"),
            ("d / D", "next document / document switcher (each keeps its place)"),
            ("T", "light or dark theme"),
            ("ctrl+p", "command palette: every command"),
            ("?", "this help"),
            ("q", "quit"),
        ],
    ),
    (
        "Typing a query, or the results list",
        [
            ("↓ ↑ ^n ^p", "move the highlighted hit (the reader previews it)"),
            ("PgDn PgUp", "move ten hits"),
            ("Enter / click", "open the hit"),
        ],
    ),
    (
        "Reader",
        [
            ("Space / b", "a screen down / up (PgDn / PgUp; ↑ ↓ a line)"),
            ("gg / G / NG", "top of the document / its end / physical page N"),
            ("→ l / ← h", "top of the next / previous page"),
            ("j / k", "next / previous sentence (the selection); 5j: five on"),
            ("+ / -", "extend / shrink the selection by a sentence"),
            ("n / N", "next / previous match of the current search"),
            ("] / [", "next / previous note marker (its note shows in the note panel)"),
            ("Enter", "the whole note of the current marker; with none, the next marker"),
            ("v", "visual mode: w e / b words, ) ( sentences, j / k lines; y copies; Escape leaves"),
            ("drag", "select exact words with the mouse"),
            ("click", "a marker makes it current; a paragraph moves the selection there"),
        ],
    ),
]


COMMANDS: list[tuple[str, str, str]] = [
    ("Search", "Focus the search bar (/)", "search"),
    ("Switch search mode", "Full text, find quote, verify (ctrl+t)", "cycle_mode"),
    ("Go to page", "Go to a printed page number (g)", "goto"),
    ("Outline", "Chapters and sections (o)", "outline"),
    ("Notes", "Every footnote, filterable (f)", "notes"),
    ("Sources", "Every source the notes cite, and the claims citing each (s)", "sources"),
    ("Edit metadata", "Correct the title, author, date... used in citations (M)", "edit_metadata"),
    ("Open note", "The whole note of the current marker (enter)", "open_note"),
    ("Copy quote with citation", "Copy the selection with its page (y)", "copy"),
    ("Next citation style", "Chicago, APA, MLA, Harvard, plain, Markdown... (c)", "cycle_style"),
    ("Copy in a style…", "Pick the citation style, then copy (Y)", "pick_style"),
    ("Bookmark", "Bookmark this place, with a name (m)", "bookmark"),
    ("Bookmarks", "List, delete, rename this document's bookmarks (B)", "bookmarks"),
    ("History back", "Where you were before (H)", "history(-1)"),
    ("History forward", "Where you went next (L)", "history(1)"),
    ("Next document", "Show the next open PDF (d)", "next_document"),
    ("Documents", "Switch between the open documents and the library's (D)", "documents"),
    ("Light or dark theme", "Toggle the theme (T)", "toggle_theme"),
    ("Help", "Every key (?)", "help"),
]
"""(title, help, action) of every command in the command palette."""


def help_table() -> Table:
    """Every key, as a table."""
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for group, keys in KEYS:
        table.add_row(Text(group, style="bold underline"), "")
        for key, what in keys:
            table.add_row(key, what)
        table.add_row("", "")
    return table


def help_screen() -> TextScreen:
    """The help dialog."""
    return TextScreen("Citex keys", help_table())
