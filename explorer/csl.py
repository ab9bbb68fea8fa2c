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

Also worked round (see each function): `initialize="false"` ignored (given names initialised),
`disambiguate` ignored (the branch always taken), a substituted macro's variables printed again,
American punctuation inside closing quotes not applied, the locator replacing an item's page range
and skipping the style's page-range-format. These are patches of citeproc.model (Name.initialize,
Substitute.render), applied once, when a style is first loaded.
`explorer.citation` builds on this.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any, Literal

from explorer.names import csl_names, is_organisation
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
    """A CSL-JSON item for a document: a report when it has a report number, else a book. A person
    author is given as family and given names (`explorer.names`), an organisation as a literal
    name that is also the publisher (unless the document names another)."""
    isbn = is_isbn(metadata.report_number)
    item: dict[str, Any] = {"id": key, "type": "report" if metadata.report_number and not isbn else "book"}
    if metadata.title:
        item["title"] = " ".join(metadata.title.split())
    if metadata.author:
        item["author"] = csl_names(metadata.author)
    if metadata.publisher:
        item["publisher"] = metadata.publisher
    elif metadata.author and is_organisation(metadata.author):
        item["publisher"] = metadata.author  # a body that writes its own report publishes it
    if isbn:
        item["ISBN"] = metadata.report_number  # a book's ISBN is no report number
    elif metadata.report_number:
        item["number"] = metadata.report_number
    if url:
        item["URL"] = url
    parts = _date_parts(metadata.date)
    if parts:
        item["issued"] = {"date-parts": [parts]}
    return item


def is_isbn(number: str) -> bool:
    """True when the number is an ISBN-10 or ISBN-13 (its check digit agrees)."""
    digits = re.sub(r"[\s-]", "", number).upper()
    if re.fullmatch(r"\d{9}[\dX]", digits):
        total = sum((10 - i) * (10 if c == "X" else int(c)) for i, c in enumerate(digits))
        return total % 11 == 0
    if re.fullmatch(r"97[89]\d{10}", digits):
        return sum((3 if i % 2 else 1) * int(c) for i, c in enumerate(digits)) % 10 == 0
    return False


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


NEVER_SET = "citex-never-set"
"""A CSL variable no item has: a `disambiguate="true"` test is replaced by a test of it (false)."""
_CS = "{http://purl.org/net/xbiblio/csl}"
TITLE_VARIABLES = frozenset({"title", "title-short"})
"""The variables repressed after a title substituted from inside a `<choose>` of a substitute."""


@cache
def _style(style: CslStyle) -> Any:
    from citeproc import CitationStylesStyle

    _patch_citeproc()
    parsed = CitationStylesStyle(str(CSL_DIR / FILES[style]), locale=LOCALES[style], validate=False)
    _no_disambiguation(parsed.root)
    return parsed


def _no_disambiguation(root: Any) -> None:
    """citeproc-py 0.11 ignores `<if disambiguate="true">`, so the branch is always taken (MLA then
    prints the title twice). One item is cited at a time, so nothing needs disambiguating: the test
    becomes one that is false (a variable no item has), which leaves `match` any/all/none exact."""
    for test in root.iter(f"{_CS}if", f"{_CS}else-if"):
        if test.get("disambiguate") == "true":
            del test.attrib["disambiguate"]
            test.set("variable", f"{test.get('variable', '')} {NEVER_SET}".strip())


@cache
def _patch_citeproc() -> None:
    """citeproc-py 0.11 ignores `initialize="false"` on a name (CSL 1.0.2: keep given names whole,
    only punctuate initials already there): "Susan Satterfield" came out "S. Satterfield"."""
    from citeproc.model import Name

    initialize = Name.initialize

    def keep_whole(self: Any, given: str, mark: str, context: Any) -> str:
        if self.get("initialize", "true").lower() == "false":
            return given
        return str(initialize(self, given, mark, context))

    Name.initialize = keep_whole
    _repress_substituted_macros()


def _repress_substituted_macros() -> None:
    """citeproc-py 0.11 represses a variable used as a substitute (CSL 1.0.2, "Substitution") only
    when it is a `<text variable>`: a `<text macro="title"/>` standing in for a missing author left
    the title printed twice (MLA: "Connection Denied. Connection Denied. ..."). Here the variables
    the macro (and the macros it calls) printed are repressed too: those whose value is in its text
    (compared without case: the macro may have changed it). A `<text macro>` inside a `<choose>`
    of the substitute (Harvard's title for an item without an author, "ARTICLE (2025) ARTICLE.")
    has its title variables repressed too."""
    from citeproc.model import Substitute

    render = Substitute.render

    def render_and_repress(self: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
        text = render(self, item, context=context, **kwargs)
        if context is None or not text:
            return text
        layout = context.get_layout()
        for child, nested in _substitutes(self):
            if child.tag == f"{_CS}text" and child.get("macro"):
                for variable in _macro_variables(child, child.get("macro"), set()):
                    if nested and variable not in TITLE_VARIABLES:
                        continue
                    value = item.reference.get(variable.replace("-", "_"))
                    if value is not None and str(value) and str(value).lower() in str(text).lower():
                        layout.repressed.setdefault(f"{_CS}text", []).append(variable)
        return text

    Substitute.render = render_and_repress


def _substitutes(element: Any, nested: bool = False) -> list[tuple[Any, bool]]:
    """The children of a `<substitute>`, with those of the branches of a `<choose>` among them
    (Harvard substitutes `<text macro="title"/>` inside a choose for an item without an author),
    each with whether it is in a branch (only its title variables are repressed: which branch
    was taken is not known here)."""
    found: list[tuple[Any, bool]] = []
    for child in element.getchildren():
        if child.tag == f"{_CS}choose":
            for branch in child.getchildren():
                found += _substitutes(branch, True)
        else:
            found.append((child, nested))
    return found


def _macro_variables(element: Any, name: str, seen: set[str]) -> list[str]:
    """The variables of the `<text variable>` elements of a macro and of the macros it calls."""
    if name in seen:
        return []
    seen.add(name)
    found: list[str] = []
    for text in element.get_macro(name).iter(f"{_CS}text"):
        if text.get("variable"):
            found.append(text.get("variable"))
        elif text.get("macro"):
            found += _macro_variables(element, text.get("macro"), seen)
    return found


def render(item: dict[str, Any], style: CslStyle, page: str | None = None) -> tuple[str, str]:
    """(in-text citation or note, bibliography entry) for one CSL-JSON item, plain text. The page is
    the note's or in-text citation's locator only: the entry keeps the item's own "page" (an article's
    page range), which citeproc-py would replace by the locator if one bibliography rendered both."""
    from citeproc import Citation, CitationItem, Locator

    item = _for_guide(item, style)
    page = _page_range(page, _style(style).root.get("page-range-format", "expanded")) if page else page
    cited = CitationItem(item["id"], locator=Locator("page", page)) if page else CitationItem(item["id"])
    bibliography = _bibliography(item, style)
    citation = Citation([cited])
    bibliography.register(citation)
    in_text = str(bibliography.cite(citation, lambda _: None))
    plain = _bibliography(item, style)
    plain.register(Citation([CitationItem(item["id"])]))
    entry = str(plain.bibliography()[0])
    return _punctuate(in_text, style), _punctuate(entry, style)


_RANGE = re.compile(r"^(\d+)\s*[-\u2013]\s*(\d+)$")


def _page_range(page: str, form: str) -> str:
    """A locator's page range in the style's `page-range-format` (citeproc-py 0.11 applies it to an
    item's "page" only, not to the locator): Chicago "315–16", MLA "315–16", APA "315–316"."""
    match = _RANGE.match(page)
    if not match:
        return page
    first, last = match.groups()
    common = next(
        (i for i, (f, g) in enumerate(zip(first, last, strict=False)) if f != g), min(len(first), len(last))
    )
    if len(first) != len(last):
        common = 0
    if form.startswith("chicago"):  # CMOS 9.64, as citeproc-py formats an item's page range
        number = int(first)
        if number < 100 or number % 100 == 0 or (len(first) >= 4 and common < 2):
            form = "expanded"
        else:
            form = "minimal" if number % 100 < 10 else "minimal-two"
    cut = {"minimal": common, "minimal-two": min(common, len(first) - 2)}.get(form, 0)
    return f"{first}\u2013{last[max(cut, 0) :]}"


def _bibliography(item: dict[str, Any], style: CslStyle) -> Any:
    from citeproc import CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    return CitationStylesBibliography(_style(style), CiteProcJSON([item]), formatter.plain)


PUNCTUATION_IN_QUOTE: dict[CslStyle, bool] = {
    "chicago": True,
    "chicago-author-date": True,
    "apa": True,
    "mla": True,
    "harvard": False,
}
"""Whether a comma or full stop after a closing quotation mark goes inside it (American usage: the
en-US locale's `punctuation-in-quote`, which citeproc-py 0.11 does not apply): “Livy and the Pax Deum,”."""
_AFTER_QUOTE = re.compile("\u201d([.,])")


def _punctuate(text: str, style: CslStyle) -> str:
    return _AFTER_QUOTE.sub("\\1\u201d", text) if PUNCTUATION_IN_QUOTE[style] else text


def _for_guide(item: dict[str, Any], style: CslStyle) -> dict[str, Any]:
    """The item as the guide wants it when the author is also the publisher."""
    authors = item.get("author") or []
    same = (
        len(authors) == 1 and bool(item.get("publisher")) and authors[0].get("literal") == item["publisher"]
    )
    if not same:
        return item
    if style == "apa":  # APA 7, 9.24: omit the publisher when it is the author
        return {k: v for k, v in item.items() if k != "publisher"}
    if style == "mla":  # MLA 9, 2.1.3: a work by an organisation that publishes it begins with its title
        return {k: v for k, v in item.items() if k != "author"}
    return item
