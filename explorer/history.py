"""Back and forward history of places in the reader (headless)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Location:
    """A place in the history."""

    doc_id: str
    """The Document's id."""
    page: int
    """1-based physical page."""
    cursor: int | None
    """Index of the cursor sentence in Document.sentences."""


class History:
    """A list of places with a current position, like a browser's."""

    def __init__(self) -> None:
        self.places: list[Location] = []
        self.at = -1

    def push(self, here: Location) -> None:
        """Go to a new place (dropping any forward part); the same place twice is kept once."""
        if self.at >= 0 and self.places[self.at] == here:
            return
        self.places = self.places[: self.at + 1] + [here]
        self.at = len(self.places) - 1

    def update(self, here: Location) -> None:
        """Record where the reader now stands at the current position (so forward comes back here)."""
        if 0 <= self.at < len(self.places):
            self.places[self.at] = here

    def move(self, step: int) -> Location | None:
        """The place `step` back (negative) or forward, None when there is none."""
        target = self.at + step
        if not 0 <= target < len(self.places):
            return None
        self.at = target
        return self.places[target]
