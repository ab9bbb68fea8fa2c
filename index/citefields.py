"""The parts of one citation, read from its words: URL, accessed date, document symbol,
pinpoint, date (as printed and as ISO), author or body, title, and its kind (the parts with a
form of their own, dates, addresses, symbols, pinpoints, signals, are read in `index.citeparts`).

Headless and pure (strings in, strings out): `index.sources` splits a note into
citations and links them; this module reads one. Every pattern is for the general
forms of citation guides (Chicago, OSCOLA, the UN's own document symbols), never for one
document. Legal citations (cases, statutes, "Id.", "supra") are read by eyecite, in
`index.legal`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.bluebook import BookParts, read_book
from index.citekind import (
    GAZETTE,
    GOVERNMENT,
    JOURNAL,
    KINDS,
    LAW,
    LAW_JOURNAL,
    NEWS,
    NGO,
    PUBLISHER,
    UN_BODY,
    SourceKind,
    tell_kind,
)
from index.citeforms import FormParts, apa_iso, read_apa, read_chicago, read_nlm, trailing_page
from index.citecomment import COMMENTARY_VERB, EXPLAINING, PRONOUN_START, commentary, quoting
from index.citeparts import (
    QUOTED,
    MONTHS,
    DAY_MONTH_YEAR,
    MONTH_DAY_YEAR,
    MONTH_YEAR,
    YEAR,
    URL,
    URL_TRAIL,
    ACCESSED,
    SYMBOL,
    SYMBOL_LEAD,
    PINPOINT,
    SIGNAL,
    LEAD_CLAUSE,
    strip_signal,
    iso_date,
    find_date,
    normal_symbol,
    find_symbol,
    find_url,
    find_pinpoint,
    top_level_split,
)

__all__ = [
    "ACCESSED",
    "COMMENTARY_VERB",
    "DAY_MONTH_YEAR",
    "DESCRIPTOR",
    "EDITORS",
    "EXPLAINING",
    "Fields",
    "GAZETTE",
    "GOVERNMENT",
    "HONORIFIC",
    "INTERVIEW",
    "JOURNAL",
    "KINDS",
    "LAW",
    "LAW_JOURNAL",
    "LEAD_CLAUSE",
    "MONTHS",
    "MONTH_DAY_YEAR",
    "MONTH_YEAR",
    "NEWS",
    "NGO",
    "PINPOINT",
    "PRONOUN_START",
    "PUBLISHER",
    "QUOTED",
    "SIGNAL",
    "SYMBOL",
    "SYMBOL_LEAD",
    "SourceKind",
    "UN_BODY",
    "URL",
    "URL_TRAIL",
    "YEAR",
    "find_date",
    "find_pinpoint",
    "find_symbol",
    "find_url",
    "iso_date",
    "journal_pin_year",
    "normal_symbol",
    "read_author_title",
    "read_fields",
    "read_part",
    "strip_signal",
    "top_level_split",
]

DESCRIPTOR = re.compile(
    r"^(?:report|public statement|statement|press release|speech|briefing|factsheet)$", re.I
)
"""A part that says what kind of document it is, not its title ("UN OHCHR, report, The right …")."""
EDITORS = re.compile(r"^(?:eds?\.|editors?|trans\.|\(eds?\.\))$", re.I)
HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Dr|Prof|Professor|Sir|Judge|Justice)\.?\s+")

STATE_PUBLISHER = re.compile(r"^(?:[A-Z]{2}|[A-Z]\.[A-Z]\.):\s+[A-Z]")
"""A state and a publisher after a place ("MD: Johns Hopkins Press", "D.C.: The White House")."""
INTERVIEW = re.compile(r"\binterviews?\b[^;]*?\bwith\s+(.+)", re.I)
"""An interview: "Amnesty International interview with Nam-soo (pseudonym, …) in Daegu … on 3 March 2015"."""


@dataclass(frozen=True)
class Fields:
    """What one citation says, as printed (empty when it does not say)."""

    kind: SourceKind
    """The kind of source."""
    author: str = ""
    """The author or body: "Amnesty International", "UN Human Rights Council", "Ken Gause"."""
    title: str = ""
    """The title, without quotation marks: "Report of the Commission of Inquiry"."""
    date: str = ""
    """The date of publication (or of the interview) as printed: "16 May 2011", "(2014)" → "2014"."""
    date_iso: str = ""
    """The same as ISO 8601 where it can be told: "2011-05-16", "2011-05", "2011"; else ""."""
    symbol: str = ""
    """A document symbol or index number, spaces inside taken out: "A/HRC/17/27"."""
    pinpoint: str = ""
    """Where in the source: "para 22", "paras 205–207", "p. 5", "at 171"."""
    url: str = ""
    """The web address, as printed."""
    accessed: str = ""
    """When the web address was accessed, as printed: "14 September 2015"."""
    interviewee: str = ""
    """For an interview: who was interviewed (without honorific or description): "Nam-soo"."""


def read_fields(text: str) -> Fields | None:
    """The fields of one citation (its signal already stripped); None when the words do not
    cite anything (commentary)."""
    text = text.strip()
    if re.fullmatch(r"[“\"‘][^”]*[”\"’][.,]?", text):
        return None  # a quoted passage, not a citation
    wrapped = re.fullmatch(r"\((.+)\)\.?", text)
    if wrapped and top_level_split(wrapped.group(1), ",") != [wrapped.group(1)]:
        text = wrapped.group(1)  # "(Article 167, Criminal Law of the DPRK, 2009 version)."
    url = find_url(text)
    accessed_match = ACCESSED.search(text)
    accessed = accessed_match.group(1).strip() if accessed_match else ""
    rest = text
    if accessed_match:
        rest = rest[: accessed_match.start()] + rest[accessed_match.end() :]
    if url:
        rest = rest.replace(url, " ")
    rest = EXPLAINING.sub(" ", rest).strip()  # "(arguing that …)" says what the source says, not what it is
    symbol = find_symbol(rest)
    interview = INTERVIEW.search(rest)
    if interview:
        return _interview(rest, interview, url, accessed)
    pinpoint = find_pinpoint(rest)
    quoted = QUOTED.search(rest)
    date = find_date(rest)
    journal = LAW_JOURNAL.search(rest) or (GAZETTE.search(rest) if LAW.search(rest) else None)
    if quoted and journal and quoted.start() > journal.end():
        quoted = None  # a passage quoted after "133 HARV. L. REV. 542 (2019)" is no title
    if journal and not pinpoint and LAW_JOURNAL.search(rest):  # "135 HARV. L. REV. F. 302, 302–03 (2022)"
        pinpoint = journal_pin_year(rest[journal.end() :])[0]
    if not date and journal:
        year = YEAR.search(rest[journal.start() - 6 : journal.end() + 12])
        date = year.group(1) if year else ""
    comments = (commentary(rest) or quoting(rest, quoted)) and not (url or symbol)
    book = None if (journal or quoted or url or symbol or comments) else read_book(rest)
    if book is not None:
        return _book(rest, book, accessed)
    form = (
        None
        if journal or comments
        else read_apa(rest) or read_nlm(rest) or (None if url or symbol else read_chicago(rest))
    )
    if form is not None:
        return _form(rest, form, symbol=symbol, url=url, accessed=accessed, pinpoint=pinpoint)
    if not pinpoint:
        pinpoint = trailing_page(rest)  # "Ashby, Return of the Weaver, 61."
    if not (url or symbol or quoted or date or pinpoint or journal) or comments:
        return None
    author, title = _author_title(rest, quoted)
    kind = tell_kind(author, title, rest, symbol=symbol, url=url, quoted=bool(quoted), date=date)
    return Fields(
        kind=kind,
        author=author,
        title=title,
        date=date,
        date_iso=iso_date(date),
        symbol=symbol,
        pinpoint=pinpoint,
        url=url,
        accessed=accessed,
    )


def read_part(text: str) -> Fields | None:
    """A part (a chapter, an essay) "in" a work cited elsewhere: "John H. Wigmore, Planetary Theory
    of the Law's Evolution, in 3 EVOLUTION OF LAW" (before ", supra note 164"): its author and
    title; None when the words are not an author and a title before ", in"."""
    match = re.match(r"^(?P<head>.+?),\s+in\s+\S", text.strip())
    if not match:
        return None
    head = match.group("head")
    author, title = _author_title(head, QUOTED.search(head))
    if not author or not title:
        return None
    return Fields(kind="report_or_book", author=author, title=title)


def journal_pin_year(after: str) -> tuple[str, str]:
    """The pinpoint and the year after a journal's first page: ", 59–60 (2024)" → ("59–60", "2024")."""
    pin = re.match(r",\s*(\d+(?:\s?[–-]\s?\d+)?(?:,\s\d+(?:\s?[–-]\s?\d+)?)*)(?![\d/])", after)
    year = re.match(r"(?:,\s*[\d–, -]+)?\s*\((?:[^()]*\s)?((?:1[6-9]|20)\d\d)\)", after)
    return (pin.group(1) if pin else ""), (year.group(1) if year else "")


def read_author_title(text: str) -> tuple[str, str]:
    """The author (or body) and the title of the words before a citation's volume and journal
    ("Oliver Wendell Holmes, The Path of the Law, " before "10 HARV. L. REV. 457")."""
    return _author_title(text.strip(" ,"), QUOTED.search(text))


def _book(text: str, book: BookParts, accessed: str) -> Fields:
    """A book in Bluebook form: a book even when its title has "Law" in it ("THE MAKING OF
    ENVIRONMENTAL LAW"), for a law has no author and no edition."""
    author, title = _author_title(book.body, None)
    kind = tell_kind(author, title, text, symbol="", url="", quoted=False, date=book.year)
    if kind in ("law_or_treaty", "other") and (author or book.edition):
        kind = "report_or_book"
    return Fields(
        kind=kind,
        author=author,
        title=title,
        date=book.year,
        date_iso=book.year,
        pinpoint=book.pinpoint,  # as the law review prints it: "54", "§ 1357"
        accessed=accessed,
    )


def _form(text: str, form: FormParts, *, symbol: str, url: str, accessed: str, pinpoint: str) -> Fields:
    """A citation in Chicago or APA form: its parts, its kind from them."""
    author, title = form.author, form.title
    if not title:
        quoted = QUOTED.search(form.body)
        author, title = _author_title(form.body, quoted)
        if quoted and form.article:  # "Helen Marsh, “Bread and Riot,” Journal of Social History"
            title = quoted.group(1).strip(" ,.")
        elif not quoted and author:  # a book: all after the author is its title ("…, 1650–1789")
            title = form.body.split(",", 1)[1].strip(" ,.") if "," in form.body else title
    kind = tell_kind(
        author,
        title,
        text,
        symbol=symbol,
        url=url,
        quoted=bool(form.container) or (form.article and bool(QUOTED.search(form.body))),
        date=form.date,
    )
    if form.article and kind in ("report_or_book", "other", "web_page", "law_or_treaty"):
        kind = "academic_article"  # a volume and the pages after a colon
    return Fields(
        kind=kind,
        author=author,
        title=title,
        date=form.date,
        date_iso=apa_iso(form.date) or iso_date(form.date),
        symbol=symbol,
        pinpoint=form.pinpoint or pinpoint,
        url=url,
        accessed=accessed,
    )


def _interview(text: str, match: re.Match[str], url: str, accessed: str) -> Fields:
    who_text = match.group(1)
    who = re.split(r"\s*[(,]|\s+(?:in|on|at)\s+[A-Z0-9]", who_text, maxsplit=1)[0]
    who = HONORIFIC.sub("", who.strip()).strip(" .")
    author = text[: match.start()].strip(" ,.")
    date = find_date(who_text)
    return Fields(
        kind="interview",
        author=author,
        title=f"Interview with {who}" if who else "Interview",
        date=date,
        date_iso=iso_date(date),
        url=url,
        accessed=accessed,
        interviewee=who,
    )


def _author_title(text: str, quoted: re.Match[str] | None) -> tuple[str, str]:
    """The author (or body) and the title of a citation."""
    if quoted:
        before = top_level_split(text[: quoted.start()].strip(" ,.:"), ",")
        return _clean_author(before[0] if before else ""), quoted.group(1).strip(" ,.")
    body = re.sub(r"\((?:Index|Ref)[^)]*\)|\([^)]*[A-Z\d]\s?/\s?[A-Z\d][^)]*\)", " ", text)
    body = re.split(r",?\s*\b(?:U\.?N\.?\s+doc\.?|Index:)", body, maxsplit=1, flags=re.I)[0]
    parts = [
        p
        for p in top_level_split(body, ",")
        if not EDITORS.match(p) and not DESCRIPTOR.match(p) and find_symbol(p) != normal_symbol(p)
    ]
    if not parts:
        return "", ""
    if len(parts) == 1 or not _looks_like_author(parts[0]):
        author, title_parts = "", parts
    else:
        author, title_parts = parts[0], parts[1:]
    title: list[str] = []
    for index, part in enumerate(title_parts):
        if not title and PINPOINT.fullmatch(part.strip()):
            continue  # "Article 167, Criminal Law of …": the pinpoint before the title
        if _ends_title(part) or (title and PUBLISHER.search(part)):
            break
        following = title_parts[index + 1] if index + 1 < len(title_parts) else ""
        if title and STATE_PUBLISHER.match(following):
            break  # "…, Baltimore, MD: Johns Hopkins Press": the place, not the title
        title.append(part)
        if re.search(r"\((?:1[6-9]|20)\d\d\)\s*$", part):
            break
    joined = ", ".join(title)
    joined = re.sub(r"\s*\((?:1[6-9]|20)\d\d\)\s*$", "", joined.strip(" .")).strip(" .")
    joined = re.sub(
        r"(?:^|,?\s+)(?:available\s+)?at$", "", joined
    )  # "IRAQ HISTORY, at http://…": no title word
    joined = joined.rstrip(" :")  # "… for more information: http://…": a colon ends no title
    if not author:
        split = re.match(r"(.+?)\s+(General (?:Comment|Recommendation)\b.*)", joined)
        if split:
            author, joined = split.group(1), split.group(2)
    return _clean_author(author), joined


def _clean_author(author: str) -> str:
    return re.sub(r"\s+", " ", author).strip(" ,.:")


def _looks_like_author(part: str) -> bool:
    """A name or a body: short, capitalised, no title words after a colon, not a date."""
    words = part.split()
    if not words or len(words) > 9 or ":" in part or find_date(part) or PINPOINT.search(part):
        return False
    return all(
        w[:1].isupper() or w.lower() in {"of", "for", "on", "the", "and", "in", "de", "&"} for w in words
    )


def _ends_title(part: str) -> bool:
    """A part after the title: a date, a pinpoint, a symbol, a volume, a report type."""
    return bool(
        find_date(part) == part.strip(" .()")
        or DAY_MONTH_YEAR.search(part)
        or MONTH_DAY_YEAR.search(part)
        or PINPOINT.match(part)
        or re.match(r"^\d+\s+[A-Z]", part)
        or re.match(r"^(?:1[6-9]|20)\d\d\b", part)
        or re.match(r"^(?:Vol|No)\.", part)
    )
