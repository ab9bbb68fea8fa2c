"""Books cited in Bluebook form, as law reviews print them: "[volume] AUTHOR, TITLE [pinpoint]
([editor ed.,] [edition ed.] [place, publisher] year)".

    MARGO SCHLANGER ET AL., INCARCERATION AND THE LAW: CASES AND MATERIALS 54 (10th ed. 2020)
    1 Kristin E. Hickman & Richard J. Pierce Jr., Administrative Law Treatise 526–27 (6th ed. 2019)
    CHARLES ALAN WRIGHT & ARTHUR R. MILLER, FEDERAL PRACTICE AND PROCEDURE § 1357 (3d ed. 2004)
    2 PIONEERS IN PENOLOGY: …, 1557–1900 (David M. Horton ed., 2006)

eyecite reads cases, statutes and journals, not books: a book has no reporter. Pure functions on
strings; `index.citefields.read_fields` splits the author from the title and sets the kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.citeparts import DAY_MONTH_YEAR, MONTH_DAY_YEAR, MONTH_YEAR

BOOK = re.compile(
    r"^(?:(?P<volume>\d+)\s+)?(?P<body>\S.*?)"
    r"(?:,?\s+(?P<pin>§§?\s*\d[\w.]*(?:\s?[–-]\s?[\w.]+)?|\d+(?:\s?[–-]\s?\d+)?(?:,\s\d+(?:\s?[–-]\s?\d+)?)*"
    r"(?:\s+n\.\s?\d+)?))?"
    r"\s+\((?P<paren>(?:[^()]*?\bed\.,?|[^()]*?,[^()]*?)\s+)?(?P<year>1[5-9]\d\d|20\d\d)\)\.?$"
)
"""The Bluebook book form: the parenthetical holds the year, after an edition or editor ("10th ed.",
"David M. Horton ed.,") or a place and publisher with a comma ("London, J. Johnson"), or nothing
("(2009)"); a court's parenthetical ("9th Cir. 1981", "S.D.N.Y. 2001") has none of these."""
EDITION = re.compile(r"\bed\.")
"""An edition or an editor in the parenthetical: what only a book's parenthetical has."""
HEREINAFTER = re.compile(r"\s*\[hereinafter[^\]]*\]", re.I)
"""The short name a law review gives a source for later notes ("[hereinafter Bill No. 68]")."""
NOT_A_BOOK = re.compile(
    r"\sv\.\s|\bsupra\b|\b[Ii]d\.|\bU\.S\.C\.|\bStat\.|\bPub\.\s?L\.|\b(?:reprinted|translated)\s+in\b"
)
"""A case ("v."), a back-reference, a statute, or a law reprinted in a collection: not a book."""
NUMBERED = re.compile(r"\b(?:Nos?|Vol|Part|Book|Chapter|Series)\.?$", re.I)
"""A title that ends in "No." or "Vol.": the number after it is part of the title, no pinpoint
("general comment No. 26 (2022)")."""
FULL_DATE = re.compile(rf"{DAY_MONTH_YEAR.pattern}|{MONTH_DAY_YEAR.pattern}|{MONTH_YEAR.pattern}")
"""A date with its month ("June 30, 1930"): a treaty's or a letter's, never a Bluebook book's."""
YEAR_RANGE = re.compile(r"^(?:1[5-9]|20)\d\d\s?[–-]\s?(?:1[5-9]|20)?\d\d$")
"""Years ("1557–1900") before the parenthetical end the title; they are no pinpoint."""


@dataclass(frozen=True)
class BookParts:
    """The parts of a Bluebook book citation, as printed."""

    body: str
    """The author and title ("MARGO SCHLANGER ET AL., INCARCERATION AND THE LAW: CASES AND MATERIALS")."""
    volume: str
    """The volume number printed before the author ("1"), else ""."""
    pinpoint: str
    """The page or section cited ("54", "526–27", "§ 1357"), else ""."""
    year: str
    """The year of the edition cited ("2020")."""
    edition: bool
    """True when the parenthetical names an edition or an editor ("10th ed.", "Julian P. Boyd ed.,")."""


def read_book(text: str) -> BookParts | None:
    """The parts of a Bluebook book citation; None when the words are not in that form (or are a
    case, a statute or a back-reference)."""
    text = HEREINAFTER.sub("", text.strip())
    if NOT_A_BOOK.search(text) or FULL_DATE.search(text):
        return None
    match = BOOK.match(text)
    if match is None:
        return None
    body, pin = match.group("body").strip(" ,"), match.group("pin") or ""
    if YEAR_RANGE.match(pin) or NUMBERED.search(body):
        body, pin = f"{body}{', ' if YEAR_RANGE.match(pin) else ' '}{pin}", ""
    body = re.split(r"(?:,|(?<=[?!]))\s+in\s+(?=[A-Z\d])", body, maxsplit=1)[0]  # "…, in THE WORKS OF …"
    if not body or not re.search(r"[A-Za-z]{2}", body):
        return None
    return BookParts(
        body=body,
        volume=match.group("volume") or "",
        pinpoint=pin.strip(),
        year=match.group("year"),
        edition=bool(EDITION.search(match.group("paren") or "")),
    )
