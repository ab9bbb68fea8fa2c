"""Columns: where a page's text divides into columns, and which column each line is in.

A page has columns where a vertical band of its text area is crossed by few lines while
several lines lie wholly on each side of it: the gutter. One, two, three or more columns,
of any width, with lines across them (a title, an abstract, notes across the page) that
cross the gutters.
"""

from __future__ import annotations

from source.lines import Line

ACROSS = -1
"""The column of a line that crosses a gutter (or of every line of a one-column page)."""
CROSSING_SHARE = 0.15
"""A gutter is crossed by at most this share of the page's lines (titles, notes across)."""
SIDE_SHARE = 0.1
"""At least this share of the page's lines, and at least MIN_SIDE_LINES, lie wholly on each side of a gutter."""
MIN_SIDE_LINES = 3
"""See SIDE_SHARE."""
MIN_LINES = 6
"""A page with fewer lines has one column."""
MIN_GUTTER = 1.5
"""A gutter is at least this wide, in points, between the lines on its two sides."""
EDGE_SLACK = 1.0
"""A line may overhang a gutter's edge by this much, in points, and still be in its column."""


def column_bounds(lines: list[Line]) -> tuple[float, ...]:
    """The x of each gutter, left to right; empty for a page set in one column."""
    spans = [(ln.x0, ln.x1) for ln in lines if ln.x1 > ln.x0]
    if len(spans) < MIN_LINES:
        return ()
    limit = max(1, int(len(spans) * CROSSING_SHARE))
    # Coverage of each elementary interval between consecutive edges, by a sweep.
    delta: dict[float, int] = {}
    for x0, x1 in spans:
        delta[x0] = delta.get(x0, 0) + 1
        delta[x1] = delta.get(x1, 0) - 1
    points = sorted(delta)
    cover: list[tuple[float, float, int]] = []
    active = 0
    for a, b in zip(points, points[1:]):
        active += delta[a]
        cover.append((a, b, active))
    bounds: list[float] = []
    i = 0
    while i < len(cover):
        if cover[i][2] > limit:
            i += 1
            continue
        j = i
        while j + 1 < len(cover) and cover[j + 1][2] <= limit:
            j += 1
        gutter = _widest_lowest(cover[i : j + 1])
        if gutter is not None and _sides_hold(spans, gutter):
            bounds.append((gutter[0] + gutter[1]) / 2)
        i = j + 1
    return tuple(bounds)


def _widest_lowest(run: list[tuple[float, float, int]]) -> tuple[float, float] | None:
    """In a low-coverage stretch, the widest stretch of its lowest coverage."""
    low = min(c for _, _, c in run)
    best: tuple[float, float] | None = None
    start: float | None = None
    end = 0.0
    for a, b, c in [*run, (0.0, 0.0, low + 1)]:
        if c == low:
            start = a if start is None else start
            end = b
            continue
        if start is not None and (best is None or end - start > best[1] - best[0]):
            best = (start, end)
        start = None
    if best is None or best[1] - best[0] < MIN_GUTTER:
        return None
    return best


def _sides_hold(spans: list[tuple[float, float]], gutter: tuple[float, float]) -> bool:
    need = max(MIN_SIDE_LINES, int(len(spans) * SIDE_SHARE))
    left = sum(1 for _, x1 in spans if x1 <= gutter[0] + EDGE_SLACK)
    right = sum(1 for x0, _ in spans if x0 >= gutter[1] - EDGE_SLACK)
    return left >= need and right >= need


def column_of(line: Line, bounds: tuple[float, ...]) -> int:
    """The 0-based column a line stands in, or ACROSS when it crosses a gutter."""
    column = 0
    for x in bounds:
        if line.x1 <= x + EDGE_SLACK:
            return (
                column
                if line.x0 >= (bounds[column - 1] - EDGE_SLACK if column else float("-inf"))
                else ACROSS
            )
        column += 1
    if bounds and line.x0 < bounds[-1] - EDGE_SLACK:
        return ACROSS
    return column if bounds else ACROSS
