"""An author as CSL names: a person as family and given name, anything else as a literal name.

Headless. A citation inverts a person's name ("Manwaring, M. G.") but never an
organisation's ("International, Amnesty" would be a lie). `csl_names(author)` gives one CSL
name per author: `{"family", "given"}` (with `"suffix"` for Jr./Sr./III) when the name is
surely a person's (`source.names.person`), else `{"literal": ...}`. Authors are split at
semicolons; at commas and "and" only when every part is a person ("Chris Quirk, Chris
Brockett and William Dolan"), never inside an organisation's name ("Department of Health and
Human Services").
"""

from __future__ import annotations

import re

from source.names import MIN_NAME_WORDS, SUFFIXES, name_words, person


def _parts(author: str) -> list[str]:
    """The authors of an author field: split at semicolons; at commas and "and" only when every
    part is a person (a suffix after a comma stays with its name)."""
    parts = [p.strip() for p in author.split(";") if p.strip()]
    found: list[str] = []
    for part in parts:
        pieces = [p.strip() for p in re.split(r",\s*(?:and\s+|&\s*)?|\s+(?:and|&)\s+", part) if p.strip()]
        joined: list[str] = []
        for piece in pieces:
            if joined and piece.rstrip(".").lower() in SUFFIXES:
                joined[-1] = f"{joined[-1]}, {piece}"
            else:
                joined.append(piece)
        if len(joined) > 1 and all(
            person(p) is not None and len(name_words(p)) >= MIN_NAME_WORDS for p in joined
        ):
            found += joined
        else:
            found.append(part)
    return found


def csl_names(author: str) -> list[dict[str, str]]:
    """The CSL names of an author field: each person's inverted, anything else literal."""
    names: list[dict[str, str]] = []
    for part in _parts(" ".join(author.split())):
        names.append(person(part) or {"literal": part})
    return names


def is_organisation(author: str) -> bool:
    """True when the author field names no person Citex can tell (it is entered as a literal)."""
    return all("literal" in n for n in csl_names(author))
