"""A Corpus: documents to search, as one or more Whoosh indexes, with the path of each document.

`open_corpus(paths)` gives the corpus of some PDFs (each read once through the cache and
indexed beside its document.json); `index.library.Library` gives the corpus of a library.
A corpus keeps one Whoosh searcher per thread and answers `search`, `find` and `verify`.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from index.results import Hit, SearchResult, Span, Verification
from index.units import Unit

if TYPE_CHECKING:
    from whoosh.index import Index
    from whoosh.searching import Searcher


class Corpus:
    """Documents searchable together: Whoosh indexes and a path for each document id."""

    def __init__(self, indexes: Sequence[Index], paths: Mapping[str, str]) -> None:
        self.indexes = list(indexes)
        """The Whoosh indexes (one per document, or one for a whole library)."""
        self.paths = dict(paths)
        """Document id (sha256) -> the path shown in results."""
        self._local = threading.local()
        self._lock = threading.Lock()
        self._searchers: list[Searcher] = []
        self._units: dict[int, Unit | None] = {}
        self.memo: dict[str, Any] = {}
        """Caches kept by the search functions for the life of the corpus (by name)."""

    def searcher(self) -> Searcher:
        """This thread's searcher (BM25F) over all the indexes."""
        searcher = getattr(self._local, "searcher", None)
        if searcher is None:
            from whoosh.reading import MultiReader
            from whoosh.scoring import BM25F
            from whoosh.searching import Searcher

            readers = [ix.reader() for ix in self.indexes]
            reader = readers[0] if len(readers) == 1 else MultiReader(readers)
            searcher = Searcher(reader, weighting=BM25F())
            self._local.searcher = searcher
            self._local.parser = None
            with self._lock:
                self._searchers.append(searcher)
        return searcher

    def parser(self) -> Any:
        """This thread's query parser."""
        searcher = self.searcher()
        if self._local.parser is None:
            from index.query import make_parser

            self._local.parser = make_parser(searcher.schema)
        return self._local.parser

    def unit(self, docnum: int) -> Unit | None:
        """The unit stored as Whoosh document `docnum` (None if there is none)."""
        if docnum in self._units:
            return self._units[docnum]
        searcher = self.searcher()
        unit = None
        if 0 <= docnum < searcher.doc_count_all() and not searcher.reader().is_deleted(docnum):
            unit = Unit.from_stored(searcher.stored_fields(docnum))
        with self._lock:
            self._units[docnum] = unit
        return unit

    def doc_filter(self, docs: Iterable[str] | None) -> Any:
        """A Whoosh filter keeping the units of these document ids (None: keep all)."""
        if docs is None:
            return None
        from whoosh.query import NullQuery, Or, Term

        terms = [Term("doc", d) for d in docs]
        return Or(terms) if terms else NullQuery

    def hit(self, unit: Unit, score: float, snippet: str = "") -> Hit:
        """A Hit for a whole unit."""
        span = None
        if unit.kind != "note":
            span = Span(unit.page, unit.block, unit.start, unit.page, unit.block, unit.end)
        return Hit(
            document=self.paths.get(unit.doc, unit.doc),
            doc_id=unit.doc,
            page=unit.page,
            page_label=unit.label,
            score=score,
            text=unit.text,
            kind=unit.kind,
            notes=unit.notes,
            snippet=snippet,
            section=unit.section,
            span=span,
            note=unit.note,
        )

    def search(self, query: str, limit: int = 10, docs: Iterable[str] | None = None) -> SearchResult:
        """Ranked full-text search (see `index.query` for the language)."""
        from index.query import highlight, parse, suggest

        searcher = self.searcher()
        parsed = parse(self.parser(), query)
        if parsed.query is None:
            return SearchResult((), parsed.message)
        results = searcher.search(parsed.query, limit=max(1, limit), filter=self.doc_filter(docs))
        hits = []
        for result in results:
            unit = Unit.from_stored(result.fields())
            hits.append(self.hit(unit, round(float(result.score), 3), highlight(unit.text, parsed.terms)))
        suggestion = "" if hits else suggest(searcher, parsed, query)
        return SearchResult(tuple(hits), parsed.message, suggestion)

    def find(self, quote: str, limit: int = 10, docs: Iterable[str] | None = None) -> list[Hit]:
        """Passages that match a quote as remembered, best first, scored 0 to 100."""
        from index.fuzzy import find

        return [m.hit for m in find(self, quote, limit, docs)]

    def verify(self, quote: str, docs: Iterable[str] | None = None) -> Verification:
        """Is this quote in the documents: exact, near (with a word diff) or absent."""
        from index.fuzzy import verify

        return verify(self, quote, docs)

    def unit_count(self) -> int:
        """How many units (sentences and notes) the corpus holds."""
        return self.searcher().doc_count()

    def close(self) -> None:
        """Close every searcher (of every thread)."""
        with self._lock:
            searchers, self._searchers = self._searchers, []
        for searcher in searchers:
            searcher.close()
        self._local = threading.local()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
