"""Titles in sentence case (APA 7, Harvard), without lower-casing a proper noun.

Headless. CSL cannot put a title in sentence case, and lower-casing every word but the first
breaks "North Korea", "United Nations" and "COVID-19". `sentence_case(title, lexicon)` keeps
the capital of:

- the first word, and the first word after a colon, a question or exclamation mark, a full
  stop or a dash (the subtitle: APA 7; Cite Them Right's Harvard lower-cases it);
- an acronym ("HCV", "COVID-19", "UN") and a word with a capital inside it ("LaTeX", "McNeil");
- the pronoun "I" and a capital letter standing alone ("Hepatitis C", "An Introduction to R");
- a word the document itself capitalises mid-sentence and never writes in lower case
  ("Korea", "Slovenia"), and a run of capitalised words (with "of", "the", "on"... between
  them) that the document prints as it stands, not at a sentence start ("North Korea",
  "United Nations Declaration on the Rights of Indigenous Peoples"): `Lexicon`, built from
  the document's body text (headings and notes left out: they are set in title case, and
  notes cite other titles).

A title printed all in capitals is first put in lower case word by word, keeping as
acronyms only the words the document prints in capitals mid-sentence, and capitalising the
words the lexicon knows as proper. Without a lexicon (no document to learn from) a title is
left as it is: nothing says which of its words are proper nouns.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from source.model import Document

CONNECTORS = frozenset("of the on and for in to de du des la le von van der al el".split())
"""Lower-case words that may stand inside a proper name ("Declaration on the Rights of")."""
MAX_CONNECTORS = 2
"""Lower-case words a run of capitalised words may hold between two of its capitalised words."""
BODY_KINDS = frozenset({"paragraph", "quote", "list_item", "caption", "box"})
"""Kinds of block the lexicon reads (not headings: they are in title case)."""
TITLE_PART_WORDS = 3
"""A block holding the title, or a part of it this many words long, is left out of the lexicon."""
LONG_WORD = 4
"""Words this long or longer tell prose from title case (short ones are mostly "of", "the")."""
TITLE_CASED = 0.5
"""A block with this share of its longer words capitalised is in title case, not prose."""
MINOR_WORDS = frozenset(
    """a an the and but or nor for so yet as at by in of off on per to up via with from into onto upon
    over under about after against among between through toward towards within without""".split()
)
"""Words a title in title case leaves in lower case (articles, conjunctions, prepositions: Chicago's
rule) unless they start it or its subtitle, or end it."""
MAX_OCCURRENCES = 50
"""Occurrences of a phrase looked at before it is judged (a phrase printed often is judged on these)."""
SUBTITLE_BREAK = re.compile(r"[:?!.\u2014\u2013]\s*$")
"""What may end the part before a subtitle: the next word keeps its capital."""
WORD = re.compile(r"[^\W\d_](?:[^\W_]|['’\-][^\W_])*|\d[\w\-/.]*")
"""A word: letters (with inner apostrophes and hyphens, "Civil-Military", "Nation’s"), or a number."""
SENTENCE_START = re.compile(r"(?:^|[.!?:;]|\n)[\s\"'“‘(\[]*$")
"""What comes before a word that starts a sentence (or a line: a list, a block's start)."""


@dataclass(frozen=True)
class Lexicon:
    """What a document's body text says about the case of its words."""

    capitalised: frozenset[str] = frozenset()
    """Words (lower case) seen capitalised mid-sentence."""
    lower: frozenset[str] = frozenset()
    """Words seen in lower case."""
    acronyms: frozenset[str] = frozenset()
    """Words seen in capitals mid-sentence (two letters or more): "HCV", "UN"."""
    text: str = ""
    """The body text itself, to look phrases up in."""

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> Lexicon:
        """The lexicon of these texts (each a paragraph or other block)."""
        text = "\n".join(" ".join(t.split()) for t in texts)
        capitalised: set[str] = set()
        lower: set[str] = set()
        acronyms: set[str] = set()
        matches = list(WORD.finditer(text))
        for i, match in enumerate(matches):
            word = match.group(0)
            if not word[0].isalpha():
                continue
            if word.islower():
                lower.add(word)
            elif SENTENCE_START.search(text[max(0, match.start() - 4) : match.start()]):
                continue
            elif _is_acronym(word):
                beside = [m.group(0) for m in matches[max(0, i - 1) : i + 2] if m is not match]
                if not any(_is_acronym(b) for b in beside):  # an acronym in a line of capitals is no acronym
                    acronyms.add(word)
            elif word[0].isupper():
                capitalised.add(word.lower())
        return cls(frozenset(capitalised), frozenset(lower), frozenset(acronyms), text)

    def proper(self, word: str) -> bool:
        """True when the document capitalises the word mid-sentence and never writes it in lower case."""
        folded = word.lower()
        return folded in self.capitalised and folded not in self.lower

    def printed_mid_sentence(self, phrase: str) -> bool:
        """True when the document prints the phrase as it stands (same case), not at a sentence start."""
        start = 0
        for _ in range(MAX_OCCURRENCES):
            at = self.text.find(phrase, start)
            if at < 0:
                return False
            after = self.text[at + len(phrase) : at + len(phrase) + 1]
            before = self.text[at - 1 : at] if at else ""
            whole = not (before.isalnum() or after.isalnum())
            if whole and not SENTENCE_START.search(self.text[max(0, at - 4) : at]):
                return True
            start = at + 1
        return False


_LEXICONS: dict[str, Lexicon] = {}


def lexicon_of(document: Document) -> Lexicon:
    """The lexicon of a document's body text (cached by document id). Blocks that hold the title
    itself are left out, so the title never vouches for its own capitals."""
    if document.id not in _LEXICONS:
        parts = _title_parts(document.metadata.title)
        texts = [
            block.text
            for page in document.pages
            for block in page.blocks
            if block.kind in BODY_KINDS
            and _prose(block.text)
            and not any(p in _fold(block.text) for p in parts)
        ]
        _LEXICONS.clear()  # one document at a time is enough: it is asked again for each copy
        _LEXICONS[document.id] = Lexicon.from_texts(texts)
    return _LEXICONS[document.id]


def _title_parts(title: str) -> list[str]:
    """The title and its parts before and after a colon (of TITLE_PART_WORDS words or more), folded."""
    parts = [title, *re.split(r"[:\u2014\u2013]", title)]
    folded = [_fold(p) for p in parts]
    return [p for p in dict.fromkeys(folded) if len(p.split()) >= TITLE_PART_WORDS]


def _prose(text: str) -> bool:
    """True when a block reads as prose: fewer than TITLE_CASED of its longer words capitalised
    (a table of contents, a list of references in title case, a line of capitals are not)."""
    long = [w for w in WORD.findall(text) if len(w) >= LONG_WORD and w[0].isalpha()]
    return not long or sum(w[0].isupper() for w in long) < TITLE_CASED * len(long)


def _fold(text: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", text.lower()))


def _capitalise(word: str) -> str:
    return word[:1].upper() + word[1:]


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def _letter_name(word: str) -> bool:
    """A capital letter standing alone, but the article "A": the pronoun "I", or a letter that names
    ("An Introduction to R", "Hepatitis C", "Plan B"). Title case lowers no one-letter word but
    "a", so none of these is a capital the title's case put there, whatever the body's code or
    variables ("r <- 1") do with the letter."""
    return len(word) == 1 and word.isupper() and word != "A"


def _inner_capital(word: str) -> bool:
    """A capital after the first letter, not after a hyphen or apostrophe: "LaTeX", "McNeil", "iPhone"."""
    return any(c.isupper() and word[i - 1].isalpha() for i, c in enumerate(word) if i) and not _is_acronym(
        word
    )


def _uncapped(title: str, lexicon: Lexicon) -> str:
    """An all-capitals title in lower case, but for the acronyms the document prints in capitals
    (and not in lower case) and the words it knows as proper (capitalised)."""

    def one(match: re.Match[str]) -> str:
        word = match.group(0)
        if not word[0].isalpha():
            return word.lower() if word.isupper() else word
        if word in lexicon.acronyms and word.lower() not in lexicon.lower:
            return word
        return "-".join(_capitalise(part.lower()) for part in word.split("-"))

    return WORD.sub(one, title)


def sentence_case(title: str, lexicon: Lexicon | None, subtitle_capital: bool = True) -> str:
    """The title in sentence case (see the module docstring); as it is when there is no lexicon.
    `subtitle_capital` False lower-cases the subtitle's first word too, unless it is proper (Cite
    Them Right's "Cite them right: the essential referencing guide"; APA 7 keeps it capitalised)."""
    if lexicon is None or not title.strip():
        return title
    if all_capitals(title):
        title = _uncapped(title, lexicon)
    words = list(WORD.finditer(title))
    keep = _kept_runs(title, words, lexicon)
    out: list[str] = []
    last = 0
    for i, match in enumerate(words):
        word = match.group(0)
        out.append(title[last : match.start()])
        after_break = i > 0 and bool(SUBTITLE_BREAK.search(title[words[i - 1].end() : match.start()]))
        starts = i == 0 or (after_break and subtitle_capital)
        out.append(_case_word(word, starts, i in keep, lexicon))
        last = match.end()
    out.append(title[last:])
    return "".join(out)


def _case_word(word: str, starts: bool, in_run: bool, lexicon: Lexicon) -> str:
    """One word of a title in sentence case."""
    if not word[0].isalpha() or word.islower():
        return _capitalise(word) if starts else word
    if starts or in_run or _letter_name(word) or _is_acronym(word) or _inner_capital(word):
        return word
    parts = word.split("-")
    if len(parts) > 1:  # "Civil-Military": each part on its own
        return "-".join(
            p if _is_acronym(p) or (p[:1].isupper() and lexicon.proper(p)) else p.lower() for p in parts
        )
    return word if lexicon.proper(word) else word.lower()


def _kept_runs(title: str, words: list[re.Match[str]], lexicon: Lexicon) -> set[int]:
    """The indexes of the title's words in runs of capitalised words (two or more, connectors
    between them allowed) that the document prints as they stand, mid-sentence."""
    kept: set[int] = set()
    caps = [w.group(0)[0].isupper() for w in words]
    i = 0
    while i < len(words):
        if not caps[i]:
            i += 1
            continue
        ends = _run_ends(words, caps, i)
        found = next(
            (
                j
                for j in reversed(ends)
                if lexicon.printed_mid_sentence(title[words[i].start() : words[j].end()])
            ),
            None,
        )
        if found is None:
            i += 1
            continue
        kept.update(k for k in range(i, found + 1) if caps[k])
        i = found + 1
    return kept


def _run_ends(words: list[re.Match[str]], caps: list[bool], start: int) -> list[int]:
    """Where a run of capitalised words starting at `start` may end (each a later capitalised
    word reached through at most MAX_CONNECTORS connectors at a time), nearest first."""
    ends: list[int] = []
    j = start
    while True:
        k, between = j + 1, 0
        while k < len(words) and not caps[k] and words[k].group(0) in CONNECTORS and between < MAX_CONNECTORS:
            k, between = k + 1, between + 1
        if k < len(words) and caps[k]:
            ends.append(k)
            j = k
        else:
            return ends


def all_capitals(title: str) -> bool:
    """True when every letter of the title is a capital (a cover's "THE FORGOTTEN HISTORY OF ...")."""
    letters = [c for c in title if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def title_case(title: str, lexicon: Lexicon | None) -> str:
    """A title printed all in capitals in title case ("The Forgotten History of Prison Law"), for
    the styles that print titles so and for in-text citations: its sentence case with every word
    capitalised but the minor ones (acronyms the document uses stay in capitals). Any other
    title, or one without a lexicon, is left as it is."""
    if lexicon is None or not all_capitals(title):
        return title
    cased = sentence_case(title, lexicon)
    words = list(WORD.finditer(cased))
    out: list[str] = []
    last = 0
    for i, match in enumerate(words):
        word = match.group(0)
        out.append(cased[last : match.start()])
        starts = i == 0 or bool(SUBTITLE_BREAK.search(cased[words[i - 1].end() : match.start()]))
        minor = word.lower() in MINOR_WORDS and not starts and i != len(words) - 1
        out.append(
            word if minor or not word[0].isalpha() else "-".join(_capitalise(p) for p in word.split("-"))
        )
        last = match.end()
    out.append(cased[last:])
    return "".join(out)
