"""Whether the words of a note comment (or quote) rather than cite: a sentence with a verb outside
its quoted title, one that starts with a pronoun, one clause that runs into a quotation. Used by
`index.citefields.read_fields` to leave commentary out of a note's sources."""

from __future__ import annotations

import re

from index.citeparts import QUOTED

COMMENTARY_VERB = re.compile(
    r"\b(?:is|are|was|were|has|have|had|been|would|could|should|can|may|might|refers?|means?|says|said"
    r"|used|named|shows?|suggests?|notes?|argues?|estimated|does|did|also|which|because|however|this|these|there)\b"
)
"""Words of a sentence that comments rather than cites (looked for outside quoted titles)."""
EXPLAINING = re.compile(r"(?<=[\d)\]]\s)\((?:(?!forthcoming)[a-z]+ing\b|[“\"])(?:[^()]|\([^()]*\))*\)")
"""A law review's explanatory parenthetical after a citation's year or page, "333 (1992) (arguing
that prisoners were not denied …)" or one that quotes the source, "5 (2009) (“[T]he average time
…”)" (not "(including Hong Kong)" inside a title): it comments on the citation before it; it is
neither part of its title (a quotation is no title) nor makes it a comment."""
PRONOUN_START = re.compile(r"^(?:He|She|They|It|We|I|His|Her|Their|Its|Our)\s+[a-z]")
"""A sentence that starts with a pronoun and a verb comments; a citation never does."""


def commentary(text: str) -> bool:
    """Words that say something rather than cite: a verb or connective outside the quoted title."""
    outside = EXPLAINING.sub(" ", QUOTED.sub(" ", text))
    return len(outside.split()) > 6 and bool(COMMENTARY_VERB.search(outside))


def quoting(text: str, quoted: re.Match[str] | None) -> bool:
    """A sentence that quotes rather than cites a title: "She faulted petitioners for “…”" (it
    starts with a pronoun, or the words before the quotation are one clause, with no comma, that
    ends in a lower-case word, or its last clause, "other reasons include", runs into the quotation
    in lower case)."""
    if quoted is None:
        return bool(PRONOUN_START.match(text))
    before = text[: quoted.start()].rstrip()
    clause = "," not in before and len(before.split()) > 1 and re.search(r"(?:^|\s)[a-z]+$", before)
    last = before.rsplit(",", 1)[-1].split()  # "As noted below, other reasons include “…”"
    running = len(last) > 2 and last[0][:1].islower() and re.fullmatch(r"[a-z]+", last[-1]) is not None
    return bool(PRONOUN_START.match(text) or clause or running)
