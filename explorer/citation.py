"""A quote with its citation, in every style: Chicago, APA, MLA, Harvard (rendered from their
CSL files through `explorer.csl`), plain, Markdown with a footnote, pandoc, BibTeX, RIS, CSL-JSON.

Headless (no Textual). The quote is the source's words; only its typography changes as the
style wants (`explorer.quotes`): no second pair of outer quotation marks, inner double
quotes made single (double inside Harvard's single), the full stop inside the closing
quote before Chicago's note number and after the parenthetical in APA, MLA and Harvard.
The citation carries the printed page label, or a range ("22–23", en dash) when the quote
runs across a page break. Page labels come as `Document.display_label` gives them: a page
that prints no number is "[6]" when its number is guessed (the bracketed page of the
citation manuals, cited as "p. [6]") and "[#3]" when it is not, which a citation spells
out: "unnumbered page (PDF p. 3)". No citation shows a guess as printed.

APA and Harvard want the entry's title in sentence case: `explorer.sentencecase` does it
without lower-casing the proper nouns the document itself capitalises; a title the user set
is used as typed.

The document is described by `explorer.citeitem.citation_item` (the one place metadata is
read); `explorer.citeformats` writes the machine formats and the Web Annotation.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any, Literal, get_args

from explorer import csl, quotes
from explorer.citeformats import bibtex, bibtex_cite, pandoc_cite, ris
from explorer.citeitem import citation_item, item_of
from explorer.sentencecase import Lexicon, all_capitals, lexicon_of, sentence_case, title_case
from source.model import Document, Metadata

Style = Literal[
    "chicago", "apa", "mla", "harvard", "plain", "markdown", "pandoc", "bibtex", "ris", "csl-json"
]

STYLES: tuple[Style, ...] = get_args(Style)
"""Every style, in the order the TUI cycles through them (`citex cite` also has "annotation")."""

STYLE_NAMES: dict[Style, str] = {
    "chicago": "Chicago",
    "apa": "APA",
    "mla": "MLA",
    "harvard": "Harvard",
    "plain": "plain",
    "markdown": "Markdown footnote",
    "pandoc": "pandoc",
    "bibtex": "BibTeX",
    "ris": "RIS",
    "csl-json": "CSL-JSON",
}
"""The name shown to the user for each style."""

EN_DASH = "\u2013"
NOTE_MARK = "\u00b9"
"""The note number after a Chicago quote (superscript 1: the copied quote is the note's only one)."""
LABEL_HASH_LENGTH = 6
"""Hex digits of the quote's hash in a Markdown footnote label (two quotes on a page never collide)."""
_PHYSICAL = re.compile(r"^\[#(\d+)\]$")
_PLACEHOLDER = "citexpage"
"""The locator handed to citeproc for a page without a printed number, then spelled out."""


@dataclass(frozen=True)
class Cited:
    """A quote with its citation in one style."""

    style: Style
    """The style it is in."""
    quote: str
    """The quote as the style prints it (its own words; typography as the style wants)."""
    citation: str
    """The note (Chicago), the in-text citation (APA, MLA, Harvard), or the format's citation
    (`[@key, p. 15]`, `\\cite[p.~15]{key}`)."""
    bibliography: str
    """The bibliography or reference-list entry (BibTeX, RIS or CSL-JSON for those formats)."""
    text: str
    """Everything to paste: the quote, its citation and the entry."""


def page_range(first: str, last: str | None = None) -> str:
    """ "22", or "22–23" when the quote ends on another printed page; an unnumbered page
    without a guess ("[#3]") is "unnumbered page (PDF p. 3)"."""
    if _unnumbered(first, last):
        return _physical_range(first, last)
    if not last or last == first:
        return first
    return f"{first}{EN_DASH}{last}"


def _unnumbered(first: str, last: str | None) -> bool:
    return bool(_PHYSICAL.match(first) or (last and _PHYSICAL.match(last)))


def _physical_range(first: str, last: str | None) -> str:
    def spell(label: str) -> str:
        match = _PHYSICAL.match(label)
        return f"unnumbered page (PDF p. {match.group(1)})" if match else f"p. {label}"

    if not last or last == first:
        return spell(first)
    return f"{spell(first)} to {spell(last)}"


def _render(item: dict[str, Any], style: csl.CslStyle, first: str, last: str | None) -> tuple[str, str]:
    """The CSL note or in-text citation with the page, and the entry; an unnumbered page spelled out."""
    if not _unnumbered(first, last):
        return csl.render(item, style, page_range(first, last))
    note, entry = csl.render(item, style, _PLACEHOLDER)
    match = re.search(rf"(?:pp?\.\s)?{_PLACEHOLDER}", note)
    if match is None:
        return note, entry
    before, after = note[: match.start()], note[match.end() :]
    if (
        before.endswith(" ") and before.rstrip()[-1:].isalnum()
    ):  # MLA "(Title 15)": "(Title, unnumbered page …)"
        before = before.rstrip() + ", "
    return before + page_range(first, last) + after, entry


def _item(source: Document | Metadata | dict[str, Any]) -> dict[str, Any]:
    if isinstance(source, Document):
        return citation_item(source)
    if isinstance(source, Metadata):
        return item_of(source)
    return source


def footnote_label(key: str, first: str, last: str | None, quote: str) -> str:
    """A Markdown footnote label unique per quote: key, page and a short hash of the quote's words
    ("amnesty2016connection-p15-3f2a9c")."""
    pages = (
        page_range(first, last)
        if not _unnumbered(first, last)
        else "pdf" + "".join(m.group(1) for m in (_PHYSICAL.match(x or "") for x in (first, last)) if m)
    )
    page = re.sub(r"[^0-9A-Za-z]+", "-", pages).strip("-") or "n"
    digest = hashlib.sha256(" ".join(quote.split()).encode("utf-8")).hexdigest()[:LABEL_HASH_LENGTH]
    return f"{key}-p{page}-{digest}"


def _sentence_cased(
    item: dict[str, Any], source: Document | Metadata | dict[str, Any], lexicon: Lexicon | None, style: str
) -> dict[str, Any]:
    """The item with its title (and short title) in sentence case for APA and Harvard's entry (APA
    capitalises the subtitle's first word, Cite Them Right does not); a title the user typed
    (`citex meta --set title=`) is used as typed."""
    if _user_title(source):
        return item
    cased = dict(item)
    for name in ("title", "title-short"):
        if name in cased:
            cased[name] = sentence_case(str(cased[name]), lexicon, subtitle_capital=style == "apa")
    return cased


def lexicon_for(document: Document, metadata: Metadata, style: Style) -> Lexicon | None:
    """The document's lexicon when `style` needs it (APA and Harvard's sentence case, or a title
    printed all in capitals), else None: it takes a read of the whole body to build."""
    if style in ("apa", "harvard") or all_capitals(metadata.title):
        return lexicon_of(document)
    return None


def _title_cased(
    item: dict[str, Any], source: Document | Metadata | dict[str, Any], lexicon: Lexicon
) -> dict[str, Any]:
    """The item with a title printed all in capitals in title case (every style then cases it as
    it wants); a title the user typed is left as typed."""
    if _user_title(source):
        return item
    cased = dict(item)
    for name in ("title", "title-short"):
        if name in cased:
            cased[name] = title_case(str(cased[name]), lexicon)
    return cased


def _user_title(source: Document | Metadata | dict[str, Any]) -> bool:
    """True when the title is the user's correction (`citex meta --set title=`)."""
    metadata = source.metadata if isinstance(source, Document) else source
    origin = metadata.origin("title") if isinstance(metadata, Metadata) else None
    return origin is not None and origin.source == "user"


def cite(
    quote: str,
    source: Document | Metadata | dict[str, Any],
    first: str,
    last: str | None = None,
    style: Style = "chicago",
    lexicon: Lexicon | None = None,
) -> Cited:
    """The quote with its citation in `style` for printed pages `first` (to `last`); `source` is the
    document (its `citation_item`), its metadata, or a CSL-JSON item. APA and Harvard put the
    entry's title in sentence case with the `lexicon` of the document's own capitals
    (`explorer.sentencecase`; taken from `source` when it is the document; without one the title
    is left as it is); their in-text citations keep the title as printed (APA 7: title case there)."""
    if style not in STYLES:
        raise ValueError(f"unknown citation style: {style!r} (choose from {', '.join(STYLES)})")
    item = _item(source)
    if lexicon is None and isinstance(source, Document):
        lexicon = lexicon_of(source)
    if all_capitals(str(item.get("title", ""))) and lexicon is not None:
        item = _title_cased(item, source, lexicon)
    key = str(item["id"])
    if style in ("chicago", "plain", "markdown"):
        note, entry = _render(item, "chicago", first, last)
        if style == "chicago":
            said = quotes.american_sentence(quote)
            return Cited(style, said, note, entry, f"{said}{NOTE_MARK}\n\n1. {note}\n\n{entry}")
        if style == "plain":
            said = quotes.american(quote)
            return Cited(style, said, note, entry, f"{said} \u2014 {note}")
        label = footnote_label(key, first, last, quote)
        block = quotes.block(quote)
        lines = "\n".join(f"> {line}" if line else ">" for line in block.split("\n"))
        return Cited(style, block, note, entry, f"{lines}[^{label}]\n\n[^{label}]: {note}")
    if style in ("apa", "mla", "harvard"):
        in_text, entry = _render(item, style, first, last)
        cased = _sentence_cased(item, source, lexicon, style) if style != "mla" else item
        if cased != item:
            entry = _render(cased, style, first, last)[1]
        said, end = quotes.before_parenthetical(quote, british=style == "harvard")
        return Cited(style, said, in_text, entry, f"{said} {in_text}{end}\n\n{entry}")
    said = quotes.american(quote)
    pages = page_range(first, last)
    ranged = EN_DASH in pages and not _unnumbered(first, last)
    if style == "pandoc":
        citation = pandoc_cite(key, pages, ranged, _unnumbered(first, last))
        entry = json.dumps([item], ensure_ascii=False, indent=2)
        return Cited(style, said, citation, entry, f"{said} {citation}\n\n{entry}")
    if style == "bibtex":
        citation = bibtex_cite(key, pages, ranged, _unnumbered(first, last))
        entry = bibtex(item)
        return Cited(style, said, citation, entry, f"{said} {citation}\n\n{entry}")
    if style == "ris":
        entry = ris(item)
        citation = (
            f"{key}, {pages}" if _unnumbered(first, last) else f"{key}, p{'p' if ranged else ''}. {pages}"
        )
        return Cited(style, said, citation, entry, f"{said} ({citation})\n\n{entry}")
    entry = json.dumps(item, ensure_ascii=False, indent=2)
    locator: dict[str, Any] = {"id": key, "locator": pages, "label": "page"}
    citation = json.dumps(locator, ensure_ascii=False)
    return Cited(style, said, citation, entry, f"{said} {citation}\n\n{entry}")


def format_citation(
    quote: str,
    source: Document | Metadata | dict[str, Any],
    first: str,
    last: str | None = None,
    style: Style = "chicago",
    lexicon: Lexicon | None = None,
) -> str:
    """The quote with its citation in `style`, ready to paste (`cite(...).text`): what the TUI copies."""
    return cite(quote, source, first, last, style, lexicon).text


def next_style(style: Style) -> Style:
    """The style after `style`, wrapping round."""
    return STYLES[(STYLES.index(style) + 1) % len(STYLES)]
