"""The kind of a source, told from who wrote it, what it is called and what it carries: the
words of NGOs, news, UN bodies, governments, laws, journals and publishers, and the order in
which they decide (`tell_kind`). Used by `index.citefields`, which reads the other fields.
"""

from __future__ import annotations

import re
from typing import Literal, get_args

from index.citeparts import DAY_MONTH_YEAR, MONTH_DAY_YEAR, MONTH_YEAR

SourceKind = Literal[
    "interview",
    "un_document",
    "law_or_treaty",
    "news_article",
    "report_or_book",
    "academic_article",
    "ngo_document",
    "government_document",
    "web_page",
    "court_case",
    "other",
]
KINDS: tuple[SourceKind, ...] = get_args(SourceKind)
"""Every kind of source, in the order `citex sources --kind` lists them."""

GAZETTE = re.compile(r"\bNos?\.\s*\d+/\d+")
"""An official gazette's issue number ("Ur. l. RS No. 59/2002")."""
LAW_JOURNAL = re.compile(
    r"\b\d+\s+(?:[A-Z][A-Za-z.&’' ]*(?:L\.|J\.|REV\.|Rev\.|Q\.)|(?:[A-Z][A-Za-z.&’' ]*)?(?:Journal|JOURNAL))"
    r"[A-Za-z.&’' ]*\s\d+"
)
"""A law-review or journal citation: volume, abbreviated journal, first page ("39 J. CRIM. L. 167",
"36 JOURNAL OF THE AMERICAN ORIENTAL SOCIETY 1"; not a treaty series, "35 L.N.T.S. 13")."""

NGO = re.compile(
    r"\b(?:Amnesty International|Human Rights Watch|International Crisis Group|Freedom House|Oxfam"
    r"|Save the Children|Médecins Sans Frontières|Reporters Without Borders|International Federation"
    r"|Committee to Protect Journalists|Article 19|ARTICLE 19|Transparency International|Greenpeace"
    r"|International Commission of Jurists|Front Line Defenders|Privacy International)\b"
)
"""Well-known non-governmental organisations as authors."""
NEWS = re.compile(
    r"\b(?:News|Reuters|Associated Press|AFP|Agence France|Herald|Times|Post|Guardian|BBC|CNN|Daily"
    r"|Tribune|Gazette|Telegraph|Economist|Yonhap|Xinhua|Al Jazeera|Bloomberg|Press|Radio|Tech|Weekly)\b"
)
"""Words in the name of a newspaper, agency or news site."""
UN_BODY = re.compile(
    r"^(?:UN|U\.N\.|United Nations)\b|\b(?:Human Rights Committee|Human Rights Council|General Assembly"
    r"|Security Council|Special Rapporteur|OHCHR|High Commissioner|Committee on|Committee against"
    r"|Secretary[- ]General|Economic and Social Council|UNICEF|UNHCR|UNESCO|UNDP)\b"
)
"""A body of the United Nations."""
GOVERNMENT = re.compile(
    r"\b(?:President|Ministry|Ministers?|Department of|Government|Senate|Congress|Parliament|House of"
    r"|White House|Agency|Central Intelligence|Statement of|Embassy|Office of|State Council)\b"
)
"""Words of a government author or document."""
LAW = re.compile(
    r"\b(?:Law|Act|Code|Constitution|Convention|Covenant|Treaty|Charter|Statute|Decree|Ordinance|Protocol"
    r"|Regulations?|Directive|Official Gazette)\b|\b(?:Ur\.\s?l\.|Pub\.\s?L\.|U\.S\.C\.|C\.F\.R\.)|§"
)
"""Words of a law, treaty or official gazette."""
JOURNAL = re.compile(
    r"\b(?:Journal|Review|Quarterly|Studies|Law Rev|Proceedings|Volume)\b|\b(?:L\.\s?Rev\.|J\.|Vol\.)(?!\w)"
    r"|\b\d+\s+[A-Z][A-Za-z.&’' ]+\s\d+\b"
)
"""A journal: its name, "Vol.", or the law-review form "56 Admin. L. Rev. 1077"."""
PUBLISHER = re.compile(
    r"\b(?:Press|Publishers?|Publishing|University|Institute|Books|Verlag|Editions?|Committee for|Centre"
    r"|Center|Foundation)\b|^[A-Z][A-Za-z .]+:\s[A-Z]"
)
"""A publisher, or "Place: Publisher"."""


def _without_dates(text: str) -> str:
    for pattern in (DAY_MONTH_YEAR, MONTH_DAY_YEAR, MONTH_YEAR):
        text = pattern.sub(" ", text)
    return text


UN_PUBLICATION = re.compile(r"\bUnited Nations publication\b|\(United Nations,\s")
"""The UN's own way of citing its publications: "(United Nations publication, Sales No. 09.VI.13)"."""
SPOKEN = re.compile(
    r"^(?:presentations?|inputs?|remarks|speech|email|e-mail|letter|correspondence)\s+(?:by|from|of|with)\s",
    re.I,
)
"""Words said or written to the author, not published: "Presentation by Miguel González at the
expert seminar …" (neither a report nor a book)."""


def tell_kind(
    author: str, title: str, text: str, *, symbol: str, url: str, quoted: bool, date: str
) -> SourceKind:
    """The kind of source, from who wrote it, what it is called and what it carries."""
    who = f"{author} {title}" if author else title
    after = text[text.find(title) + len(title) :] if title and title in text else text
    if symbol and not NGO.search(author) and not re.search(r"\bIndex:", text):
        return "un_document"
    if UN_PUBLICATION.search(text):
        return "un_document"
    if SPOKEN.match(title or text):
        return "other"
    if NGO.search(author) or re.search(r"\bIndex:", text):
        return "ngo_document"
    if quoted and (NEWS.search(author) or NEWS.search(after.split(",")[1] if after.count(",") else after)):
        return "news_article"
    if LAW_JOURNAL.search(_without_dates(after)) and not GAZETTE.search(text):
        return "academic_article"  # "The Path of the Law, 10 HARV. L. REV. 457": an article, not a law
    if (
        GAZETTE.search(text)
        and LAW.search(text)
        or LAW.search(title)
        and not quoted
        or re.search(r"\bArticles?\s+\d+", text)
        and LAW.search(text)
    ):
        return "law_or_treaty"
    if GOVERNMENT.search(who) and not re.match(r"(?:UN|U\.N\.|United Nations)\b", author):
        return "government_document"
    if UN_BODY.search(author) or UN_BODY.search(who):
        return "un_document"
    if LAW_JOURNAL.search(_without_dates(after)) or quoted and JOURNAL.search(_without_dates(after)):
        return "academic_article"
    if quoted and url and DAY_MONTH_YEAR.search(date or ""):
        return "news_article"
    if GOVERNMENT.search(who):
        return "government_document"
    if quoted and url:
        return "web_page"
    if title and (date or PUBLISHER.search(text)):
        return "report_or_book"
    if url:
        return "web_page"
    return "other"
