"""Split a block's text into sentences, as (start, end) offsets."""

from __future__ import annotations

import re

BOUNDARY = re.compile(r"[.!?…]+[\"”’)\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])")
ABBREVIATIONS = {
    "e.g", "i.e", "mr", "mrs", "ms", "dr", "prof", "st", "no", "nos", "vol", "vols", "para", "paras", "art",
    "arts", "p", "pp", "cf", "etc", "fig", "figs", "al", "ed", "eds", "ch", "sec", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc", "ltd", "co", "corp", "vs", "v", "u.s", "u.n",
    "op", "cit", "ibid", "approx", "gen", "gov", "rev", "jr", "sr", "n", "ff",
}


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in text; spaces between sentences belong to none."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in BOUNDARY.finditer(text):
        end = match.end()
        word = re.search(r"(\S+?)[.!?…]+[\"”’)\]]*$", text[start:end])
        token = word.group(1).lower().lstrip("(\"“‘[") if word else ""
        if match.group(0).startswith(".") and (token in ABBREVIATIONS or re.fullmatch(r"[a-z]", token)):
            continue
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
