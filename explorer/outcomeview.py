"""What the results pane says above the hits: the count, a note, "did you mean", and for verify the
verdict, the page, the notes cited there and a coloured word diff of the quote against the source.

Headless (rich Text only, no Textual). The diff is drawn from the same normalised words the
verdict was computed on (`index.text.quote_words`), so a word marked changed is one the verdict
counted as changed.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from rich.text import Text

from explorer.engine import Outcome
from explorer.text import clean_for_terminal
from index.verdicts import Verification
from index.text import quote_words

STYLE_MISSING = "bold red strike"
"""The quote's words that the source does not have."""
STYLE_SOURCE = "bold green"
"""The source's words that the quote lacks or changed."""
STYLE_VERDICT = {"exact": "bold green", "near": "bold yellow", "absent": "bold red"}
"""The verdict's colour."""


def count_line(outcome: Outcome) -> str:
    """ "12 hits", "1 hit", "best 50 hits of more", "" before any query; "(ranking cut short)"
    after it when only the matches reached in time were ranked. Never a count that is not so."""
    if not outcome.query:
        return ""
    n = len(outcome.hits)
    line = f"{n} hit{'s' if n != 1 else ''}"
    if outcome.more:
        line = f"best {line} of more"
    if not outcome.complete:
        line += " (ranking cut short)"
    return line


def word_diff_text(quote: str, source: str) -> Text:
    """The quote word by word against the source: equal words plain, the quote's words the source
    lacks struck through in red, the source's words in their place in green. Source words before
    the first and after the last word in common (the rest of the matched sentence) are left out."""
    qnorm, qtyped = quote_words(quote)
    snorm, styped = quote_words(source)
    ops = SequenceMatcher(None, qnorm, snorm, autojunk=False).get_opcodes()
    while ops and ops[0][0] == "insert":
        ops = ops[1:]
    while ops and ops[-1][0] == "insert":
        ops = ops[:-1]
    text = Text()
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            text.append(" ".join(clean_for_terminal(w) for w in qtyped[i1:i2]) + " ")
            continue
        if i2 > i1:
            text.append(" ".join(clean_for_terminal(w) for w in qtyped[i1:i2]), STYLE_MISSING)
            text.append(" ")
        if j2 > j1:
            text.append(" ".join(clean_for_terminal(w) for w in styped[j1:j2]), STYLE_SOURCE)
            text.append(" ")
    text.rstrip()
    return text


def verification_text(verification: Verification) -> Text:
    """The verdict in full: what, how sure, where, the notes cited there, and the word diff."""
    out = Text()
    hit = verification.hit
    verdict = verification.verdict if hit is not None else "absent"
    out.append(verdict.upper(), STYLE_VERDICT.get(verdict, "bold"))
    if hit is None or verdict == "absent":
        out.append(f" ({verification.score:.0f}): not in the document")
        if hit is not None:
            out.append(f"; the closest is on p. {clean_for_terminal(hit.page_label)}", "dim")
        return out
    out.append(f" ({verification.score:.0f}) on p. {clean_for_terminal(hit.page_label)}")
    if hit.notes:
        out.append(" notes " + " ".join(f"[{clean_for_terminal(n)}]" for n in hit.notes), "cyan")
    if verdict == "exact":
        out.append(": the quote is the source's words")
        return out
    changes = len(verification.diff)
    out.append(f", {changes} change{'s' if changes != 1 else ''} (")
    out.append("quote", STYLE_MISSING)
    out.append(" ")
    out.append("source", STYLE_SOURCE)
    out.append(")\n")
    out.append_text(word_diff_text(verification.quote, hit.text))
    return out


def outcome_text(outcome: Outcome) -> Text:
    """Everything the pane says above the list of hits ("" before a query)."""
    if not outcome.query:
        return Text()
    if outcome.verification is not None:
        return verification_text(outcome.verification)
    # the count is the pane's title (`count_line`); here what the run said, if anything
    return Text(clean_for_terminal(outcome.message), "italic") if outcome.message else Text()
