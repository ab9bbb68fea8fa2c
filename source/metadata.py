"""Title, author, date and report number: from the PDF's information, else from its first pages."""

from __future__ import annotations

import re
from typing import Any

from source.cleaning import clean
from source.escapes import settle_text
from source.lines import Line
from source.model import Metadata

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DATE = re.compile(rf"\b(?:\d{{1,2}}\s+)?(?:{MONTHS})\s+(?:\d{{1,2}},\s+)?\d{{4}}\b")
REPORT_NUMBER = re.compile(
    r"\b(?:Index|Report\s+(?:No\.?|number)|Document\s+(?:No\.?|number)|Ref(?:erence)?\.?|ISBN)\s*:?\s*"
    r"([A-Z0-9][A-Z0-9 ./\-]{3,40}[A-Z0-9])",
)


def _info(reader: Any) -> dict[str, str]:
    try:
        info = reader.metadata or {}
        return {str(k): clean(str(v)).strip() for k, v in info.items() if v is not None}
    except Exception:  # a damaged information dictionary is no reason to fail
        return {}


def read_metadata(reader: Any, pages: list[list[Line]]) -> Metadata:
    """What the document says about itself."""
    info = _info(reader)
    first = [ln for lines in pages[:3] for ln in lines]
    text = "\n".join(ln.text for ln in first)
    title = info.get("/Title", "")
    if not title and pages and pages[0]:
        biggest = max(ln.size for ln in pages[0])
        title = settle_text(" ".join(ln.text for ln in pages[0] if ln.size >= biggest - 0.5)).strip()
    date_match = DATE.search(text)
    date = date_match.group(0) if date_match else _pdf_date(info.get("/CreationDate", ""))
    number = ""
    for source in (info.get("/Subject", ""), text, _all_text(pages)):
        found = REPORT_NUMBER.search(source)
        if found:
            number = found.group(1).strip()
            break
    return Metadata(
        title=title[:300],
        author=info.get("/Author", ""),
        date=date,
        report_number=number,
        producer=info.get("/Producer", ""),
    )


def _all_text(pages: list[list[Line]]) -> str:
    return "\n".join(ln.text for lines in pages[:6] for ln in lines)


def _pdf_date(raw: str) -> str:
    match = re.match(r"D:(\d{4})(\d{2})?(\d{2})?", raw)
    if not match or match.group(1) in ("1970", "2000") and not match.group(2):
        return ""
    return "-".join(g for g in match.groups() if g)
