"""What a verification returns: the verdict on a quote, and its word-level differences from the source.

Apart from index.results (what a search returns), so that a search does not create these
dataclasses.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from index.results import Hit

Verdict = Literal["exact", "near", "absent"]


@dataclass(frozen=True)
class DiffOp:
    """One word-level difference between a quote and the source."""

    op: Literal["replace", "delete", "insert"]
    """replace: words changed; delete: quote has words the source lacks; insert: source has words the quote lacks."""
    quote: str
    """The quote's words in this difference."""
    source: str
    """The source's words in this difference."""


@dataclass(frozen=True)
class Verification:
    """The verdict on a quote."""

    verdict: Verdict
    """exact, near or absent."""
    score: float
    """0 to 100."""
    quote: str
    """The quote as given."""
    hit: Hit | None
    """The best matching passage (None when absent and nothing came close)."""
    diff: tuple[DiffOp, ...] = ()
    """Word-level differences, for near."""
