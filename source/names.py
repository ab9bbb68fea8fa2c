"""Whether a name is surely a person's: the test both the metadata reader (a byline under a
cover's title) and the citation styles (invert a person, never an organisation) rely on.

A name is a person's when, after an honorific (Dr., Prof., Mr., Ms., Sir...) and a suffix
(Jr., Sr., III) are set aside, it is two to four words, each a capitalised name word or an
initial, with no organisation word (Institute, Council, University, Office, Commission,
Committee...), no acronym, no digit; or one surname after an honorific. When unsure, it is
not a person's.
"""

from __future__ import annotations

import re

HONORIFICS = frozenset(
    "dr prof professor mr mrs ms miss mx sir dame rev revd hon judge justice lord lady".split()
)
"""Titles before a name, dropped from a person's CSL name."""
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
"""Suffixes after a name, kept as its CSL suffix."""
DEGREES = frozenset("phd md mph scd drph jd llm llb ma msc ms mba rn dphil bsc ba".split())
"""Degrees a byline prints after a name ("Jaime Raymond, MPH"), left out of the name."""
PARTICLES = frozenset("van von de da del della der den du la le bin ibn al el dos das di".split())
"""Lower-case particles inside a person's name ("Ludwig van Beethoven"), kept with the family name."""
ORGANISATION_WORDS = frozenset(
    """institute institution council association international department university office commission
    committee organization organisation agency ministry bureau court tribunal library project
    foundation society centre center service services board union nations network watch press
    inc ltd llc llp plc co corporation company group government state states republic kingdom
    mechanism secretariat assembly parliament congress senate program programme fund bank trust
    school college academy team staff review journal research health rights federation league
    alliance coalition partnership authority administration division unit panel forum party
    church museum hospital clinic laboratory observatory initiative campaign unesco amnesty
    world national federal european african american asian united consortium""".split()
)
"""Words that make a name an organisation's (any one of them, in any case)."""
MIN_NAME_WORDS = 2
"""A person's name has at least this many words (given and family) without an honorific or initials."""
MAX_NAME_WORDS = 4
"""A person's name has at most this many words (more is likely an organisation or a phrase)."""
INITIAL = re.compile(r"(?:[A-Z]\.){1,3}|[A-Z]\.?-[A-Z]\.")
"""An initial: "G.", "J.R.", "J.-P."."""
NAME_WORD = re.compile(r"(?:Mc|Mac|O['’]|D['’])?[A-Z][a-zà-ÿ]+(?:[-'’][A-Z]?[a-zà-ÿ]+)*")
"""A capitalised name word: "Manwaring", "O'Neil", "McNeil", "Jean-Paul", "Müller"."""


def name_words(name: str) -> list[str]:
    """The words of a name (commas dropped)."""
    return name.replace(",", " ").split()


def person(name: str) -> dict[str, str] | None:
    """The CSL name of a person ({"family", "given"}, maybe "suffix"), or None when the name is not
    surely a person's (see the module docstring)."""
    words = name_words(name)
    honorific = False
    while words and words[0].rstrip(".").lower() in HONORIFICS:
        words, honorific = words[1:], True
    suffix = ""
    if words and words[-1].rstrip(".").lower() in SUFFIXES:
        suffix, words = words[-1], words[:-1]
    if not words or any(w.rstrip(".").lower() in ORGANISATION_WORDS for w in words):
        return None
    initials = [w for w in words if INITIAL.fullmatch(w)]
    names = [w for w in words if NAME_WORD.fullmatch(w)]
    particles = [w for w in words if w in PARTICLES]
    if len(initials) + len(names) + len(particles) != len(words) or not names:
        return None
    if words[-1] in particles or INITIAL.fullmatch(words[-1]) or words[0] in particles:
        return None
    if not (MIN_NAME_WORDS <= len(words) <= MAX_NAME_WORDS) and not (
        len(words) == 1 and honorific
    ):  # "Dr. Smith" is a person; "Amnesty" alone is not known to be one
        return None
    at = len(words) - 1
    while at > 0 and words[at - 1] in PARTICLES:
        at -= 1
    found = {"family": " ".join(words[at:])}
    if words[:at]:
        found["given"] = " ".join(words[:at])
    if suffix:
        found["suffix"] = suffix
    return found


def byline(text: str) -> list[str]:
    """The people a cover's byline names ("By Constance Johnson", "Richard Lazarus", "Jaime
    Raymond, MPH", "Ana Lima and Tom Roe"), each without a degree; [] when any part is not
    surely a person's name."""
    text = " ".join(re.sub(r"^by\s+", "", text.strip(), flags=re.IGNORECASE).split()).rstrip("*∗†‡ ")
    pieces = [p.strip() for p in re.split(r",\s*(?:and\s+|&\s*)?|\s+(?:and|&)\s+", text) if p.strip()]
    names: list[str] = []
    for piece in pieces:
        if piece.replace(".", "").lower() in DEGREES and names:
            continue  # "Jaime Raymond, MPH"
        if piece.rstrip(".").lower() in SUFFIXES and names:
            names[-1] = f"{names[-1]}, {piece}"
            continue
        if person(piece) is None:
            return []
        names.append(piece)
    return names
