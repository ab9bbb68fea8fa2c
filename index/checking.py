"""Check one quotation of a draft against the documents, and the page its citation gives.

Verdicts (never "exact" unless the words are the source's; never "absent" when `find`
places the words on a page):

- exact: the quote's words are the source's, word for word (typography normalised: case,
  curly or straight quotes, dashes, hyphenation), and so are the marks between them;
- exact-elided: each "…" / "..." / "[…]" inside the quote stands for words the source has
  (`elided` says which), and the parts between them are the source's words in order;
- exact-punctuation: the words are the source's, but marks between them differ (inner
  quotation marks dropped, a comma added): `punctuation` lists each;
- near: `find` places the words on a page, but words differ (replaced, missing, added,
  reordered): `diff` is the word diff against the source's words;
- absent: nothing close: no passage find aligns at fuzzy.NEAR or more, no one to three consecutive
  sentences hold PLACED_SHARE of the quote's content words, and (for an elided quote) its parts are
  not found one by one (`index.elision`).

An ellipsis at the very start or end of a quote only says that the quote begins or ends
mid-sentence: it is not an elision to check. Marks before the first word and after the
last are the writer's sentence, not the quotation's, and are not compared.

Page check (`index.pagecheck`): right when the cited page (or range) holds every page the words
are on; wrong (the right page is the hit's) otherwise, or when the words are in another document
than the one cited; none when no page is cited; unprinted when the words are on a page that
prints no number (so no cited number can be checked); None for an absent quote. Of the same
words printed twice, the one on the cited page counts (`also` lists the others' pages).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from index.citekeys import BibEntry, DocRef, cited_document, could_name
from index.draft import DraftQuote
from index.elision import Loader, stitched
from index.pagecheck import PageCheck, page_check
from index.align import word_diff
from index.fuzzy import NEAR, RESCORE, Match, find
from index.results import Hit
from index.verdicts import DiffOp
from index.text import quote_words, words_with_offsets

if TYPE_CHECKING:
    from index.corpus import Corpus
    from source.model import Document

CheckVerdict = Literal["exact", "exact-elided", "exact-punctuation", "near", "absent"]

PLACED_SHARE = 0.8
"""A passage of one to three sentences holding at least this share of the quote's distinct content words
places it on a page (near, even reordered) when find's own alignment scores below fuzzy.NEAR."""
_FUNCTION_WORDS = frozenset(
    "a an and are as at be by for from has have in is it its of on or that the to was were with".split()
)
"""Words left out of PLACED_SHARE's count: every passage has them."""
CANDIDATES = 5
"""How many passages `find` proposes per quote: the same words printed twice, the cited page preferred."""
QUICK_RESCORE = 6
"""Windows find aligns on a first, quick pass: a verbatim quote's windows rank first, so when that pass
finds it exact on the cited page nothing better can be found; otherwise find runs again in full."""
ELLIPSIS = re.compile(r"\s*(?:\[\s*(?:\u2026|\.\s?\.\s?\.)\s*\]|\u2026|\.\s?\.\s?\.)\.?\s*")
"""An ellipsis in a quote: "…", "...", ". . .", or any of them in square brackets."""
NEGATIONS = frozenset(
    "not no never nor neither none nothing nobody without cannot cant dont doesnt didnt isnt wont".split()
)
"""Words an ellipsis should not leave out unremarked: the quote may then say the opposite of the source."""
SIC = re.compile(r"\s*\[sic\]", re.I)
"""The writer's "[sic]": not the source's words."""
_QUOTE_MARKS = str.maketrans(
    {c: '"' for c in "\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f'\u00ab\u00bb\u2039\u203a"}
)
_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"})
_RANK: dict[str, int] = {"exact": 0, "exact-elided": 1, "exact-punctuation": 2, "near": 3, "absent": 4}


@dataclass(frozen=True)
class Mark:
    """One difference of punctuation between the quote and the source."""

    quote: str
    """The words on either side with the quote's marks between them."""
    source: str
    """The same words with the source's marks."""


@dataclass(frozen=True)
class Check:
    """The verdict on one quotation of a draft."""

    quote: DraftQuote
    """The quotation, its line and its citation."""
    verdict: CheckVerdict
    """exact, exact-elided, exact-punctuation, near or absent."""
    score: float
    """find's score for the passage (0 to 100; 100 word for word)."""
    hit: Hit | None
    """The source's passage (None when absent)."""
    page_check: PageCheck | None
    """right, wrong, none (no page cited), unprinted, or None (absent: nothing to check the page against)."""
    diff: tuple[DiffOp, ...] = ()
    """For near: the word diff of the quote (ellipses taken out) against the source."""
    elided: tuple[str, ...] = ()
    """For each ellipsis inside the quote, the source's words it stands for ("" for none)."""
    punctuation: tuple[Mark, ...] = ()
    """For exact-punctuation: each place where the marks differ."""
    cited_document: DocRef | None = None
    """The document the citation names, when it names one found in scope."""
    also: tuple[str, ...] = ()
    """Other printed pages where the same words stand, as exactly (a passage printed twice)."""
    notices: tuple[str, ...] = ()
    """What a fact-checker should know but that is not an error (the document's metadata cannot tell
    whether the citation's author is its author)."""
    warnings: tuple[str, ...] = ()
    """What else a fact-checker must know (the citation names no document in scope, or another one)."""

    @property
    def ok(self) -> bool:
        """True when the quote is exact (any form), its page right and its document the one cited."""
        return self.verdict.startswith("exact") and self.page_check == "right" and not self.warnings


def check_quote(
    corpus: Corpus,
    quote: DraftQuote,
    refs: Sequence[DocRef],
    bib: Sequence[BibEntry] = (),
    load: Loader | None = None,
) -> Check:
    """The verdict and page check of one quotation (see the module docstring). `load(path)` reads a
    document, for an elision standing for more than find's windows hold (default: through the cache,
    without a password)."""
    load = load or _load
    citation = quote.citation
    warnings: list[str] = []
    ref = cited_document(citation, refs, bib) if citation is not None and citation.names_source else None
    unnamed = citation is not None and citation.names_source and ref is None
    segments = [s for s in ELLIPSIS.split(SIC.sub(" ", quote.text)) if quote_words(s)[0]]
    joined = " ".join(segments)
    cited = citation.pages if citation is not None and citation.first else None
    best = _best(corpus, joined, segments, cited, [ref.doc_id] if ref is not None else None, load)
    others = ref is not None and any(sha != ref.doc_id for sha in corpus.ids.values())
    if ref is not None and others and (best is None or best[0].verdict not in ("exact", "exact-elided")):
        anywhere = _best(corpus, joined, segments, cited, None, load)
        if anywhere is not None and (best is None or _RANK[anywhere[0].verdict] < _RANK[best[0].verdict]):
            best = anywhere
    notices: list[str] = []
    if unnamed and citation is not None:
        found = next(
            (r for r in refs if best is not None and best[0].hit and r.doc_id == best[0].hit.doc_id), None
        )
        fit = could_name(citation, found, bib) if found is not None else False
        if fit is None and found is not None:
            author = f"names {found.author!r} as its author" if found.author else "names no author"
            notices.append(f"{found.path} {author}: cannot tell whether {citation.text} cites it")
        elif not fit:
            warnings.append(f"the citation {citation.text} names no one document in scope (try --bib)")
    if best is None:
        return Check(quote, "absent", 0.0, None, None if cited else "none", warnings=tuple(warnings))
    check, _ = best
    left_out = sorted({w for e in check.elided for w in quote_words(e)[0]} & NEGATIONS)
    if left_out:
        notices.append(f"an ellipsis leaves out {', '.join(repr(w) for w in left_out)}: is the sense kept?")
    if ref is not None and check.hit is not None and check.hit.doc_id != ref.doc_id:
        warnings.append(f"the words are in {check.hit.document}, not in the cited {ref.path}")
        check = _replace(check, page_check="wrong" if check.page_check != "none" else "none")
    return _replace(check, quote=quote, cited_document=ref, notices=tuple(notices), warnings=tuple(warnings))


def _replace(check: Check, **changes: object) -> Check:
    from dataclasses import replace

    return replace(check, **changes)  # type: ignore[arg-type]


def _load(path: str) -> Document | None:
    from source.errors import SourceError
    from source.opening import open_document

    try:
        return open_document(path)
    except (SourceError, OSError):
        return None


def _best(
    corpus: Corpus, joined: str, segments: list[str], cited: str | None, docs: list[str] | None, load: Loader
) -> tuple[Check, int] | None:
    """The best of find's passages: the closest verdict first, then the cited page, then the score. An
    elided quote not found exact-elided so is looked for part by part (`index.elision`)."""
    qwords = quote_words(joined)[0]
    if not qwords:
        return None
    ranked: list[tuple[tuple[int, int, float, int], Check]] = []
    for rescore in (QUICK_RESCORE, RESCORE):
        ranked = []
        for n, match in enumerate(find(corpus, joined, CANDIDATES, docs, rescore)):
            check = _judge(match, joined, segments, qwords, cited)
            if check is not None:
                key = (_RANK[check.verdict], 0 if check.page_check == "right" else 1, -check.score, n)
                ranked.append((key, check))
        ranked.sort(key=lambda kc: kc[0])
        if ranked and ranked[0][1].verdict.startswith("exact") and ranked[0][1].page_check == "right":
            break
    if len(segments) > 1 and not (ranked and ranked[0][1].verdict.startswith("exact")):
        parts = stitched(corpus, segments, docs, load)
        whole = _judge(parts, joined, segments, qwords, cited) if parts is not None else None
        if whole is not None and (whole.verdict.startswith("exact") or not ranked):
            ranked.insert(0, ((_RANK[whole.verdict], 0, -whole.score, 0), whole))
    if not ranked:
        placed = _placed(corpus, joined, docs)
        if placed is None:
            return None
        diff = word_diff(joined, placed.source_words, placed.source_surface)
        hit = placed.hit
        near = Check(
            DraftQuote(0, joined, 0, 0, None), "near", hit.score, hit, page_check(cited, hit.page_label), diff
        )
        return near, 0
    top = ranked[0][1]
    also = tuple(
        dict.fromkeys(
            c.hit.page_label
            for k, c in ranked[1:]
            if c.verdict == top.verdict
            and c.hit is not None
            and top.hit is not None
            and c.hit.page_label != top.hit.page_label
            and top.verdict != "near"
        )
    )
    return _replace(top, also=also), ranked[0][0][3]


def _judge(
    match: Match, joined: str, segments: list[str], qwords: list[str], cited: str | None
) -> Check | None:
    """The check of one passage, or None when it is not close enough to place the quote."""
    from index.draft import DraftQuote

    hit = match.hit
    source = list(match.source_words)
    placeholder = DraftQuote(0, joined, 0, 0, None)
    page = page_check(cited, hit.page_label)
    if len(segments) > 1:
        starts = _segment_starts([quote_words(seg)[0] for seg in segments], source)
        if starts is not None:
            elided, marks = _elisions(segments, starts, source, hit.text)
            verdict: CheckVerdict = "exact-punctuation" if marks else "exact-elided" if elided else "exact"
            return Check(placeholder, verdict, hit.score, hit, page, (), elided, marks)
    elif source == qwords:
        marks = tuple(_marks(joined, hit.text, 0))
        verdict = "exact-punctuation" if marks else "exact"
        return Check(placeholder, verdict, hit.score, hit, page, punctuation=marks)
    if hit.score < NEAR:
        return None
    diff = word_diff(joined, match.source_words, match.source_surface)
    return Check(placeholder, "near", min(hit.score, 99.0), hit, page, diff)


def _placed(corpus: Corpus, joined: str, docs: list[str] | None) -> Match | None:
    """The passage (one to three whole sentences) holding the most of the quote's content words, when it
    holds PLACED_SHARE of them: a reordered or reworded quote is near that passage, not absent."""
    from index.fuzzy import _match, _Pieces, _seeds, _windows

    qwords, typed = quote_words(joined)
    wanted = {w for w in qwords if w not in _FUNCTION_WORDS} or set(qwords)
    pieces = _Pieces(corpus)
    windows = _windows(pieces, _seeds(corpus, pieces, typed, " ".join(qwords), docs))
    best: tuple[float, int] | None = None
    chosen = None
    for window in windows:
        have = {w for piece in window for w in piece.words}
        share = len(wanted & have) / len(wanted)
        key = (share, -sum(len(p.words) for p in window))
        if share >= PLACED_SHARE and (best is None or key > best):
            best, chosen = key, window
    if chosen is None or best is None:
        return None
    key_doc = chosen[0].unit.doc
    total = sum(len(p.words) for p in chosen)
    path, doc_id = corpus.paths.get(key_doc, key_doc), corpus.ids.get(key_doc, key_doc)
    return _match(chosen, 0, total, min(99.0, round(100 * best[0], 1)), "", path, doc_id)


def _segment_starts(parts: list[list[str]], source: list[str]) -> list[int] | None:
    """Where each part of an elided quote starts in the passage's words, when the parts are the source's
    words in order, the first at the passage's start and the last at its end; else None."""
    at = 0
    starts: list[int] = []
    for i, part in enumerate(parts):
        n = len(part)
        if i == 0:
            found = 0 if source[:n] == part else -1
        elif i == len(parts) - 1:
            found = len(source) - n if len(source) - n >= at and source[len(source) - n :] == part else -1
        else:
            found = next((k for k in range(at, len(source) - n + 1) if source[k : k + n] == part), -1)
        if found < 0:
            return None
        starts.append(found)
        at = found + n
    return starts if at == len(source) else None


def _elisions(
    segments: list[str], starts: list[int], source: list[str], text: str
) -> tuple[tuple[str, ...], tuple[Mark, ...]]:
    """(the source's words each inner ellipsis stands for, the marks that differ). An ellipsis where the
    source prints one is the source's own; one that stands for no words is a mark that differs."""
    words, spans = words_with_offsets(text)
    aligned = words[: len(source)] == source
    elided: list[str] = []
    marks: list[Mark] = []
    for i, segment in enumerate(segments):
        marks.extend(_marks(segment, text, starts[i]))
        if i == 0:
            continue
        a, b = starts[i - 1] + len(quote_words(segments[i - 1])[0]), starts[i]
        if b > a:
            elided.append(text[spans[a][0] : spans[b - 1][1]] if aligned else " ".join(source[a:b]))
            continue
        gap = text[spans[a - 1][1] : spans[a][0]] if aligned and a > 0 else ""
        if "\u2026" not in gap and "..." not in gap.replace(" ", ""):
            left, right = quote_words(segments[i - 1])[1][-1], quote_words(segment)[1][0]
            printed = _spaced(re.sub(r"\s+", " ", gap))
            marks.append(Mark(f"{left} \u2026 {right}", f"{left}{printed}{right}"))
    return tuple(elided), tuple(marks)


def _norm_gap(gap: str) -> str:
    """The marks between two words, spaces dropped, quotation marks and dashes of every kind made one, and
    Markdown emphasis (`*`, `_`) around words left out: a writer's italics are not the source's marks."""
    return (
        "".join(gap.split()).translate(_QUOTE_MARKS).translate(_DASHES).replace("\u2026", "...").strip("*_`")
    )


def _gaps(text: str) -> tuple[list[str], list[str], list[str]]:
    """A text's words (normalised), the marks between each word and the next (`_norm_gap`), and the
    same stretches as printed (spaces made one)."""
    words, spans = words_with_offsets(text)
    raw = [re.sub(r"\s+", " ", text[spans[k][1] : spans[k + 1][0]]) for k in range(len(spans) - 1)]
    return words, [_norm_gap(g) for g in raw], raw


def _marks(segment: str, source_text: str, start: int) -> list[Mark]:
    """Where the marks between a segment's words differ from the source's, the segment standing at word
    `start` of the source text (nothing is compared when it does not)."""
    qwords, qgaps, qraw = _gaps(segment)
    swords, sgaps, sraw = _gaps(source_text)
    _, qsurface = quote_words(segment)
    if not qwords or swords[start : start + len(qwords)] != qwords:
        return []
    out = []
    for k, qgap in enumerate(qgaps):
        if qgap != sgaps[start + k]:
            left, right = qsurface[k], qsurface[k + 1]
            out.append(Mark(f"{left}{_spaced(qraw[k])}{right}", f"{left}{_spaced(sraw[start + k])}{right}"))
    return out


def _spaced(gap: str) -> str:
    """The stretch between two words as printed ("" between two words reads as a space)."""
    return gap or " "
