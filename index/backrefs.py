"""The forms of back-references and cross-references in notes, as patterns: "Ibid.", "Id.",
"supra note 3", "op. cit.", "see note 12", an author and year, "See Chapter 5", "See supra note 34
and accompanying text"; and what a pinpoint after one looks like. `index.sources` links them.
"""

from __future__ import annotations

import re

CROSS = re.compile(
    r"^(?:see\s+|cf\.\s+)?(?:also\s+)?(?:(?:infra|supra)\s+)?(?P<target>(?:chapters?|sections?|parts?|annex|appendix|box)"
    r"\s+[\dIVXLC]+(?:\.[\dA-Za-z]+)*(?:[–-][\dA-Z]+)?)\.?(?:\s+(?:above|below))?(?:,?\s+(?P<pages>pp?\.\s*[\dA-Za-z–-]+))?\.?$",
    re.I,
)
"""A cross-reference to a part of the document: "See Chapter 5", "infra Part III, pp. 1761–67"."""
NOTE_CROSS = re.compile(
    r"^(?:see\s+|cf\.\s+)?(?:also\s+)?(?:supra|infra)\s+(?:text\s+accompanying\s+)?(?P<target>notes?\s+"
    r"(?P<first>\d+)(?:\s*[–-]\s*\d+)?(?:,\s*\d+(?:\s*[–-]\s*\d+)?)*(?:,?\s+and\s+\d+)?)"
    r"(?P<text>\s+and\s+(?:the\s+)?accompanying\s+text)?(?:\s*\((?:[^()]|\([^()]*\))*\))?\.?$",
    re.I,
)
"""A law review's pointer to its own notes or text: "See supra note 34 and accompanying text",
"supra text accompanying notes 30–41", "See supra notes 286–90." (a cross-reference, not a source)."""
SEVERAL = re.compile(r"\d\s*[–-]\s*\d|,|\band\b")
"""Several notes named ("notes 286–90", "notes 366, 367, 371"): their text, not one source."""
IBID = re.compile(r"^(?:ibid|ib)\.?(?:,?\s*(?:at\s+)?(?P<pin>.+?))?\.?$", re.I)
""""Ibid." or "Ibid., p. 49": the citation just before, with its own pinpoint."""
ID = re.compile(r"^[Ii]d\.(?:,?\s*(?:at\s+)?(?P<pin>.+?))?\.?$")
CASE_NAME_WORDS = 16
"""The words before a case's volume and reporter are its whole name when they hold "v." and are at
most this many (else eyecite's reading of the name stands)."""
PIN_PAREN = re.compile(r"(?:(?<=[\w.])\s+|^)\((?:[^()]|\([^()]*\))*\)(?:\s.*)?$")
"""A parenthetical after a pin cite, "765 (plurality opinion)", "173 (“[H]ouses for convicts …”)",
"59 (noting that …)", or in place of one ("supra note 174 (“[T]he average …”)"): it says what the
page says, not where it is."""
PIN_START = re.compile(
    r"(?:at\s+)?(?:[\d§¶(]|pp?\.|paras?\b|arts?\.|articles?\b|n\.|nn\.|ch\.|sec|fig|tab|notes?\b|[ivxlc]+\b)",
    re.I,
)
"""How a pinpoint after "Id." or "Ibid." starts: "at 17", "§ 4", "para 8", "p. 5", "n.12"."""
SUPRA = re.compile(
    r"^(?P<who>[^()]{0,80}?),?\s+supra(?:,?\s+(?:note|n\.)\s+(?P<note>\d+))?(?:,?\s*(?:at\s+)?(?P<pin>.+?))?\.?$",
    re.I,
)
""""Roe, supra note 1, at 12" or "Stephenson, supra, at 59": an earlier citation by name and note."""
OP_CIT = re.compile(
    r"^(?P<who>[^()]{0,80}?),?\s+(?:op\.\s*cit|loc\.\s*cit)\.?(?:,?\s*(?P<pin>.+?))?\.?$", re.I
)
""""Roe, op. cit., p. 9" (or "loc. cit."): an earlier citation by name."""
SEE_NOTE = re.compile(
    r"^(?:above\s+)?(?:note|n\.)\s+(?P<note>\d+)(?:\s+above)?(?:,?\s*(?:at\s+)?(?P<pin>.+?))?\.?$", re.I
)
""""See note 3 above", "n. 12, at 4": the citation in that note."""

AUTHOR_DATE = re.compile(
    r"^(?P<who>[A-Z][^,()]*?),?\s+\(?(?P<year>(?:1[5-9]|20)\d\d)[a-z]?\)?(?:,\s*(?P<pin>(?:pp?\.|paras?\.?)\s*[\d–-]+))?\.?$"
)
"""An author-date short form, "Human Rights Watch, 2018, p. 14." or "Okafor (2019)": the source by
that author of that year cited before."""
