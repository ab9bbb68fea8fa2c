"""True quotes from real PDFs, taken with poppler's pdftotext, independently of Citex's reader.

    from truequotes import take_quotes
    quotes = take_quotes(Path("paper.pdf"), per_file=15, seed=7)   # [TrueQuote]

Geometry comes from `pdftotext -bbox-layout` (words with their boxes, in poppler's reading
order, grouped in flows and blocks); each quote is then checked against the plain text of
`pdftotext -layout` and of `pdftotext` (reading order) for the same pages: its words must
stand there, in order, in one of the two.

Being conservative is the point: a quote is a whole sentence of body text, so only lines of
the document's body size are used (notes, captions, headings, block quotes and most
furniture are of another size); lines near the page edges, lines that repeat on three pages
or more, lines below a smaller line in the lower half of the page (the note area), lines
below a long gap at the page foot, lines with wide gaps between words (tables) and lines
with many numbers are left out. A sentence is kept only when every word in it is of the
body size (no raised or small note markers), it does not start with a number, and it reads
down one column: a line follows the one before when it is just below it and overlaps it
across, or (a column break) when it is the first of the next column, or (a page break) the
first body line of the next page, each time only when it starts in lower case.

The text layer can be wrong where the page is right: Ghostscript's MMWR file drops the
ligatures (`deiciencies`). A word found in no other file of the set that becomes a word of
the set when `fi`, `fl`, `ff`, `ffi` or `ffl` is put back is written with it, and the quote
is marked `repair="ligature"`; a drop cap drawn in a larger size is put back before its line
(`repair="drop cap"`). Up to three such quotes per file are taken besides the sample.
"""

from __future__ import annotations

import random
import re
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

SIZE_TOLERANCE = 0.06
"""A word is of the body size when its box height is within 6% of the document's commonest height."""
SMALL_RATIO = 0.92
"""A line whose words are mostly below 92% of the body height is small (a note, a caption)."""
EDGE_MARGIN = 0.045
"""Lines within 4.5% of the page height of the top or bottom edge are furniture (heads, folios)."""
REPEAT_PAGES = 3
"""A line whose text (digits dropped) stands on this many pages or more is a running head or foot."""
FOOT_GAP = 2.5
"""A vertical gap wider than 2.5 line pitches in the lower half of a page ends the body."""
LINE_STEP = 2.4
"""The next line of a paragraph starts at most 2.4 line heights (double spacing) below the top of the one before."""
FULL_LINE = 0.9
"""A line at least 90% as wide as the page's median body line is a full line: the paragraph goes on."""
SIDE_LABEL = 0.5
"""A line with another line beside it less than half its width is in a table (row labels) or beside a margin note."""
NOTE_GAP = 0.3
"""Smaller lines below the last body line of a page are its notes only when they stand 0.3 line heights apart."""
TABLE_GAP = 2.5
"""A gap between two words of a line wider than 2.5 body heights marks a table row."""
MAX_NUMBERS = 2
"""A line with more than two words holding digits is left out (tables, citations, statistics)."""
MIN_WORDS, MAX_WORDS = 8, 30
"""A quote is a sentence of 8 to 30 words."""
DROP_CAP = 1.8
"""A one- or two-letter word at least 1.8 body heights tall, before a body line, is a drop cap."""
LIGATURES = ("ffi", "ffl", "fi", "fl", "ff")
"""What a text layer may have dropped inside a word."""
ABBREVIATIONS = frozenset(
    "mr mrs ms dr st no nos v vs e.g i.e u.s etc al inc co corp ltd jr sr art para paras fig figs vol pp p"
    " ch cf id rev ct cir supp gen col lt sen rep gov prof ed eds op ibid sec secs ann stat cl pub l j"
    " u.n u.k e.u jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
"""Words whose period does not end a sentence."""
_ENDS = re.compile(r"[.?!][\"”’')\]]*$")
_DIGIT = re.compile(r"\d")
_GLUED_MARK = re.compile(r"[^\W\d_][.,;:!?\"”’')\]]*\d+[,.;:]?$")


@dataclass(frozen=True)
class Word:
    """One word of pdftotext -bbox-layout."""

    text: str
    """The word as pdftotext gives it."""
    x0: float
    """Left edge, points from the page's left."""
    y0: float
    """Top edge, points from the page's top."""
    x1: float
    """Right edge."""
    y1: float
    """Bottom edge."""

    @property
    def height(self) -> float:
        """Box height (poppler's font size times ascent + descent)."""
        return self.y1 - self.y0


@dataclass
class Line:
    """One line of pdftotext -bbox-layout, with what this module decides about it."""

    page: int
    """1-based physical page."""
    words: list[Word]
    """Its words, left to right."""
    body: bool = False
    """Of the body size and not furniture, note, table or caption."""
    small: bool = False
    """Mostly smaller than the body size."""
    furniture: bool = False
    """Near the top or bottom edge, repeated on several pages, or only a number."""
    drop_cap: bool = False
    """Its first word was joined to a drop cap."""

    @property
    def x0(self) -> float:
        """Left edge."""
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        """Right edge."""
        return max(w.x1 for w in self.words)

    @property
    def y0(self) -> float:
        """Top edge."""
        return min(w.y0 for w in self.words)

    @property
    def y1(self) -> float:
        """Bottom edge."""
        return max(w.y1 for w in self.words)

    @property
    def text(self) -> str:
        """Its words joined by spaces."""
        return " ".join(w.text for w in self.words)


@dataclass(frozen=True)
class TrueQuote:
    """A sentence of body text as printed, with the page it starts on."""

    file: str
    """File name of the PDF."""
    page: int
    """1-based physical page where the quote starts."""
    quote: str
    """The sentence: line-break hyphens joined, one space between words."""
    kind: str
    """"line" (on one line), "lines" (across line breaks), "column" (across a column break) or "page"."""
    end_page: int
    """1-based physical page where it ends."""
    repair: str = ""
    """"ligature" or "drop cap" when the text layer differs from the page and the quote follows the page."""


@dataclass
class Pdf:
    """What pdftotext gives for one PDF."""

    path: Path
    """The file."""
    lines: list[list[Line]] = field(default_factory=list)
    """Lines of each page (index 0 = page 1) in poppler's reading order."""
    layout: list[str] = field(default_factory=list)
    """`pdftotext -layout` text of each page."""
    raw: list[str] = field(default_factory=list)
    """`pdftotext` (reading order) text of each page."""
    heights: list[float] = field(default_factory=list)
    """Page heights in points."""


def _run(args: Sequence[str]) -> str:
    return subprocess.run(list(args), capture_output=True, check=True).stdout.decode("utf-8", "replace")


def load(path: Path) -> Pdf:
    """Run pdftotext three ways on a PDF (bbox layout, -layout, reading order)."""
    pdf = Pdf(path)
    pdf.layout = _run(["pdftotext", "-q", "-layout", str(path), "-"]).split("\f")
    pdf.raw = _run(["pdftotext", "-q", str(path), "-"]).split("\f")
    xml = _run(["pdftotext", "-q", "-bbox-layout", str(path), "-"])
    xml = re.sub(r"<!DOCTYPE[^>]*>", "", xml).replace(' xmlns="http://www.w3.org/1999/xhtml"', "")
    xml = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", " ", xml)
    root = ET.fromstring(xml)
    for number, page in enumerate(root.iter("page"), start=1):
        pdf.heights.append(float(page.get("height", "792")))
        lines = []
        for line in page.iter("line"):
            words = [
                Word(
                    (w.text or "").strip(), *(float(w.get(k, "0")) for k in ("xMin", "yMin", "xMax", "yMax"))
                )
                for w in line.iter("word")
            ]
            words = [w for w in words if w.text]
            if words:
                lines.append(Line(number, words))
        pdf.lines.append(lines)
    return pdf


def body_height(pdf: Pdf) -> float:
    """The commonest word height, weighted by characters."""
    sizes: Counter[float] = Counter()
    for page in pdf.lines:
        for line in page:
            for w in line.words:
                sizes[round(w.height, 1)] += len(w.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _is_body_size(word: Word, size: float) -> bool:
    return abs(word.height - size) <= SIZE_TOLERANCE * size


def _is_mark(word: Word, size: float) -> bool:
    """A note marker: a short raised or small label (digits, a letter, a symbol) smaller than the body."""
    return (
        word.height < SMALL_RATIO * size
        and len(word.text) <= 4
        and bool(re.fullmatch(r"\W*[\d*†‡§∗a-z]{1,3}\W*", word.text))
    )


def _key(line: Line) -> str:
    return re.sub(r"[\d\W]+", "", line.text.lower())


def classify(pdf: Pdf) -> float:
    """Mark the body lines of every page; returns the body height."""
    size = body_height(pdf)
    repeats = Counter(k for page in pdf.lines for k in {_key(line) for line in page} if k)
    for page, height in zip(pdf.lines, pdf.heights):
        for line in page:
            inside = [w for w in line.words if _is_body_size(w, size) or _is_mark(w, size)]
            line.small = sum(w.height < SMALL_RATIO * size for w in line.words) * 2 > len(line.words)
            gaps = [b.x0 - a.x1 for a, b in zip(line.words, line.words[1:])]
            line.furniture = (
                line.y0 <= EDGE_MARGIN * height
                or line.y1 >= (1 - EDGE_MARGIN) * height
                or repeats[_key(line)] >= REPEAT_PAGES
                or not _key(line)
            )
            line.body = (
                len(inside) == len(line.words)
                and not line.furniture
                and not any(g > TABLE_GAP * size for g in gaps)
                and sum(bool(_DIGIT.search(w.text)) for w in line.words) <= MAX_NUMBERS
            )
        _cut_side_labels(page)
        _cut_foot(page, height, size)
        _drop_caps(page, size)
    return size


def _cut_side_labels(page: list[Line]) -> None:
    """No body beside a short line at the same height (a table's row label, a margin note)."""
    for line in page:
        for other in page:
            if other is line or other.furniture or other.y1 <= line.y0 or line.y1 <= other.y0:
                continue
            apart = other.x1 <= line.x0 or line.x1 <= other.x0
            if apart and other.x1 - other.x0 < SIDE_LABEL * (line.x1 - line.x0):
                line.body = False
                break


def _cut_foot(page: list[Line], height: float, size: float) -> None:
    """No body below a small line or a long gap in the lower half of the page (the note area)."""
    lower = [line for line in page if line.y0 > height / 2]
    for small in (line for line in lower if line.small):
        for line in page:
            if line.y0 > small.y0 and line.x0 < small.x1 and small.x0 < line.x1:
                line.body = False
    body = sorted((line for line in page if line.body), key=lambda ln: ln.y0)
    pitch = size * 1.2
    for a, b in zip(body, body[1:]):
        if b.y0 > height / 2 and b.y0 - a.y1 > FOOT_GAP * pitch:
            for line in page:
                if line.y0 >= b.y0:
                    line.body = False


def _drop_caps(page: list[Line], size: float) -> None:
    """A tall initial before a body line becomes the start of that line's first word."""
    for cap_line in page:
        if len(cap_line.words) != 1:
            continue
        cap = cap_line.words[0]
        if not (
            len(cap.text) <= 2 and cap.text.isalpha() and cap.text.isupper() and cap.height > DROP_CAP * size
        ):
            continue
        for line in page:
            first = line.words[0]
            if line.body and 0 <= first.x0 - cap.x1 < 2 * size and cap.y0 - size <= first.y0 <= cap.y0 + size:
                line.words[0] = Word(cap.text + first.text, cap.x0, first.y0, first.x1, first.y1)
                line.drop_cap = True
                break


def _follows(a: Line, b: Line) -> bool:
    """b is the next line of a's paragraph: just below it and overlapping it across."""
    step = b.y0 - a.y0
    height = a.y1 - a.y0
    overlap = min(a.x1, b.x1) - max(a.x0, b.x0)
    return (
        a.page == b.page
        and 0.5 * height < step <= LINE_STEP * height
        and overlap > 0.5 * min(a.x1 - a.x0, b.x1 - b.x0)
    )


def runs(pdf: Pdf) -> list[tuple[list[Line], str]]:
    """Runs of body lines that read on, each with how it is joined to the run before ("" when it is not)."""
    out: list[tuple[list[Line], str]] = []
    for page in pdf.lines:
        current: list[Line] = []
        for line in page:
            if not line.body:
                if current:
                    out.append((current, ""))
                current = []
                continue
            if current and (not _follows(current[-1], line) or _heading(pdf, current[-1])):
                out.append((current, ""))
                current = []
            current.append(line)
        if current:
            out.append((current, ""))
    joined: list[tuple[list[Line], str]] = []
    for run, _ in out:
        how = ""
        if joined:
            prev = joined[-1][0][-1]
            first = run[0]
            start = first.words[0].text
            reads_on = start[:1].islower() or (start[:1].isupper() and _full(pdf, prev))
            if reads_on and re.search(r"[^\W_][,;]?$", prev.words[-1].text):
                if (
                    first.page == prev.page + 1
                    and _clear(pdf, prev, below=True)
                    and _clear(pdf, first, below=False)
                ):
                    how = "page"
                elif (
                    first.page == prev.page
                    and first.x0 > prev.x1 - 5
                    and first.y0 < prev.y0
                    and _clear(pdf, prev, below=True)
                    and _clear(pdf, first, below=False)
                ):
                    how = "column"
        joined.append((run, how))
    return joined


def _heading(pdf: Pdf, line: Line) -> bool:
    """A short line that does not end a sentence: a heading, a list entry; the next line does not read on."""
    return not _full(pdf, line) and not _ENDS.search(line.words[-1].text)


def _full(pdf: Pdf, line: Line) -> bool:
    """The line is as wide as most body lines of its page (it is not the last line of a paragraph)."""
    widths = sorted(ln.x1 - ln.x0 for ln in pdf.lines[line.page - 1] if ln.body)
    return bool(widths) and line.x1 - line.x0 >= FULL_LINE * widths[len(widths) // 2]


def _clear(pdf: Pdf, line: Line, below: bool) -> bool:
    """Nothing but furniture (and, below, smaller note lines) stands above or below the line in its column."""
    for other in pdf.lines[line.page - 1]:
        if other is line or not (other.x0 < line.x1 and line.x0 < other.x1):
            continue
        half = (line.y1 - line.y0) / 2
        if (other.y0 > line.y0 + half) if below else (other.y1 < line.y1 - half):
            apart = other.y0 - line.y1 > NOTE_GAP * (line.y1 - line.y0)
            if not ((other.furniture and not _full(pdf, other)) or (below and other.small and apart)):
                return False
    return True


@dataclass(frozen=True)
class _Token:
    text: str
    line: Line
    brk: str
    """"" inside a line, else how the word follows the one before: "line", "column", "page"."""
    mark: bool
    """Not of the body size (a note marker)."""


def _tokens(pdf: Pdf) -> list[list[_Token]]:
    """Streams of tokens, one per chain of joined runs."""
    size = body_height(pdf)
    streams: list[list[_Token]] = []
    for run, how in runs(pdf):
        if not how or not streams:
            streams.append([])
        stream = streams[-1]
        for i, line in enumerate(run):
            for j, w in enumerate(line.words):
                brk = "" if j else (how if i == 0 and how else "line" if stream else "")
                stream.append(_Token(w.text, line, brk, not _is_body_size(w, size)))
    return streams


def _sentence_end(token: str, following: str | None) -> bool:
    if not _ENDS.search(token):
        return False
    bare = token.rstrip(".?!\"”’')]").lower()
    if token.rstrip("\"”’')]").endswith(".") and (
        bare in ABBREVIATIONS or re.fullmatch(r"[a-z]", bare) or "." in bare
    ):
        return False
    return following is None or bool(re.match(r"[\"“‘'(]?[A-Z]|\d+\.$", following))


def sentences(pdf: Pdf) -> list[list[_Token]]:
    """Whole sentences: each starts after a sentence end (or a run start that is one) and ends with one."""
    found = []
    for stream in _tokens(pdf):
        start = 0
        for i, tok in enumerate(stream):
            after = next((t for t in stream[i + 1 :] if not t.mark), None)
            if tok.mark:
                continue
            if _sentence_end(tok.text, after.text if after else None):
                if start == 0 and (
                    not re.match(r"[\"“‘(]?[A-Z]", stream[0].text) or not _opens(pdf, stream[0].line)
                ):
                    start = i + 1  # the run starts mid-sentence (after something not kept)
                    continue
                found.append(stream[start : i + 1])
                start = stream.index(after) if after else len(stream)
    return found


def _opens(pdf: Pdf, line: Line) -> bool:
    """The line can open a sentence: no line just above it in its column, or that line ends one."""
    above = [other for other in pdf.lines[line.page - 1] if other is not line and _follows(other, line)]
    return all(_ENDS.search(other.words[-1].text) for other in above)


def _join(tokens: Sequence[_Token]) -> str:
    text = tokens[0].text
    for tok in tokens[1:]:
        if tok.brk and re.search(r"[^\W\d_]-$", text) and tok.text[:1].islower():
            text = text[:-1] + tok.text  # a hyphen at a line break joins the word
        else:
            text += " " + tok.text
    return text


def _acceptable(tokens: Sequence[_Token]) -> bool:
    if not MIN_WORDS <= len(tokens) <= MAX_WORDS or any(t.mark for t in tokens):
        return False
    first = tokens[0].text
    if _DIGIT.match(first.lstrip('("“')) or not re.match(r"[\"“‘(]?[A-Z]", first):
        return False
    if any(_GLUED_MARK.search(t.text) and not re.fullmatch(r"\(?\d{4}\)?[.,;:]?", t.text) for t in tokens):
        return False  # a note marker glued to a word
    if re.fullmatch(r"(?i)table|figure|fig\.?|box|chart|exhibit|panel|source:?|note:?", first):
        return False  # a caption
    for a, b in zip(tokens, tokens[1:]):
        if b.brk and b.text[:1].isupper() and not re.search(r"[,;:.?!\"”’')\]—–-]$", a.text):
            return False  # a line without punctuation before a capital: maybe a heading run on
    text = " ".join(t.text for t in tokens)
    if re.search(r"[\x00-\x1f\ufffd§¶]|\.\.\.|…|https?:|www\.", text):
        return False
    return sum(bool(_DIGIT.search(t.text)) for t in tokens) <= MAX_NUMBERS


def _norm_words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).lower()
    text = re.sub(r"[-\u2010\u2011\u00ad]\s*\n\s*", "", text)
    text = re.sub(r"[-\u2010\u2011\u00ad'’]", "", text)
    return re.findall(r"[^\W_]+", text)


def _contained(quote: str, haystack: str) -> bool:
    needle = " " + " ".join(_norm_words(quote)) + " "
    return needle in " " + " ".join(_norm_words(haystack)) + " "


def vocabulary(pdfs: Iterable[Pdf]) -> dict[str, Counter[str]]:
    """Word counts of each file's text layer, by file name."""
    return {pdf.path.name: Counter(_norm_words("\n".join(pdf.raw))) for pdf in pdfs}


def repair_ligatures(text: str, name: str, vocab: dict[str, Counter[str]]) -> str:
    """Put back a ligature the text layer dropped, where a word of no other file becomes one of them."""
    others: Counter[str] = Counter()
    for other, counts in vocab.items():
        if other != name:
            others.update(counts)

    def fix(match: re.Match[str]) -> str:
        word = match.group()
        low = word.lower()
        if len(low) < 4 or others[low] or not low.isalpha():
            return word
        for i in range(1, len(low)):
            for lig in LIGATURES:
                candidate = low[:i] + lig + low[i:]
                if others[candidate] >= 1:
                    return word[:i] + lig + word[i:]
        return word

    return re.sub(r"[^\W\d_]+", fix, text)


def candidates(pdf: Pdf, vocab: dict[str, Counter[str]] | None = None) -> list[TrueQuote]:
    """Every acceptable sentence of a PDF, checked against pdftotext's plain text."""
    classify(pdf)
    body = (
        " " + " ".join(" ".join(_norm_words(ln.text)) for page in pdf.lines for ln in page if ln.body) + " "
    )
    whole = " " + " ".join(_norm_words("\n".join(pdf.raw))) + " "
    out = []
    for tokens in sentences(pdf):
        if not _acceptable(tokens):
            continue
        quote = _join(tokens)
        first, last = tokens[0].line.page, tokens[-1].line.page
        parts = [[t for t in tokens if t.line.page == n] for n in range(first, last + 1)]
        if not all(
            _contained(_join(part), pdf.layout[part[0].line.page - 1])
            or _contained(_join(part), pdf.raw[part[0].line.page - 1])
            for part in parts
        ):
            continue
        needle = " " + " ".join(_norm_words(quote)) + " "
        if body.count(needle) > 1 or whole.count(needle) > 1:
            continue  # the same words stand twice: the quote has no one page
        breaks = {t.brk for t in tokens[1:]}
        kind = (
            "page"
            if "page" in breaks
            else "column"
            if "column" in breaks
            else "lines"
            if "line" in breaks
            else "line"
        )
        fixed = repair_ligatures(quote, pdf.path.name, vocab) if vocab else quote
        repair = (
            "drop cap" if tokens[0].line.drop_cap and tokens[0].line.words[0].text == tokens[0].text else ""
        )
        repair = "ligature" if fixed != quote else repair
        out.append(TrueQuote(pdf.path.name, first, fixed, kind, last, repair))
    return out


def sample(found: Sequence[TrueQuote], per_file: int, seed: int) -> list[TrueQuote]:
    """Seeded: `per_file` quotes within a page (on distinct pages where possible), then up to 3 whose
    text layer differs from the page, 3 across a page break and 2 across a column break."""
    rng = random.Random(f"{seed}:{found[0].file}" if found else seed)
    within = [q for q in found if q.kind in ("line", "lines")]
    rng.shuffle(within)
    chosen: list[TrueQuote] = []
    pages: set[int] = set()
    for q in within:
        if len(chosen) < per_file and q.page not in pages:
            chosen.append(q)
            pages.add(q.page)
    for q in within:
        if len(chosen) < per_file and q not in chosen:
            chosen.append(q)
    repaired = [q for q in found if q.repair and q not in chosen]
    chosen.extend(rng.sample(repaired, min(3, len(repaired))))
    for kind, count in (("page", 3), ("column", 2)):
        crossing = [q for q in found if q.kind == kind]
        chosen.extend(rng.sample(crossing, min(count, len(crossing))))
    return sorted(chosen, key=lambda q: (q.page, q.quote))


def take_quotes(paths: Sequence[Path], per_file: int = 15, seed: int = 7) -> list[TrueQuote]:
    """True quotes from each PDF (see the module docstring); per_file=0 takes every candidate."""
    pdfs = [load(p) for p in paths]
    vocab = vocabulary(pdfs)
    quotes: list[TrueQuote] = []
    for pdf in pdfs:
        found = candidates(pdf, vocab)
        quotes.extend(sample(found, per_file, seed) if per_file else found)
    return quotes
