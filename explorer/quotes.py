"""Quote typography: the quotation marks and the full stop round a quoted passage, per style.

Headless. The words are never changed; only the marks round them:
- a quote that already starts and ends with a pair of quotation marks enclosing all of it
  (“…”, "…", «…», „…“) is not wrapped again: its own pair is replaced by the style's;
- quotation marks inside become the inner kind: double to single in American usage
  (Chicago, APA, MLA), single to double inside Harvard's (Cite Them Right's) single marks;
- Chicago puts the full stop inside the closing quotation mark (before the note number):
  “…world.”; APA, MLA and Harvard end the quote without it and put it after the
  parenthetical: “…world” (Amnesty International, 2016, p. 15). A question or exclamation
  mark stays in the quote in every style.
"""

from __future__ import annotations

OUTER_PAIRS: tuple[tuple[str, str], ...] = (
    ("\u201c", "\u201d"),
    ('"', '"'),
    ("\u00ab", "\u00bb"),
    ("\u201e", "\u201c"),
    ("\u2018", "\u2019"),
    ("'", "'"),
)
"""Pairs of marks that may already enclose a whole quote (a pasted or selected “…”)."""
SENTENCE_ENDS = ".?!\u2026"
"""Marks that end a sentence: a quote ending with one needs no full stop added (Chicago)."""
DROPPED_AT_END = ".,;:"
"""Marks a quote loses before a parenthetical citation (APA 8.26, MLA 6.43, Cite Them Right)."""
_OPENS_AFTER = " \t\n([{\u2014\u2013-/"
"""A straight quotation mark after one of these (or at the start) opens; elsewhere it closes."""
_DOUBLE_OPEN = "\u201c\u201e\u00ab"
_DOUBLE_CLOSE = "\u201d\u00bb"


def bare(quote: str) -> str:
    """The quote without the one pair of quotation marks that encloses all of it, if it has one."""
    text = quote.strip()
    for opening, closing in OUTER_PAIRS:
        if len(text) >= 2 and text.startswith(opening) and text.endswith(closing):
            inside = text[len(opening) : -len(closing)]
            if _balanced(inside, opening, closing):
                return inside.strip()
    return text


def _balanced(text: str, opening: str, closing: str) -> bool:
    """True when the marks inside never close more than they opened (so the outer two are a pair)."""
    if opening == closing:
        if opening == "'":  # an apostrophe is also a straight single quote: only count marks at word edges
            return sum(1 for i, c in enumerate(text) if c == "'" and _at_edge(text, i)) % 2 == 0
        return text.count(opening) % 2 == 0
    depth = 0
    for c in text:
        if c == opening:
            depth += 1
        elif c == closing:
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def _at_edge(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not (before.isalnum() and after.isalnum())


def _opens(text: str, i: int) -> bool:
    return i == 0 or text[i - 1] in _OPENS_AFTER


def inner_single(text: str) -> str:
    """Double quotation marks inside a quote made single (American usage): “…” and "…" become ‘…’."""
    out = []
    for i, c in enumerate(text):
        if c in _DOUBLE_OPEN:
            out.append("\u2018")
        elif c in _DOUBLE_CLOSE:
            out.append("\u2019")
        elif c == '"':
            out.append("\u2018" if _opens(text, i) else "\u2019")
        else:
            out.append(c)
    return "".join(out)


def inner_double(text: str) -> str:
    """Single quotation marks inside a quote made double (British usage, inside single marks):
    ‘…’ becomes “…”; an apostrophe (’ inside a word, or closing nothing opened) is left alone."""
    out = list(text)
    opened: list[int] = []
    for i, c in enumerate(text):
        if c == "\u2018" or (c == "'" and _opens(text, i)):
            opened.append(i)
        elif c in "\u2019'" and opened and _at_edge(text, i):
            out[opened.pop()] = "\u201c"
            out[i] = "\u201d"
        elif c == '"':
            out[i] = "\u201c" if _opens(text, i) else "\u201d"
    return "".join(out)


def american(quote: str) -> str:
    """“…” with inner marks single, the words as they are."""
    return f"\u201c{inner_single(bare(quote))}\u201d"


def american_sentence(quote: str) -> str:
    """Chicago: “…” ending with its full stop inside the closing mark (a trailing comma, colon or
    semicolon becomes the full stop; ? ! … are kept), inner marks single."""
    text = inner_single(bare(quote))
    closing = ""
    if text.endswith("\u2019") and _at_edge(text, len(text) - 1):  # “…he said ‘go.’”: inside both
        text, closing = text[:-1], "\u2019"
    if text and text[-1] in ",;:":
        text = text[:-1]
    if not text or text[-1] not in SENTENCE_ENDS:
        text += "."
    return f"\u201c{text}{closing}\u201d"


def before_parenthetical(quote: str, british: bool = False) -> tuple[str, str]:
    """APA, MLA, Harvard: (the quote in its marks without a final . , ; :, the full stop that follows
    the parenthetical). Harvard (British, Cite Them Right) uses single marks, double inside."""
    text = bare(quote)
    text = inner_double(text) if british else inner_single(text)
    while text and text[-1] in DROPPED_AT_END:
        text = text[:-1].rstrip()
    opening, closing = ("\u2018", "\u2019") if british else ("\u201c", "\u201d")
    return f"{opening}{text}{closing}", "."


def block(quote: str) -> str:
    """A block quotation (Markdown `>`): no enclosing marks; the marks inside stay as printed."""
    return bare(quote)
