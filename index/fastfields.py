"""Whoosh text fields that index a unit's words without Whoosh's token stream, with the same terms.

Whoosh analyses a value by passing one Token object through a chain of generators (tokenizer,
lowercase, accent folding, stop words, stemming), then counts the words in its Format: for
Citex's units that was about a third of the writer's time in `citex add`. `FastText` is a TEXT
field whose `index` does the same steps on plain strings (one `finditer`, `str.lower`,
`str.translate`, a set lookup, a dict of stems) and encodes the postings with the field's own
Format, so the index holds exactly the terms, frequencies, weights and positions Whoosh would
write. Queries are unchanged: they still go through the field's analyzer.

The writer's other waste is in `index.fastwrite` (imported only to write: this module is imported
whenever an index is opened, since the index's schema names FastText).

Only the chains Citex builds are taken the fast way (a RegexTokenizer, then any of
LowercaseFilter, CharsetFilter, StopFilter and StemFilter, into a Frequency or Positions
format); any other value, analyzer, format or option is left to Whoosh (`TEXT.index`).
tests/test_fastfields.py checks the two give the same postings, unit by unit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from whoosh.analysis import (
    CharsetFilter,
    CompositeAnalyzer,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.fields import TEXT
from whoosh.formats import Frequency, Positions
from whoosh.system import pack_uint

STEM_CACHE_WORDS = 200_000
"""Words whose stems are kept (per stemming function, per process) before the cache is emptied
and starts again: a library's vocabulary rarely passes it, and a stem is a pure function of its
word, so the cache changes nothing but the time."""
_STEMS: dict[Any, dict[str, str]] = {}
"""The stem cache of each stemming function."""

Step = tuple[str, Any]
"""One step of a plan: ("lower", None), ("fold", charmap), ("stop", (stops, min, max, renumber)),
("stem", (stem function, words left alone))."""


def _plan(analyzer: Any) -> tuple[Any, list[Step]] | None:
    """(tokenizer pattern, steps after it) for an analyzer the fast way can follow, else None."""
    items = analyzer.items if isinstance(analyzer, CompositeAnalyzer) else [analyzer]
    first: Any = items[0] if items else None
    if type(first) is not RegexTokenizer or first.gaps:
        return None
    steps: list[Step] = []
    for item in items[1:]:
        kind = type(item)
        if kind is LowercaseFilter:
            steps.append(("lower", None))
        elif kind is CharsetFilter:
            steps.append(("fold", item.charmap))
        elif kind is StopFilter:
            steps.append(("stop", (item.stops, item.min, item.max, item.renumber)))
        elif kind is StemFilter:
            if item.lang:
                from whoosh.lang import stemmer_for_language

                stemfn = stemmer_for_language(item.lang)
            else:
                stemfn = item.stemfn
            steps.append(("stem", (stemfn, item.ignore)))
        else:
            return None
    return first.expression, steps


def _cached(stemfn: Callable[[str], str]) -> Callable[[str], str]:
    """The stem function with a cache in front of it (see STEM_CACHE_WORDS)."""
    cache = _STEMS.setdefault(stemfn, {})

    def stem(word: str) -> str:
        found = cache.get(word)
        if found is None:
            if len(cache) >= STEM_CACHE_WORDS:
                cache.clear()
            found = cache[word] = stemfn(word)
        return found

    return stem


def words(pattern: Any, steps: list[Step], value: str, positions: bool) -> Iterator[tuple[str, int]]:
    """(term, position) of each token Whoosh's chain would yield for `value` (stopped ones left out),
    positions as Whoosh numbers them (0, 1, ...; after stop words, renumbered when the filter says so)."""
    texts = [m.group(0) for m in pattern.finditer(value)]
    poses = list(range(len(texts)))
    for kind, arg in steps:
        if kind == "lower":
            texts = [t.lower() for t in texts]
        elif kind == "fold":
            texts = [t.translate(arg) for t in texts]
        elif kind == "stop":
            stops, least, most, renumber = arg
            kept = [
                i
                for i, t in enumerate(texts)
                if len(t) >= least and (most is None or len(t) <= most) and t not in stops
            ]
            texts = [texts[i] for i in kept]
            poses = [poses[i] for i in kept]
            if renumber and positions and poses:
                poses = list(range(poses[0], poses[0] + len(poses)))
        else:
            stemfn, ignore = arg
            stem = _cached(stemfn)
            texts = [t if t in ignore else stem(t) for t in texts]
    return zip(texts, poses, strict=True)


class FastText(TEXT):  # type: ignore[misc]
    """A TEXT field whose indexing skips Whoosh's token stream (see the module docstring)."""

    def index(self, value: Any, **kwargs: Any) -> Iterator[tuple[bytes, int, float, bytes]]:
        """(term bytes, frequency, weight, encoded value) of each distinct term of `value`, as TEXT gives."""
        plan = self.__dict__.get("_plan", False)
        if plan is False:
            plan = self.__dict__["_plan"] = _plan(self.analyzer) if self.analyzer else None
        fmt = self.format
        kind = type(fmt)
        if (
            plan is None
            or not isinstance(value, str)
            or set(kwargs) - {"mode"}
            or kind not in (Frequency, Positions)
        ):
            yield from super().index(value, **kwargs)
            return
        boost = fmt.field_boost
        if kind is Frequency:
            counts: dict[str, int] = {}
            for term, _ in words(plan[0], plan[1], value, positions=False):
                counts[term] = counts.get(term, 0) + 1
            for term, n in counts.items():
                yield term.encode("utf-8"), n, float(n) * boost, pack_uint(n)
            return
        where: dict[str, list[int]] = {}
        for term, pos in words(plan[0], plan[1], value, positions=True):
            where.setdefault(term, []).append(pos)
        for term, poses in where.items():
            yield term.encode("utf-8"), len(poses), float(len(poses)) * boost, fmt.encode(poses)

    def __getstate__(self) -> dict[str, Any]:
        """What is pickled into the index's schema: the field without its plan (made again when used)."""
        state = dict(self.__dict__)
        state.pop("_plan", None)
        return state
