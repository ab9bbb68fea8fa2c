"""source.cleaning compiles its patterns on first use, and `safe_text` returns a printable string as it is.

- every printable character (str.isprintable) is one the patterns leave alone, so the shortcut
  changes no output: checked over every code point, and on random mixes of printable and
  unprintable characters against the patterns applied in full;
- the module's public patterns are there when asked for (source.escapes imports three of them),
  and importing it compiles none.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

import source.cleaning as cleaning
from source.cleaning import clean, safe_text

ROOT = Path(__file__).resolve().parent.parent
EVERY_CHARACTER = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]


def full_safe_text(s: str, keep_newlines: bool = False, keep_tabs: bool = False) -> str:
    """safe_text without its shortcut: the three patterns, always."""
    s = cleaning.ESCAPE_SEQUENCE.sub("", s)
    s = cleaning.LINE_BREAKS.sub("\n" if keep_newlines else " ", s)
    if not keep_tabs:
        s = s.replace("\t", " ")
    return cleaning.UNSAFE.sub("", s)


def test_the_patterns_leave_every_printable_character_alone() -> None:
    printable = "".join(c for c in EVERY_CHARACTER if c.isprintable())
    assert len(printable) > 100_000
    for options in ({}, {"keep_newlines": True, "keep_tabs": True}):
        assert full_safe_text(printable, **options) == printable
    assert cleaning.ESCAPE_SEQUENCE.search(printable) is None
    assert cleaning.UNSAFE.search(printable) is None
    assert cleaning.LINE_BREAKS.search(printable) is None


@pytest.mark.parametrize("seed", range(5))
def test_safe_text_is_the_patterns_applied_in_full(seed: int) -> None:
    rng = random.Random(seed)
    unprintable = [c for c in EVERY_CHARACTER if not c.isprintable()]
    ordinary = "abc xyz É’…“”—\u00e9\u4e2d"
    for _ in range(2_000):
        pool = ordinary if rng.random() < 0.5 else ordinary + "".join(rng.choices(unprintable, k=5))
        s = "".join(rng.choices(pool + "\x1b[]\x9b;0P\\", k=rng.randint(0, 30)))
        for newlines in (False, True):
            for tabs in (False, True):
                assert safe_text(s, keep_newlines=newlines, keep_tabs=tabs) == full_safe_text(
                    s, newlines, tabs
                )


def test_the_public_names_are_there() -> None:
    from source.escapes import BIDI, CONTROL, LIGATURES

    assert BIDI is cleaning.BIDI and CONTROL is cleaning.CONTROL and LIGATURES is cleaning.LIGATURES
    assert LIGATURES[ord("ﬁ")] == "fi"
    assert clean("ﬁne\u00a0\u202eday\x1b[2J\x00") == "fine day"
    with pytest.raises(AttributeError):
        cleaning.NO_SUCH_PATTERN  # noqa: B018


def test_importing_compiles_nothing() -> None:
    code = (
        "import json, source.cleaning as c\n"
        "c.safe_text('plain words, “quoted” and ’tis…')\n"
        "print(json.dumps([sorted(c._compiled), bool(c._ligatures)]))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [[], False]
