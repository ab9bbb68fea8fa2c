"""Title, author, publisher, date, report number and URL, each with where it came from.

The values come from the PDF's information dictionary (Info), its XMP packet, its cover and
its imprint page (`source.imprint`), and last from the text of its first pages. Each is
recorded in `Metadata.provenance` with its source and whether it is only a guess:

- an Info/XMP title counts when the cover prints it in display type; a file path, a DVI
  name, "Microsoft Word - foo.docx" or a title the cover shows cut inside a word is never
  a title; an Info title the cover does not print is a guess, and so is the title the cover
  prints in its biggest type (`source.titles.cover_title`, which sets aside labels, mastheads
  and a UN document's symbol and session blocks, and gives none rather than a heading);
- an Info author that is a login name ("localuser") is dropped; one the first pages do not
  name, or whose pages name an editor, is a guess, and gives way to the people the cover
  names under its title or in a "By ..." line (`source.titles.cover_byline`, a guess too);
- a date printed alone on the cover, or "First published in ...", counts; a copyright
  year, a date from the text and the file's creation date are guesses.

`corrected(metadata, values)` lays a user's corrections over what was read ("user").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from source.cleaning import clean
from source.escapes import settle_text
from source.imprint import (
    COVER_PAGES,
    DATE,
    REPORT_NUMBER,
    Found,
    cover_date,
    cover_lines,
    cover_number,
    imprint_page,
    imprint_values,
    text_date,
    text_number,
    title_on,
    words,
)
from source.lines import Line
from source.model import META_FIELDS, MetaSource, Metadata, Provenance
from source.titles import cover_byline, cover_title

__all__ = ["DATE", "REPORT_NUMBER", "corrected", "read_metadata"]

TITLE_LIMIT = 300
"""Characters kept of a title (a cover whose largest text is a paragraph is cut)."""
JUNK_TITLE = re.compile(
    r"^(?:Microsoft\s+(?:Word|PowerPoint|Excel)\s+-\s|untitled\b|document\d*$|slide\s+\d+$|"
    r"powerpoint presentation$)|\.(?:dvi|docx?|rtf|odt|pdf|tex|indd|qxd|qxp|ps|txt|pages|fm)$|"
    r"^[A-Za-z]:[\\/]|^/|\\",
    re.IGNORECASE,
)
"""What an authoring program leaves as a title: a file name or path, "Microsoft Word - x.doc"."""
JUNK_AUTHOR = re.compile(
    r"^(?:[a-z0-9._\-]+|anonymous|unknown|user|admin(?:istrator)?|owner)$", re.IGNORECASE
)
"""What an authoring program leaves as an author: a login name ("chrisq", "localuser"), "anonymous"."""
EDITED = re.compile(r"^\s*(?:editors?|eds?\.|edited\s+by)\b", re.IGNORECASE)
"""A front-page line that names an editor: an Info author may then be the editor ("Max G. Manwaring / Editor")."""
HONORIFICS = frozenset({"dr", "prof", "mr", "mrs", "ms", "sir", "jr", "sr", "ed", "eds"})
"""Words of a name a title page may leave out."""
AUTHOR_WORD = 3
"""Words of an author's name shorter than this are not looked for on the first pages (initials)."""
PLACEHOLDER_DATES = frozenset({"19700101", "20000101"})
"""Creation dates that programs write when they have none (ReportLab's invariant, the epoch)."""


def _info(reader: Any) -> dict[str, str]:
    try:
        info = reader.metadata or {}
        return {str(k): clean(str(v)).strip() for k, v in info.items() if v is not None}
    except Exception:  # a damaged information dictionary is no reason to fail
        return {}


def _xmp(reader: Any) -> dict[str, str]:
    """Title, creator, date, publisher from the XMP packet ({} when there is none, or it is damaged)."""
    try:
        xmp = reader.xmp_metadata
        if xmp is None:
            return {}
        found: dict[str, str] = {}
        title = xmp.dc_title or {}
        if title:
            found["title"] = str(title.get("x-default") or next(iter(title.values()), ""))
        if xmp.dc_creator:
            found["author"] = "; ".join(str(c).strip() for c in xmp.dc_creator if str(c).strip())
        if xmp.dc_publisher:
            found["publisher"] = "; ".join(str(p).strip() for p in xmp.dc_publisher if str(p).strip())
        if xmp.dc_date:
            found["date"] = str(xmp.dc_date[0])[:10]
        return {k: clean(v).strip() for k, v in found.items() if clean(v).strip()}
    except Exception:  # a damaged XMP packet is no reason to fail
        return {}


class _Chosen:
    """The values chosen so far, with their provenance."""

    def __init__(self) -> None:
        self.values: dict[str, str] = {}
        self.origins: list[Provenance] = []

    def offer(self, name: str, value: str | None, source: MetaSource, guess: bool) -> None:
        """Take the value for `name` unless one is already chosen."""
        value = " ".join(settle_text(value or "").split())  # a sequence split across lines goes whole
        if value and name not in self.values:
            self.values[name] = value
            self.origins.append(Provenance(name, source, guess))

    def found(self, name: str, found: Found | None, source: MetaSource) -> None:
        if found is not None:
            self.offer(name, found.value, source, found.guess)


def read_metadata(reader: Any, pages: Sequence[Sequence[Line]]) -> Metadata:
    """What the document says about itself, each value with its source (see the module docstring)."""
    info = _info(reader)
    xmp = _xmp(reader)
    cover = cover_lines(pages)
    title_pages = cover_lines(pages, COVER_PAGES)
    front = [ln for lines in pages[:3] for ln in lines]
    imprint = imprint_values(imprint_page(pages))
    chosen = _Chosen()
    _title(chosen, info, xmp, title_pages, pages)
    _author(chosen, info, xmp, front, pages)
    chosen.offer("publisher", xmp.get("publisher"), "xmp", False)
    chosen.found("publisher", imprint.get("publisher"), "imprint")
    _date(chosen, info, xmp, cover, imprint, pages)
    subject = REPORT_NUMBER.search(info.get("/Subject", ""))
    chosen.offer("report_number", subject.group(1) if subject else None, "info", False)
    chosen.found("report_number", cover_number(cover), "cover")
    chosen.found("report_number", imprint.get("report_number"), "imprint")
    chosen.found("report_number", text_number(pages), "text")
    chosen.offer("url", info.get("/URL"), "info", False)
    chosen.found("url", imprint.get("url"), "imprint")
    values = chosen.values
    return Metadata(
        title=values.get("title", "")[:TITLE_LIMIT],
        author=values.get("author", ""),
        publisher=values.get("publisher", ""),
        date=values.get("date", ""),
        report_number=values.get("report_number", ""),
        url=values.get("url", ""),
        producer=info.get("/Producer", ""),
        provenance=tuple(sorted(chosen.origins, key=lambda p: META_FIELDS.index(p.field))),
    )


def _title(
    chosen: _Chosen,
    info: dict[str, str],
    xmp: dict[str, str],
    cover: list[Line],
    pages: Sequence[Sequence[Line]],
) -> None:
    unconfirmed: list[tuple[str, MetaSource]] = []
    for value, source in ((xmp.get("title", ""), "xmp"), (info.get("/Title", ""), "info")):
        value = " ".join(value.split())
        if not value or JUNK_TITLE.search(value):
            continue
        where = title_on(value, cover)
        if where == "display":
            chosen.offer("title", value, source, False)  # type: ignore[arg-type]
        elif where != "cut":
            unconfirmed.append((value, source))  # type: ignore[arg-type]
    chosen.offer("title", cover_title(pages), "cover", True)
    for value, source in unconfirmed:
        chosen.offer("title", value, source, True)


def _author(
    chosen: _Chosen,
    info: dict[str, str],
    xmp: dict[str, str],
    front: list[Line],
    pages: Sequence[Sequence[Line]],
) -> None:
    printed = {w for ln in front for w in words(ln.text)}
    edited = any(EDITED.match(ln.text) for ln in front)  # the name may be the editor's, not an author's
    unconfirmed: list[tuple[str, MetaSource]] = []
    for value, source in ((xmp.get("author", ""), "xmp"), (info.get("/Author", ""), "info")):
        value = " ".join(value.split())
        if not value or JUNK_AUTHOR.match(value):
            continue
        named = [w for w in words(value) if len(w) >= AUTHOR_WORD and w not in HONORIFICS]
        if bool(named) and all(w in printed for w in named) and not edited:
            chosen.offer("author", value, source, False)  # type: ignore[arg-type]
        else:
            unconfirmed.append((value, source))  # type: ignore[arg-type]
    if not edited:
        chosen.offer("author", cover_byline(pages), "cover", True)  # the names under the title
    for value, source in unconfirmed:
        chosen.offer("author", value, source, True)


def _date(
    chosen: _Chosen,
    info: dict[str, str],
    xmp: dict[str, str],
    cover: list[Line],
    imprint: dict[str, Found],
    pages: Sequence[Sequence[Line]],
) -> None:
    chosen.offer("date", xmp.get("date"), "xmp", False)
    stated = imprint.get("date")
    on_cover = cover_date(cover)
    sure_cover = on_cover is not None and not on_cover.guess
    if sure_cover and stated is not None and on_cover is not None and stated.value in on_cover.value:
        chosen.found("date", on_cover, "cover")  # "March 2016" on the cover says more than "2016"
    if stated is not None and not stated.guess:
        chosen.found("date", stated, "imprint")
    if sure_cover:
        chosen.found("date", on_cover, "cover")
    chosen.found("date", stated, "imprint")
    chosen.found("date", on_cover, "cover")
    chosen.found("date", text_date(pages), "text")
    chosen.offer("date", _pdf_date(info.get("/CreationDate", "")), "info", True)


def _pdf_date(raw: str) -> str:
    """The day a PDF date ("D:20040611191217-07'00'") names, as ISO; "" for a placeholder."""
    match = re.match(r"D:(\d{4})(\d{2})?(\d{2})?", raw)
    if not match:
        return ""
    digits = "".join(g for g in match.groups() if g)
    if digits in PLACEHOLDER_DATES or match.group(1) in ("1970", "2000") and not match.group(2):
        return ""
    return "-".join(g for g in match.groups() if g)


def corrected(metadata: Metadata, values: Mapping[str, str]) -> Metadata:
    """The metadata with a user's corrections laid over it: each corrected field takes the
    user's value (an empty one clears it) and the provenance "user"."""
    fields = {k: v for k, v in values.items() if k in META_FIELDS}
    if not fields:
        return metadata
    kept = tuple(p for p in metadata.provenance if p.field not in fields)
    added = tuple(Provenance(k, "user", False) for k, v in fields.items() if v)
    provenance = tuple(sorted(kept + added, key=lambda p: META_FIELDS.index(p.field)))
    return replace(metadata, **fields, provenance=provenance)
