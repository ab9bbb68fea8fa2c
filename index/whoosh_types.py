"""Types for the parts of Whoosh that Citex uses (Whoosh ships no type hints).

Each Protocol names only the attributes and methods `index/` calls, with the types they
take and give in Whoosh 2.7 (whoosh-reloaded). The modules of `index/` import these names
under TYPE_CHECKING (nothing here is needed at run time, and importing this module imports
no Whoosh): what a Whoosh call returns (untyped) is given one of these types where it enters
Citex's code, so the rest is checked. tests/test_whoosh_types.py checks the real objects
against these Protocols (every member present; every parameter named here accepted).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, Protocol, runtime_checkable


@runtime_checkable
class Token(Protocol):
    """One token an analyzer yields (`chars=True` sets the offsets)."""

    text: str
    startchar: int
    endchar: int


@runtime_checkable
class Analyzer(Protocol):
    """A chain of tokenizer and filters (`whoosh.analysis.CompositeAnalyzer`)."""

    def __call__(self, value: str, *, chars: bool = ...) -> Iterator[Token]: ...


@runtime_checkable
class Field(Protocol):
    """A field type of a schema (`whoosh.fields.FieldType`)."""

    analyzer: Analyzer

    def process_text(self, qstring: str, mode: str = ...) -> Iterator[str]: ...


@runtime_checkable
class Schema(Protocol):
    """`whoosh.fields.Schema`: the fields of an index, by name."""

    def __getitem__(self, name: str) -> Field: ...


@runtime_checkable
class Query(Protocol):
    """A parsed query or one built from `whoosh.query` classes."""

    def children(self) -> Iterable[Query]: ...

    def leaves(self) -> Iterator[Query]: ...


@runtime_checkable
class Weighting(Protocol):
    """A scoring model (`whoosh.scoring.WeightingModel`: BM25F, TF_IDF)."""

    def scorer(self, searcher: Any, fieldname: str, text: bytes, qf: float = ...) -> Any: ...


@runtime_checkable
class Matcher(Protocol):
    """The postings of one term (`whoosh.matching.Matcher`)."""

    def is_active(self) -> bool: ...

    def all_ids(self) -> Iterator[int]: ...


@runtime_checkable
class IndexReader(Protocol):
    """`whoosh.reading.IndexReader` (a context manager that closes it)."""

    def __enter__(self) -> IndexReader: ...

    def __exit__(self, *exc: object) -> None: ...

    def close(self) -> None: ...

    def lexicon(self, fieldname: str) -> Iterable[bytes | str]: ...

    def has_deletions(self) -> bool: ...

    def is_deleted(self, docnum: int) -> bool: ...

    def postings(self, fieldname: str, text: bytes | str) -> Matcher: ...

    def leaf_readers(self) -> list[tuple[IndexReader, int]]: ...

    def doc_count_all(self) -> int: ...

    def stored_fields(self, docnum: int) -> dict[str, Any]: ...

    def doc_field_length(self, docnum: int, fieldname: str, default: int = ...) -> int: ...


@runtime_checkable
class Writer(Protocol):
    """`whoosh.writing.SegmentWriter`: adds and deletes documents until commit or cancel."""

    def add_document(self, **fields: Any) -> None: ...

    def delete_by_term(self, fieldname: str, text: str) -> int: ...

    def commit(self, *, merge: bool = ...) -> None: ...

    def cancel(self) -> None: ...


@runtime_checkable
class Index(Protocol):
    """`whoosh.index.Index`: an index on disk or in memory."""

    storage: Storage
    """Where the index's files live."""

    def reader(self) -> IndexReader: ...

    def writer(self, *, limitmb: int = ..., timeout: float = ..., compound: bool = ...) -> Writer: ...


@runtime_checkable
class Storage(Protocol):
    """`whoosh.filedb.filestore.Storage` (FileStorage, RamStorage): where an index's files live."""

    def create_index(self, schema: Schema, indexname: str) -> Index: ...

    def open_index(self, indexname: str) -> Index: ...

    def lock(self, name: str) -> Any: ...


@runtime_checkable
class Hit(Protocol):
    """One match in `Results`."""

    score: float
    """The match's score (Whoosh leaves it None in an unscored search, which Citex never runs)."""
    docnum: int
    """The unit's Whoosh document number."""

    def fields(self) -> dict[str, Any]: ...


@runtime_checkable
class Results(Protocol):
    """`whoosh.searching.Results`: the matches of a search, best first."""

    def __iter__(self) -> Iterator[Hit]: ...


@runtime_checkable
class Collector(Protocol):
    """`whoosh.collectors.Collector`: gathers the matches of a search."""

    def results(self) -> Results: ...


@runtime_checkable
class Corrector(Protocol):
    """`whoosh.spelling.Corrector`: known words close to an unknown one."""

    def suggest(self, text: str, limit: int = ..., maxdist: int = ..., prefix: int = ...) -> list[str]: ...


@runtime_checkable
class Searcher(Protocol):
    """`whoosh.searching.Searcher` over one reader (a MultiReader for several indexes)."""

    schema: Schema

    def collector(self, limit: int | None = ...) -> Collector: ...

    def context(self, *, weighting: Weighting = ...) -> Any: ...

    def search_with_collector(self, q: Query, collector: Collector, context: Any = ...) -> None: ...

    def doc_count(self) -> int: ...

    def doc_count_all(self) -> int: ...

    def doc_frequency(self, fieldname: str, text: str) -> int: ...

    def stored_fields(self, docnum: int) -> dict[str, Any]: ...

    def reader(self) -> IndexReader: ...

    def corrector(self, fieldname: str) -> Corrector: ...

    def close(self) -> None: ...


@runtime_checkable
class QueryParser(Protocol):
    """`whoosh.qparser.QueryParser`."""

    schema: Schema

    def parse(self, text: str) -> Query: ...

    def add_plugin(self, pin: Any) -> None: ...

    def remove_plugin_class(self, cls: type) -> None: ...
