"""Clean text: ligatures expanded, control characters dropped, lines joined.

Line-break hyphens are joined ("inter-" + "national" gives "international") unless the
word is a real compound: it already holds a hyphen before the break ("state-of-the-" +
"art"), or after it, with a whole word between ("standard-" + "of-care"), or the document
spells it with a hyphen elsewhere and never without.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from source.lines import Line, LineMarker

HYPHENS = ("-", "\u00ad", "\u2010")
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def vocabulary(texts: Iterable[str]) -> tuple[set[str], set[str]]:
    """(words written whole, words written with a hyphen) in the given texts, lower-cased."""
    whole: set[str] = set()
    hyphenated: set[str] = set()
    for text in texts:
        for word in WORD.findall(text.lower()):
            if "-" in word:
                hyphenated.add(word)
            else:
                whole.add(word)
    return whole, hyphenated


URL_TAIL = re.compile(r"(?:https?://|www\.)\S*$|\S*[A-Za-z0-9-]\.[A-Za-z]{2,}\S*/\S*$")
"""The end of a line that breaks a web address: with its scheme, or a domain before a slash
("example.org/path/"; a UN symbol "A/HRC/WG.6/7/SVN/1" is no address)."""
URL_START = re.compile(r"(?:https?|ftp)://|www\.", re.IGNORECASE)
"""A line that starts so starts a web address of its own: it does not go on with the one before."""
FILE_END = re.compile(r"\.(?:pdf|html?|txt|php|aspx?|docx?|xlsx?|xml|json|zip|jpe?g|png)$", re.IGNORECASE)
"""An address ending so ends with a file's name: a capital or a digit after it starts new text
("…/pdf_reference.pdf" + "Options"), while a small letter may still go on with it (".htm" + "l")."""


def _range_dash(before: str, after: str) -> bool:
    """Whether a line ends a number range at its dash, the next line holding its end ("1990–", "2000")."""
    return len(before) > 1 and before[-1] in RANGE_DASHES and before[-2].isdigit() and after[:1].isdigit()


RANGE_DASHES = ("-", "\u2010", "\u2011", "\u2012", "\u2013")
"""Dashes that join the two ends of a range of numbers (1990–2000, 2261–62)."""


def inside_url(before: str, after: str) -> bool:
    """Whether a line that ends with `before` broke a web address that `after` goes on with."""
    if not after or not (after[0].isalnum() or after[0] in "/?&=#%_~-.") or "/" not in before[-300:]:
        return False
    if URL_START.match(after):
        return False  # two addresses, one a line: "…/jackowski.pdf" + "http://www.tug.org/…"
    last_word = before[before.rfind(" ") + 1 :]
    if not URL_TAIL.search(last_word):  # the last word only: a long line is cheap
        return False
    if FILE_END.search(last_word) and (after[0].isupper() or after[0].isdigit()):
        return False
    last = before[-1]
    if last in ',;)]\u201d"':
        return False
    if last == ".":
        return after[0].islower() or after[0].isdigit()
    return True


@dataclass
class Joiner:
    """Joins lines into one text, deciding about each line-break hyphen."""

    whole: set[str]
    """Words the document writes without a hyphen."""
    hyphenated: set[str]
    """Words the document writes with a hyphen."""

    def keep_hyphen(self, before: str, after: str) -> bool:
        """Whether "before-" at a line end + "after" is a compound that keeps its hyphen."""
        head = re.search(r"([^\W\d_]+(?:-[^\W\d_]+)*)-$", before)
        tail = re.match(r"([^\W\d_]+)(-[^\W\d_])?", after)
        if not head or not tail:
            return True
        first, second = head.group(1), tail.group(1)
        if not second[0].islower():
            return True
        if "-" in first:
            return True  # a compound broken at one of its hyphens ("state-of-the-" + "art")
        joined = (first + second).lower()
        dashed = f"{first}-{second}".lower()
        if tail.group(2):
            # "standard-" + "of-care", "Commander-" + "in-Chief" keep it; "do-" + "main-specific"
            # (the document writes "domain") and "in-" + "tra-phrasal" ("tra" is no word) do not
            return joined not in self.whole and second.lower() in self.whole
        if dashed in self.hyphenated and joined not in self.whole:
            return True
        return False

    def mend(self, before: str, after: str) -> str | None:
        """`before`, which ends a line with a hyphen, as it reads when `after` goes on with the
        word: the hyphen dropped for a broken word, kept (as "-") for a compound; None when the
        hyphen does not stand between two letters (nothing to mend)."""
        if not (
            before.endswith(HYPHENS) and len(before) > 1 and before[-2].isalpha() and after[:1].isalpha()
        ):
            return None
        if before.endswith("\u00ad") or not self.keep_hyphen(before[:-1] + "-", after):
            return before[:-1]
        if before.endswith("\u2010"):
            return before[:-1] + "-"
        return before

    def join(self, lines: list[Line]) -> tuple[str, list[LineMarker]]:
        """The text of the lines as one paragraph, with the markers' offsets moved along."""
        text = ""
        markers: list[LineMarker] = []
        for line in lines:
            piece = line.text
            shift = 0
            if text:
                if inside_url(text, piece):
                    pass  # a web address broken across lines is one word
                elif (mended := self.mend(text, piece)) is not None:
                    if len(mended) < len(text):
                        # the hyphen dropped: a marker standing after it moves back one
                        markers = [replace(m, offset=min(m.offset, len(mended))) for m in markers]
                    text = mended
                elif _range_dash(text, piece):
                    pass  # "2261–" + "62)": a range broken at its dash
                elif not text.endswith(" "):
                    text += " "
            shift = len(text)
            text += piece
            markers.extend(replace(m, offset=m.offset + shift) for m in line.markers)
        return text, markers
