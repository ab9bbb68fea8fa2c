"""A Corpus: documents to search, as one or more Whoosh indexes, with the path of each document.

`open_corpus(paths)` gives the corpus of some PDFs (each read once through the cache and
indexed beside its document.json); `index.library.Library` gives the corpus of a library.
A corpus keeps one Whoosh searcher per thread and answers `search`, `find` and `verify`.
"""

from __future__ import annotations

import contextlib
import threading
from dataclasses import replace
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar, cast

from index.results import Hit, SearchResult
from index.units import Unit, doc_key, label_range

if TYPE_CHECKING:
    from index.verdicts import Verification
    from index.whoosh_types import Index, Query, QueryParser, Searcher


SEARCH_TIME = 0.05
"""Seconds of CPU (this thread's: a busy machine does not cut a query short) a search may spend ranking
matches in Whoosh; a query matching too much is ranked over what was reached. Large queries of the
usual shapes are ranked whole instead, and faster (`index.fastrank`)."""
_R = TypeVar("_R")
PARTIAL = "the query matches so much that only part of it was ranked: add a word or use a phrase to narrow it"


class Corpus:
    """Documents searchable together: Whoosh indexes and a path for each document id."""

    def __init__(
        self,
        indexes: Sequence[Index],
        paths: Mapping[str, str],
        only: set[str] | None = None,
        hidden: set[str] | None = None,
    ) -> None:
        self.indexes = list(indexes)
        """The Whoosh indexes (one per document searched outside a library, or a library's one)."""
        self.ids = {doc_key(sha): sha for sha in paths}
        """Document key in the index (`units.doc_key`) -> document id (sha256)."""
        self.paths = {doc_key(sha): path for sha, path in paths.items()}
        """Document key -> the path shown in results."""
        self.only = {doc_key(sha) for sha in only} if only is not None else None
        """When set, only these documents (keys) are searched: a library index holding others, or
        the PDFs given of a library."""
        self.hidden = set(hidden or ())
        """Document keys (`units.doc_key`) of an index that are not searched: the few documents a library
        index holds beyond its list (committed by an `add` that has not listed them yet). A mask of a few
        documents costs nothing; a filter of all the others (`only`) took 3.5 s of CPU a search on a
        library of 1,000 PDFs (the searches of 40-50 s during an add, issue 11)."""
        self._local = threading.local()
        self._lock = threading.Lock()
        self._searchers: list[Searcher] = []

    def searcher(self) -> Searcher:
        """This thread's searcher (BM25F) over all the indexes."""
        searcher: Searcher | None = getattr(self._local, "searcher", None)
        if searcher is None:
            from whoosh.reading import MultiReader
            from whoosh.scoring import BM25F
            from whoosh.searching import Searcher as WhooshSearcher

            from index.snapshot import generation, pin

            self._local.seen = [generation(ix.storage) for ix in self.indexes]
            readers = [ix.reader() for ix in self.indexes]
            try:
                for each in readers:
                    pin(each)
            except BaseException:
                for each in readers:
                    each.close()
                raise
            reader = readers[0] if len(readers) == 1 else MultiReader(readers)
            searcher = WhooshSearcher(reader, weighting=BM25F())
            self._local.searcher = searcher
            self._local.parser = None
            self._local.memo = {}
            with self._lock:
                self._searchers.append(searcher)
        return searcher

    def _fresh(self, call: Callable[[], _R]) -> _R:
        """`call()`, on a fresh snapshot again when it fails on one that another process's commit has
        replaced meanwhile (see `index.snapshot`), for at most SNAPSHOT_WAIT seconds."""
        import time

        from index.errors import CitexIndexError
        from index.snapshot import SNAPSHOT_PAUSE, SNAPSHOT_WAIT, moved_on
        from source.errors import SourceError

        until = time.monotonic() + SNAPSHOT_WAIT
        while True:
            try:
                return call()
            except (CitexIndexError, SourceError):
                raise
            except Exception:
                seen: list[int] = getattr(self._local, "seen", [])
                stale = any(moved_on(ix, g) for ix, g in zip(self.indexes, seen))
                if not stale or time.monotonic() >= until:
                    raise
            self._drop_searcher()
            time.sleep(SNAPSHOT_PAUSE)

    def _drop_searcher(self) -> None:
        """Close this thread's searcher (the next search opens the index's newest snapshot)."""
        searcher = getattr(self._local, "searcher", None)
        self._local.searcher = None
        if searcher is not None:
            with self._lock:
                if searcher in self._searchers:
                    self._searchers.remove(searcher)
            with contextlib.suppress(Exception):  # its files may be gone: it is dropped all the same
                searcher.close()

    def parser(self) -> QueryParser:
        """This thread's query parser."""
        searcher = self.searcher()
        if self._local.parser is None:
            from index.query import make_parser

            self._local.parser = make_parser(searcher.schema)
        parser: QueryParser = self._local.parser
        return parser

    @property
    def memo(self) -> dict[str, Any]:
        """Caches the search functions keep, by name, for this thread's searcher (document numbers are
        those of its snapshot of the index)."""
        self.searcher()
        memo: dict[str, Any] = self._local.memo
        return memo

    def unit(self, docnum: int) -> Unit | None:
        """The unit stored as Whoosh document `docnum` in this thread's snapshot (None if there is none)."""
        searcher = self.searcher()
        if 0 <= docnum < searcher.doc_count_all() and not searcher.reader().is_deleted(docnum):
            return self.unit_at(docnum, searcher.stored_fields(docnum))
        return None

    def unit_at(self, docnum: int, fields: dict[str, Any]) -> Unit:
        """The unit of Whoosh document `docnum` (its stored `fields`), with the title of its section,
        read from the unit that stores it (`units.stored_fields`), `section_back` documents before.
        That unit must be of the same document and as many units before in it: else (never seen
        in an index Citex wrote) the section is left empty, unknown, rather than guessed."""
        unit = Unit.from_stored(fields)
        back = unit.section_back
        if back <= 0:
            return unit
        titles: dict[int, str] = self.memo.setdefault("titles", {})
        at = docnum - back
        if at not in titles:
            searcher = self.searcher()
            title = ""
            if 0 <= at and not searcher.reader().is_deleted(at):
                first = searcher.stored_fields(at)
                if first.get("doc") == unit.doc and first.get("seq") == unit.seq - back:
                    title = first.get("title", "")
            titles[at] = title
        return replace(unit, section=titles[at])

    def doc_filter(self, docs: Iterable[str] | None) -> Query | None:
        """A Whoosh filter keeping the units of these document ids (None: all, or those of `only`)."""
        keys = self.only if docs is None else {doc_key(d) for d in docs}
        if keys is None:
            return None
        docs = sorted(keys)
        from whoosh.query import NullQuery, Or, Term

        terms = [Term("doc", d) for d in docs]
        return cast("Query", Or(terms) if terms else NullQuery)

    def doc_mask(self) -> Query | None:
        """A Whoosh filter of the units not to search (those of `hidden`), None when there are none."""
        if not self.hidden:
            return None
        from whoosh.query import Or, Term

        return cast("Query", Or([Term("doc", key) for key in sorted(self.hidden)]))

    def hit(self, unit: Unit, score: float, highlights: tuple[tuple[int, int], ...] = ()) -> Hit:
        """A Hit for a whole unit."""
        span = unit.span() if unit.kind != "note" else None
        return Hit(
            document=self.paths.get(unit.doc, unit.doc),
            doc_id=self.ids.get(unit.doc, unit.doc),
            page=unit.page,
            page_label=label_range(unit.label, unit.end_label),
            score=score,
            text=unit.text,
            kind=unit.kind,
            notes=unit.notes,
            highlights=highlights,
            section=unit.section,
            span=span,
            note=unit.note,
        )

    def search(
        self,
        query: str,
        limit: int = 10,
        docs: Iterable[str] | None = None,
        seconds: float | None = SEARCH_TIME,
    ) -> SearchResult:
        """Ranked full-text search (see `index.query` for the language): a large query ranked whole
        (`index.fastrank`), any other within `seconds` of ranking (`complete` False when cut)."""
        return self._fresh(lambda: self._search(query, limit, docs, seconds))

    def _search(
        self, query: str, limit: int, docs: Iterable[str] | None, seconds: float | None
    ) -> SearchResult:
        from index.fastrank import top_matches
        from index.query import highlight, parse, plain_query, suggest

        searcher = self.searcher()
        parsed = plain_query(searcher.schema, query) or parse(self.parser(), query)
        if parsed.query is None:
            return SearchResult((), parsed.message, fallback=bool(parsed.message))
        best, complete = top_matches(
            searcher, parsed.query, max(1, limit), self.doc_filter(docs), seconds, self.doc_mask()
        )
        hits = []
        exact = searcher.schema["exact"].analyzer
        for score, docnum in best:
            unit = self.unit_at(docnum, searcher.stored_fields(docnum))
            hits.append(self.hit(unit, round(score, 3), highlight(unit.text, parsed.terms, exact)))
        message = parsed.message
        if not complete:
            message = "; ".join(filter(None, [message, PARTIAL]))
        suggestion = "" if hits or not complete else suggest(searcher, parsed, query)
        return SearchResult(
            tuple(hits), message, suggestion, fallback=bool(parsed.message), complete=complete
        )

    def find(self, quote: str, limit: int = 10, docs: Iterable[str] | None = None) -> list[Hit]:
        """Passages that match a quote as remembered, best first, scored 0 to 100."""
        from index.fuzzy import find

        return self._fresh(lambda: [m.hit for m in find(self, quote, limit, docs)])

    def verify(self, quote: str, docs: Iterable[str] | None = None) -> Verification:
        """Is this quote in the documents: exact, near (with a word diff) or absent."""
        from index.fuzzy import verify

        return self._fresh(lambda: verify(self, quote, docs))

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
