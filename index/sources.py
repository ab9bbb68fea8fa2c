"""Every note parsed into the sources it cites, with one key per distinct source.

Headless (no Textual), computed from a Document on demand (not stored in it: the
reader's output and its cache are unchanged). A note is split into sentences, each
sentence into its citations (at semicolons outside parentheses and quotation marks);
commentary that cites nothing is left out. Each citation is read by
`index.citefields.read_fields` (and eyecite, through `index.legal`, for cases, statutes
and law journals); back-references ("Ibid.", "Id.", "supra note 3", "op. cit.", "see
note 12", a short form "Clinton, p. 5") point to the citation they repeat (`same_as`),
and cross-references ("See Chapter 5") to the outline entry they name.

The same source cited in many notes, in full, by a short title or by its symbol, gets one
`key`: the same symbol, the same interviewee on the same date, the same web address, or
the same author with a title that differs only slightly (`index.cited.SAME_TITLE`). The
citation type and its key are `index.cited`'s; splitting a note into citations `index.citesplit`'s.
"""

from __future__ import annotations

import re
from dataclasses import asdict, replace

from index.backrefs import (
    AUTHOR_DATE,
    CASE_NAME_WORDS,
    CROSS,
    IBID,
    ID,
    NOTE_CROSS,
    OP_CIT,
    PIN_PAREN,
    PIN_START,
    SEE_NOTE,
    SEVERAL,
    SUPRA,
)
from index.citefields import (
    PINPOINT,
    YEAR,
    Fields,
    find_pinpoint,
    journal_pin_year,
    read_author_title,
    read_fields,
    read_part,
    strip_signal,
)
from index.cited import (
    SAME_TITLE,
    Cited,
    Kind,
    case_key,
    cited_json,
    make_key,
    names_citation,
    numbers,
    same_source,
)
from index.citesplit import SHORT_FORM_WORDS, citations
from index.legal import LegalCite, legal_citations
from source.model import Document, Note

__all__ = ["SAME_TITLE", "Cited", "Kind", "citations", "cited_json", "note_sources"]
"""What callers use: `note_sources` (and the citation type, its JSON, the note splitter, kept here
for them although they live in `index.cited` and `index.citesplit`)."""

_CACHE: dict[tuple[str, int, int], tuple[tuple[Cited, ...], ...]] = {}


def _words(citation: str) -> set[str]:
    """The words of a citation without its signal and pinpoint, lower-cased: a short form has fewer
    than the full citation it repeats; a citation repeated in full has them all."""
    return set(re.findall(r"\w+", PINPOINT.sub(" ", strip_signal(citation)).lower()))


def note_sources(document: Document) -> tuple[tuple[Cited, ...], ...]:
    """The sources of every note, in the order of `Document.notes` (computed once per document)."""
    token = (document.id, document.version, len(document.notes))
    if token not in _CACHE:
        if len(_CACHE) > 8:
            _CACHE.clear()
        _CACHE[token] = _Linker(document).run()
    return _CACHE[token]


class _Linker:
    """Reads the notes in order, keeping what a back-reference may point to."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.results: list[list[Cited]] = []
        self.history: list[tuple[int, int]] = []
        """(note, source) of every citation so far that is not a cross-reference, in order."""
        self.distinct: list[Cited] = []
        self.keys: set[str] = set()

    def run(self) -> tuple[tuple[Cited, ...], ...]:
        for index, note in enumerate(self.document.notes):
            self.results.append([])
            for part in citations(note.text):
                cited = self._read(index, note, part)
                if cited is None:
                    continue
                self.results[index].append(cited)
                if cited.kind != "cross_reference":
                    self.history.append((index, len(self.results[index]) - 1))
        return tuple(tuple(r) for r in self.results)

    def _at(self, where: tuple[int, int]) -> Cited:
        return self.results[where[0]][where[1]]

    def _read(self, index: int, note: Note, part: str) -> Cited | None:
        text = strip_signal(part)
        if not text:
            return None
        cross = CROSS.match(text)
        if cross:
            target = cross.group("target")
            pages = cross.group("pages") or ""
            page = self._page_labelled(pages) or self._page_of(target)
            return Cited(
                key="", kind="cross_reference", text=part, target=target, pinpoint=pages, target_page=page
            )
        notes = NOTE_CROSS.match(text)
        if notes and ("accompanying" in text.lower() or SEVERAL.search(notes.group("target"))):
            return Cited(
                key="",
                kind="cross_reference",
                text=part,
                target=" ".join(notes.group("target").split()),
                target_page=self._note_page(notes.group("first"), index),
            )
        back = self._back_reference(index, text, part)
        if back is not None:
            return back
        here = self.results[index]
        if here and here[-1].kind == "interview" and re.match(r"^(?:and\s+)?with\s", text, re.I):
            rest = re.sub(r"^and\s+", "", text, flags=re.I)
            text = f"{here[-1].author} interview {rest}"
        legal = legal_citations(text)
        if legal:
            cited = self._legal(index, text, part, legal)
            if cited is not None:
                return cited
        fields = read_fields(text)
        if fields is None:
            return None
        short = self._short_form(fields, text, part)
        if short is not None:
            return short
        return self._keyed(fields, part)

    # -- back-references ------------------------------------------------------------------

    def _back_reference(self, index: int, text: str, part: str) -> Cited | None:
        match = IBID.match(text) or ID.match(text)
        if match:
            target = self.history[-1] if self.history else None
            pin = match.group("pin") or ""
            if pin and not PIN_START.match(pin):
                pin = ""  # "Id. The court also found that …": the rest is a comment, no pinpoint
            return self._repeat(target, part, pin)
        match = SEE_NOTE.match(text)
        if match:
            return self._repeat(self._in_note(match.group("note"), ""), part, match.group("pin"))
        match = AUTHOR_DATE.match(text)
        if match and len(match.group("who").split()) <= SHORT_FORM_WORDS:
            where = self._by_name(match.group("who"), year=match.group("year"))
            if where is not None:  # else a citation in full by an author and a year, read as such
                return self._repeat(where, part, match.group("pin"))
        match = SUPRA.match(text) or OP_CIT.match(text)
        if match and len(match.group("who").split()) > SHORT_FORM_WORDS:
            who = match.group("who").strip(" ,")
            whole = read_fields(who) or read_part(who)
            if whole is not None:  # "J. Wigmore, Planetary Theory …, in 3 EVOLUTION OF LAW, supra note 164":
                return self._keyed(replace(whole, pinpoint=(match.group("pin") or "").strip(" .,")), part)
        if match:
            who = match.group("who").strip(" ,")
            number = match.groupdict().get("note")
            where = self._in_note(number, who) if number else self._by_name(who)
            return self._repeat(where, part, match.group("pin"))
        return None

    def _repeat(self, where: tuple[int, int] | None, part: str, pin: str | None) -> Cited | None:
        """A back-reference to the citation at `where`; a source of kind "other" that says what it
        could not resolve when `where` is None (never a guess)."""
        pinpoint = PIN_PAREN.sub("", (pin or "").strip(" .,")).strip(" .,")
        if where is None:
            return Cited(
                key="", kind="other", text=part, pinpoint=pinpoint, title="(unresolved back-reference)"
            )
        target = self._at(where)
        if target.same_as is not None:
            where = target.same_as
        if not target.key:  # a back-reference to one that could not be resolved: neither can this
            return self._repeat(None, part, pin)
        return replace(target, text=part, pinpoint=pinpoint or target.pinpoint, same_as=where)

    def _in_note(self, label: str, who: str) -> tuple[int, int] | None:
        """The citation in the (latest earlier) note labelled `label` whose author or title has `who`."""
        for index in range(len(self.results) - 1, -1, -1):
            if self.document.notes[index].label == label and self.results[index]:
                sources = [i for i, c in enumerate(self.results[index]) if c.kind != "cross_reference"]
                if not sources:
                    return None
                named = [i for i in sources if who and names_citation(who, self.results[index][i])]
                named = named or [
                    i for i in sources if who and names_citation(who, self.results[index][i], printed=True)
                ]
                if named:
                    return index, named[0]
                return (index, sources[0]) if not who else None  # a name that names none: never a guess
        return None

    def _note_page(self, label: str, before: int) -> int:
        """The physical page of the first marker of the latest note labelled `label` before note
        `before`, else the first after it ("infra"); the note's own page when no marker points to
        it; 0 when there is none."""
        notes = self.document.notes
        for index in [*range(before - 1, -1, -1), *range(before + 1, len(notes))]:  # supra, then infra
            if notes[index].label == label:
                note: Note = notes[index]
                return note.markers[0].page if note.markers else note.page
        return 0

    def _by_name(self, who: str, short_title: str = "", year: str = "") -> tuple[int, int] | None:
        """The latest citation whose author (or title) `who` names; with `short_title`, one whose
        title holds its words ("Ashby, Return of the Weaver"), else the latest by that name; with
        `year`, one of that year ("Human Rights Watch, 2018")."""
        if not who:
            return None
        named = [
            w
            for w in reversed(self.history)
            if names_citation(who, self._at(w)) and (not year or self._at(w).date_iso.startswith(year))
        ]
        titled = [w for w in named if short_title and names_citation(short_title, self._at(w))]
        found = titled or named
        return found[0] if found else None

    def _short_form(self, fields: Fields, text: str, part: str) -> Cited | None:
        """ "Clinton, p. 5.": an earlier source by the same author (or with this short title)."""
        if fields.url or fields.symbol or fields.date or len(text.split()) > SHORT_FORM_WORDS:
            return None
        name = PINPOINT.sub("", text).strip(" ,.")
        if fields.pinpoint and name.endswith(fields.pinpoint):  # "Ashby, Return of the Weaver, 61"
            name = name[: -len(fields.pinpoint)].strip(" ,.")
        parts = [p.strip(' “”"') for p in name.split(",")]
        where = self._by_name(parts[0], short_title=parts[1] if len(parts) > 1 else "")
        if where is None or not numbers(name) <= numbers(self._at(where).text):
            return None  # "Ur. l. RS, …, No. 20/2006" is not "Ur. l. RS Nos. 55/2008": its numbers differ
        full = self._at(where)
        if full.same_as is not None:
            full = self._at(full.same_as)
        if _words(full.text) <= _words(text):
            return None  # every word of the full citation again: a citation in full, keyed as such
        return self._repeat(where, part, fields.pinpoint or find_pinpoint(text))

    # -- legal citations (eyecite) ----------------------------------------------------------

    def _legal(self, index: int, text: str, part: str, legal: list[LegalCite]) -> Cited | None:
        first = legal[0]
        before = text[: first.start].strip(" ,")
        if first.kind in ("supra", "id") and len(before.split()) > SHORT_FORM_WORDS:
            full = read_fields(before)
            if full is not None and full.author and full.title:
                return (
                    None  # a full citation (author, title) that later quotes a "supra": read it as what it is
                )
        if first.kind == "id" and not before:
            target = self.history[-1] if self.history else None
            return self._repeat(target, part, first.pinpoint)
        if first.kind == "supra":
            number = re.match(r"note\s+(\d+)", first.pinpoint)
            where = (
                self._in_note(number.group(1), first.antecedent)
                if number
                else self._by_name(first.antecedent)
            )
            pin = re.sub(r"^note\s+\d+,?\s*", "", first.pinpoint)
            return self._repeat(where, part, pin)
        if first.kind == "short_case":
            for where in reversed(self.history):
                earlier = self._at(where)
                same_reporter = earlier.key.startswith(case_key(first) + "-")
                named = not first.antecedent or names_citation(first.antecedent, earlier)
                if earlier.kind == "court_case" and same_reporter and named:
                    return self._repeat(where, part, first.page and f"at {first.page}")
            return None
        year = first.year
        if first.kind == "case":
            name = first.title
            cut = re.match(
                r"^(?:\S+[.’)]\s|\S*’\s)|.*[’)]$", name
            )  # "Corp. v. FCC", "Int’ v. Zinke", "Chenery I)"
            if (
                cut
                and " v. " in before
                and len(before.split()) <= CASE_NAME_WORDS
                and before.endswith(name[-6:])
            ):
                name = (
                    before  # eyecite cut the name at an abbreviation: the words before the cite are all of it
                )
            fields = Fields(
                kind="court_case",
                title=name or before,
                date=year,
                date_iso=year,
                pinpoint=first.pinpoint,
                symbol="",
            )
            return self._keyed(fields, part, key=case_key(first))
        if first.kind == "journal":
            author, title = read_author_title(before) if before else ("", "")
            pin, printed_year = journal_pin_year(text[first.start + len(first.text) :])
            year = (
                year or printed_year or (first.volume if YEAR.fullmatch(first.volume) else "")
            )  # "1988 Duke L.J."
            fields = Fields(
                kind="academic_article",
                author=author,
                title=title or before,
                date=year,
                date_iso=year,
                pinpoint=first.pinpoint or pin,
            )
            return self._keyed(fields, part, key=case_key(first))
        if first.kind == "law":
            title = before if before and len(before.split()) <= 12 else first.text
            fields = Fields(kind="law_or_treaty", title=title, pinpoint=first.pinpoint)
            return self._keyed(fields, part, key=case_key(first))
        return None

    # -- keys --------------------------------------------------------------------------------

    def _keyed(self, fields: Fields, part: str, key: str = "") -> Cited:
        cited = Cited(key="", text=part, **asdict(fields))
        for earlier in self.distinct:
            if (key and earlier.key == key) or (not key and same_source(earlier, cited)):
                return replace(cited, key=earlier.key)
        key = key or make_key(cited)
        unique, n = key, 2
        while unique in self.keys:
            unique, n = f"{key}-{n}", n + 1
        self.keys.add(unique)
        cited = replace(cited, key=unique)
        self.distinct.append(cited)
        return cited

    def _page_labelled(self, pages: str) -> int:
        """The physical page printed with the first number of "pp. 1745–50" (0 when none, or several)."""
        number = re.search(r"\d+", pages)
        found = self.document.pages_labelled(number.group(0)) if number else []
        return found[0].index if len(found) == 1 else 0

    def _page_of(self, target: str) -> int:
        """The physical page of the outline entry a cross-reference names ("Chapter 5" → "5. …")."""
        number = target.split()[-1].rstrip(".")
        word = target.split()[0].lower()
        for entry in self.document.outline:
            title = entry.title.strip()
            lowered = title.lower()
            if lowered.startswith(f"{word} {number.lower()}") or re.match(
                rf"{re.escape(number)}(?:[.:)\s]|$)", title
            ):
                if word != "chapter" or entry.level == 1 or lowered.startswith("chapter"):
                    return entry.page
        return 0
