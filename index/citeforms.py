"""Two citation forms with a shape of their own, read into their parts: Chicago notes (a book with
its publication parenthetical and the page after it, an article with its volume, year and page
after a colon) and APA-like references (author, then the date in parentheses, then the title).

    Natalie Zemon Ashby, The Return of the Weaver (Cambridge, MA: Harvard University Press, 1983), 45.
    Helen Marsh, “Bread and Riot,” Journal of Social History 41, no. 3 (2008): 611–34.
    Human Rights Watch. (2018). No water, no life: Evictions in the river towns. https://…
    Okafor, J. (2019, March 3). The pumps that never came. The Daily Courier. https://…

Pure functions on strings (the web address and accessed date already taken out);
`index.citefields.read_fields` turns the parts into fields and a kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

YEAR = r"(?:1[5-9]\d\d|20\d\d)"
PAGES = r"\d{1,5}(?:\s?[–-]\s?\d{1,5})?(?:,\s\d{1,5}(?:\s?[–-]\s?\d{1,5})?)*"
"""Pages as a note cites them: "45", "156–64", "70–72, 80"."""

CHICAGO_BOOK = re.compile(
    rf"^(?P<body>\S.*?)\s+\((?P<imprint>[^()]*?[:,][^()]*?),?\s+(?P<year>{YEAR})\)(?:,\s*(?P<pin>{PAGES}))?\.?$"
)
"""A Chicago book: "Author, Title (Place: Publisher, Year), page." (the imprint has a colon or a comma)."""
CHICAGO_ARTICLE = re.compile(
    rf"^(?P<body>\S.*?)\s+(?P<volume>\d+)(?:,\s*no\.\s*\d+)?\s+\((?:[^()]*\s)?(?P<year>{YEAR})\):\s*(?P<pin>{PAGES})\.?$"
)
"""A Chicago article: "Author, “Title,” Journal 41, no. 3 (2008): 611–34." (the pages after the colon)."""
TRAILING_PAGE = re.compile(rf",[”\"]?\s+(?P<pin>(?!{YEAR}\b){PAGES})\.?$")
"""The page a Chicago short form ends with: "Ashby, Return of the Weaver, 61." (not a year)."""
CONTRIBUTORS = re.compile(r",\s+(?:trans|ed|eds|comp)\.\s+[^,]+$")
"""Translators and editors after a title (", trans. John Tedford")."""

APA = re.compile(
    rf"^(?P<author>[^()]*[^()\s])\s+\((?P<date>{YEAR}[a-z]?(?:,\s+[A-Z][a-z]+(?:\s+\d{{1,2}})?)?|n\.d\.)\)\.\s+"
    r"(?P<title>[^.]+(?:\.(?!\s|$)[^.]*)*(?:\s\([^()]*\))?)\.(?:\s+(?P<container>[^.]+(?:\.(?!\s|$)[^.]*)*)\.?)?\s*$"
)
"""An APA reference: "Author. (2019, March 3). Title. Container." (the address taken out)."""
APA_DATE = re.compile(rf"^({YEAR})[a-z]?(?:,\s+([A-Z][a-z]+)(?:\s+(\d{{1,2}}))?)?$")


@dataclass(frozen=True)
class FormParts:
    """What a Chicago or APA citation says, as printed."""

    author: str
    """The author or body ("" when the form gives none: the caller splits `body`)."""
    title: str
    """The title ("" when the caller splits it from `body`)."""
    body: str
    """For Chicago, the author and title as one ("Natalie Zemon Ashby, The Return of the Weaver")."""
    date: str
    """The date as printed ("1983", "2019, March 3")."""
    pinpoint: str
    """The pages cited ("45", "611–34"), else ""."""
    article: bool = False
    """True for a Chicago journal article (a volume and pages after a colon)."""
    container: str = ""
    """For APA, what holds the work: a site, a newspaper, a publisher ("The Daily Courier")."""


def read_chicago(text: str) -> FormParts | None:
    """A Chicago book or article in full; None when the words have neither form."""
    text = text.strip()
    article = CHICAGO_ARTICLE.match(text)
    if article:
        return FormParts(
            "", "", article.group("body").strip(" ,"), article.group("year"), article.group("pin"), True
        )
    book = CHICAGO_BOOK.match(text)
    if book and ":" in book.group("imprint"):
        body = CONTRIBUTORS.sub("", book.group("body").strip(" ,"))
        return FormParts("", "", body, book.group("year"), book.group("pin") or "")
    return None


def trailing_page(text: str) -> str:
    """The page a Chicago short form ends with ("Ashby, Return of the Weaver, 61." → "61"), else ""."""
    match = TRAILING_PAGE.search(text.strip())
    return match.group("pin") if match else ""


def read_apa(text: str) -> FormParts | None:
    """An APA reference (its address and accessed date taken out); None when not in that form."""
    match = APA.match(re.sub(r"(?:\s*\.)+\s*$", ".", text.strip()))  # "Courier.  ." once the address is out
    if match is None:
        return None
    return FormParts(
        author=re.sub(r"(?<=\w\w)\.$", "", match.group("author").strip(" ,")),  # "Okafor, J." keeps its dot
        title=re.sub(r"\s*\([^()]*/[^()]*\)$", "", match.group("title").strip()),  # "(A/RES/64/292)"
        body="",
        date=match.group("date"),
        pinpoint="",
        container=(match.group("container") or "").strip(),
    )


def apa_iso(date: str) -> str:
    """ "2019, March 3" → "2019-03-03"; "2018" → "2018"; "" when it cannot tell ("n.d.")."""
    from index.citeparts import iso_date

    match = APA_DATE.match(date)
    if match is None:
        return ""
    year, month, day = match.groups()
    if month and day:
        return iso_date(f"{day} {month} {year}")
    if month:
        return iso_date(f"{month} {year}")
    return year


NLM_AUTHORS = re.compile(
    r"^(?:[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+)*\s[A-Z]{1,3},\s)+[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+)*\s[A-Z]{1,3}"
    r"(?:,\s(?:et\sal|and\sothers))?\.(?:\s|$)"
)
"""The authors of a Vancouver (NLM) reference, surname and initials, two or more: "Tang W, Tao Y,
Easterbrook P." (one alone, "Jonathan H.", is too like the start of any name)."""
NLM = re.compile(
    rf"^(?P<authors>.+?\s[A-Z]{{1,3}}(?:,\s(?:et\sal|and\sothers))?)\.\s+(?P<title>[^.?!]+[.?!])\s+"
    rf"(?P<journal>[^.;]+(?:\.\s?[A-Z][^.;]*)*?)\.\s+(?P<year>{YEAR})(?:\s[A-Z][a-z]{{2}}(?:\s\d{{1,2}})?)?;"
    r"\s?(?P<volume>\d+)(?:\(\d+\))?:\s?(?P<pages>[\dA-Za-z]+(?:[–-][\dA-Za-z]+)?)"
)
"""A Vancouver (NLM) journal reference: "Tang W, Easterbrook P. Diagnostic Accuracy of … Assays.
Diagnostics (Basel). 2022 May 18;12(5):1255." (what follows, doi and PMID, is left out)."""


def read_nlm(text: str) -> FormParts | None:
    """A Vancouver (NLM) journal article; None when not in that form."""
    match = NLM.match(text.strip())
    if match is None or not NLM_AUTHORS.match(text.strip()):
        return None
    return FormParts(
        author=match.group("authors"),
        title=match.group("title").rstrip("."),
        body="",
        date=match.group("year"),
        pinpoint="",  # the article's pages ("474-486"), not the ones the note cites
        article=True,
        container=match.group("journal").strip(),
    )
