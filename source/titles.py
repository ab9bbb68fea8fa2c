"""The title a document's first page prints: its display type, minus what is not the title.

A reader takes the biggest type on the cover for the title. So does `cover_title`, after it
has set aside what a cover prints big that is no title:

- the masthead of a UN-style document: "United Nations", "General Assembly", the symbol and
  "Distr." block (everything printed at or above the bottom of that block), and the organ /
  session / agenda-item block under it ("Human Rights Council ... Item 5 of the provisional
  agenda"); the title is then the heading under those, in display or bold type;
- a journal's masthead: a "Volume 104 | 2025" line and the display line right above it
  (the journal's name);
- labels over a title ("ARTICLE", "NOTE", "CONTENTS", "EXECUTIVE SUMMARY"), numbered
  headings ("1. The river towns"), dates, symbols, a copyright line;
- a running head: a line printed at the same place on the next pages.

Capitals set apart on one baseline (an initial drawn after the rest of its word, "Texas aw
eview nline" + "L", "R", "O") are joined back into their line first, and a drop cap standing
left of a title's first line is joined to it. The title is the top-most block of the
biggest type left, with the display lines set right above or below it (a first line in
smaller type over the main title). When nothing is left in display type, there is no
title: "" rather than a heading taken for one. Whatever is found is a guess (the cover
does not say "this is the title"); `source.metadata` confirms an Info/XMP title with it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from statistics import median

from source.imprint import DATE, SYMBOL_LINE, TITLE_SIZE_RATIO
from source.lines import Line
from source.lineset import LineSet
from source.names import byline
from source.runs import Run

BODY_PAGES = 6
"""Pages whose lines give the document's body size (a cover set all in display type has no
body size of its own)."""
TITLE_MIN_LETTERS = 3
"""A line counts towards a title only when it has at least this many letters (not a logo's "A")."""
SAME_SIZE = 0.5
"""Lines whose sizes differ by no more than this (pt) are set in one size."""
BASELINE_TOLERANCE = 1.0
"""Runs whose baselines differ by no more than this (pt) stand on one baseline."""
SPLIT_CAP_LETTERS = 2
"""A line of at most this many characters on another line's baseline, inside its span and in
its size, is part of it (capitals drawn apart from their words)."""
JOIN_GAP = 0.15
"""Runs further apart than this share of their size are separate words when a line is rebuilt."""
DROP_CAP_GAP = 0.6
"""A drop cap stands at most this share of its size left of the line it begins."""
DROP_CAP_RATIO = 1.5
"""A letter set at least this many times a line's size, just left of it, is its drop cap."""
TITLE_LEADING = 1.6
"""Lines of one title are at most this many times their size apart (baseline to baseline)."""
BLOCK_LEADING = 1.6
"""Lines of one block of the masthead (organ, session, agenda item) are at most this many times
their size apart."""
TITLE_PART_RATIO = 0.6
"""A display line beside the title block joins it when set at least this share of the block's
size (WHO's "UPDATED RECOMMENDATIONS ON" over the main title; not a subtitle in far smaller type)."""
SYMBOL_COLUMN = 6.0
"""Lines of a UN symbol block start at most this far (pt) left of its "Distr." line."""
SYMBOL_REACH = 160.0
"""The symbol block reaches at most this far (pt) below its "Distr." line."""
BYLINE_GAP = 4.0
"""A byline stands at most this many times the title's size below the title's last line."""
RUNNING_HEAD_PAGES = 5
"""Pages after the first searched for a line repeated at the same place (a running head)."""
RUNNING_HEAD_REPEATS = 2
"""A first-page line printed at the same place on this many of the next pages is a running head."""
RUNNING_HEAD_PLACE = 2.0
"""A repeated line is in the same place when its baseline is within this (pt)."""

LABEL = re.compile(
    r"(?:(?:research|original|review|feature|lead|book|case|student)\s+)?"
    r"(?:articles?|notes?|comments?|essays?|reports?|reviews?|book\s+reviews?|contents|table\s+of\s+contents|"
    r"abstract|summary|executive\s+summary|foreword|preface|introduction|supplement|symposium|lecture|"
    r"editorial|commentary|recent\s+cases?|developments\s+in\s+the\s+law|letter|response|reply|"
    r"briefing(?:\s+paper)?|policy\s+brief|working\s+paper|discussion\s+paper|technical\s+report|"
    r"research\s+paper|press\s+release|fact\s+sheet|annex|appendix|acknowledge?ments?|"
    r"(?:draft|final)\s+(?:report|version)|confidential|embargoed|public)\s*:?",
    re.IGNORECASE,
)
"""A label a cover prints above or instead of a title ("ARTICLE", "NOTE", "CONTENTS")."""
UN_BODY = re.compile(
    r"(?:united\s+nations|general\s+assembly|security\s+council|economic\s+and\s+social\s+council|"
    r"human\s+rights\s+council|trusteeship\s+council|international\s+court\s+of\s+justice|secretariat|"
    r"distr\.?(?::?\s+\w+)?|general|limited|restricted|original\s*:.*)",
    re.IGNORECASE,
)
"""A UN masthead line: the organisation, the organ the document belongs to, its distribution."""
SESSION = re.compile(r"\bsession\b|\bagenda\b|\bitem\s+\d|\bsessão\b|\bperiod\s+session", re.IGNORECASE)
"""A line of a UN document's session block ("Eighteenth session", "Item 5 of the provisional agenda")."""
MASTHEAD = re.compile(r"\b(?:vol(?:ume)?\.?|issue|number|no\.)\s*\d+", re.IGNORECASE)
"""A journal masthead line ("Volume 104 | 2025", "VOLUME 138 MAY 2025 NUMBER 7")."""
NUMBERED = re.compile(r"(?:\d+(?:\.\d+)*\.|\d+(?:\.\d+)+|[IVXLC]+\.)\s")
"""A numbered heading ("1. The river towns", "2.3 Methods"): a section, never the title."""
NOT_TITLE = re.compile(r"(?:©|\(c\)\s*\d|copyright\b|https?://|www\.|isbn|issn|doi\b)", re.IGNORECASE)
"""A line that is an imprint line or an address, never part of a title."""


def letters(text: str) -> int:
    """How many letters a text holds."""
    return sum(c.isalpha() for c in text)


def first_page(pages: Sequence[Sequence[Line]]) -> tuple[int, list[Line]]:
    """The index and the text lines of the first page with text."""
    for i, lines in enumerate(pages):
        shown = [ln for ln in lines if ln.text.strip()]
        if shown:
            return i, shown
    return 0, []


def body_size(pages: Sequence[Sequence[Line]], cover: Sequence[Line]) -> float:
    """The size most text is set in: the smaller of the cover's median line size and the first
    pages' (a cover all in display type is measured against the pages after it)."""
    cover_size = median(ln.size for ln in cover) if cover else 0.0
    front = [ln.size for lines in pages[:BODY_PAGES] for ln in lines if ln.text.strip()]
    front_size = median(front) if front else cover_size
    return min(cover_size, front_size) if cover_size else front_size


def _rebuild(runs: list[Run]) -> str:
    """A line's text from its runs in left-to-right order (spaces where runs stand apart)."""
    text = ""
    previous: Run | None = None
    for run in sorted(runs, key=lambda r: r.x0):
        gap = run.x0 - previous.x1 if previous is not None else 0.0
        apart = previous is not None and gap > JOIN_GAP * max(run.size, previous.size)
        if apart and text and not text.endswith(" ") and not run.text.startswith(" "):
            text += " "
        text += run.text
        previous = run
    return " ".join(text.split())


def joined_lines(lines: Sequence[Line]) -> list[tuple[Line, str]]:
    """The lines with their text, capitals drawn apart put back into the line they belong to
    (on its baseline, inside its span, in its size), and a drop cap left of a line's start
    joined to it; the absorbed lines are left out."""
    short = [
        ln
        for ln in lines
        if len(ln.text.strip()) <= SPLIT_CAP_LETTERS and letters(ln.text) == len(ln.text.strip())
    ]
    taken: dict[int, list[Line]] = {}
    used: set[int] = set()
    in_short = LineSet(short)
    for cap in short:
        for ln in lines:
            if ln is cap or id(ln) in used or ln in in_short:
                continue
            inside = ln.x0 - cap.size <= cap.x0 and cap.x1 <= ln.x1 + cap.size
            on_line = abs(ln.y - cap.y) <= BASELINE_TOLERANCE and abs(ln.size - cap.size) <= SAME_SIZE
            drop = cap.size >= ln.size * DROP_CAP_RATIO and 0 <= ln.x0 - cap.x1 <= cap.size * DROP_CAP_GAP
            drop = (
                drop and ln.y - BASELINE_TOLERANCE <= cap.y + cap.size and cap.y <= ln.y + BASELINE_TOLERANCE
            )
            if (inside and on_line) or drop:
                taken.setdefault(id(ln), []).append(cap)
                used.add(id(cap))
                break
    result: list[tuple[Line, str]] = []
    for ln in lines:
        if id(ln) in used:
            continue
        caps = taken.get(id(ln), [])
        if not caps:
            result.append((ln, " ".join(ln.text.split())))
            continue
        lead = [c for c in caps if c.x1 <= ln.x0 + BASELINE_TOLERANCE and c.size > ln.size + SAME_SIZE]
        inner = [r for c in caps if c not in lead for r in c.runs]
        text = _rebuild([*ln.runs, *inner]) if inner else " ".join(ln.text.split())
        prefix = "".join(c.text.strip() for c in sorted(lead, key=lambda c: c.x0))
        result.append((ln, prefix + text))
    return result


def _blocks(lines: list[tuple[Line, str]]) -> list[list[tuple[Line, str]]]:
    """Lines grouped into blocks: each next line (top down) within BLOCK_LEADING of the one above."""
    blocks: list[list[tuple[Line, str]]] = []
    for item in sorted(lines, key=lambda t: -t[0].y):
        if blocks and blocks[-1][-1][0].y - item[0].y <= BLOCK_LEADING * max(
            item[0].size, blocks[-1][-1][0].size
        ):
            blocks[-1].append(item)
        else:
            blocks.append([item])
    return blocks


def _symbol_block_bottom(lines: Sequence[tuple[Line, str]]) -> float | None:
    """The baseline of the lowest line of a UN-style symbol block ("Distr.: General", the symbol,
    the date, "Original: English"), or None when the page has none."""
    distr = [ln for ln, text in lines if re.match(r"Distr\b", text)]
    symbol = any(
        SYMBOL_LINE.fullmatch(text) or re.fullmatch(r"/[A-Z]+(?:/[\w.\-]+)+", text) for _, text in lines
    )
    if not distr or not symbol:
        return None
    head = distr[0]
    column = [
        ln
        for ln, _ in lines
        if ln.x0 >= head.x0 - SYMBOL_COLUMN and head.y - SYMBOL_REACH <= ln.y <= head.y + SYMBOL_REACH
    ]
    return min(ln.y for ln in column)


def _running_heads(
    pages: Sequence[Sequence[Line]], start: int, lines: Sequence[tuple[Line, str]]
) -> set[int]:
    """The first page's lines printed again at the same place on the next pages (running heads)."""
    later = [
        {(re.sub(r"[\d\W_]+", "", ln.text.lower()), round(ln.y / RUNNING_HEAD_PLACE)) for ln in page}
        for page in pages[start + 1 : start + 1 + RUNNING_HEAD_PAGES]
    ]
    heads: set[int] = set()
    for ln, text in lines:
        key = re.sub(r"[\d\W_]+", "", text.lower())
        if not key:
            continue
        near = {round(ln.y / RUNNING_HEAD_PLACE) + d for d in (-1, 0, 1)}
        if sum(any((key, y) in page for y in near) for page in later) >= RUNNING_HEAD_REPEATS:
            heads.add(id(ln))
    return heads


def _never_title(text: str) -> bool:
    """A line that is never part of a title: a label, a UN masthead line, a date, a symbol..."""
    bare = text.strip().rstrip("*∗†")
    return (
        letters(bare) < TITLE_MIN_LETTERS
        or bool(LABEL.fullmatch(bare))
        or bool(UN_BODY.fullmatch(bare))
        or bool(MASTHEAD.search(bare))
        or bool(NUMBERED.match(bare))
        or bool(NOT_TITLE.search(bare))
        or bool(SYMBOL_LINE.fullmatch(bare))
        or bool(DATE.fullmatch(bare))
    )


def _candidates(
    pages: Sequence[Sequence[Line]], lines: list[tuple[Line, str]]
) -> tuple[list[tuple[Line, str]], float, bool]:
    """The cover's lines that may be its title, the body size, and whether it is a UN-style page."""
    start, cover = first_page(pages)
    size = body_size(pages, cover)
    heads = _running_heads(pages, start, lines)
    bottom = _symbol_block_bottom(lines)
    if bottom is not None:
        lines = [(ln, t) for ln, t in lines if ln.y < bottom - BASELINE_TOLERANCE]
        blocks = _blocks(lines)
        lines = [item for block in blocks if not any(SESSION.search(t) for _, t in block) for item in block]
    masthead: set[int] = set()
    for block in _blocks(lines):
        for above, below in zip(block, block[1:]):
            if MASTHEAD.search(below[1]):
                masthead.add(id(above[0]))
    kept = [
        (ln, t) for ln, t in lines if id(ln) not in heads and id(ln) not in masthead and not _never_title(t)
    ]
    return kept, size, bottom is not None


def cover_title(pages: Sequence[Sequence[Line]]) -> str:
    """The title the first page prints (see the module docstring); "" when it prints none that
    can be told from the rest."""
    block = _title_and_name_above(pages, joined_lines(first_page(pages)[1]))[0]
    text = " ".join(t for _, t in block)
    return text if letters(text) >= TITLE_MIN_LETTERS else ""


def cover_byline(pages: Sequence[Sequence[Line]]) -> str:
    """The people the cover names as its authors: a "By ..." line, else the line(s) right under
    the title (within BYLINE_GAP times the title's size) when each names only people
    (`source.names.byline`); "" when there is none. Names are joined with "; "."""
    lines = joined_lines(first_page(pages)[1])
    for _, text in lines:
        if re.match(r"By\s+[A-Z]", text) and byline(text):
            return "; ".join(byline(text))
    block, above_title = _title_and_name_above(pages, lines)
    if above_title:
        return "; ".join(above_title)
    if not block:
        return ""
    last = min(ln.y for ln, _ in block)
    size = max(ln.size for ln, _ in block)
    below = sorted((item for item in lines if item[0].y < last - BASELINE_TOLERANCE), key=lambda t: -t[0].y)
    rows: list[list[tuple[Line, str]]] = []  # lines on one baseline are one row of names
    for item in below:
        if rows and abs(rows[-1][0][0].y - item[0].y) <= BASELINE_TOLERANCE:
            rows[-1].append(item)
        else:
            rows.append([item])
    names: list[str] = []
    above = last
    for row in rows:
        y = row[0][0].y
        if above - y > (BYLINE_GAP * size if not names else BLOCK_LEADING * row[0][0].size):
            break
        found = [byline(text) for _, text in sorted(row, key=lambda t: t[0].x0)]
        if not all(found):  # a row is all names, or none of it is taken
            break
        names += [name for part in found for name in part]
        above = y
    return "; ".join(names)


def _title_and_name_above(
    pages: Sequence[Sequence[Line]], all_lines: list[tuple[Line, str]]
) -> tuple[list[tuple[Line, str]], list[str]]:
    """The cover's title lines, top down, and the people named above it in the title's own type
    ("Robert Fuster" over "The xpicture package"): a first line of display type, alone, that only
    names people is the byline, when the next block of that size names no one and has a word in
    small letters."""
    lines, body, un_page = _candidates(pages, all_lines)
    display = [(ln, t) for ln, t in lines if ln.size >= body * TITLE_SIZE_RATIO]
    if not display and un_page:
        bold = [(ln, t) for ln, t in lines if ln.bold]
        display = _blocks(bold)[0] if bold else []  # the subject line under the masthead, in bold
    if not display:
        return [], []
    top = max(ln.size for ln, _ in display)
    ordered = sorted(display, key=lambda item: -item[0].y)
    seeds = [item for item in ordered if abs(item[0].size - top) <= SAME_SIZE]
    block = _grow(ordered, ordered.index(seeds[0]), top)
    names = byline(block[0][1]) if len(block) == 1 else []
    below = next((seed for seed in seeds if seed[0].y < block[0][0].y - BASELINE_TOLERANCE), None)
    if names and below is not None:
        under = _grow(ordered, ordered.index(below), top)
        text = " ".join(t for _, t in under)
        # a title has a small word ("The xpicture package"); an organisation's name under a
        # person-like title ("Example Watch International") has none
        if not byline(text) and re.search(r"\b[a-z]{2,}", text):
            return under, names
    return block, []


def _grow(ordered: list[tuple[Line, str]], at: int, top: float) -> list[tuple[Line, str]]:
    """The title block around display line `at` (of the top size): the lines of that size within
    TITLE_LEADING of it, and above it smaller ones of at least TITLE_PART_RATIO of it."""
    block = [ordered[at]]
    for step in (-1, 1):
        i = at + step
        while 0 <= i < len(ordered):
            near = block[0] if step < 0 else block[-1]
            line = ordered[i][0]
            gap = abs(near[0].y - line.y)
            same = abs(line.size - top) <= SAME_SIZE
            part = same or (line.size >= top * TITLE_PART_RATIO and step < 0)
            if gap > TITLE_LEADING * max(line.size, near[0].size) or not part:
                break
            if step < 0:
                block.insert(0, ordered[i])
            else:
                block.append(ordered[i])
            i += step
    return block
