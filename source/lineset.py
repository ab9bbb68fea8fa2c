"""`line in lines` for long lists of lines, answered as the list would answer it, without
comparing the line with every one.

`Line` is a dataclass: `line in some_list` compares it with each element in turn (identity,
then the generated `__eq__`, which compares every field, runs included). Page-sized lists asked
about every line of the page made that a tenth of a read (two million `__eq__` calls over the
bench's 60 manuals). `LineSet` gives the same answer: a line the set holds itself, or one
equal to a line it holds; equal lines have equal text, so only lines with the same text are
compared.
"""

from __future__ import annotations

from collections.abc import Iterable

from source.lines import Line


class LineSet:
    """The lines of a list, for `in` (the lines must not change while the set is used)."""

    def __init__(self, lines: Iterable[Line]) -> None:
        self._ids: set[int] = set()
        """The identities of the lines (each kept alive in `_by_text`, so no id is reused)."""
        self._by_text: dict[str, list[Line]] = {}
        """The lines by their text, in the list's order."""
        for line in lines:
            self._ids.add(id(line))
            self._by_text.setdefault(line.text, []).append(line)

    def __contains__(self, line: Line) -> bool:
        if id(line) in self._ids:
            return True
        same = self._by_text.get(line.text)
        return same is not None and line in same
