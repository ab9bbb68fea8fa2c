"""What a document's first pages print about it: the cover's title and date, the imprint page.

The imprint page is the page with "First published", "©", an ISBN, "All rights reserved"...
(in the first pages, or the last two). Each finder here returns a value with whether it is
only a guess; `source.metadata` weighs them against the PDF's Info and XMP.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median

from source.lines import Line

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
ISO_DATE = re.compile(r"(?<![\w/.-])(?:1[6-9]|20)\d\d-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?![\w/.-])")
"""A date in ISO form, as manuals print their version's date ("Version 2022-09-08")."""
DATE = re.compile(rf"\b(?:\d{{1,2}}\s+)?(?:{MONTHS})\s+(?:\d{{1,2}},\s+)?\d{{4}}\b|{ISO_DATE.pattern}")
"""A date as reports print it: "March 2016", "6 May 2025", "January 1, 2023"; or in ISO form."""
REPORT_NUMBER = re.compile(
    r"\b(?:Index|Report\s+(?:No\.?|number)|Document\s+(?:No\.?|number)|File\s+No\.?|Ref(?:erence)?\.?|ISBN)"
    r"\s*:?\s*([A-Z0-9][A-Z0-9 ./\-]{3,40}[A-Z0-9])(?![A-Za-z0-9])",
)
"""A report, index or document number, or an ISBN, after its name."""
SYMBOL_LINE = re.compile(r"[A-Z]{1,6}(?:/[A-Z0-9][A-Za-z0-9.\-]*){2,}")
"""A line that is only a UN-style document symbol ("A/HRC/EMRIP/2025/3", "CCPR/C/GC/34")."""
IMPRINT_SIGNS = re.compile(
    r"First published|©|\(c\)\s*\d{4}|Copyright|ISBN|ISSN|All rights reserved|Published (?:in \d{4} )?by|"
    r"Printed (?:in|by)|Index:|licen[cs]e",
    re.IGNORECASE,
)
"""What marks an imprint page; the page with most kinds of these is the imprint."""
PUBLISHED = re.compile(
    rf"(?:First\s+)?[Pp]ublished\s+(?:in\s+(?P<date>(?:(?:\d{{1,2}}\s+)?(?:{MONTHS})\s+)?\d{{4}})\s+)?"
    r"by\s+(?P<who>[A-Z][^.,;\n()]{2,80})"
)
"""An imprint's "First published in 2016 by Amnesty International Ltd"."""
FIRST_PUBLISHED = re.compile(
    rf"First\s+published\s+(?:in\s+)?(?P<date>(?:(?:\d{{1,2}}\s+)?(?:{MONTHS})\s+)?\d{{4}})"
)
""""First published in March 2016" (with or without "by ...")."""
COPYRIGHT = re.compile(
    r"(?:©|\(c\)|Copyright(?:\s*©)?)\s*(?:(?P<y1>\d{4})(?:\s*[-–]\s*\d{4})?\s*(?:by\s+)?(?P<h1>[A-Z][^\n.,;©]{2,80})"
    r"|(?P<h2>[A-Z][^\n\d©,;]{2,80}?)\s*,?\s*(?P<y2>\d{4}))"
)
"""A copyright line: "© World Health Organization 2022", "© 2025 by The Harvard Law Review Association"."""
AVAILABLE_AT = re.compile(
    r"\b(?:this|the)\s+(?:report|document|publication|paper|book|study)\s+(?:is\s+)?(?:also\s+)?"
    r"available\s+(?:online\s+)?(?:at|from|on)\s*:?\s*(?P<url>https?://\S+)",
    re.IGNORECASE,
)
"""Where a document says it is published online: "This report is available at https://..."."""

COVER_PAGES = 2
"""Pages whose text may confirm an Info/XMP title (a cover image may come first)."""
FRONT_PAGES = 6
"""Pages at the front searched for the imprint and for a report number."""
BACK_PAGES = 2
"""Pages at the back searched for the imprint (reports often print it on the back cover)."""
TITLE_SIZE_RATIO = 1.15
"""Text at least this many times the cover's median line size is display type (a title)."""
SAME_SIZE = 0.5
"""Lines whose sizes differ by no more than this (pt) are set in one size."""
DATE_LINE_EXTRA_WORDS = 3
"""A cover date is taken as the document's date (not a guess) when its line holds at most this
many other words (besides a report number): "March 2016", "Index: ASA 24/3373/2016 March 2016"."""


@dataclass(frozen=True)
class Found:
    """A value read from the page, and whether it is only a guess."""

    value: str
    """The value as printed (spaces normalised)."""
    guess: bool
    """True when it may well not be what the field asks for."""


def words(text: str) -> list[str]:
    """The words of a text, lower-cased, without punctuation."""
    return re.findall(r"[^\W_]+", text.lower())


def cover_lines(pages: Sequence[Sequence[Line]], count: int = 1) -> list[Line]:
    """The lines of the cover: the first page with text (and the `count` - 1 pages after it)."""
    start = next((i for i, lines in enumerate(pages) if any(ln.text.strip() for ln in lines)), 0)
    return [ln for lines in pages[start : start + count] for ln in lines if ln.text.strip()]


def display_lines(lines: Sequence[Line]) -> list[Line]:
    """The lines set in display type (clearly larger than most lines of the page)."""
    if not lines:
        return []
    typical = median(ln.size for ln in lines)
    return [ln for ln in lines if ln.size >= typical * TITLE_SIZE_RATIO]


def title_on(title: str, lines: Sequence[Line]) -> str:
    """How a title stands in these lines: "display" (printed whole in display type, from the
    start of a run of display lines of one size to the end of one), "body" (printed, but in
    body type or as part of a longer display text: "UNITED" of "UNITED NATIONS"), "cut"
    (printed, but the title stops inside a word: a truncated Info title such as "The Law
    Library serves the needs of the U"), or "absent"."""
    want = words(title)
    if not want:
        return "absent"
    flat = [(w, n) for n, ln in enumerate(lines) for w in words(ln.text)]
    big = {id(ln) for ln in display_lines(lines)}
    found = "absent"
    size = len(want)
    for i in range(len(flat) - size + 1):
        got = [w for w, _ in flat[i : i + size]]
        if got[:-1] != want[:-1] or not got[-1].startswith(want[-1]):
            continue
        if got[-1] != want[-1]:
            found = "cut"
            continue
        first, last = flat[i][1], flat[i + size - 1][1]
        in_display = all(id(lines[n]) in big for n in range(first, last + 1))
        whole = _run_edge(flat, i, lines, -1) and _run_edge(flat, i + size - 1, lines, 1)
        return "display" if in_display and whole else "body"
    return found


def _run_edge(flat: list[tuple[str, int]], at: int, lines: Sequence[Line], step: int) -> bool:
    """True when the word at `at` is the first (step -1) or last (step 1) of its run of display
    text: the word beside it is on another line, set in another size."""
    beside = at + step
    if not 0 <= beside < len(flat):
        return True
    here, there = lines[flat[at][1]], lines[flat[beside][1]]
    return here is not there and abs(here.size - there.size) > SAME_SIZE


def cover_date(lines: Sequence[Line]) -> Found | None:
    """The first date printed on the cover; not a guess when it stands (nearly) alone on its line
    (and, for an ISO date, when the cover prints no other)."""
    iso = {m.group(0) for ln in lines for m in ISO_DATE.finditer(ln.text)}
    for ln in lines:
        match = DATE.search(ln.text)
        if not match:
            continue
        rest = ln.text[: match.start()] + " " + ln.text[match.end() :]
        rest = REPORT_NUMBER.sub(" ", rest)
        alone = len(words(rest)) <= DATE_LINE_EXTRA_WORDS
        # a manual's cover with other ISO dates ("1999-12-13 (revised 2002-02-25, …)") leaves
        # which is the edition's date to a guess
        several = ISO_DATE.fullmatch(match.group(0)) is not None and len(iso) > 1
        return Found(" ".join(match.group(0).split()), guess=not alone or several)
    return None


def cover_number(lines: Sequence[Line]) -> Found | None:
    """A document symbol standing alone on a cover line, else a named number on the cover."""
    for ln in lines:
        if SYMBOL_LINE.fullmatch(ln.text.strip()):
            return Found(ln.text.strip(), guess=False)
    letters = [ln.text.strip() for ln in lines if re.fullmatch(r"[A-Z]{1,2}", ln.text.strip())]
    for ln in lines:  # the UN's way: the first letter set apart in display type ("A" above "/HRC/…")
        joined = f"{letters[0]}{ln.text.strip()}" if letters and ln.text.strip().startswith("/") else ""
        if len(letters) == 1 and SYMBOL_LINE.fullmatch(joined):
            return Found(joined, guess=False)
    for ln in lines:
        match = REPORT_NUMBER.search(ln.text)
        if match:
            return Found(match.group(1).strip(), guess=False)
    return None


def imprint_page(pages: Sequence[Sequence[Line]]) -> list[Line]:
    """The lines of the imprint page (most kinds of imprint signs, at least two; or one
    "First published", "©" or ISBN), among the first and last pages; [] when none."""
    count = len(pages)
    candidates = list(range(min(FRONT_PAGES, count))) + [i for i in range(max(count - BACK_PAGES, 0), count)]
    best: list[Line] = []
    best_score = 0
    for index in dict.fromkeys(candidates):
        text = "\n".join(ln.text for ln in pages[index])
        kinds = {m.group(0).lower()[:5] for m in IMPRINT_SIGNS.finditer(text)}
        strong = bool(re.search(r"First published|©|ISBN", text))
        score = len(kinds) + (1 if strong else 0)
        if score >= 2 and score > best_score:
            best, best_score = list(pages[index]), score
    return best


def imprint_values(lines: Sequence[Line]) -> dict[str, Found]:
    """Publisher, date, report number and URL as an imprint page prints them."""
    text = "\n".join(ln.text for ln in lines)
    flat = " ".join(text.split())
    found: dict[str, Found] = {}
    published = PUBLISHED.search(text)
    if published:
        found["publisher"] = Found(published.group("who").strip(), guess=False)
    first = FIRST_PUBLISHED.search(flat)
    if first:
        found["date"] = Found(first.group("date"), guess=False)
    copyright_ = COPYRIGHT.search(text)
    if copyright_:
        holder = (copyright_.group("h1") or copyright_.group("h2") or "").strip()
        year = copyright_.group("y1") or copyright_.group("y2") or ""
        if holder and "publisher" not in found:
            found["publisher"] = Found(" ".join(holder.split()), guess=True)
        if year and "date" not in found:
            found["date"] = Found(year, guess=True)
    number = REPORT_NUMBER.search(text)
    if number:
        found["report_number"] = Found(number.group(1).strip(), guess=False)
    url = AVAILABLE_AT.search(flat)
    if url:
        found["url"] = Found(url.group("url").rstrip(".,;)"), guess=False)
    return found


def text_date(pages: Sequence[Sequence[Line]]) -> Found | None:
    """The first date in the text of the first pages: a guess at best."""
    for lines in pages[:3]:
        for ln in lines:
            match = DATE.search(ln.text)
            if match:
                return Found(" ".join(match.group(0).split()), guess=True)
    return None


def text_number(pages: Sequence[Sequence[Line]]) -> Found | None:
    """A named report number in the text of the first pages: a guess."""
    for lines in pages[:FRONT_PAGES]:
        for ln in lines:
            match = REPORT_NUMBER.search(ln.text)
            if match:
                return Found(match.group(1).strip(), guess=True)
    return None
