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
JOURNAL_FORM = re.compile(
    r"\b(?P<volume>\d+)\s+(?P<journal>[A-Z][A-Za-z.&’' ]*?(?:L\.|J\.|REV\.|Rev\.|Q\.)(?:\s?[A-Za-z.&’']+)*?)"
    r"\s+(?P<page>\d+)\b"
)
"""A Bluebook journal citation, volume, abbreviated journal, first page ("10 HARV. L. REV. 457",
"1988 Duke L.J. 300"): what eyecite reads as a journal when it knows the abbreviation."""

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
    return bool(LEGAL_HINT.search(text) or JOURNAL_FORM.search(text))


@cache
def _journals() -> dict[str, str]:
    """eyecite's journal abbreviations (reporters_db), keyed without case and spaces: "harv.l.rev."."""
    try:
        from reporters_db import JOURNALS  # type: ignore[import-untyped]  # eyecite's own data
    except ImportError:
        return {}
    return {re.sub(r"\s+", "", name).lower(): name for name in JOURNALS}


def known_journal(abbreviation: str) -> str:
    """The journal abbreviation as eyecite spells it ("HARV. L. REV." → "Harv. L. Rev."), "" when
    eyecite does not know it."""
    return _journals().get(re.sub(r"\s+", "", abbreviation).lower(), "")


def _fold_journals(text: str) -> str:
    """The text with journal abbreviations set in small capitals ("133 HARV. L. REV. 542") spelled as
    eyecite knows them ("133 Harv. L. Rev. 542"), so that it reads them as journals (its match is
    case-sensitive); only the case changes, so offsets stay those of `text`."""

    def fold(match: re.Match[str]) -> str:
        journal, whole = match.group("journal"), match.group(0)
        known = known_journal(journal)
        if known.lower() != journal.lower():  # unknown, or spaced otherwise: offsets would move
            return whole
        start, end = (at - match.start() for at in match.span("journal"))
        return whole[:start] + known + whole[end:]

    return JOURNAL_FORM.sub(fold, text)


def legal_citations(text: str) -> list[LegalCite]:
    """The legal citations in `text`, in order (none when eyecite is missing or nothing is legal)."""
    if not looks_legal(text):
        return []
    eyecite = _eyecite()
    if eyecite is None:
        return []
    found: list[LegalCite] = []
    for cite in eyecite.get_citations(_fold_journals(text).replace("–", "-")):  # eyecite's pins: "1032-33"
        item = _convert(cite, text)
        if item is not None:
            found.append(item)
    return found


def _convert(cite: Any, text: str) -> LegalCite | None:
    """One of eyecite's citations, its pin cite as printed in `text` (with its en dash)."""
    name = type(cite).__name__
    meta = cite.metadata
    groups = getattr(cite, "groups", {}) or {}
    pin = str(getattr(meta, "pin_cite", None) or "")
    if "-" in pin and pin not in text and pin.replace("-", "–") in text:
        pin = pin.replace("-", "–")  # eyecite was given hyphens for the en dashes it does not read
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
