"""The TUI's adapter to the search engine: search, find and verify over a scope (`index.scope`).

Headless: no Textual.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from index.results import Hit
from index.verdicts import Verification

if TYPE_CHECKING:
    from index.scope import Scope

Mode = Literal["search", "find", "verify"]
MODES: tuple[Mode, ...] = ("search", "find", "verify")
"""The search bar's modes, in the order the mode key cycles them."""
MODE_NAMES: dict[Mode, str] = {"search": "full text", "find": "find quote", "verify": "verify"}
"""What the search bar shows for each mode."""


@dataclass(frozen=True)
class Outcome:
    """What one run of the search bar found."""

    mode: Mode
    """The mode it ran in."""
    query: str
    """The query as typed."""
    hits: tuple[Hit, ...] = ()
    """Best first."""
    message: str = ""
    """A note for the user (a query read as plain words, a verdict, a suggestion)."""
    verification: Verification | None = field(default=None)
    """For verify: the verdict."""
    more: bool = False
    """For search: more units matched than `hits` lists (the list is the best of them)."""
    complete: bool = True
    """For search: False when the query matched so much that only the matches reached in time
    were ranked (`SearchResult.complete`): the hits are good ones, not surely the best."""


class Engine:
    """Search, find and verify over a scope (`index.scope`): the TUI's side of the one way in.

    Errors are not caught here: a failing search fails its worker, and the app's one worker
    handler shows it (there is no second, plainer search engine to fall back on)."""

    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        """What is searched."""

    def run(self, mode: Mode, query: str, limit: int = 50) -> Outcome:
        """Run one query in `mode` (a query that does not parse is searched as plain words, and says so)."""
        query = query.strip()
        if not query:
            return Outcome(mode, query)
        if mode == "search":
            result = self.scope.search(query, limit=limit + 1)  # one more: are there more?
            message = result.message
            if not result.hits and result.suggestion:
                message = f"nothing found; did you mean: {result.suggestion}"
            hits = tuple(result.hits[:limit])
            more = len(result.hits) > limit
            return Outcome(mode, query, hits, message, more=more, complete=result.complete)
        if mode == "find":
            return Outcome(mode, query, tuple(self.scope.find(query, limit=limit)))
        verification = self.scope.verify(query)
        hits = (verification.hit,) if verification.hit is not None else ()
        return Outcome(mode, query, hits, verdict_line(verification), verification)

    def close(self) -> None:
        """Close the searchers."""
        self.scope.close()


def verdict_line(verification: Verification) -> str:
    """One line that says the verdict: "exact (100) on p. 22", "near (91) …", "absent"."""
    if verification.hit is None or verification.verdict == "absent":
        return f"absent: not in the document (best score {verification.score:.0f})"
    line = f"{verification.verdict} ({verification.score:.0f}) on p. {verification.hit.page_label}"
    changes = [d for d in verification.diff]
    if changes:
        parts = [_diff_text(d) for d in changes[:3]]
        line += ": " + "; ".join(parts)
    return line


def _diff_text(op: Any) -> str:
    if op.op == "replace":
        return f"“{op.quote}” → “{op.source}”"
    if op.op == "delete":
        return f"extra “{op.quote}”"
    return f"missing “{op.source}”"
