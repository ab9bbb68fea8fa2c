"""Citations rendered from the official CSL style files (explorer/data/csl) through citeproc-py.

Headless. `render(item, style, page)` gives the in-text citation (or the note, for Chicago
notes and bibliography) and the bibliography entry for one CSL-JSON item. The items are
built here (`report_item`), not read from BibTeX: citeproc-py's BibTeX reader drops
`institution`, `type` and `url`. Known gaps of citeproc-py 0.11 worked round here: the
locator must be a `Locator` object; each style gets its own locale (en-US, en-GB for
Harvard: Cite Them Right is British); and where a guide drops an author who is also the
publisher (APA 7: the publisher is left out; MLA 9: the work is entered under its title)
the item is changed before rendering, since the styles' conditions for it are not all
honoured (citeproc-py ignores MLA's `disambiguate`).

Not yet wired into `explorer.citation.format_citation` (issue 9, step 3 left to do).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any, Literal

from source.model import Metadata

CslStyle = Literal["chicago", "chicago-author-date", "apa", "mla", "harvard"]

CSL_DIR = Path(__file__).resolve().parent / "data" / "csl"
"""Where the vendored CSL files are (see its README.md for their licence)."""
FILES: dict[CslStyle, str] = {
    "chicago": "chicago-notes-bibliography.csl",
    "chicago-author-date": "chicago-author-date.csl",
    "apa": "apa.csl",
    "mla": "modern-language-association.csl",
    "harvard": "harvard-cite-them-right.csl",
}
"""The CSL file of each style."""
LOCALES: dict[CslStyle, str] = {
    "chicago": "en-US",
    "chicago-author-date": "en-US",
    "apa": "en-US",
    "mla": "en-US",
    "harvard": "en-GB",
}
"""The locale each style is rendered in (citeproc-py defaults to en-US for all)."""
_YEAR_MONTH = re.compile(r"\b(1[5-9]\d\d|20\d\d)(?:-(\d\d))?")
_MONTHS = "january february march april may june july august september october november december".split()


def report_item(metadata: Metadata, key: str = "doc", url: str = "") -> dict[str, Any]:
    """A CSL-JSON item for a document: a report when it has a report number, else a book."""
    item: dict[str, Any] = {"id": key, "type": "report" if metadata.report_number else "book"}
    if metadata.title:
        item["title"] = " ".join(metadata.title.split())
    if metadata.author:
        item["author"] = [{"literal": metadata.author}]
        item["publisher"] = metadata.author
    if metadata.report_number:
        item["number"] = metadata.report_number
    if url:
        item["URL"] = url
    parts = _date_parts(metadata.date)
    if parts:
        item["issued"] = {"date-parts": [parts]}
    return item


def _date_parts(date: str) -> list[int]:
    match = _YEAR_MONTH.search(date)
    if not match:
        return []
    parts = [int(match.group(1))]
    month = match.group(2) and int(match.group(2))
    if not month:
        words = date.lower().split()
        month = next((i + 1 for i, m in enumerate(_MONTHS) if m in words), 0)
    return [*parts, month] if month else parts


@cache
def _style(style: CslStyle) -> Any:
    from citeproc import CitationStylesStyle

    return CitationStylesStyle(str(CSL_DIR / FILES[style]), locale=LOCALES[style], validate=False)


def render(item: dict[str, Any], style: CslStyle, page: str | None = None) -> tuple[str, str]:
    """(in-text citation or note, bibliography entry) for one CSL-JSON item, plain text."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, Locator, formatter
    from citeproc.source.json import CiteProcJSON

    item = _for_guide(item, style)
    bibliography = CitationStylesBibliography(_style(style), CiteProcJSON([item]), formatter.plain)
    cited = CitationItem(item["id"], locator=Locator("page", page)) if page else CitationItem(item["id"])
    citation = Citation([cited])
    bibliography.register(citation)
    in_text = str(bibliography.cite(citation, lambda _: None))
    entry = str(bibliography.bibliography()[0])
    return in_text, entry


def _for_guide(item: dict[str, Any], style: CslStyle) -> dict[str, Any]:
    """The item as the guide wants it when the author is also the publisher."""
    authors = item.get("author") or []
    same = len(authors) == 1 and authors[0].get("literal") == item.get("publisher")
    if not same:
        return item
    if style == "apa":  # APA 7, 9.24: omit the publisher when it is the author
        return {k: v for k, v in item.items() if k != "publisher"}
    if style == "mla":  # MLA 9, 2.1.3: a work by an organisation that publishes it begins with its title
        return {k: v for k, v in item.items() if k != "author"}
    return item
