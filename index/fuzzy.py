"""Find a quote as remembered, and verify a quote: rapidfuzz over sentences and windows.

How `find` works, on one report or a library of thousands:

1. Seeds: Whoosh ranks units (tf-idf) by an OR of the quote's rarest stems (see
   `seed_docnums`), so a changed or misspelt word costs one term, not the match; the
   units whose own text best matches the quote (rapidfuzz partial_ratio) are kept.
2. Windows: each seed with its neighbours in reading order (across pages) gives
   windows of one to three consecutive sentences; rapidfuzz's token_set_ratio ranks them.
3. Alignment (`index.align`): the best windows are widened to fit the quote, aligned to
   it word by word (difflib), cut to the matched words, and scored: 100 when the
   normalised words are identical, else the better of rapidfuzz's ratio and
   token_sort_ratio (less a little, so that swapped words never look verbatim), at most 99.

`verify` is the best passage's verdict: exact (100), near (NEAR or more, with a word
diff: `index.align.word_diff`) or absent.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING

from index.align import align, word_diff
from index.results import Hit, Span
from index.verdicts import Verdict, Verification
from index.text import WORD, norm_word, quote_words
from index.units import Unit, label_range

if TYPE_CHECKING:
    from index.corpus import Corpus

NEAR = 80.0
"""A quote scoring at least this (and below 100) is near; below, absent."""
SEEDS = 300
"""How many units Whoosh proposes per quote."""
SEED_KEEP = 40
"""How many of them (the closest to the quote) get their windows scored."""
SEED_CHUNK = 8
"""The seed query takes the two rarest words of every stretch of this many words of the quote."""
RESCORE = 24
"""How many windows are aligned and scored precisely."""
RARE_TERMS = 12
"""At most this many of the quote's rarest stems make the seed query."""
SEED_POSTINGS = 30_000
"""Postings the seed query may read (the rarest words first): keeps it fast on a big library."""
SEED_MEMO = 256
"""How many quotes' seeds a searcher keeps (a quote checked twice is seeded once)."""
SEED_TIME = 0.25
"""Seconds the seed query may spend ranking (its words are the quote's rarest: it rarely needs them)."""
_TRAILING = set(".,;:!?\"'”’)]…")
_CLAUSE_MARKS = frozenset(".,;:!?")


@dataclass(frozen=True)
class Piece:
    """One unit's words in a window: normalised words and their offsets in the unit's text."""

    docnum: int
    unit: Unit
    words: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]

    @property
    def bounds(self) -> list[tuple[bool, bool]]:
        """For each word: (a clause starts at it, a clause ends after it) — punctuation or the unit's edge."""
        text, spans = self.unit.text, self.spans
        gaps = [text[: spans[0][0]] if spans else ""]
        gaps += [text[spans[k][1] : spans[k + 1][0]] for k in range(len(spans) - 1)]
        gaps.append(text[spans[-1][1] :] if spans else "")
        marks = [k == 0 or k == len(gaps) - 1 or not _CLAUSE_MARKS.isdisjoint(g) for k, g in enumerate(gaps)]
        return [(marks[k], marks[k + 1]) for k in range(len(spans))]


@dataclass(frozen=True)
class Match:
    """A scored passage: the Hit, and the source's words (for a diff)."""

    hit: Hit
    source_words: tuple[str, ...]
    source_surface: tuple[str, ...]


class _Pieces:
    """Units of a corpus by Whoosh document number, cut into words once."""

    _LIMIT = 500_000

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self._cache: dict[int, Piece | None] = corpus.memo.setdefault("pieces", {})
        if len(self._cache) > self._LIMIT:
            self._cache.clear()

    def get(self, docnum: int) -> Piece | None:
        if docnum not in self._cache:
            unit = self.corpus.unit(docnum)
            piece = None
            if unit is not None:
                found = [(norm_word(m.group()), m.span()) for m in WORD.finditer(unit.text)]
                piece = Piece(docnum, unit, tuple(w for w, _ in found), tuple(s for _, s in found))
            self._cache[docnum] = piece
        return self._cache[docnum]

    def neighbour(self, piece: Piece, step: int) -> Piece | None:
        """The unit just before (step -1) or after (+1) in reading order, if a quote may run on to it."""
        other = self.get(piece.docnum + step)
        if other is None or other.unit.doc != piece.unit.doc or other.unit.seq != piece.unit.seq + step:
            return None
        if not (piece.unit.flows and other.unit.flows):
            return None
        return other


def seed_docnums(corpus: Corpus, typed: Sequence[str], docs: Iterable[str] | None) -> list[int]:
    """Units Whoosh ranks best for an OR of the quote's rarest words.

    The two rarest words of every stretch of SEED_CHUNK words (so that each sentence of a
    quote crossing sentences is represented), rarest first, as many as fit in SEED_POSTINGS
    postings: on a big library a quote's common words match hundreds of thousands of
    sentences and would only slow the ranking, while a few rare ones single its passage out.
    Scored by tf-idf (how many of the rare words a unit holds, the rarer the better): BM25's
    length normalisation costs a lookup per match and adds nothing here.
    """
    from whoosh.query import Or, Term
    from whoosh.scoring import TF_IDF

    from index.query import bounded_search

    searcher = corpus.searcher()
    for field in ("text", "exact"):
        analysed = [list(searcher.schema[field].process_text(w, mode="query")) for w in typed]
        df: dict[str, int] = {}
        for terms in analysed:
            for t in terms:
                if t not in df:
                    df[t] = searcher.doc_frequency(field, t)
        picked: set[str] = set()
        for at in range(0, len(analysed), SEED_CHUNK):
            chunk = {t for terms in analysed[at : at + SEED_CHUNK] for t in terms if df[t] > 0}
            picked.update(sorted(chunk, key=lambda t: (df[t], t))[:2])
        if not picked:
            continue
        chosen: list[str] = []
        postings = 0
        for t in sorted(picked, key=lambda t: (df[t], t))[:RARE_TERMS]:
            if len(chosen) >= 2 and postings + df[t] > SEED_POSTINGS:
                break
            chosen.append(t)
            postings += df[t]
        query = Or([Term(field, t) for t in chosen])
        allow, mask = corpus.doc_filter(docs), corpus.doc_mask()
        results, _ = bounded_search(searcher, query, SEEDS, allow, SEED_TIME, TF_IDF(), mask)
        return [r.docnum for r in results]
    return []


def _best_seeds(pieces: _Pieces, seeds: list[int], qtext: str) -> list[int]:
    """The SEED_KEEP seeds whose own text best matches the quote (rapidfuzz partial_ratio: a sentence
    holding part of the quote, or the whole quote, scores high)."""
    from rapidfuzz import fuzz, process

    if len(seeds) <= SEED_KEEP:
        return seeds
    found = [(docnum, piece) for docnum in seeds if (piece := pieces.get(docnum)) is not None]
    strings = [" ".join(piece.words) for _, piece in found]
    ranked = process.extract(qtext, strings, scorer=fuzz.partial_ratio, limit=SEED_KEEP)
    return [found[i][0] for _, _, i in ranked]


def _seeds(
    corpus: Corpus, pieces: _Pieces, typed: list[str], qtext: str, docs: Iterable[str] | None
) -> list[int]:
    """`_best_seeds` of `seed_docnums`, kept for the thread's searcher: the same quote asked again (a
    quick pass, then a full one) does not query Whoosh again."""
    memo: dict[tuple[object, ...], list[int]] = corpus.memo.setdefault("seeds", {})
    docs = None if docs is None else sorted(docs)
    key = (tuple(typed), None if docs is None else tuple(docs))
    if key not in memo:
        if len(memo) >= SEED_MEMO:
            memo.clear()
        memo[key] = _best_seeds(pieces, seed_docnums(corpus, typed, docs), qtext)
    return memo[key]


def _windows(pieces: _Pieces, seeds: list[int]) -> list[tuple[Piece, ...]]:
    """Windows of one to three consecutive units around each seed, each window once."""
    seen: set[tuple[int, ...]] = set()
    windows: list[tuple[Piece, ...]] = []
    for docnum in seeds:
        seed = pieces.get(docnum)
        if seed is None:
            continue
        before = list(islice(_walk(pieces, seed, -1), 2))
        after = list(islice(_walk(pieces, seed, 1), 2))
        run = [*reversed(before), seed, *after]
        at = len(before)
        for size in (1, 2, 3):
            for start in range(max(0, at - size + 1), at + 1):
                window = tuple(run[start : start + size])
                key = tuple(p.docnum for p in window)
                if len(window) == size and key not in seen:
                    seen.add(key)
                    windows.append(window)
    return windows


def _walk(pieces: _Pieces, piece: Piece, step: int) -> Iterator[Piece]:
    """The units before (step -1) or after (+1) a unit, nearest first, as far as a quote may run."""
    while (nxt := pieces.neighbour(piece, step)) is not None:
        yield nxt
        piece = nxt


def _widen(pieces: _Pieces, window: tuple[Piece, ...], need: int) -> tuple[Piece, ...]:
    """The window with neighbours added on both sides until each side has `need` words more."""
    sides: list[list[Piece]] = []
    for step, edge in ((-1, window[0]), (1, window[-1])):
        side: list[Piece] = []
        for nxt in _walk(pieces, edge, step):
            side.append(nxt)
            if sum(len(p.words) for p in side) >= need:
                break
        sides.append(side)
    return (*reversed(sides[0]), *window, *sides[1])


def _match(
    window: tuple[Piece, ...], start: int, end: int, score: float, trailing: str, path: str, doc_id: str
) -> Match:
    """The Match for words [start, end) of a window."""
    index = [(p, k) for p, piece in enumerate(window) for k in range(len(piece.words))]
    p0, k0 = index[start]
    p1, k1 = index[end - 1]
    first, last = window[p0], window[p1]
    a = first.spans[k0][0]
    b = last.spans[k1][1]
    tail = last.unit.text[b:]
    run = len(tail) - len(tail.lstrip("".join(_TRAILING)))
    extra = min(run, len(trailing))
    parts = []
    notes: list[str] = []
    for p in range(p0, p1 + 1):
        piece = window[p]
        lo = a if p == p0 else 0
        hi = b + extra if p == p1 else len(piece.unit.text)
        parts.append(piece.unit.text[lo:hi])
        limit = hi + (run - extra if p == p1 else 0)
        notes.extend(
            label for offset, label in piece.unit.marks if lo < offset <= limit or piece.unit.kind == "note"
        )
    unit0, unit1 = first.unit, last.unit
    page, block, offset, label = unit0.place(a)
    end_page, end_block, end_offset, end_label = unit1.place(b + extra, closing=True)
    span = None
    if unit0.kind != "note":
        span = Span(page, block, offset, end_page, end_block, end_offset)
    hit = Hit(
        document=path,
        doc_id=doc_id,
        page=page,
        page_label=label_range(label, end_label),
        score=score,
        text=" ".join(parts),
        kind=unit0.kind,
        notes=tuple(dict.fromkeys(notes)),
        section=unit0.section,
        span=span,
        note=unit0.note,
    )
    words = [w for piece in window for w in piece.words][start:end]
    surface = [piece.unit.text[s:e] for piece in window for s, e in piece.spans][start:end]
    return Match(hit, tuple(words), tuple(surface))


def find(
    corpus: Corpus, quote: str, limit: int = 10, docs: Iterable[str] | None = None, rescore: int = RESCORE
) -> list[Match]:
    """The passages best matching a quote, best first (see the module docstring); `rescore` windows are
    aligned (fewer is faster, and enough when the quote is verbatim: its windows rank first)."""
    from rapidfuzz import fuzz, process

    qwords, typed = quote_words(quote)
    if not qwords:
        return []
    pieces = _Pieces(corpus)
    qtext = " ".join(qwords)
    windows = _windows(pieces, _seeds(corpus, pieces, typed, qtext, docs))
    if not windows:
        return []
    strings = [" ".join([" ".join(piece.words) for piece in window]) for window in windows]
    ranked = process.extract(qtext, strings, scorer=fuzz.token_set_ratio, limit=rescore)
    stripped = quote.rstrip()
    trailing = stripped[len(stripped.rstrip("".join(_TRAILING))) :]
    matches: list[Match] = []
    taken: list[tuple[str, Span | None, int]] = []
    scored = []
    for _, _, i in ranked:
        wide = _widen(pieces, windows[i], len(qwords) // 2 + 3)
        source = [w for piece in wide for w in piece.words]
        start, end, score = align(qwords, source, [b for piece in wide for b in piece.bounds])
        if end > start:
            scored.append((-score, _position(wide, start), wide, start, end))
    scored.sort(key=lambda t: (t[0], t[1]))
    for negative, _, wide, start, end in scored:
        score = -negative
        key = wide[0].unit.doc
        match = _match(
            wide, start, end, score, trailing, corpus.paths.get(key, key), corpus.ids.get(key, key)
        )
        if any(_overlaps(match.hit, other) for other in taken):
            continue
        taken.append((match.hit.doc_id, match.hit.span, match.hit.note))
        matches.append(match)
        if len(matches) >= limit:
            break
    return matches


def _position(window: tuple[Piece, ...], start: int) -> tuple[str, int, int]:
    """(document, unit seq, word) of word `start` of a window: ties go to the earlier passage."""
    for piece in window:
        if start < len(piece.words):
            return piece.unit.doc, piece.unit.seq, start
        start -= len(piece.words)
    return window[-1].unit.doc, window[-1].unit.seq, start


def _overlaps(hit: Hit, other: tuple[str, Span | None, int]) -> bool:
    doc, span, note = other
    if hit.doc_id != doc:
        return False
    if hit.span is None or span is None:
        return hit.span is None and span is None and hit.note == note
    a = (
        (hit.span.page, hit.span.block, hit.span.start),
        (hit.span.end_page, hit.span.end_block, hit.span.end),
    )
    b = ((span.page, span.block, span.start), (span.end_page, span.end_block, span.end))
    return a[0] < b[1] and b[0] < a[1]


def verify(corpus: Corpus, quote: str, docs: Iterable[str] | None = None) -> Verification:
    """exact (identical once typography is normalised), near (with a word diff) or absent."""
    found = find(corpus, quote, 1, docs)
    if not found:
        return Verification("absent", 0.0, quote, None)
    best = found[0]
    score = best.hit.score
    verdict: Verdict = "exact" if score >= 100 else "near" if score >= NEAR else "absent"
    diff = () if verdict == "exact" else word_diff(quote, best.source_words, best.source_surface)
    return Verification(verdict, score, quote, best.hit, diff)
