"""One source cited in a note (`Cited`), how two citations are told to be one source, the
readable key they share, and the JSON `citex notes --json` gives for each.

Used by `index.sources`, which reads the notes and links back-references.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz

from index.citefields import Fields, SourceKind
from index.legal import LegalCite
from source.model import Document

SAME_TITLE = 88
"""rapidfuzz token_set_ratio (0-100) at or above which two titles by the same author are
one source ("Coercion, Control, Surveillance, and Punishment" and "Control, Surveillance,
and Punishment" are one report cited twice, once with a word dropped)."""

Kind = SourceKind | Literal["cross_reference"]


@dataclass(frozen=True, kw_only=True)
class Cited(Fields):
    """One source cited in a note (or a cross-reference to a part of the document): what the
    citation says (`Fields`), and where it stands among the note's and the document's."""

    key: str
    """The same for every citation of the same source in the document ("" for a cross-reference)."""
    kind: Kind  # type: ignore[assignment]  # a Cited may also be a cross-reference
    """The kind of source (see `index.citefields.KINDS`), or "cross_reference"."""
    text: str
    """The words of the note this citation was read from."""
    same_as: tuple[int, int] | None = None
    """For a back-reference: (index in `Document.notes`, index in that note's sources) of the
    citation it repeats; None for a citation in full."""
    target: str = ""
    """For a cross-reference: what it names ("Chapter 5")."""
    target_page: int = 0
    """For a cross-reference: the physical page of the outline entry it names (0 when not found)."""


def case_key(cite: LegalCite) -> str:
    return slug(f"{cite.volume} {cite.reporter} {cite.page if cite.kind != 'short_case' else ''}").strip("-")


def names_citation(who: str, cited: Cited, *, printed: bool = False) -> bool:
    """True when the words `who` name this citation's author, title or interviewee (with
    `printed`, also words of the citation as printed: "Brief for Petitioners" of "See Brief for
    Petitioners at 12, Seven Cnty., 145 S. Ct. 1497", whose title eyecite takes as the case's)."""
    who = re.sub(r"\bet\s+al\.?", " ", who, flags=re.I)
    words = [w for w in re.findall(r"[\w’'-]+", who.lower()) if len(w) > 1]
    if not words:
        return False
    haystack = f"{cited.author} {cited.title} {cited.interviewee} {cited.text if printed else ''}".lower()
    return all(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", haystack) for w in words)


def same_source(a: Cited, b: Cited) -> bool:
    """Two full citations of one source."""
    if a.symbol or b.symbol:
        return a.symbol == b.symbol
    if a.kind == "interview" or b.kind == "interview":
        return a.kind == b.kind and slug(a.interviewee) == slug(b.interviewee) and a.date_iso == b.date_iso
    if a.url and b.url and url_key(a.url) == url_key(b.url):
        return True
    if slug(a.author) != slug(b.author) or not a.title or not b.title:
        return False
    numbers_a, numbers_b = numbers(a.title), numbers(b.title)
    if numbers_a and numbers_b and numbers_a != numbers_b:
        return False  # "Ur. l. RS No. 93/2007" and "No. 94/2007": two gazettes, however alike the words
    if _names(a.title) != _names(b.title):
        return False  # "Presentation by Miguel González …" is not "Presentation by Andrei Metelitsa …"
    return fuzz.token_set_ratio(a.title.lower(), b.title.lower()) >= SAME_TITLE


def _names(title: str) -> set[str]:
    """The capitalised words inside a title that is not in title case (names, places): two titles
    that differ in them are two sources however alike the rest ("Presentation by Miguel González at
    the expert seminar held in Vancouver"). Empty for a title in title case or capitals, whose
    capitals tell nothing."""
    words = re.findall(r"[\w’'-]+", title)[1:]
    capitals = [w for w in words if w[:1].isupper()]
    if len(capitals) * 2 > len(words):
        return set()
    return {w.lower() for w in capitals}


def numbers(text: str) -> set[str]:
    """The numbers in a text, an issue number with its year as one ("No. 93/2007, 2" -> {"93/2007",
    "2"}): issues, volumes, editions, years ("No. 5/2009" is not in "No. 16/2007 (… text 5), 58/2009")."""
    return set(re.findall(r"\d+(?:/\d+)*", text))


def url_key(url: str) -> str:
    return re.sub(r"^(?:https?://)?(?:www\d?\.)?", "", url.lower()).rstrip("/")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def make_key(cited: Cited) -> str:
    """A readable key: the symbol; the interviewee and date; else author, year and title's first words."""
    if cited.symbol:
        return slug(cited.symbol)
    if cited.kind == "interview":
        return slug(f"interview {cited.interviewee} {cited.date_iso}")
    if cited.url and not cited.title:
        return slug(url_key(cited.url))[:48].strip("-")
    author = cited.author.split()[-1] if cited.author else ""
    words = [
        w for w in re.findall(r"[A-Za-z0-9]+", cited.title) if w.lower() not in {"the", "a", "an", "of", "on"}
    ]
    numbers = [w for w in words[3:8] if any(c.isdigit() for c in w)]
    key = slug(" ".join([author, cited.date_iso[:4], *words[:3], *numbers]))
    return key or "source"


def cited_json(document: Document, cited: Cited) -> dict[str, object]:
    """One citation as `citex notes --json` gives it (a cross-reference: kind, target, page)."""
    if cited.kind == "cross_reference":
        return {
            "kind": "cross_reference",
            "target": cited.target,
            "page": cited.target_page or None,
            "page_label": document.display_label(cited.target_page) if cited.target_page else None,
            "pinpoint": cited.pinpoint,
        }
    same_as = None
    if cited.same_as is not None:
        note, source = cited.same_as
        same_as = {"note": document.notes[note].label, "source": source}
    return {
        "key": cited.key or None,
        "kind": cited.kind,
        "author": cited.author,
        "title": cited.title,
        "date": cited.date,
        "date_iso": cited.date_iso or None,
        "symbol": cited.symbol,
        "pinpoint": cited.pinpoint,
        "url": cited.url,
        "accessed": cited.accessed,
        "interviewee": cited.interviewee,
        "same_as": same_as,
    }
