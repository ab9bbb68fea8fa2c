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

from index.draft_cite import CITE_REACH, SENTENCE_END, Citation, citation_before, parse

MIN_QUOTE_WORDS = 5
"""Quotations shorter than this many words are not checked (a scare-quoted term, a title)."""

_FOOTNOTE_DEF = re.compile(r"(?m)^\[\^(?P<label>[^\]\s]+)\]:[ \t]*(?P<text>.*(?:\n(?:[ \t]+\S.*))*)")
_IBID = re.compile(r"^\s*(?:ibid|id)\b\.?", re.I)
_UNCHECKED = re.compile(r"<!--.*?-->|^```.*?^```[^\n]*$", re.S | re.M)
"""HTML comments (an annotated draft's own) and fenced code blocks: not searched for quotations."""
_BLOCKQUOTE = re.compile(r"(?m)^(?:[ \t]*>[^\n]*(?:\n|$))+")
_PARAGRAPH_END = re.compile(r"\n[ \t>]*\n")
_OPEN_AFTER = set(" \t\n([{\u2014\u2013-/:;,")


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
        citation = _with_narrative(citation, citation_before(masked, start))
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
                found, rest = parse(f"({line.rstrip('.')})", notes) or citation_before(line, len(line)), ""
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
            citation = parse(m.group(), notes)
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
        if SENTENCE_END.search(before + " X") and before.strip(' \t\n,;:.!?\u201d"\u2019') != "":
            break
        if any(mark in before for mark in "\u201c\u00ab") or ' "' in before:
            break
        citation = parse(m.group(), notes)
        if citation is not None:
            return citation, end + m.end()
    return None, end
