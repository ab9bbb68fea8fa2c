"""Machine formats of a citation, written from its CSL-JSON item: BibTeX, RIS, the pandoc and
LaTeX citations, and a W3C Web Annotation that lets a quote be found and checked again.

Headless. BibTeX: `@techreport` (institution, number) for a report, `@article` (journal,
volume, number, pages) for a journal article, `@book` for a book, `@misc` otherwise; an
organisation's name is braced whole so BibTeX does not split it into given and family names.
RIS: TY RPRT / JOUR / BOOK / GEN, the report number in SN (as Zotero writes it).

The annotation (https://www.w3.org/TR/annotation-model/) targets the PDF, named by the
sha256 of its bytes (`urn:sha256:…`), with its /ID fingerprint (`urn:x-pdf:…`, the
identifier PDF.js and Hypothesis use) when it has one; its selectors:
- TextQuoteSelector: `exact` (the source's words as read), `prefix` and `suffix` (the
  ANNOTATION_CONTEXT characters before and after, in the text below);
- TextPositionSelector: `start` and `end` offsets into the document's body text as Citex
  reads it: every page's blocks (`Page.blocks`, reading order, `Block.text`), each block
  followed by "\\n\\n" (so a page's text is its blocks joined by blank lines, and the
  document's is its pages' in order). For a quote in a footnote: offsets into that
  note's text (`Note.text`), said in the selector's `refinedBy`-free `citex:text` field;
- FragmentSelector `page=N` (RFC 8118: the physical page), and `citex:page_label`.
"""

from __future__ import annotations

import re
from typing import Any

from source.model import Document

ANNOTATION_CONTEXT = 32
"""Characters of prefix and suffix in the annotation's TextQuoteSelector."""
BLOCK_SEPARATOR = "\n\n"
"""What follows each block in the text that TextPositionSelector offsets count in."""

_BIBTEX_TYPES = {"report": "techreport", "article-journal": "article", "book": "book"}
_RIS_TYPES = {"report": "RPRT", "article-journal": "JOUR", "book": "BOOK"}
_BIBTEX_SPECIAL = re.compile(r"([&%$#_{}])")
_MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()


def _escape(value: str) -> str:
    """A value safe inside BibTeX braces: & % $ # _ { } escaped, ~ ^ \\ spelled."""
    value = value.replace("\\", r"\textbackslash{}").replace("~", r"\textasciitilde{}")
    value = value.replace("^", r"\textasciicircum{}")
    return _BIBTEX_SPECIAL.sub(r"\\\1", value).replace(r"\textbackslash\{\}", r"\textbackslash{}")


def _names(item: dict[str, Any], role: str) -> list[tuple[str, str, str]]:
    """(family, given, literal) of each name in a role."""
    return [
        (str(n.get("family", "")), str(n.get("given", "")), str(n.get("literal", "")))
        for n in item.get(role) or []
    ]


def _date(item: dict[str, Any]) -> list[int]:
    parts = (item.get("issued") or {}).get("date-parts") or [[]]
    return [int(p) for p in parts[0]] if parts and parts[0] else []


def bibtex(item: dict[str, Any]) -> str:
    """The BibTeX entry of a CSL-JSON item."""
    kind = _BIBTEX_TYPES.get(str(item.get("type", "")), "misc")
    fields: list[tuple[str, str]] = []
    authors = [
        f"{{{lit}}}" if lit else f"{fam}, {giv}".strip(", ") for fam, giv, lit in _names(item, "author")
    ]
    if authors:
        fields.append(("author", " and ".join(_escape_name(a) for a in authors)))
    if item.get("title"):
        fields.append(("title", "{" + _escape(str(item["title"])) + "}"))
    publisher = str(item.get("publisher", ""))
    if kind == "techreport":
        fields.append(("institution", _escape(publisher or _literal_author(item))))
        if item.get("number"):
            fields.append(("number", _escape(str(item["number"]))))
    elif kind == "article":
        for csl_name, bib_name in (("container-title", "journal"), ("volume", "volume"), ("issue", "number")):
            if item.get(csl_name):
                fields.append((bib_name, _escape(str(item[csl_name]))))
        if item.get("page"):
            fields.append(("pages", _escape(str(item["page"])).replace("-", "--").replace("\u2013", "--")))
    elif publisher:
        fields.append(("publisher", _escape(publisher)))
    if item.get("publisher-place") and kind != "article":
        fields.append(("address", _escape(str(item["publisher-place"]))))
    date = _date(item)
    if date:
        fields.append(("year", str(date[0])))
        if len(date) > 1 and 1 <= date[1] <= 12:
            fields.append(("month", _MONTHS[date[1] - 1]))
    for csl_name, bib_name in (("ISBN", "isbn"), ("DOI", "doi"), ("URL", "url")):
        if item.get(csl_name):
            fields.append((bib_name, str(item[csl_name])))
    body = ",\n".join(
        f"  {name} = {value if name == 'month' else '{' + value + '}'}" for name, value in fields
    )
    return f"@{kind}{{{item['id']},\n{body}\n}}"


def _escape_name(name: str) -> str:
    if name.startswith("{") and name.endswith("}"):
        return "{" + _escape(name[1:-1]) + "}"
    return _escape(name)


def _literal_author(item: dict[str, Any]) -> str:
    names = _names(item, "author")
    return names[0][2] if names else ""


def bibtex_cite(key: str, pages: str, ranged: bool, unnumbered: bool) -> str:
    """`\\cite[{p.~15}]{key}` (biblatex and natbib read the optional argument as the page; braced so
    that a bracketed page, "[6]", does not end it)."""
    if unnumbered:
        return f"\\cite[{{{pages}}}]{{{key}}}"
    label = "pp." if ranged else "p."
    return f"\\cite[{{{label}~{pages.replace(chr(0x2013), '--')}}}]{{{key}}}"


def pandoc_cite(key: str, pages: str, ranged: bool, unnumbered: bool) -> str:
    """`[@key, p. 15]`: pandoc's citation with its locator (a page without a number as a free suffix)."""
    pages = pages.replace("[", "\\[").replace("]", "\\]")  # "[6]" inside pandoc's brackets
    if unnumbered:
        return f"[@{key}, {pages}]"
    return f"[@{key}, {'pp.' if ranged else 'p.'} {pages}]"


def ris(item: dict[str, Any]) -> str:
    """The RIS record of a CSL-JSON item (tags as Zotero reads them), ending with `ER  - `."""
    lines = [("TY", _RIS_TYPES.get(str(item.get("type", "")), "GEN"))]
    for family, given, literal in _names(item, "author"):
        lines.append(("AU", literal or ", ".join(p for p in (family, given) if p)))
    if item.get("title"):
        lines.append(("TI", str(item["title"])))
    for csl_name, tag in (
        ("container-title", "T2"),
        ("volume", "VL"),
        ("issue", "IS"),
        ("publisher", "PB"),
        ("publisher-place", "CY"),
        ("number", "SN"),
        ("ISBN", "SN"),
        ("DOI", "DO"),
        ("URL", "UR"),
    ):
        if item.get(csl_name):
            lines.append((tag, str(item[csl_name])))
    if item.get("page"):
        first, _, last = str(item["page"]).replace("\u2013", "-").partition("-")
        lines.append(("SP", first))
        if last:
            lines.append(("EP", last))
    date = _date(item)
    if date:
        lines.append(("PY", str(date[0])))
        parts = [str(date[0]), *(f"{p:02d}" for p in date[1:3])]
        lines.append(("DA", "/".join([*parts, *[""] * (3 - len(parts))]) + "/"))
    lines.append(("ER", ""))
    return "\n".join(f"{tag}  - {' '.join(value.split())}" for tag, value in lines)


def body_text(document: Document) -> str:
    """The text TextPositionSelector offsets count in (see the module docstring)."""
    return "".join(block.text + BLOCK_SEPARATOR for page in document.pages for block in page.blocks)


def block_offset(document: Document, page: int, block: int) -> int:
    """Where block `block` of physical page `page` starts in `body_text(document)`."""
    at = 0
    for p in document.pages[: page - 1]:
        at += sum(len(b.text) + len(BLOCK_SEPARATOR) for b in p.blocks)
    return at + sum(len(b.text) + len(BLOCK_SEPARATOR) for b in document.pages[page - 1].blocks[:block])


def located(
    document: Document, span: tuple[int, int, int, int, int, int] | None, note: int = -1
) -> tuple[str, str, int, int] | None:
    """(which text, the text, start, end) of a quote: body text for a span (page, block, start,
    end_page, end_block, end), a note's text for note `note`; None when neither is known."""
    if span is not None:
        page, block, start, end_page, end_block, end = span
        text = body_text(document)
        return (
            "body",
            text,
            block_offset(document, page, block) + start,
            block_offset(document, end_page, end_block) + end,
        )
    if 0 <= note < len(document.notes):
        return f"note {document.notes[note].label}", document.notes[note].text, -1, -1
    return None


def annotation(
    document: Document,
    exact: str,
    where: tuple[str, str, int, int] | None,
    page: int,
    page_label: str,
    citation: str,
    pdf_id: tuple[str, ...] = (),
) -> dict[str, Any]:
    """A W3C Web Annotation of a quote (see the module docstring); `where` is `located(...)`."""
    selectors: list[dict[str, Any]] = [
        {
            "type": "FragmentSelector",
            "conformsTo": "http://tools.ietf.org/rfc/rfc8118",
            "value": f"page={page}",
        }
    ]
    quote: dict[str, Any] = {"type": "TextQuoteSelector", "exact": exact}
    if where is not None:
        name, text, start, end = where
        if start < 0:  # a note: find the words in its text
            start = text.find(exact)
            end = start + len(exact) if start >= 0 else -1
        if start >= 0:
            quote["prefix"] = text[max(0, start - ANNOTATION_CONTEXT) : start]
            quote["suffix"] = text[end : end + ANNOTATION_CONTEXT]
            selectors.append({"type": "TextPositionSelector", "start": start, "end": end, "citex:text": name})
    selectors.insert(1, quote)
    source = f"urn:sha256:{document.id}"
    target: dict[str, Any] = {"source": source, "format": "application/pdf", "selector": selectors}
    if pdf_id:
        target["citex:pdf_id"] = list(pdf_id)
        target["sameAs"] = f"urn:x-pdf:{pdf_id[0]}"
    target["citex:page_label"] = page_label
    return {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "Annotation",
        "motivation": "quoting",
        "body": {"type": "TextualBody", "value": citation, "format": "text/plain", "purpose": "describing"},
        "target": target,
    }
