"""Split body text into sentences, as offsets: within a block, and across the blocks of a
paragraph that runs on from one page to the next.

`split_run` splits the blocks of one run (a block and the blocks that continue it) as one
text, joined by `joint`, so that a sentence cut by a page break is one sentence, cut where it
would be cut if the paragraph were printed on one page.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

BOUNDARY = re.compile(r"[.!?…]+[\"”’)\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])")
ABBREVIATIONS = {
    "e.g",
    "i.e",
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "st",
    "no",
    "nos",
    "vol",
    "vols",
    "para",
    "paras",
    "art",
    "arts",
    "p",
    "pp",
    "cf",
    "etc",
    "fig",
    "figs",
    "al",
    "ed",
    "eds",
    "ch",
    "sec",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "inc",
    "ltd",
    "co",
    "corp",
    "vs",
    "v",
    "u.s",
    "u.n",
    "op",
    "cit",
    "ibid",
    "approx",
    "gen",
    "gov",
    "rev",
    "jr",
    "sr",
    "n",
    "ff",
}


CAPTION_LABEL = re.compile(
    r"\s*(?:table|figure|fig|chart|map|box|exhibit|plate|graph|panel)\.?\s+[A-Z]?[\dIVXLC]+(?:\.\d+)*[.:]\s*$",
    re.I,
)
"""A caption's label ("Table 1.", "Figure 2.3:"): no sentence ends after it."""


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in text; spaces between sentences belong to none."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in BOUNDARY.finditer(text):
        end = match.end()
        word = re.search(r"(\S+?)[.!?…]+[\"”’)\]]*$", text[start:end])
        token = word.group(1).lower().lstrip('("“‘[') if word else ""
        if match.group(0).startswith(".") and (token in ABBREVIATIONS or re.fullmatch(r"[a-z]", token)):
            continue
        if CAPTION_LABEL.match(text[start:end]):
            continue  # "Table 1. Selected characteristics…" is one caption
        _append(spans, text, start, end)
        start = end
    _append(spans, text, start, len(text))
    return spans


def _append(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


CLOSING = tuple(".,;:!?)]}\u201d\u2019\u2026")
"""A block that continues with one of these goes on with no space before it (a word broken at the
break was moved whole into the earlier block, so its punctuation may start the later one)."""
OPENING = tuple("([{\u201c\u2018/")
"""A block that ends with one of these goes on with no space after it."""
DASHES = tuple("-\u2013\u2014")
"""A block that ends with one of these glued to a word ("1990-", "word\u2014") goes on with no space."""


def joint(before: str, after: str) -> str:
    """What stands between a block's text and the block that continues it, as printed: a space,
    or nothing after an opening bracket or a dash glued to a word, or before closing punctuation."""
    if not before or not after or before[-1].isspace() or after[0].isspace():
        return ""
    if before.endswith(OPENING) or after.startswith(CLOSING):
        return ""
    if before.endswith(DASHES) and len(before) > 1 and not before[-2].isspace():
        return ""
    return " "


def split_run(texts: list[str]) -> list[tuple[int, int, int, int]]:
    """Sentences of a run of blocks (each continuing the one before), split as one text joined by
    `joint`: (first block, start, last block, end), block indexes into `texts`, offsets into the
    first and the last block's text."""
    joined = ""
    bases: list[int] = []
    for i, text in enumerate(texts):
        if i:
            joined += joint(texts[i - 1], text)
        bases.append(len(joined))
        joined += text
    sentences: list[tuple[int, int, int, int]] = []
    for start, end in split_sentences(joined):
        first = bisect_right(bases, start) - 1
        last = max(first, bisect_left(bases, end) - 1)
        sentences.append((first, start - bases[first], last, min(end - bases[last], len(texts[last]))))
    return sentences
