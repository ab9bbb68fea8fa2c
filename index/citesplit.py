"""A note's text split into its citations: sentences (joined again where a full stop was an
abbreviation's or a title's), then each at its top-level semicolons."""

from __future__ import annotations

import re

from index.citefields import PINPOINT, YEAR, find_date, find_symbol, find_url, top_level_split
from index.citeparts import URL, URL_TRAIL
from index.citeforms import NLM_AUTHORS
from source.sentences import split_sentences

SHORT_FORM_WORDS = 8
"""A citation of at most this many words, with no date, symbol or address, may be a short
form of one cited in full before ("Clinton, p. 5.")."""


def citations(note_text: str) -> list[str]:
    """The citations of a note's text: its sentences, split at top-level semicolons."""
    sentences: list[str] = []
    for start, end in split_sentences(note_text):
        sentence = note_text[start:end]
        if sentences and (
            APA_PARTS.match(sentence)
            or NLM_AUTHORS.match(sentences[-1])
            and not BACK_OR_SIGNAL.match(sentence)
            and not NLM_TAIL.search(sentences[-1])
            or (_abbreviated(sentences[-1], sentence) or not _complete(sentences[-1]))
            and not BACK_OR_SIGNAL.match(sentence)
            or APA_DATE.search(sentences[-1])
            and not BACK_OR_SIGNAL.match(sentence)
        ):
            sentences[-1] = (
                f"{sentences[-1]} {sentence}"  # "Punishment. An Examination of …": a title's full stop
            )
        else:
            sentences.append(sentence)
    parts: list[str] = []
    for sentence in sentences:
        held = re.sub(r";(?=\d)", KEPT_SEMICOLON, sentence)  # "2022 Jun;29(6):474-486": no separator
        for part in top_level_split(held, ";"):
            parts.extend(_listed_addresses(part.replace(KEPT_SEMICOLON, ";")))
    return parts


ADDRESS_GAP = re.compile(r"\s*,?\s+")
"""What stands between two web addresses listed one after another: a space, or a comma (two
addresses joined by "and" may be one source's, as "available at URL1 and URL2", and stay one)."""


def _listed_addresses(part: str) -> list[str]:
    """A citation that ends in a list of web addresses ("… for more information: URL1 URL2")
    split before each address after the first: each address is a source of its own."""
    found = list(URL.finditer(part))
    if len(found) < 2:
        return [part]
    cuts: list[int] = []
    for before, after in zip(found, found[1:]):
        end = before.start() + len(before.group(0).rstrip(URL_TRAIL))
        if ADDRESS_GAP.fullmatch(part[end : after.start()].lstrip(URL_TRAIL)):
            cuts.append(after.start())
    if not cuts:
        return [part]
    pieces = [part[a:b].strip().rstrip(",") for a, b in zip([0, *cuts], [*cuts, len(part)])]
    return [p for p in pieces if p]


KEPT_SEMICOLON = "\ufdd5"
"""Stands in for a semicolon glued to a volume number while a sentence is split at the others."""


APA_PARTS = re.compile(r"^\((?:1[5-9]\d\d|20\d\d)[a-z]?(?:,[^()]*)?\)\.|^\(n\.d\.\)\.")
"""The date of an APA reference, "(2019, March 3).": a sentence of its own only in the splitter's eyes;
it belongs with the author before it."""
APA_DATE = re.compile(
    r"^[^()]{1,80}?\.\s+\((?:1[5-9]\d\d|20\d\d)[a-z]?(?:,[^()]*)?\)\.(?:\s|$)|^\((?:1[5-9]\d\d|20\d\d)"
)
"""A sentence that opens an APA reference, its author and date ("Okafor, J. (2019, March 3).
The pumps…"): the title and container after it are the same reference's."""
NLM_TAIL = re.compile(r"(?:1[5-9]\d\d|20\d\d)[^;]{0,12};\s?\d+(?:\(\d+\))?:\s?\w")
"""The year, volume and pages that end a Vancouver reference ("2022 Jun;29(6):474-486"): the
sentences after them (doi, PMID) are no part of it."""
BACK_OR_SIGNAL = re.compile(
    r"^(?:[Ii]d\.|Ibid|See\b|Cf\.|Source|For example|But\b|Compare\b|Accord\b|Contra\b|[\"“(])"
)
"""A sentence that starts a new citation (or comment) of its own: a signal or a back-reference."""


ABBREVIATED_END = re.compile(r"(?:^|[\s(])(?:[A-Z][A-Z’'&]{0,7}|[A-Z][a-z’']{0,4})\.$")
"""A sentence that seems to end after a short capitalised word ("J. CRIM.", "L. REV.", "Cir.") most
often ends after an abbreviation of a law report or journal."""


CITATION_END = re.compile(r"(?:\bat\s+\d[\d,–\- ]*|\((?:[^()]*\s)?(?:1[6-9]|20)\d\d\))\.$")
"""A sentence that ends as a law review's citation ends, with its pin cite ("supra note 20, at 14.")
or its year ("(1990)."): the next sentence starts a citation of its own, even in small capitals
("MARK LEWIS, Historical Setting, …")."""


def _abbreviated(before: str, after: str) -> bool:
    """True when the full stop between two "sentences" is an abbreviation's: the one before ends with
    a short capitalised word, or the one after starts with a capitalised abbreviation ("REV.") or a
    digit (unless the one before ends as a citation does); a name in small capitals ("MICHELLE
    ALEXANDER, THE NEW JIM CROW") starts a citation of its own."""
    if CITATION_END.search(before):
        return False
    return bool(ABBREVIATED_END.search(before) or re.match(r"^(?:[A-Z][A-Z’'&]+\.(?:\s|$)|\d)", after))


def _complete(sentence: str) -> bool:
    """A sentence that can stand as a citation or comment by itself: it has a date, year, address,
    symbol or pinpoint, or it reads as a comment (more than a few words with a verb)."""
    return (
        bool(find_date(sentence) or YEAR.search(sentence) or find_url(sentence) or find_symbol(sentence))
        or bool(PINPOINT.search(sentence))
        or len(sentence.split()) > SHORT_FORM_WORDS
        or bool(BACK_OR_SIGNAL.match(sentence) or re.search(r"\b(?:supra|op\. cit|ibid)\b", sentence, re.I))
    )
