"""Body lines -> blocks: reading order across columns, then headings, paragraphs and the rest."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from source.columns import ACROSS, column_bounds, column_of
from source.lines import DROP_CAP, Line, LineMarker
from source.text import Joiner

BULLET = re.compile(r"^(?:[•◦▪▫●○■□‣⁃–—-]\s|\(?[0-9]{1,2}[.)]\s|\(?[a-z][.)]\s|\([ivx]{1,4}\)\s)")
SYMBOL_BULLET = re.compile(r"^[•◦▪▫●○■□‣⁃–—-]\s")
CAPTION = re.compile(r"^(?:figure|fig\.|table|source|photo|image|chart|map|graph)\b", re.I)
NUMBERED_HEADING = re.compile(
    r"^(?:(?:chapter|part|section|annex|appendix)\s+)?(\d+(?:\.\d+)*)\.?\s+\S", re.I
)
OPEN_QUOTES = ("“", '"', "‘", "«", "„")
WORDY = re.compile(r"[^\W\d_]{2}")
TERMINAL = re.compile(r"[.!?:;…][\"”’)\]]*$")
PROSE_SHARE = 0.75
"""Lines whose characters are at least this share letters are prose: the body size is theirs
(a document of many tables sets more characters in the tables' size)."""
LARGER_BODY_SHARE = 0.05
"""A larger size may be the body's when it has at least this share of the most common size's letters."""
MAX_LEADING = 3.0
"""The widest line spacing, in body sizes, still read as the body's leading (double spacing is 2.4)."""


@dataclass(frozen=True)
class Style:
    """What the document's body text looks like."""

    size: float
    """The size most body text is set in."""
    leading: float
    """The usual distance between the baselines of body lines."""
    heading_sizes: tuple[float, ...]
    """Sizes larger than the body that headings are set in, largest first."""


@dataclass
class RawBlock:
    """A block before its text is joined."""

    kind: str
    """heading, paragraph, quote, list_item, caption or other."""
    lines: list[Line]
    """Its lines in reading order."""
    level: int = 0
    """Heading level."""


def document_style(pages: list[list[Line]]) -> Style:
    """Body size, leading and heading sizes, from every page's body lines."""
    sizes: Counter[float] = Counter()
    prose: Counter[float] = Counter()
    for lines in pages:
        for line in lines:
            sizes[round(line.size, 1)] += len(line.text)
            letters = sum(map(str.isalpha, line.text))
            if letters >= PROSE_SHARE * len(line.text.replace(" ", "")):
                prose[round(line.size, 1)] += letters
    size = (prose or sizes).most_common(1)[0][0] if sizes else 10.0
    size = _above_notes(pages, prose, size)
    gaps: Counter[float] = Counter()
    for lines in pages:
        for a, b in zip(lines, lines[1:]):
            if abs(a.size - size) < 0.2 and abs(b.size - size) < 0.2 and abs(a.x0 - b.x0) < size * 3:
                gap = round(a.y - b.y, 1)
                if size * 0.9 <= gap <= size * MAX_LEADING:
                    gaps[gap] += 1
    leading = gaps.most_common(1)[0][0] if gaps else size * 1.2
    big = sorted({s for s, n in sizes.items() if s >= size * 1.1}, reverse=True)
    return Style(size=size, leading=leading, heading_sizes=tuple(big[:5]))


def _above_notes(pages: list[list[Line]], prose: Counter[float], size: float) -> float:
    """The body size when notes set smaller outweigh the body (a law review's pages): a larger
    prose size whose lines stand above all lines of `size` on most pages that have both, and
    carry note markers, is the body's."""
    larger = [s for s, n in prose.most_common(4) if s > size * 1.05 and n >= prose[size] * LARGER_BODY_SHARE]
    for big in larger:
        both = above = 0
        marked = False
        for lines in pages:
            high = [ln for ln in lines if abs(ln.size - big) < 0.2]
            low = [ln for ln in lines if abs(ln.size - size) < 0.2]
            if not high or not low:
                continue
            both += 1
            above += min(ln.y for ln in high) > max(ln.y for ln in low)
            marked = marked or any(ln.markers for ln in high)
        if marked and both and above >= both * 0.6:
            return big
    return size


def reading_order(lines: list[Line]) -> list[list[Line]]:
    """Lines grouped into column runs in reading order: lines across the columns break
    bands, and within a band the columns are read left to right."""
    if not lines:
        return []
    bounds = column_bounds(lines)
    ordered = sorted(lines, key=lambda ln: (-round(ln.y, 0), ln.x0))
    groups: list[list[Line]] = []
    band: dict[int, list[Line]] = {}

    def flush() -> None:
        for column in sorted(band):
            groups.append(band[column])
        band.clear()

    full_group = False
    for line in ordered:
        column = column_of(line, bounds)
        if column != ACROSS:
            band.setdefault(column, []).append(line)
            full_group = False
            continue
        if band:
            flush()
            full_group = False
        if full_group:
            groups[-1].append(line)
        else:
            groups.append([line])
            full_group = True
    flush()
    return groups


def is_heading_line(line: Line, style: Style) -> bool:
    larger = line.size >= style.size * 1.1
    bold = line.bold and line.size >= style.size * 0.95
    return (larger or bold) and not (line.italic and not line.bold and not larger) and len(line.text) < 160


def _breaks(prev: Line, cur: Line, block: list[Line], style: Style) -> bool:
    lead = style.leading * max(prev.size, cur.size) / style.size
    if prev.y - cur.y > lead * 1.3 or cur.y > prev.y + 1:
        return True
    if is_heading_line(prev, style) != is_heading_line(cur, style) and not _lead_in(prev, cur, style):
        return True
    if abs(prev.size - cur.size) > style.size * 0.1:
        return True
    if BULLET.match(cur.text) and (SYMBOL_BULLET.match(cur.text) or not ends_open(prev.text)):
        return True  # "v. Chenery" after "in SEC" goes on; "(a) …" after a full stop or colon is an item
    if BULLET.match(block[0].text) and cur.x0 > block[0].x0 + 0.3 * cur.size:
        return False  # the hanging indent of a list item
    cap = _cap_edge(block[0])
    if cap is not None and min(abs(cur.x0 - cap), abs(cur.x0 - block[0].x0)) <= 0.8 * cur.size:
        return False  # the lines beside a drop cap, and those below it
    if cur.x0 > prev.x0 + 0.8 * cur.size:
        return True
    return cur.x0 < prev.x0 - 0.8 * cur.size and len(block) > 1


def _cap_edge(line: Line) -> float | None:
    """The right edge of a drop cap that starts the line, if it has one."""
    first = min(line.runs, key=lambda r: r.x0)
    if first.size >= line.size * DROP_CAP and len(first.text.strip()) == 1:
        return first.x1
    return None


def _lead_in(prev: Line, cur: Line, style: Style) -> bool:
    """A bold line in the body's size that runs on, mid-sentence, into a plain lowercase line:
    the bold lead-in of a paragraph, not a heading."""
    return (
        prev.bold
        and not cur.bold
        and abs(prev.size - cur.size) <= style.size * 0.1
        and cur.text[:1].islower()
        and ends_open(prev.text)
    )


def segment(groups: list[list[Line]], style: Style) -> list[RawBlock]:
    """Cut the column runs into blocks and tell what kind each is."""
    blocks: list[RawBlock] = []
    for group in groups:
        current: list[Line] = []
        for line in group:
            if current and _breaks(current[-1], line, current, style):
                blocks.append(_classify(current, style))
                current = []
            current.append(line)
        if current:
            blocks.append(_classify(current, style))
    return blocks


def _classify(lines: list[Line], style: Style) -> RawBlock:
    first = lines[0]
    text = " ".join(ln.text for ln in lines)
    if text.startswith(OPEN_QUOTES) and (first.italic or first.size > style.size * 1.05):
        return RawBlock("quote", lines)
    if (
        all(is_heading_line(ln, style) for ln in lines)
        and len(lines) <= 4
        and len(text) < 300
        and WORDY.search(text)
    ):
        return RawBlock("heading", lines, level=_level(text, first, style))
    if first.size < style.size * 0.92 and (CAPTION.match(text) or (len(lines) <= 2 and len(text) < 200)):
        return RawBlock("caption" if CAPTION.match(text) else "other", lines)
    if BULLET.match(first.text):
        return RawBlock("list_item", lines)
    if all(ln.italic for ln in lines) and len(lines) > 1:
        return RawBlock("quote", lines)
    return RawBlock("paragraph", lines)


def _level(text: str, line: Line, style: Style) -> int:
    """A provisional level: the numbering's depth, else 0 (settled by `settle_levels`)."""
    numbered = NUMBERED_HEADING.match(text)
    return min(numbered.group(1).count(".") + 1, 6) if numbered else 0


def settle_levels(blocks: list[RawBlock]) -> None:
    """Give unnumbered headings a level from their size: one below the deepest numbered
    heading set larger than them, or 1 when none is larger."""
    headings = [b for b in blocks if b.kind == "heading"]
    numbered = [(b.lines[0].size, b.level) for b in headings if b.level]
    for block in headings:
        if block.level:
            continue
        size = block.lines[0].size
        larger = [level for s, level in numbered if s > size + 0.2]
        same = [level for s, level in numbered if abs(s - size) <= 0.2]
        block.level = min(same) if same else (max(larger) + 1 if larger else 1)


def block_text(block: RawBlock, joiner: Joiner) -> tuple[str, list[LineMarker]]:
    """A block's clean text and markers (a heading's lines joined with spaces)."""
    lines = [_with_lead(ln) for ln in block.lines]
    return joiner.join(lines)


def _with_lead(line: Line) -> Line:
    """A body line that starts with a small or raised label keeps it as text."""
    if line.lead is None:
        return line
    label = line.lead.label
    return replace(
        line,
        text=f"{label}{line.text}",
        markers=[replace(m, offset=m.offset + len(label)) for m in line.markers],
        lead=None,
    )


def ends_open(text: str) -> bool:
    """True when a paragraph's text stops mid-sentence."""
    return not TERMINAL.search(text.rstrip())
