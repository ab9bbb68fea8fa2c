"""The parts of a citation that have a form of their own: dates (as printed and as ISO), web
addresses, document symbols, pinpoints, introductory signals, and splitting at top-level
separators. Pure functions on strings; `index.citefields` builds one citation's fields from them.
"""

from __future__ import annotations

import re

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MONTH = "|".join(MONTHS) + r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?"
DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH})\s+(\d{{4}})\b")
MONTH_DAY_YEAR = re.compile(rf"\b({_MONTH})\s+(\d{{1,2}}),\s+(\d{{4}})\b")
MONTH_YEAR = re.compile(rf"\b({_MONTH}|Spring|Summer|Autumn|Fall|Winter)\s+(\d{{4}})\b")
YEAR = re.compile(r"(?<![\d/.-])(1[6-9]\d\d|20\d\d)(?![\d/])")

URL = re.compile(
    r"(?:https?://|www\d?\.)\S+(?:\s%\S+)*(?:(?<=[~_=&?])\s[\w.~%-]+/\S*)?"
    r"|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:org|com|net|int|gov|edu|info|io|kr|uk|eg|ch|de|fr|ca)/\S*"
)
"""A web address, with or without its scheme; a space inside a percent-escape run, or after a
character no address ends with ("http://www.lib.byu.edu/~ rdh/wwi/…"), is kept (a line break in
the note split it)."""
URL_TRAIL = ".,;:)]”’\"'"

ACCESSED = re.compile(
    r"\(?\s*(?:both\s+|all\s+|last\s+)?(?:accessed|viewed|retrieved|consulted)(?:\s+on)?\s+([^()]*?\d{4})\.?\s*\)?",
    re.I,
)
"""(accessed 14 September 2015): the date the writer last saw a web page."""

SYMBOL = re.compile(
    r"(?<![\w/])(?:[A-Z][A-Z.]{0,7}(?:[\s-]?\d+)?)\s?/\s?(?:[A-Z0-9][A-Za-z0-9.()-]*\s?/\s?)*[A-Z0-9][A-Za-z0-9.()-]*"
)
"""A document symbol: the UN's (A/HRC/25/63, CCPR/C/GC/34, S/PV.7353, E/C.12/1/Add.107) and
the like (an NGO index number ASA 24/3373/2016): capitals, then parts joined by slashes."""
SYMBOL_LEAD = re.compile(r"\b(?:U\.?N\.?\s+Doc\.?|Doc\.?|Index|Ref(?:erence)?\.?|No\.)\s*:?\s*$", re.I)
"""Words that announce a symbol ("UN doc.", "Index:")."""

PINPOINT = re.compile(
    r"(?<![\w])(?:paras?\.?|pp?\.|pp?(?=\d)|pages?|Articles?|Arts?\.|sections?|§§?|¶¶?|OP|chapter|ch\.)\s?"
    r"\d+(?:\([a-z0-9]+\))*(?:\s?[-–]\s?\d+(?:\([a-z0-9]+\))*)?"
    r"(?:,\s?(?:and\s)?\d+(?:\([a-z0-9]+\))*(?:\s?[-–]\s?\d+(?:\([a-z0-9]+\))*)?)*",
    re.I,
)
"""A pinpoint: "para 13", "paras 205–207", "p. 5", "pp. 272-310", "p286", "Article 167", "OP1(a)"."""

SIGNAL = re.compile(
    r"^(?:(?:for\s+example|for\s+instance|especially|see\s+generally|see\s+also|see,?\s+e\.g\.,?|see|cf\.|compare|but\s+see"
    r"|contra|accord|e\.g\.,?|source|sources|quoted\s+in|cited\s+in|as\s+cited\s+in)[,:]?\s+)+",
    re.I,
)
"""Introductory signals ("See", "See, e.g.,", "Cf.", "Source:"): not part of the citation."""
LEAD_CLAUSE = re.compile(
    r"^(?:[^,“\"()]|“[^“”]{1,60}”){3,200}?(?:,|(?<=,”))\s+see(?:\s+also|,?\s+e\.g\.,?|,?\s+especially,?)?\s+(?=[A-Z“\"])"
)
"""A lead-in before the signal: "On the Brazilian crisis, see …", "For details, see …", "On the
notion of “totalitarian democracy,” see …"."""


def strip_signal(text: str) -> str:
    """The citation without its introductory signal ("See", "Cf.", "Source:")."""
    text = SIGNAL.sub("", text.strip()).strip()
    text = LEAD_CLAUSE.sub("", text)
    text = SIGNAL.sub("", text).strip()
    return re.sub(r"^(?:and|or)\s+", "", text)


def iso_date(printed: str) -> str:
    """ "16 May 2011" → "2011-05-16"; "November 2013" → "2013-11"; "2012" → "2012"; "" when it cannot tell."""
    for pattern, order in ((DAY_MONTH_YEAR, "dmy"), (MONTH_DAY_YEAR, "mdy")):
        match = pattern.search(printed)
        if match:
            parts = dict(zip(order, match.groups(), strict=True))
            month = _month(parts["m"])
            if month:
                return f"{parts['y']}-{month:02d}-{int(parts['d']):02d}"
    match = MONTH_YEAR.search(printed)
    if match:
        month = _month(match.group(1))
        return f"{match.group(2)}-{month:02d}" if month else match.group(2)
    match = YEAR.search(printed)
    return match.group(1) if match else ""


def _month(name: str) -> int:
    key = name[:3].lower()
    for i, month in enumerate(MONTHS, 1):
        if month[:3].lower() == key:
            return i
    return 0


def find_date(text: str) -> str:
    """The first full date, else month and year, else year in parentheses or between commas."""
    for pattern in (DAY_MONTH_YEAR, MONTH_DAY_YEAR, MONTH_YEAR):
        match = pattern.search(text)
        if match:
            return match.group(0)
    match = re.search(
        r"\((1[6-9]\d\d|20\d\d)\)|(?:^|,\s)(1[6-9]\d\d|20\d\d)(?:,|\.?$|\s+(?:version|edition|ed\.|revision))",
        text,
    )
    if match:
        return match.group(1) or match.group(2)
    return ""


def normal_symbol(symbol: str) -> str:
    """A symbol without the spaces a line break or typesetting left in it ("A /HRC/17/27")."""
    return re.sub(r"\s*/\s*", "/", symbol.strip()).rstrip(".,;)")


def find_symbol(text: str) -> str:
    """The document symbol in a citation, "" when none: one with a digit in it, announced
    ("UN doc.", "Index:") or not."""
    for match in SYMBOL.finditer(text):
        found = match.group(0).rstrip(".,;)")
        if not re.search(r"\d", found) or "/" not in found:
            continue
        lead = text[: match.start()]
        parts = found.split("/")
        if not SYMBOL_LEAD.search(lead) and (len(parts) < 2 or not re.search(r"[A-Z]", parts[0])):
            continue
        return normal_symbol(found)
    return ""


def find_url(text: str) -> str:
    """The first web address in a citation, without trailing punctuation."""
    match = URL.search(text)
    return match.group(0).rstrip(URL_TRAIL) if match else ""


def find_pinpoint(text: str) -> str:
    """The last pinpoint ("para 22", "p. 5") in a citation."""
    found = [m.group(0) for m in PINPOINT.finditer(text)]
    return found[-1].strip().rstrip(",") if found else ""


def top_level_split(text: str, separator: str) -> list[str]:
    """Split on `separator` outside parentheses, brackets and quotation marks."""
    parts: list[str] = []
    depth = 0
    quoted = False
    start = 0
    for i, char in enumerate(text):
        if char in "([":
            depth += 1
        elif char in ")]" and depth:
            depth -= 1
        elif char == "“":
            quoted = True
        elif char == "”" and quoted:
            quoted = False
        elif char == separator and not depth and not quoted:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


QUOTED = re.compile(
    r"[“\"]([^“”]{3,}?)(?:[,.]?[”\"](?=\s*[,.;:(\[]|\s+(?:www|http|\d)|\s*$)|(?<=[,.?!])[”\"])"
)
"""A title in quotation marks (an article, a chapter, a news story, a web page)."""
