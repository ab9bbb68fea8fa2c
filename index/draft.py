"""A draft's quotations, each with the citation beside it: what `citex check` verifies.

A draft is Markdown, plain text or a .docx file (read with python-docx: see `read_draft`).
A quotation is the text between quotation marks — straight "…", curly “…” (nested “ and ”
counted), guillemets «…», or curly single ‘…’ opened after a space — within one paragraph
(it may run over lines), or a Markdown blockquote (`> ` lines). Its citation is the first
of these after it, before the sentence ends (for a blockquote: at its end, or on the line
after it): a pandoc citation `[@key, p. 15]`, a parenthetical "(p. 15)", "(15)", "(Amnesty
International 2016, 15)", "(Amnesty International, 2016, pp. 15–16)", or a Markdown
footnote `[^3]` whose text holds the page ("p. 15", "pp. 15–16", or a trailing ", 15.").
Markdown footnote definitions (`[^3]: …`) are read as notes, not searched for quotations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

MIN_QUOTE_WORDS = 5
"""Quotations shorter than this many words are not checked (a scare-quoted term, a title)."""
CITE_REACH = 80
"""How many characters after a quotation its citation may start (a "she writes" in between)."""

_PAGE = r"(?:\d+|[ivxlcdm]+)"
_PAGES = rf"(?P<first>{_PAGE})(?:\s*[-\u2010\u2011\u2012\u2013\u2014]+\s*(?P<last>{_PAGE}))?"
_PP = r"(?:pp?\.|pages?|at)\s*"
_PAREN_PAGE = re.compile(rf"^(?:{_PP})?{_PAGES}$", re.I)
_PAREN_AUTHOR_DATE = re.compile(
    rf"^(?P<author>[A-Z][^()\d]*?),?\s+(?P<year>1[5-9]\d\d|20\d\d)[a-z]?(?:\s*[,:]\s*(?:{_PP})?{_PAGES})?$"
)
_PAREN_AUTHOR_PAGE = re.compile(rf"^(?P<author>[A-Z][^()\d,]*?),?\s+(?:{_PP})?{_PAGES}$")
_PANDOC = re.compile(r"\[(?P<body>[^\[\]]*?@(?P<key>[\w:.#$%&+?<>~/-]*\w)[^\[\]]*)\]")
_PANDOC_PAGES = re.compile(rf"(?:^|[,\s])(?:{_PP})?{_PAGES}\s*$", re.I)
_FOOTNOTE_REF = re.compile(r"\[\^(?P<label>[^\]\s]+)\]")
_FOOTNOTE_DEF = re.compile(r"(?m)^\[\^(?P<label>[^\]\s]+)\]:[ \t]*(?P<text>.*(?:\n(?:[ \t]+\S.*))*)")
_NOTE_PAGES = (re.compile(rf"\b{_PP}{_PAGES}\b", re.I), re.compile(rf",\s*{_PAGES}\s*\.?\s*$", re.I))
_NARRATIVE_KEY = re.compile(r"(?<![\w\[@])@(?P<key>[\w:.#$%&+?<>~/-]*\w)(?:\s*\[(?P<loc>[^\[\]]*)\])?")
_NARRATIVE_AUTHOR = re.compile(
    r"(?P<author>[A-Z][\w'\u2019.-]*(?:\s+(?:[A-Z][\w'\u2019.-]*|of|and|for|on|&))*)\s*"
    rf"\((?P<year>1[5-9]\d\d|20\d\d)[a-z]?(?:\s*[,:]\s*(?:{_PP})?{_PAGES})?\)"
)
_LOCATOR_WORDS = frozenset("p pp page pages at see ibid id op cit loc".split())
_NOT_AUTHORS = frozenset(
    "article art section sec chapter ch part annex appendix figure fig table box rule principle paragraph "
    "para note vol volume no number page line item recommendation resolution".split()
)
"""First words of a parenthesis "(Article 19)" that make it a reference inside a text, not an author-page
citation."""
_YEAR_LIKE = re.compile(r"^(1[5-9]\d\d|20\d\d)$")
_IBID = re.compile(r"^\s*(?:ibid|id)\b\.?", re.I)
_UNCHECKED = re.compile(r"<!--.*?-->|^```.*?^```[^\n]*$", re.S | re.M)
"""HTML comments (an annotated draft's own) and fenced code blocks: not searched for quotations."""
_BLOCKQUOTE = re.compile(r"(?m)^(?:[ \t]*>[^\n]*(?:\n|$))+")
_PARAGRAPH_END = re.compile(r"\n[ \t>]*\n")
_SENTENCE_END = re.compile(r"[.!?]\s+[A-Z\u201c\"]")
_OPEN_AFTER = set(" \t\n([{\u2014\u2013-/:;,")
_CLOSE_BEFORE_LETTER = re.compile(r"\w")


@dataclass(frozen=True)
class Citation:
    """The citation attached to a quotation, as the draft gives it."""

    text: str
    """The citation as written ("[@key, p. 15]", "(p. 15)", "[^3]")."""
    form: str
    """pandoc, page, author-date, author-page or footnote."""
    first: str = ""
    """The first page cited, as printed ("15", "xii"); "" when no page is cited."""
    last: str = ""
    """The last page of a cited range ("16" for "pp. 15–16"); "" for a single page."""
    key: str = ""
    """The pandoc citation key (without the @)."""
    author: str = ""
    """The author or body named in an author-date citation."""
    year: str = ""
    """The year named in an author-date citation."""
    note: str = ""
    """For a footnote: the note's text."""

    @property
    def pages(self) -> str:
        """The cited page(s) as one label: "15" or "15-16" ("" when none)."""
        return f"{self.first}-{self.last}" if self.last else self.first

    @property
    def names_source(self) -> bool:
        """True when the citation names a document: a key, an author, or a note with words besides its
        page ("p. 15." or "Ibid., 16." names none)."""
        if self.key or self.author:
            return True
        rest = _NOTE_PAGES[0].sub(" ", _NOTE_PAGES[1].sub(" ", self.note))
        return any(w.lower() not in _LOCATOR_WORDS for w in re.findall(r"[^\W\d_]+", rest))


@dataclass(frozen=True)
class DraftQuote:
    """One quotation in a draft."""

    line: int
    """1-based line of the draft where the quotation opens (for a .docx: its paragraph)."""
    text: str
    """The quoted words as the draft gives them, spaces and line breaks collapsed."""
    start: int
    """Offset in the draft's text where the quotation (its opening mark, or the blockquote) starts."""
    end: int
    """Offset just past the quotation and its citation, when the citation follows on its line."""
    citation: Citation | None
    """The citation attached, or None."""
    block: bool = False
    """True for a blockquote."""


@dataclass(frozen=True)
class Draft:
    """A draft's text (a .docx as Markdown-like paragraphs) and its footnotes."""

    path: str
    """Where it was read from ("-" for standard input)."""
    text: str
    """The text: paragraphs separated by blank lines; a .docx footnote reference as `[^N]`."""
    notes: dict[str, str] = field(default_factory=dict)
    """Footnote label -> text (Markdown definitions, or a .docx's footnotes)."""
    paragraphs: bool = False
    """True for a .docx: a quotation's `line` is then its paragraph's number (Word has no lines)."""


def read_draft(path: str, stdin_text: str | None = None) -> Draft:
    """Read a Markdown or text draft (UTF-8), or a .docx (python-docx: it reads paragraphs and the
    package's parts in-process, with no external program — pandoc would be a system install).

    Raises OSError or ValueError (a damaged .docx) for the caller to report.
    """
    if stdin_text is not None:
        text = stdin_text
    elif path.lower().endswith(".docx"):
        from index.draft_docx import docx_text

        text, notes = docx_text(path)
        return Draft(path, text, notes, paragraphs=True)
    else:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    notes = {m.group("label"): " ".join(m.group("text").split()) for m in _FOOTNOTE_DEF.finditer(text)}
    return Draft(path, text, notes)


def quotations(draft: Draft) -> list[DraftQuote]:
    """Every quotation of MIN_QUOTE_WORDS words or more, in draft order."""
    text = draft.text
    masked = _FOOTNOTE_DEF.sub(lambda m: _blank(m.group()), text)
    masked = _UNCHECKED.sub(lambda m: _blank(m.group()), masked)
    found: list[DraftQuote] = []
    for m in _BLOCKQUOTE.finditer(masked):
        quote = _blockquote(text, masked, m.start(), m.end(), draft.notes)
        if quote is not None:
            found.append(quote)
    masked = _BLOCKQUOTE.sub(lambda m: _blank(m.group()), masked)
    for start, end in _quoted_spans(masked):
        inner = " ".join(masked[start + 1 : end - 1].split())
        if not _long_enough(inner):
            continue
        citation, cite_end = _citation_after(masked, end, draft.notes)
        citation = _with_narrative(citation, _citation_before(masked, start))
        found.append(DraftQuote(_line(text, start), inner, start, max(end, cite_end), citation))
    found = _ibid(sorted(found, key=lambda q: q.start))
    if draft.paragraphs:  # paragraphs are one line each, a blank line between them
        from dataclasses import replace

        found = [replace(q, line=(q.line + 1) // 2) for q in found]
    return found


def _ibid(found: list[DraftQuote]) -> list[DraftQuote]:
    """A footnote "Ibid." (or "Id.") cites the document of the quotation before it (and its page, when
    it gives none)."""
    from dataclasses import replace

    out: list[DraftQuote] = []
    previous: Citation | None = None
    for quote in found:
        c = quote.citation
        if c is not None and c.form == "footnote" and _IBID.match(c.note) and previous is not None:
            first, last = (c.first, c.last) if c.first else (previous.first, previous.last)
            c = replace(previous, text=c.text, first=first, last=last)
            quote = replace(quote, citation=c)
        if c is not None:
            previous = c
        out.append(quote)
    return out


def _citation_before(text: str, start: int) -> Citation | None:
    """A narrative citation earlier in the quotation's sentence: "Amnesty International (2016, p. 15)
    writes that" or "@key [p. 15] writes"; the nearest to the quotation wins."""
    lo = max(0, start - 2 * CITE_REACH)
    window = text[lo:start]
    ends = list(_SENTENCE_END.finditer(window)) + list(re.finditer(r"\n[ \t]*\n", window))
    if ends:
        window = window[max(m.end() - 1 for m in ends) :]
    found: Citation | None = None
    at = -1
    for m in _NARRATIVE_KEY.finditer(window):
        pages = _PANDOC_PAGES.search(m.group("loc") or "")
        first, last = _pages(pages) if pages else ("", "")
        found, at = Citation(m.group(), "pandoc", first, last, key=m.group("key")), m.start()
    for m in _NARRATIVE_AUTHOR.finditer(window):
        if m.start() > at:
            first, last = _pages(m) if m.group("first") else ("", "")
            author = re.sub(r"\bet al\.?", "", m.group("author")).strip(" ,")
            found = Citation(m.group(), "author-date", first, last, author=author, year=m.group("year"))
    return found


def _with_narrative(after: Citation | None, before: Citation | None) -> Citation | None:
    """The citation after a quotation, given the document of a narrative citation before it when it names
    only a page ("Amnesty International (2016) writes that "…" (p. 15)")."""
    from dataclasses import replace

    if before is None:
        return after
    if after is None:
        return before
    if after.form == "page":
        return replace(before, text=f"{before.text} \u2026 {after.text}", first=after.first, last=after.last)
    return after


def _blank(text: str) -> str:
    """The text with every character but line breaks made a space (offsets and lines kept)."""
    return re.sub(r"[^\n]", " ", text)


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _long_enough(text: str) -> bool:
    return len(re.findall(r"\w+", text)) >= MIN_QUOTE_WORDS


def _blockquote(text: str, masked: str, start: int, end: int, notes: dict[str, str]) -> DraftQuote | None:
    """The quotation of a blockquote, with the citation at its end or on the line after it."""
    lines = [re.sub(r"^[ \t]*>[ \t]?", "", line) for line in masked[start:end].splitlines()]
    inner = " ".join(" ".join(lines).split())
    citation, inner = _trailing_citation(inner, notes)
    cite_end = end
    if citation is None:
        after = masked[end:]
        nxt = re.match(r"[ \t]*\n?[ \t]*(?P<line>[^\n]+)", after)
        if nxt and not nxt.group("line").lstrip().startswith(">"):
            line = nxt.group("line").strip().lstrip("\u2014\u2013-").strip()
            found, rest = _trailing_citation(line, notes)
            if found is None and len(line) <= CITE_REACH:
                found, rest = _parse(f"({line.rstrip('.')})", notes) or _citation_before(line, len(line)), ""
            if found is not None and len(rest) <= CITE_REACH:
                citation, cite_end = found, end + nxt.end()
    if len(inner) >= 2 and inner[0] in '\u201c"' and inner[-1] in '\u201d"':
        inner = inner[1:-1].strip()
    if not _long_enough(inner):
        return None
    return DraftQuote(_line(text, start), inner, start, cite_end, citation, block=True)


def _trailing_citation(text: str, notes: dict[str, str]) -> tuple[Citation | None, str]:
    """A citation at the very end of a text (a blockquote's last words), and the text without it."""
    stripped = text.rstrip(" .")
    for pattern in (r"\([^()]*\)$", r"\[[^\[\]]*\]$"):
        m = re.search(pattern, stripped)
        if m:
            citation = _parse(m.group(), notes)
            if citation is not None:
                return citation, stripped[: m.start()].rstrip()
    return None, text


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each top-level quotation: from its opening mark to just past its closing one."""
    spans: list[tuple[int, int]] = []
    at = 0
    while at < len(text):
        c = text[at]
        end = -1
        if c == "\u201c":
            end = _close_nested(text, at, "\u201c", "\u201d")
        elif c == "\u00ab":
            end = _close_nested(text, at, "\u00ab", "\u00bb")
        elif c == '"' and (at == 0 or text[at - 1] in _OPEN_AFTER):
            end = _close_straight(text, at)
        elif c == "\u2018" and (at == 0 or text[at - 1] in _OPEN_AFTER):
            end = _close_single(text, at)
        if end > 0:
            spans.append((at, end))
            at = end
        else:
            at += 1
    return spans


def _paragraph_limit(text: str, at: int) -> int:
    m = _PARAGRAPH_END.search(text, at)
    return m.start() if m else len(text)


def _close_nested(text: str, at: int, opening: str, closing: str) -> int:
    depth, limit = 0, _paragraph_limit(text, at)
    for i in range(at, limit):
        if text[i] == opening:
            depth += 1
        elif text[i] == closing:
            depth -= 1
            if depth == 0:
                return i + 1
    return -1


def _close_straight(text: str, at: int) -> int:
    limit = _paragraph_limit(text, at)
    i = text.find('"', at + 1, limit)
    return i + 1 if i > 0 else -1


def _close_single(text: str, at: int) -> int:
    """The ’ closing a ‘ (not an apostrophe inside a word: a letter on both sides)."""
    depth, limit = 0, _paragraph_limit(text, at)
    for i in range(at, limit):
        if text[i] == "\u2018":
            depth += 1
        elif text[i] == "\u2019":
            after = text[i + 1 : i + 2]
            if i > at + 1 and text[i - 1].isalpha() and after.isalpha():
                continue
            depth -= 1
            if depth == 0:
                return i + 1
    return -1


def _citation_after(text: str, end: int, notes: dict[str, str]) -> tuple[Citation | None, int]:
    """The first citation after a quotation, within CITE_REACH characters and the same sentence."""
    limit = min(_paragraph_limit(text, end), end + CITE_REACH + 200)
    window = text[end:limit]
    for m in re.finditer(r"\((?:[^()]|\([^()]*\))*\)|\[[^\[\]]*\]", window):
        if m.start() > CITE_REACH:
            break
        before = window[: m.start()]
        if _SENTENCE_END.search(before + " X") and before.strip(' \t\n,;:.!?\u201d"\u2019') != "":
            break
        if any(mark in before for mark in "\u201c\u00ab") or ' "' in before:
            break
        citation = _parse(m.group(), notes)
        if citation is not None:
            return citation, end + m.end()
    return None, end


def _parse(text: str, notes: dict[str, str]) -> Citation | None:
    """A citation from a parenthesis or bracket, or None when it is not one."""
    if m := _FOOTNOTE_REF.fullmatch(text):
        label = m.group("label")
        note = notes.get(label, "")
        pages = _NOTE_PAGES[0].search(note) or _NOTE_PAGES[1].search(note)
        first, last = _pages(pages) if pages else ("", "")
        return Citation(text, "footnote", first, last, note=note)
    if m := _PANDOC.fullmatch(text):
        body = m.group("body")
        after = body[body.index("@" + m.group("key")) + len(m.group("key")) + 1 :].split(";")[0]
        pages = _PANDOC_PAGES.search(after)
        first, last = _pages(pages) if pages else ("", "")
        return Citation(text, "pandoc", first, last, key=m.group("key"))
    if not (text.startswith("(") and text.endswith(")")):
        return None
    inner = " ".join(text[1:-1].split())
    if (m := _PAREN_PAGE.match(inner)) and _is_page(m.group("first")) and not _bare_year(inner, m):
        return Citation(text, "page", *_pages(m))
    if m := _PAREN_AUTHOR_DATE.match(inner):
        author = re.sub(r"\bet al\.?", "", m.group("author")).strip(" ,")
        first, last = _pages(m) if m.group("first") else ("", "")
        return Citation(text, "author-date", first, last, author=author, year=m.group("year"))
    m = _PAREN_AUTHOR_PAGE.match(inner)
    if (
        m
        and _is_page(m.group("first"))
        and m.group("author").split()[0].lower().rstrip(".") not in _NOT_AUTHORS
    ):
        return Citation(text, "author-page", *_pages(m), author=m.group("author").strip(" ,"))
    return None


def _bare_year(inner: str, m: re.Match[str]) -> bool:
    """True for "(2016)": a year, not page 2016."""
    return inner == m.group("first") and bool(_YEAR_LIKE.match(inner))


def _is_page(label: str) -> bool:
    """True for a page number: digits, or a roman numeral written the usual way ("xii", not "mild")."""
    from source.labels import roman_value

    return label.isdigit() or roman_value(label.lower()) is not None


def _pages(m: re.Match[str]) -> tuple[str, str]:
    """(first, last) page of a match of _PAGES; last is "" for one page or when it repeats the first.
    A short last page ("115-17") takes the first's leading digits."""
    first, last = m.group("first"), m.group("last") or ""
    if last.isdigit() and first.isdigit() and len(last) < len(first):
        last = first[: len(first) - len(last)] + last
    return first, "" if last == first else last
