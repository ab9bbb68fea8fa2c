"""Normalised words: how a quote and the source are compared.

A text is cut into words, each with its offsets in the original, and every word is
normalised: case folded, accents and ligatures undone, apostrophes and in-word hyphens
dropped ("co-operation" = "cooperation", "one’s" = "one's" = "ones"), a hyphen at a line
break joined ("inter-\\nnational" = "international"). Everything between words (curly or
straight quotes, dashes, punctuation, spaces, line and page breaks) counts as one space.
Two texts are "identical once typography is normalised" when their word lists are equal.
"""

from __future__ import annotations

import re
import unicodedata

_HYPHENS = "-\u2010\u2011\u00ad"
"""Hyphen-minus, hyphen, non-breaking hyphen, soft hyphen: join the parts of a word."""
_APOSTROPHES = "'\u2019\u02bc\u2018"
"""Straight and curly apostrophes inside a word."""
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
"""Combining marks: part of the word they follow (a decomposed "é" is "e" + U+0301)."""
_RUN = rf"[^\W_][^\W_{_MARKS}]*(?:[{_MARKS}]+[^\W_]*)*"
WORD = re.compile(
    rf"(?:\[[^\W_]{{1,3}}\])?{_RUN}(?:(?:[{_HYPHENS}][ \t]*\n\s*|[{_HYPHENS}{_APOSTROPHES}]){_RUN})*"
)
"""A word: letters and digits (with any combining accents), maybe joined by hyphens (also across a
line break) or apostrophes, maybe opening with an editor's bracketed letters ("[W]e" is the word "we")."""
_DROP = str.maketrans("", "", _HYPHENS + _APOSTROPHES + "[] \t\r\n\f\v")
_cache: dict[str, str] = {}
_CACHE_LIMIT = 200_000


def norm_word(token: str) -> str:
    """One word normalised: lower case, no accents, ligatures expanded, no hyphens or apostrophes."""
    word = _cache.get(token)
    if word is not None:
        return word
    word = token.translate(_DROP).lower()
    if not word.isascii():
        decomposed = unicodedata.normalize("NFKD", word)
        word = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    if len(_cache) < _CACHE_LIMIT:
        _cache[token] = word
    return word


def words(text: str) -> list[str]:
    """The normalised words of a text."""
    return [norm_word(m.group()) for m in WORD.finditer(text)]


def words_with_offsets(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    """The normalised words of a text and the (start, end) offsets of each in `text`."""
    found = [(norm_word(m.group()), m.span()) for m in WORD.finditer(text)]
    return [w for w, _ in found], [span for _, span in found]


def normalize(text: str) -> str:
    """The text as normalised words joined by single spaces."""
    return " ".join(words(text))


def quote_words(text: str) -> tuple[list[str], list[str]]:
    """A quote's normalised words and the words as typed (for a diff shown to the user)."""
    matches = list(WORD.finditer(text))
    return [norm_word(m.group()) for m in matches], [m.group() for m in matches]


def contains_words(haystack: list[str], needle: list[str]) -> int:
    """Index in `haystack` where the word list `needle` starts, or -1."""
    if not needle or len(needle) > len(haystack):
        return -1
    joined = " " + " ".join(haystack) + " "
    at = joined.find(" " + " ".join(needle) + " ")
    if at < 0:
        return -1
    return joined.count(" ", 0, at + 1) - 1
