"""source.lineset: `line in LineSet(lines)` answers as `line in lines` does, equal copies included."""

from __future__ import annotations

import random

from source.lines import Line
from source.lineset import LineSet
from source.runs import Run


def _line(text: str, y: float, x0: float = 72.0) -> Line:
    run = Run(text=text, x0=x0, x1=x0 + 5.0 * len(text), y=y, rise=0.0, size=10.0, font="Times-Roman")
    return Line(runs=[run], text=text, x0=x0, x1=run.x1, y=y, size=10.0, font="Times-Roman")


def test_membership_is_the_lists_own() -> None:
    rng = random.Random(7)
    texts = ["", "1", "Notes", "the same text", "ii"]
    lines = [_line(rng.choice(texts), float(rng.randrange(5)), float(rng.randrange(3))) for _ in range(60)]
    copies = [_line(ln.text, ln.y, ln.x0) for ln in lines[:20]]  # equal, not the same objects
    others = [_line(t, 9.0) for t in texts] + [_line("new", 1.0)]
    for _ in range(50):
        chosen = rng.sample(lines, rng.randrange(len(lines)))
        found = LineSet(chosen)
        for ln in lines + copies + others:
            assert (ln in found) == (ln in chosen)


def test_an_equal_copy_is_held_and_a_line_with_other_runs_is_not() -> None:
    line = _line("Notes", 100.0)
    held = LineSet([line])
    assert _line("Notes", 100.0) in held
    moved = _line("Notes", 100.0, x0=80.0)
    assert moved not in held and moved not in [line]
