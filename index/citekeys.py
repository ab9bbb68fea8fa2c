"""Which document a draft's citation names: by key, author and year, or a footnote's words.

`cited_document(citation, refs, bib)` is the one function `citex check` calls (the lead may
point it at the shared citation-key function later). A key such as `amnesty2016connection`
names a document when its year is the document's year and each of its words is part of the
author's or the title's words ("amnestyinternational2016" works too); a key found in a
`--bib` file (CSL-JSON or BibTeX) names the document whose title (or author and year) is the
entry's. An author-date citation names the document whose author holds its author's words
and whose year is its year; a footnote names the one whose author or title its text holds
(and whose year it does not contradict).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from index.draft_cite import YEAR, Citation
from index.text import words

TITLE_MATCH = 85.0
"""A bibliography entry's title matches a document's when rapidfuzz's token_set_ratio reaches this."""
NOTE_TITLE_SHARE = 0.6
"""A footnote names a document when it holds at least this share of the title's words (or all the author's)."""
_YEAR = re.compile(rf"\b({YEAR})\b")
_STOP = frozenset("a an and at by for in of on the to".split())


@dataclass(frozen=True)
class DocRef:
    """What a citation can be matched against: one document's metadata."""

    doc_id: str
    """The document's id (sha256)."""
    path: str
    """Its path, as results show it."""
    title: str = ""
    """Its title."""
    author: str = ""
    """Its author or publishing body."""
    date: str = ""
    """Its date as printed."""

    @property
    def year(self) -> str:
        """The year of `date`, or ""."""
        m = _YEAR.search(self.date)
        return m.group() if m else ""


@dataclass(frozen=True)
class BibEntry:
    """One entry of a --bib file."""

    key: str
    """The citation key."""
    title: str = ""
    """The title."""
    author: str = ""
    """The authors, as one string."""
    year: str = ""
    """The year, or ""."""


def cited_document(citation: Citation, refs: Sequence[DocRef], bib: Sequence[BibEntry] = ()) -> DocRef | None:
    """The document a citation names, or None (it names none, or none in `refs` fits)."""
    if citation.key:
        entry = next((e for e in bib if e.key == citation.key), None)
        if entry is not None:
            return _one(r for r in refs if _entry_fits(entry, r))
        return _one(r for r in refs if _key_fits(citation.key, r))
    if citation.author:
        return _one(r for r in refs if _author_fits(citation.author, citation.year, r))
    if citation.note.strip():
        return _one(r for r in refs if _note_fits(citation.note, r))
    return None


def could_name(citation: Citation, ref: DocRef, bib: Sequence[BibEntry] = ()) -> bool | None:
    """Whether a citation that names no one document of the scope could be naming this one: True when
    it fits (then several documents fit), False when the years differ, None otherwise: a PDF's author
    field is often the typist's name or a placeholder ("anonymous"), so another author does not prove
    another document."""
    entry = next((e for e in bib if e.key == citation.key), None) if citation.key else None
    if entry is not None:
        fits = _entry_fits(entry, ref)
        years = [entry.year] if entry.year else []
    elif citation.key:
        fits = _key_fits(citation.key, ref)
        years = [p for p in re.findall(r"\d+", citation.key) if _YEAR.fullmatch(p)][:1]
    elif citation.author:
        fits = _author_fits(citation.author, citation.year, ref)
        years = [citation.year] if citation.year else []
    else:
        fits = _note_fits(citation.note, ref)
        years = _YEAR.findall(citation.note)
    if fits:
        return True
    if years and ref.year and ref.year not in years:
        return False
    return None


def _one(found: Iterable[DocRef]) -> DocRef | None:
    """The one document found; None for none, or for several (the citation cannot tell them apart)."""
    matches = list(found)
    return matches[0] if len(matches) == 1 else None


def _content(text: str) -> list[str]:
    return [w for w in words(text) if w not in _STOP]


def _key_fits(key: str, ref: DocRef) -> bool:
    parts = re.findall(r"[a-z]+|\d+", key.lower())
    years = [p for p in parts if _YEAR.fullmatch(p)]
    if years and ref.year and years[0] != ref.year:
        return False
    names = [p for p in parts if p.isalpha() and p not in _STOP and len(p) > 1]
    if not names:
        return bool(years) and years[0] == ref.year
    author, title = "".join(_content(ref.author)), "".join(_content(ref.title))
    return all(p in author or p in title for p in names) and (names[0] in author or names[0] in title)


def _author_fits(author: str, year: str, ref: DocRef) -> bool:
    if year and ref.year and year != ref.year:
        return False
    cited = _content(author)
    have = set(_content(ref.author) or _content(ref.title))
    return bool(cited) and all(w in have for w in cited)


def _note_fits(note: str, ref: DocRef) -> bool:
    years = _YEAR.findall(note)
    if years and ref.year and ref.year not in years:
        return False
    held = set(words(note))
    author = _content(ref.author)
    title = _content(ref.title)
    if author and all(w in held for w in author):
        return True
    return bool(title) and sum(w in held for w in title) >= NOTE_TITLE_SHARE * len(title)


def _entry_fits(entry: BibEntry, ref: DocRef) -> bool:
    from rapidfuzz import fuzz

    if entry.year and ref.year and entry.year != ref.year:
        return False
    if entry.title and ref.title:
        return fuzz.token_set_ratio(" ".join(words(entry.title)), " ".join(words(ref.title))) >= TITLE_MATCH
    return bool(entry.author) and _author_fits(entry.author, entry.year, ref)


def read_bib(path: str) -> list[BibEntry]:
    """The entries of a CSL-JSON (a list of items) or BibTeX file. Raises OSError or ValueError."""
    text = Path(path).read_text(encoding="utf-8", errors="replace")
    if text.lstrip().startswith(("[", "{")):
        return _csl_json(text)
    return _bibtex(text)


def _csl_json(text: str) -> list[BibEntry]:
    data = json.loads(text)
    items = data if isinstance(data, list) else data.get("items", []) if isinstance(data, dict) else []
    entries = []
    for item in items:
        if not isinstance(item, dict) or not item.get("id"):
            continue
        names = []
        for person in item.get("author", []) or []:
            if isinstance(person, dict):
                names.append(
                    person.get("literal") or " ".join(str(person.get(k, "")) for k in ("given", "family"))
                )
        parts = (item.get("issued") or {}).get("date-parts") or [[]]
        year = str(parts[0][0]) if parts and parts[0] else ""
        entries.append(BibEntry(str(item["id"]), str(item.get("title", "")), " ".join(names).strip(), year))
    return entries


_BIB_ENTRY = re.compile(r"@\w+\s*\{\s*([^,\s]+)\s*,")
_BIB_FIELD = re.compile(r"(\w+)\s*=\s*(?:\{((?:[^{}]|\{[^{}]*\})*)\}|\"([^\"]*)\"|(\d+))", re.S)


def _bibtex(text: str) -> list[BibEntry]:
    entries = []
    starts = list(_BIB_ENTRY.finditer(text))
    for i, m in enumerate(starts):
        body = text[m.end() : starts[i + 1].start() if i + 1 < len(starts) else len(text)]
        fields = {}
        for f in _BIB_FIELD.finditer(body):
            value = next((g for g in f.groups()[1:] if g is not None), "")
            fields[f.group(1).lower()] = " ".join(value.replace("{", "").replace("}", "").split())
        year = fields.get("year") or (_YEAR.search(fields.get("date", "")) or [""])[0]
        author = fields.get("author", "").replace(" and ", " ")
        entries.append(BibEntry(m.group(1), fields.get("title", ""), author, year))
    return entries
