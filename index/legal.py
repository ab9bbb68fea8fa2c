"""Legal citations in a note, read by eyecite (Free Law Project): cases, statutes, journals,
and their short forms ("Id.", "supra", "Hest, 366 N.C. at 289").

eyecite is imported lazily, on the first note that looks legal (`LEGAL_HINT`), so that
`citex --help`, the TUI's start and a report without legal citations never pay for it
(about 0.3 s). When eyecite is not installed, `legal_citations` finds nothing and the
general reading of `index.citefields` stands alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

LEGAL_HINT = re.compile(
    r"\b\d+\s+[A-Z][A-Za-z.]*\.(?:\s?[A-Za-z0-9.&’']+){0,4}\s+(?:at\s+)?\d+"
    r"|§|\b[Ii]d\.|\bsupra\b|\sv\.\s|U\.S\.C|\bStat\.|Pub\.\s?L\."
)
"""What a legal citation holds: volume, reporter, page ("410 U.S. 113"), §, Id., supra, "v."."""

LegalKind = Literal["case", "short_case", "law", "journal", "id", "supra"]


@dataclass(frozen=True)
class LegalCite:
    """One legal citation eyecite found."""

    kind: LegalKind
    """case, short_case (a later short form of a case), law, journal, id or supra."""
    text: str
    """The words eyecite matched ("410 U.S. 113", "Id.")."""
    start: int
    """Offset of the match in the text read."""
    title: str = ""
    """A case's name ("Ford Motor Co. v. FTC"), a statute's reporter and section."""
    volume: str = ""
    """The volume (case, journal) or title (code)."""
    reporter: str = ""
    """The reporter, code or journal: "U.S.", "U.S.C.", "Admin. L. Rev."."""
    page: str = ""
    """The first page (case, journal) or section (code)."""
    pinpoint: str = ""
    """The pin cite: "at 125", "1089", "note 1"."""
    year: str = ""
    """The year in the citation's parenthetical."""
    antecedent: str = ""
    """For a short form: the name it repeats ("Skidmore" in "Skidmore, supra note 1")."""


@cache
def _eyecite() -> Any:
    try:
        import eyecite
    except ImportError:  # optional: without it, the general reading stands alone
        return None
    import logging

    logging.getLogger("eyecite").setLevel(logging.ERROR)  # "Unknown overlap case" is not the user's business
    return eyecite


def looks_legal(text: str) -> bool:
    """True when a citation may hold a legal citation worth asking eyecite about."""
    return bool(LEGAL_HINT.search(text))


def legal_citations(text: str) -> list[LegalCite]:
    """The legal citations in `text`, in order (none when eyecite is missing or nothing is legal)."""
    if not looks_legal(text):
        return []
    eyecite = _eyecite()
    if eyecite is None:
        return []
    found: list[LegalCite] = []
    for cite in eyecite.get_citations(text):
        item = _convert(cite)
        if item is not None:
            found.append(item)
    return found


def _convert(cite: Any) -> LegalCite | None:
    name = type(cite).__name__
    meta = cite.metadata
    groups = getattr(cite, "groups", {}) or {}
    pin = str(getattr(meta, "pin_cite", None) or "")
    year = str(getattr(meta, "year", None) or "")
    start = cite.span()[0]
    common = {
        "text": cite.matched_text(),
        "start": start,
        "volume": str(groups.get("volume") or groups.get("title") or ""),
        "reporter": str(groups.get("reporter") or ""),
        "page": str(groups.get("page") or groups.get("section") or ""),
        "pinpoint": pin,
        "year": year,
    }
    if name == "FullCaseCitation":
        plaintiff = getattr(meta, "plaintiff", None) or ""
        defendant = getattr(meta, "defendant", None) or ""
        title = f"{plaintiff} v. {defendant}" if plaintiff and defendant else plaintiff or defendant
        return LegalCite(kind="case", title=title.strip(" ,"), **common)
    if name == "ShortCaseCitation":
        return LegalCite(
            kind="short_case", antecedent=str(getattr(meta, "antecedent_guess", None) or ""), **common
        )
    if name == "FullLawCitation":
        return LegalCite(kind="law", title=cite.matched_text(), **common)
    if name == "FullJournalCitation":
        return LegalCite(kind="journal", **common)
    if name == "IdCitation":
        return LegalCite(kind="id", **common)
    if name == "SupraCitation":
        return LegalCite(
            kind="supra", antecedent=str(getattr(meta, "antecedent_guess", None) or ""), **common
        )
    return None
