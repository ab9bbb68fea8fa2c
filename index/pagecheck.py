"""The page check of a quotation: the page(s) its citation gives against the printed label(s) where
its words are (`index.checking`).

right: the cited page or range holds every page the words are on (arabic with arabic, roman with
roman; any other label must be the same); wrong: otherwise; none: no page cited; unprinted: the
words are on a page that prints no number ("[6]", "[#3]": `Page.display_label`), so no cited
number can be checked against it.
"""

from __future__ import annotations

import re
from typing import Literal

PageCheck = Literal["right", "wrong", "none", "unprinted"]


def _value(label: str) -> tuple[str, int] | None:
    """A page label as (kind, number) for comparing: arabic or roman; None for any other label."""
    from source.labels import roman_value

    label = label.strip()
    if label.isdigit():
        return "arabic", int(label)
    roman = roman_value(label.lower())
    return ("roman", roman) if roman is not None else None


def split_range(pages: str) -> tuple[str, str]:
    """("15", "16") for "15-16" (or an en dash), ("15", "15") for "15"."""
    parts = re.split(r"\s*[-\u2013\u2014]\s*", pages.strip())
    if len(parts) == 2 and all(_value(p) or p.startswith("[") for p in parts):
        return parts[0], parts[1]
    return pages.strip(), pages.strip()


def page_check(cited: str | None, found: str) -> PageCheck:
    """right, wrong, none or unprinted: the cited page(s) against the printed label(s) of the hit."""
    first, last = split_range(found)
    if first.startswith("[") or last.startswith("["):
        return "unprinted"
    if not cited:
        return "none"
    c_first, c_last = split_range(cited)
    cf, cl, ff, fl = (_value(x) for x in (c_first, c_last, first, last))
    if cf is not None and cl is not None and ff is not None and fl is not None:
        same_kind = len({cf[0], cl[0], ff[0], fl[0]}) == 1
        return "right" if same_kind and cf[1] <= ff[1] and fl[1] <= cl[1] else "wrong"
    return "right" if (c_first, c_last) == (first, last) or (first == last == c_first == c_last) else "wrong"
