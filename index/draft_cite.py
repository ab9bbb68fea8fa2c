"""The citation beside a draft's quotation: its form, the page(s) it cites, and what names the source.

`parse(text, notes)` reads one parenthesis or bracket: a pandoc citation `[@key, p. 15]`, a
page "(p. 15)", "(pp. 15–16)", "(15)", "(xii)", an author-date "(Amnesty International 2016, 15)"
or "(Amnesty International, 2016, pp. 15–16)", an author-page "(Amnesty International 15)", or a
Markdown footnote reference `[^3]` (the note's text gives the page: "p. 15", "pp. 15–16", or a
trailing ", 15."). `citation_before(text, start)` reads a narrative citation earlier in the
sentence: "Amnesty International (2016, p. 15) writes" or "@key [p. 15] says". Anything else in
parentheses ("(Article 19)", "(2016)", "(mild)") is not a citation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CITE_REACH = 80
"""How many characters after a quotation its citation may start (a "she writes" in between), and
twice that before it for a narrative citation."""
SENTENCE_END = re.compile(r"[.!?]\s+[A-Z\u201c\"]")
"""Where a sentence ends: a citation does not reach across it."""

YEAR = r"1[5-9]\d\d|20\d\d"
"""A year as a draft's citation or a document's date gives it, 1500 to 2099: an alternation without
a group, to put inside a larger pattern (`citekeys` and the author-date citations here use it)."""

_PAGE = r"(?:\d+|[ivxlcdm]+)"
_PAGES = rf"(?P<first>{_PAGE})(?:\s*[-\u2010\u2011\u2012\u2013\u2014]+\s*(?P<last>{_PAGE}))?"
_PP = r"(?:pp?\.|pages?|at)\s*"
_PAREN_PAGE = re.compile(rf"^(?:{_PP})?{_PAGES}$", re.I)
_PAREN_AUTHOR_DATE = re.compile(
    rf"^(?P<author>[A-Z][^()\d]*?),?\s+(?P<year>{YEAR})[a-z]?(?:\s*[,:]\s*(?:{_PP})?{_PAGES})?$"
)
_PAREN_AUTHOR_PAGE = re.compile(rf"^(?P<author>[A-Z][^()\d,]*?),?\s+(?:{_PP})?{_PAGES}$")
_PANDOC = re.compile(r"\[(?P<body>[^\[\]]*?@(?P<key>[\w:.#$%&+?<>~/-]*\w)[^\[\]]*)\]")
_PANDOC_PAGES = re.compile(rf"(?:^|[,\s])(?:{_PP})?{_PAGES}\s*$", re.I)
_FOOTNOTE_REF = re.compile(r"\[\^(?P<label>[^\]\s]+)\]")
_NOTE_PAGES = (re.compile(rf"\b{_PP}{_PAGES}\b", re.I), re.compile(rf",\s*{_PAGES}\s*\.?\s*$", re.I))
_NARRATIVE_KEY = re.compile(r"(?<![\w\[@])@(?P<key>[\w:.#$%&+?<>~/-]*\w)(?:\s*\[(?P<loc>[^\[\]]*)\])?")
_NARRATIVE_AUTHOR = re.compile(
    r"(?P<author>[A-Z][\w'\u2019.-]*(?:\s+(?:[A-Z][\w'\u2019.-]*|of|and|for|on|&))*)\s*"
    rf"\((?P<year>{YEAR})[a-z]?(?:\s*[,:]\s*(?:{_PP})?{_PAGES})?\)"
)
_LOCATOR_WORDS = frozenset("p pp page pages at see ibid id op cit loc".split())
_NOT_AUTHORS = frozenset(
    "article art section sec chapter ch part annex appendix figure fig table box rule principle paragraph "
    "para note vol volume no number page line item recommendation resolution".split()
)
"""First words of a parenthesis "(Article 19)" that make it a reference inside a text, not an author-page
citation."""
_YEAR_LIKE = re.compile(rf"^(?:{YEAR})$")


@dataclass(frozen=True)
class Citation:
    """The citation attached to a quotation, as the draft gives it."""

    text: str
    """The citation as written ("[@key, p. 15]", "(p. 15)", "[^3]")."""
    form: str
    """pandoc, page, author-date, author-page or footnote."""
    first: str = ""
    """The first page cited, as printed ("15", "xii"); "" when no page is cited."""
    last: str = ""
    """The last page of a cited range ("16" for "pp. 15–16"); "" for a single page."""
    key: str = ""
    """The pandoc citation key (without the @)."""
    author: str = ""
    """The author or body named in an author-date citation."""
    year: str = ""
    """The year named in an author-date citation."""
    note: str = ""
    """For a footnote: the note's text."""

    @property
    def pages(self) -> str:
        """The cited page(s) as one label: "15" or "15-16" ("" when none)."""
        return f"{self.first}-{self.last}" if self.last else self.first

    @property
    def names_source(self) -> bool:
        """True when the citation names a document: a key, an author, or a note with words besides its
        page ("p. 15." or "Ibid., 16." names none)."""
        if self.key or self.author:
            return True
        rest = _NOTE_PAGES[0].sub(" ", _NOTE_PAGES[1].sub(" ", self.note))
        return any(w.lower() not in _LOCATOR_WORDS for w in re.findall(r"[^\W\d_]+", rest))


def citation_before(text: str, start: int) -> Citation | None:
    """A narrative citation earlier in the quotation's sentence: "Amnesty International (2016, p. 15)
    writes that" or "@key [p. 15] writes"; the nearest to the quotation wins."""
    lo = max(0, start - 2 * CITE_REACH)
    window = text[lo:start]
    ends = list(SENTENCE_END.finditer(window)) + list(re.finditer(r"\n[ \t]*\n", window))
    if ends:
        window = window[max(m.end() - 1 for m in ends) :]
    found: Citation | None = None
    at = -1
    for m in _NARRATIVE_KEY.finditer(window):
        pages = _PANDOC_PAGES.search(m.group("loc") or "")
        first, last = _pages(pages) if pages else ("", "")
        found, at = Citation(m.group(), "pandoc", first, last, key=m.group("key")), m.start()
    for m in _NARRATIVE_AUTHOR.finditer(window):
        if m.start() > at:
            first, last = _pages(m) if m.group("first") else ("", "")
            author = re.sub(r"\bet al\.?", "", m.group("author")).strip(" ,")
            found = Citation(m.group(), "author-date", first, last, author=author, year=m.group("year"))
    return found


def parse(text: str, notes: dict[str, str]) -> Citation | None:
    """A citation from a parenthesis or bracket, or None when it is not one."""
    if m := _FOOTNOTE_REF.fullmatch(text):
        label = m.group("label")
        note = notes.get(label, "")
        pages = _NOTE_PAGES[0].search(note) or _NOTE_PAGES[1].search(note)
        first, last = _pages(pages) if pages else ("", "")
        return Citation(text, "footnote", first, last, note=note)
    if m := _PANDOC.fullmatch(text):
        body = m.group("body")
        after = body[body.index("@" + m.group("key")) + len(m.group("key")) + 1 :].split(";")[0]
        pages = _PANDOC_PAGES.search(after)
        first, last = _pages(pages) if pages else ("", "")
        return Citation(text, "pandoc", first, last, key=m.group("key"))
    if not (text.startswith("(") and text.endswith(")")):
        return None
    inner = " ".join(text[1:-1].split())
    if (m := _PAREN_PAGE.match(inner)) and _is_page(m.group("first")) and not _bare_year(inner, m):
        return Citation(text, "page", *_pages(m))
    if m := _PAREN_AUTHOR_DATE.match(inner):
        author = re.sub(r"\bet al\.?", "", m.group("author")).strip(" ,")
        first, last = _pages(m) if m.group("first") else ("", "")
        return Citation(text, "author-date", first, last, author=author, year=m.group("year"))
    m = _PAREN_AUTHOR_PAGE.match(inner)
    if (
        m
        and _is_page(m.group("first"))
        and m.group("author").split()[0].lower().rstrip(".") not in _NOT_AUTHORS
    ):
        return Citation(text, "author-page", *_pages(m), author=m.group("author").strip(" ,"))
    return None


def _bare_year(inner: str, m: re.Match[str]) -> bool:
    """True for "(2016)": a year, not page 2016."""
    return inner == m.group("first") and bool(_YEAR_LIKE.match(inner))


def _is_page(label: str) -> bool:
    """True for a page number: digits, or a roman numeral written the usual way ("xii", not "mild")."""
    from source.labels import roman_value

    return label.isdigit() or roman_value(label.lower()) is not None


def _pages(m: re.Match[str]) -> tuple[str, str]:
    """(first, last) page of a match of _PAGES; last is "" for one page or when it repeats the first.
    A short last page ("115-17") takes the first's leading digits."""
    first, last = m.group("first"), m.group("last") or ""
    if last.isdigit() and first.isdigit() and len(last) < len(first):
        last = first[: len(first) - len(last)] + last
    return first, "" if last == first else last
