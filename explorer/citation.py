"""Format a quote with a citation: Chicago, APA, MLA, Harvard, plain, Markdown with footnote.

Headless (no Textual). The quote is kept verbatim; the citation carries the printed page
label, or a range ("22–23") when the quote runs across a page break. Page labels come as
`Document.display_label` gives them: a page that prints no number is "[6]" when its number
is guessed (the bracketed page of the citation manuals) and "[#3]" when it is not, which a
citation spells out: "unnumbered page (PDF p. 3)". No citation shows a guess as printed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from source.model import Metadata

Style = Literal["chicago", "apa", "mla", "harvard", "plain", "markdown"]

STYLES: tuple[Style, ...] = ("chicago", "apa", "mla", "harvard", "plain", "markdown")
"""Every style, in the order the TUI cycles through them."""

STYLE_NAMES: dict[Style, str] = {
    "chicago": "Chicago",
    "apa": "APA",
    "mla": "MLA",
    "harvard": "Harvard",
    "plain": "plain",
    "markdown": "Markdown footnote",
}
"""The name shown to the user for each style."""

EN_DASH = "\u2013"
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
_PHYSICAL = re.compile(r"^\[#(\d+)\]$")


@dataclass(frozen=True)
class Source:
    """What a citation says about the document."""

    title: str
    """The document's title ("Untitled" when unknown)."""
    author: str
    """The author or publishing body ("" when unknown)."""
    date: str
    """The date as printed ("March 2016"), or "n.d."."""
    year: str
    """The year of `date`, or "n.d."."""
    report_number: str = ""
    """A report number, if any."""

    @classmethod
    def of(cls, metadata: Metadata) -> Source:
        """The Source for a document's metadata."""
        title = " ".join(metadata.title.split()) or "Untitled"
        date = " ".join(metadata.date.split())
        match = _YEAR.search(date)
        return cls(
            title=title,
            author=" ".join(metadata.author.split()),
            date=date or "n.d.",
            year=match.group(1) if match else "n.d.",
            report_number=" ".join(metadata.report_number.split()),
        )


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


def _pp(first: str, last: str | None) -> str:
    pages = page_range(first, last)
    if _unnumbered(first, last):
        return pages
    return f"pp. {pages}" if EN_DASH in pages else f"p. {pages}"


def _end(text: str) -> str:
    """Text ending with exactly one full stop (unless it ends with other punctuation)."""
    return text if text.endswith((".", "?", "!")) else text + "."


def format_citation(
    quote: str, metadata: Metadata, first: str, last: str | None = None, style: Style = "chicago"
) -> str:
    """The quote, verbatim, with a citation in `style` for printed pages `first` (to `last`)."""
    src = Source.of(metadata)
    pages = page_range(first, last)
    who = src.author or src.title
    report = f", {src.report_number}" if src.report_number else ""
    if style == "chicago":
        byline = f"{src.author}, " if src.author else ""
        return f"\u201c{quote}\u201d\n\n{byline}{src.title}{report} ({src.date}), {pages}."
    if style == "apa":
        reference = (
            f"{_end(src.author)} ({src.year}). {_end(src.title)}"
            if src.author
            else (f"{_end(src.title)} ({src.year}).")
        )
        return f"\u201c{quote}\u201d ({who}, {src.year}, {_pp(first, last)})\n\n{reference}"
    if style == "mla":
        byline = f"{_end(src.author)} " if src.author else ""
        return f"\u201c{quote}\u201d ({who} {pages})\n\n{byline}{_end(src.title)} {_end(src.date)}"
    if style == "harvard":
        reference = (
            f"{src.author} ({src.year}) {_end(src.title)}" if src.author else (f"{src.title} ({src.year}).")
        )
        return f"\u201c{quote}\u201d ({who} {src.year}, {_pp(first, last)})\n\n{reference}"
    if style == "plain":
        byline = f"{src.author}, " if src.author else ""
        return f"\u201c{quote}\u201d \u2014 {byline}{src.title}, {src.date}, {_pp(first, last)}"
    if style == "markdown":
        byline = f"{src.author}, " if src.author else ""
        lines = "\n".join(f"> {line}" if line else ">" for line in quote.split("\n"))
        return f"{lines}[^1]\n\n[^1]: {byline}*{src.title}*{report} ({src.date}), {_pp(first, last)}."
    raise ValueError(f"unknown citation style: {style!r} (choose from {', '.join(STYLES)})")


def next_style(style: Style) -> Style:
    """The style after `style`, wrapping round."""
    return STYLES[(STYLES.index(style) + 1) % len(STYLES)]
