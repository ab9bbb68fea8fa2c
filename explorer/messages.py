"""Every message the explorer's widgets and workers post (dataclass messages, toolong style)."""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.message import Message

from explorer.engine import Engine, Outcome
from index.results import Hit
from source.model import Document


@dataclass
class DocumentsLoaded(Message):
    """The open worker has read the documents (the reader can show them now)."""

    documents: list[Document]
    """The documents that could be read, in the order given."""
    failed: list[tuple[str, str]] = field(default_factory=list)
    """(path, why) of each PDF that could not be read (or was not, the reading cancelled)."""


@dataclass
class DocumentOpened(Message):
    """One more PDF of the scope was read (a library's, on demand)."""

    document: Document
    """The document."""
    hit: Hit | None
    """The hit to show in it (None: its first page)."""


@dataclass
class EngineReady(Message):
    """The open worker has opened or built the search indexes of the documents."""

    engine: Engine
    """Search, find and verify over them."""


@dataclass
class PasswordNeeded(Message):
    """A PDF opens only with a password (or the one given was wrong)."""

    path: str
    """The file."""
    message: str
    """What its reader said, in one line."""


@dataclass
class DocumentFailed(Message):
    """A PDF could not be read."""

    path: str
    """The file."""
    message: str
    """Why, in one line."""


@dataclass
class LoadProgress(Message):
    """How far the open worker has got."""

    done: int
    """Steps done."""
    total: int
    """Steps in all (two per PDF: read, then index)."""
    what: str
    """What is happening now."""


@dataclass
class SearchDone(Message):
    """A search worker finished."""

    serial: int
    """Which run it was (stale runs are ignored)."""
    outcome: Outcome
    """What it found."""


@dataclass
class HitChosen(Message):
    """The user chose a result to open."""

    hit: Hit
    """The result."""
    preview: bool = False
    """Only show it (the results keep the focus; the history is not moved)."""


@dataclass
class MarkerChanged(Message):
    """The reader's current marker changed (None: no current marker)."""

    note: int | None
    """Index of the marker's note in Document.notes, -1 when unresolved, None when no marker."""
    label: str
    """The marker's label ("" when none)."""


@dataclass
class SelectionChanged(Message):
    """The reader's selected sentences changed."""

    count: int
    """How many sentences are selected."""
    pages: str
    """The printed page or range of the selection."""
    unit: str = "sentence"
    """What `count` counts: "sentence", or "word" for a selection of words."""


@dataclass
class PageShown(Message):
    """The page the reader is on changed (a jump, or scrolling into another page)."""

    page: int
    """The 1-based physical page."""
