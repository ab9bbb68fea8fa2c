"""Two-column pages: which lines stand in the left column, the right one, or across both."""

from __future__ import annotations

from source.lines import Line


def column_middle(lines: list[Line]) -> float | None:
    """The x that divides two columns, or None when the lines are set in one column.

    Two columns: at least three lines end left of the middle of the text area and at
    least three start right of it.
    """
    if not lines:
        return None
    mid = (min(ln.x0 for ln in lines) + max(ln.x1 for ln in lines)) / 2
    left = sum(1 for ln in lines if ln.x1 < mid + 1)
    right = sum(1 for ln in lines if ln.x0 > mid - 1)
    return mid if left >= 3 and right >= 3 else None


def side(line: Line, mid: float | None) -> str:
    """"left", "right" or "full" (across the columns, or a one-column page)."""
    if mid is None:
        return "full"
    if line.x1 < mid + 1:
        return "left"
    if line.x0 > mid - 1:
        return "right"
    return "full"
