"""Whole rankings of common-word queries on a big library, fast enough that no time bound cuts them.

Whoosh ranks a query match by match: for each one a chain of Python calls moves the matcher,
reads the unit's field length from its column file (a seek and a one-byte read) and scores it.
On a library of 1,000 PDFs a common word matches tens of thousands of units and that walk took
hundreds of milliseconds, so the ranking was cut short by the time bound (`query.bounded_search`).

Here the same scores are computed a block of postings at a time: each term's postings are read
whole, block by block, each segment's field lengths once as bytes, and BM25F is computed from a
table of its length term by byte (the same expression as `whoosh.scoring.bm25`, so the same
floating-point score). AND, OR and NOT combine the terms' scores as Whoosh's matchers do (a
sum over the terms that match); an AND scores its part of fewest postings first and each next one
only in the units the parts before it left. The postings are read by `index.blockread` (the
positions of `exact` left unread). A phrase is first ranked as the AND of its words, which is how
Whoosh scores a phrase (a phrase matcher filters the AND of its words, it does not rescore), and
only the units that would enter the best `limit` are checked for the words in order, in their
stored text run through the index's own unstemmed analyzer (the field `exact` indexes that text).

`ranked` answers None for what it does not know how to rank this way (a prefix, a phrase under OR,
a field weighting other than BM25F, a boost): the caller then runs Whoosh (`query.bounded_search`).
`tests/test_fastrank.py` checks the ranking and scores against Whoosh's, query by query.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

from index.blockread import NotOneSegment, Segment, postings

if TYPE_CHECKING:
    from index.whoosh_types import Query, Searcher

MAX_POSTINGS = 1_000_000
"""Postings (summed over the query's terms) above which a query is left to Whoosh and its time bound
(which cuts it short, and says so): here that is about 0.5 s of CPU and 70 MB of memory (the scores
are held in dicts, ~70 bytes a posting: `"of the"` on the 200-PDF library, 300,000 postings, took
a search's peak RSS from 32 to 54 MB)."""
FAST_FROM = 5_000
"""Postings from which a query is ranked here; below, Whoosh is as quick (it skips work on small
postings lists) and finishes far inside its time bound."""
PHRASE_BATCH = 4
"""Candidates checked for a phrase at a time, as a multiple of `limit` (then twice as many, and so on)."""

Scores = dict[int, float]
"""Segment document number -> score."""


class _Unsupported(Exception):
    """A query node this module does not rank (Whoosh does)."""


class _Ranker:
    """Scores the nodes of a query, segment by segment, as Whoosh's matchers would."""

    def __init__(self, searcher: Searcher) -> None:
        from whoosh.scoring import BM25FScorer, WeightScorer

        whoosh: Any = searcher  # Whoosh's Searcher, beyond what `whoosh_types` covers
        self.searcher = whoosh
        self.weighting = whoosh.weighting
        self._bm25 = BM25FScorer
        self._weight = WeightScorer
        self._norms: dict[str, list[float]] = {}
        self._scorers: dict[tuple[str, bytes], Any] = {}
        self._expanded: dict[tuple[str, str, str], list[bytes]] = {}

    def postings_count(self, query: Any) -> int:
        """How many postings ranking `query` reads (its terms' document frequencies, summed)."""
        from whoosh import query as q

        frequency = self.searcher.doc_frequency
        if isinstance(query, q.Term):
            return int(frequency(query.fieldname, query.text))
        if isinstance(query, q.Phrase):
            return sum(int(frequency(query.fieldname, w)) for w in query.words)
        if isinstance(query, q.Prefix):
            return sum(int(frequency(query.fieldname, w)) for w in self.words(query))
        if isinstance(query, (q.And, q.Or, q.Not)):
            return sum(self.postings_count(child) for child in query.children())
        raise _Unsupported(type(query).__name__)

    def words(self, query: Any) -> list[bytes]:
        """The words of the index a prefix query stands for (as Whoosh expands it, over the whole index)."""
        key = ("prefix", query.fieldname, query.text)
        if key not in self._expanded:
            self._expanded[key] = [w for w in query._btexts(self.searcher.reader()) if w]
        return self._expanded[key]

    def postings_count_at_least(self, query: Any, least: int) -> bool:
        """Whether ranking `query` reads at least `least` postings (False for a query not ranked here)."""
        try:
            return self.postings_count(query) >= least
        except _Unsupported:
            return False

    def _scorer(self, fieldname: str, btext: bytes) -> Any:
        key = (fieldname, btext)
        if key not in self._scorers:
            self._scorers[key] = self.weighting.scorer(self.searcher, fieldname, btext)
        return self._scorers[key]

    def _norm(self, fieldname: str, scorer: Any) -> list[float]:
        """BM25F's length term `K1 * ((1 - B) + B * fl / avgfl)` for each encoded length byte."""
        from whoosh.util.numeric import byte_to_length

        key = f"{fieldname}:{scorer.B}:{scorer.K1}:{scorer.avgfl}"
        if key not in self._norms:
            K1, B, avgfl = scorer.K1, scorer.B, scorer.avgfl
            self._norms[key] = [K1 * ((1 - B) + B * byte_to_length(b) / avgfl) for b in range(256)]
        return self._norms[key]

    def term(
        self,
        segment: Segment,
        fieldname: str,
        text: str | bytes,
        within: Scores | None = None,
        plus: int = 0,
    ) -> Scores:
        """A term's scores in the segment (BM25F on a scored field, the posting's weight on others),
        only of the units in `within` when given (the units an AND has left), each score + `plus` (the
        NOTs of an AND of this term alone: the same floats as adding it to each score after)."""
        field = self.searcher.schema[fieldname] if fieldname in self.searcher.schema else None
        if field is None:
            return {}
        btext = text if isinstance(text, bytes) else field.to_bytes(text)
        ids, weights = postings(segment, fieldname, btext)
        if not ids:
            return {}
        scorer = self._scorer(fieldname, btext)
        if type(scorer) is self._bm25:
            idf, k1 = scorer.idf, scorer.K1
            norm = self._norm(fieldname, scorer)
            lengths = segment.lengths(fieldname)
            # the score of each weight (term frequency) at each length byte, as whoosh.scoring.bm25
            table = {w: [idf * ((w * (k1 + 1)) / (w + n)) + plus for n in norm] for w in set(weights)}
            if within is None:
                scores = {d: table[w][lengths[d]] for d, w in zip(ids, weights)}
            else:
                scores = {d: table[w][lengths[d]] for d, w in zip(ids, weights) if d in within}
        elif type(scorer) is self._weight:
            scores = {d: w + plus for d, w in zip(ids, weights) if within is None or d in within}
        else:
            raise _Unsupported(type(scorer).__name__)
        deleted = segment.deleted  # (a frozenset's intersection with a dict walks the whole dict)
        for d in (
            [d for d in deleted if d in scores] if len(deleted) < len(scores) else deleted & scores.keys()
        ):
            del scores[d]
        return scores

    def node(
        self, segment: Segment, query: Any, phrases: list[Any], top: bool, within: Scores | None = None
    ) -> Scores:
        """The scores of a query node in the segment (only of the units in `within`, when given). A
        phrase where every match must hold it (the whole query, or an AND of it) is scored as the AND
        of its words and put in `phrases`, for the caller to check; anywhere else it is not ranked here."""
        from whoosh import query as q

        if getattr(query, "boost", 1.0) != 1.0:
            raise _Unsupported("boost")
        if isinstance(query, q.Term):
            return self.term(segment, query.fieldname, query.text, within)
        if isinstance(query, q.Prefix):  # Whoosh: an OR of the words it stands for, each scored (BM25F)
            words = self.words(query)
            return self.either([self.term(segment, query.fieldname, w, within) for w in words])
        if isinstance(query, q.Phrase):
            if not top or query.slop != 1:
                raise _Unsupported("phrase")
            phrases.append(query)
            frequency = self.searcher.doc_frequency
            of_word = [partial(self.term, segment, query.fieldname, w) for w in query.words]
            return self.all_of(of_word, [frequency(query.fieldname, w) for w in query.words], within)
        if isinstance(query, q.And):
            positive = [c for c in query.subqueries if not isinstance(c, q.Not)]
            if not positive:
                raise _Unsupported("only NOT")
            nots = [c for c in query.subqueries if isinstance(c, q.Not)]
            one = positive[0]
            if nots and len(positive) == 1 and type(one) is q.Term and one.boost == 1.0:  # (one pass)
                # Whoosh scores a NOT as a match of weight 1 (`InverseMatcher`) and adds it
                scores = self.term(segment, one.fieldname, one.text, within, plus=len(nots))
                for d in self.removed(segment, nots) if scores else ():
                    scores.pop(d, None)
                return scores
            parts = [partial(self.node, segment, c, phrases, top) for c in positive]
            scores = self.all_of(parts, [self.postings_count(c) for c in positive], within)
            if nots and scores:
                removed, extra = self.removed(segment, nots), len(nots)
                scores = {d: s + extra for d, s in scores.items() if d not in removed}
            return scores
        if isinstance(query, q.Or):
            if any(isinstance(c, q.Not) for c in query.subqueries):
                raise _Unsupported("OR NOT")
            return self.either([self.node(segment, c, phrases, False, within) for c in query.subqueries])
        raise _Unsupported(type(query).__name__)

    def removed(self, segment: Segment, nots: list[Any]) -> set[int]:
        """The segment's units that the NOTs of an AND take away."""
        out: set[int] = set()
        for c in nots:
            out.update(self.matching(segment, c.query))
        return out

    def matching(self, segment: Segment, query: Any) -> set[int]:
        """The segment's units that match `query` (unscored: what a NOT takes away, deleted units maybe
        among them): a term's read from its postings, anything else found by Whoosh."""
        from whoosh import query as q

        schema = self.searcher.schema
        if type(query) is q.Term and query.fieldname in schema:
            btext = schema[query.fieldname].to_bytes(query.text)
            return set(postings(segment, query.fieldname, btext)[0])
        return set(segment.searcher.docs_for_query(query))

    def all_of(
        self, parts: Sequence[Callable[[Scores | None], Scores]], sizes: list[int], within: Scores | None
    ) -> Scores:
        """The AND of parts (each computes its scores within the units given it): the part of fewest
        postings first, each next one only within the units of the one before (the units left are all
        that can match: the last one's units), then summed as `both` sums them, in the parts' own order
        (the same floats)."""
        done: dict[int, Scores] = {}
        for i in sorted(range(len(parts)), key=sizes.__getitem__):
            done[i] = within = parts[i](within)
        ordered = [done[i] for i in range(len(parts))]
        if len(ordered) == 1 or within is None:
            return self.both(ordered)
        return self.summed(ordered, within)

    @staticmethod
    def both(parts: list[Scores]) -> Scores:
        """Units in every part, their scores summed in the parts' order."""
        if not parts:
            return {}
        if len(parts) == 1:
            return parts[0]
        smallest = min(parts, key=len)
        keys = set(smallest)
        for part in parts:
            if part is not smallest:
                keys.intersection_update(part)
        return _Ranker.summed(parts, keys)

    @staticmethod
    def summed(parts: list[Scores], units: Iterable[int]) -> Scores:
        """The units' scores (each unit in every part) summed in the parts' order."""
        if len(parts) == 2:
            a, b = parts
            return {d: a[d] + b[d] for d in units}
        return {d: sum(part[d] for part in parts) for d in units}

    @staticmethod
    def either(parts: list[Scores]) -> Scores:
        """Units in any part, the scores of the parts they are in summed in the parts' order."""
        if len(parts) == 1:
            return parts[0]
        out: Scores = dict(parts[0])
        for part in parts[1:]:
            for d, s in part.items():
                out[d] = out.get(d, 0.0) + s
        return out


def _holds(searcher: Searcher, docnum: int, phrase: Any) -> bool:
    """Whether the unit's stored text holds the phrase's words in order, as its `exact` field indexed them."""
    from index.store import analyzers

    _, exact = analyzers()
    text = searcher.stored_fields(docnum).get("text", "")
    words = [t.text for t in exact(text)]
    want = list(phrase.words)
    n = len(want)
    return any(words[i : i + n] == want for i in range(len(words) - n + 1) if words[i] == want[0])


def ranked(
    searcher: Searcher, query: Query, limit: int, allow: set[int] | None, masked: set[int] | None = None
) -> list[tuple[float, int]] | None:
    """The best `limit` (score, document number) of a query, best first (ties: the lower number first,
    as Whoosh), over every match: no time bound. `allow`: only these document numbers; `masked`: not
    these. None when the
    query is not ranked here (see the module docstring): the caller asks Whoosh."""
    from whoosh.scoring import BM25F

    whoosh: Any = searcher
    if type(whoosh.weighting) is not BM25F:
        return None
    ranker = _Ranker(searcher)
    try:
        if ranker.postings_count(query) > MAX_POSTINGS:
            return None
        segments: list[tuple[int, Scores]] = []
        phrases: list[Any] = []
        for sub, offset in whoosh.leaf_searchers():
            scores = ranker.node(Segment(sub, offset), query, phrases, True)
            if allow is not None:
                scores = {d: s for d, s in scores.items() if offset + d in allow}
            if masked:
                scores = {d: s for d, s in scores.items() if offset + d not in masked}
            segments.append((offset, scores))
    except (_Unsupported, NotOneSegment):
        return None
    if not phrases:
        return _best(segments, limit)
    unique = list({id(p): p for p in phrases}.values())
    best: list[tuple[float, int]] = []
    checked = 0
    want = limit * PHRASE_BATCH
    total = sum(len(scores) for _, scores in segments)
    while len(best) < limit and checked < total:
        for item in _best(segments, want)[checked:]:
            checked += 1
            if all(_holds(searcher, item[1], p) for p in unique):
                best.append(item)
                if len(best) == limit:
                    break
        want *= 2
    return best


def _best(segments: list[tuple[int, Scores]], n: int) -> list[tuple[float, int]]:
    """The best n (score, document number) over the segments' scores, best first, ties by number."""
    kept: list[tuple[float, int]] = []
    for offset, scores in segments:
        if len(scores) > n:  # the n-th best score of the segment, found among bare floats (fast)
            least = heapq.nlargest(n, scores.values())[-1]
            kept.extend((s, offset + d) for d, s in scores.items() if s >= least)
        else:
            kept.extend((s, offset + d) for d, s in scores.items())
    kept.sort(key=lambda item: (-item[0], item[1]))
    return kept[:n]


def top_matches(
    searcher: Searcher,
    query: Query,
    limit: int,
    allow: Query | None,
    seconds: float | None,
    mask: Query | None = None,
) -> tuple[list[tuple[float, int]], bool]:
    """(the best `limit` (score, document number), complete): ranked here when the query is large and
    of a shape this module ranks (every match ranked: complete), else by Whoosh within `seconds` of
    CPU (`query.bounded_search`: complete False when the bound cut the ranking). Only units matching
    `allow` (when given) and not `mask` (when given)."""
    from index.query import bounded_search

    best = None
    if _Ranker(searcher).postings_count_at_least(query, FAST_FROM):
        whoosh: Any = searcher
        allowed = None if allow is None else set(whoosh.docs_for_query(allow))
        masked = None if mask is None else set(whoosh.docs_for_query(mask))
        best = ranked(searcher, query, limit, allowed, masked)
    if best is not None:
        return best, True
    results, complete = bounded_search(searcher, query, limit, allow, seconds, mask=mask)
    return [(float(r.score), r.docnum) for r in results], complete
