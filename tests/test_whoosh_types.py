"""index/whoosh_types.py against the real Whoosh: each Protocol's members exist on the objects Citex
gets from Whoosh, and every call a Protocol allows is one the real method accepts.

The Protocols are what mypy checks `index/` against (Whoosh has no type hints), so a Protocol
that promised a method or a parameter Whoosh lacks would let a wrong call pass the type check.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from index_docs import make_document, report_document

from index import Corpus, corpus_of
from index import whoosh_types as wt
from index.query import plain_words
from index.store import analyzers, build_index, import_whoosh, memory_index, schema
from index.units import units_of

_VARIADIC = (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)


def _signature_problems(protocol: type, name: str, real: Callable[..., Any]) -> list[str]:
    """How a call that the Protocol's method allows could fail on the real (bound) method."""
    declared = list(inspect.signature(getattr(protocol, name)).parameters.values())[1:]  # without self
    actual = inspect.signature(real).parameters
    takes_kwargs = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in actual.values())
    takes_args = any(p.kind is inspect.Parameter.VAR_POSITIONAL for p in actual.values())
    positional = [p.name for p in actual.values() if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    problems = []
    for at, p in enumerate(declared):
        if p.kind in _VARIADIC:
            continue
        where = f"{protocol.__name__}.{name}({p.name})"
        if p.kind is p.KEYWORD_ONLY:
            if p.name in actual:
                if actual[p.name].kind is inspect.Parameter.POSITIONAL_ONLY:
                    problems.append(f"{where}: positional only in Whoosh")
            elif not takes_kwargs:
                problems.append(f"{where}: no such keyword in Whoosh")
        elif at < len(positional):
            if positional[at] != p.name:
                problems.append(f"{where}: Whoosh has {positional[at]} in its place")
        elif not takes_args:
            problems.append(f"{where}: Whoosh takes no argument in this place")
        if p.default is not p.empty and p.name in actual and actual[p.name].default is p.empty:
            problems.append(f"{where}: optional here, required in Whoosh")
    named = {p.name for p in declared}
    for p in actual.values():
        if p.kind not in _VARIADIC and p.default is p.empty and p.name not in named:
            problems.append(
                f"{protocol.__name__}.{name}: Whoosh requires {p.name}, the Protocol does not pass it"
            )
    return problems


def _check(protocol: type, obj: object) -> list[str]:
    """Every member of the Protocol is on `obj`, and every method's calls fit (see _signature_problems)."""
    assert isinstance(obj, protocol), f"{type(obj).__name__} is not a {protocol.__name__}"
    problems = []
    for name, member in vars(protocol).items():
        if not callable(member) or (name.startswith("__") and name not in ("__call__", "__getitem__")):
            continue
        problems += _signature_problems(protocol, name, getattr(obj, name))
    return problems


@pytest.fixture(scope="module")
def corpus() -> Iterator[Corpus]:
    with corpus_of([report_document()]) as c:
        yield c


@pytest.fixture(scope="module")
def two_documents() -> Iterator[Corpus]:
    """Two indexes: the searcher reads them through a MultiReader."""
    other = make_document([["Monitoring of telephones is routine in the region."]])
    with corpus_of([report_document(), other]) as c:
        yield c


def test_the_objects_of_a_search_are_what_the_protocols_say(corpus: Corpus, two_documents: Corpus) -> None:
    assert len(two_documents.indexes) == 2
    problems: list[str] = []
    for c in (corpus, two_documents):
        searcher = c.searcher()
        problems += _check(wt.Searcher, searcher)
        problems += _check(wt.Schema, searcher.schema)
        problems += _check(wt.Field, searcher.schema["text"])
        problems += _check(wt.IndexReader, searcher.reader())
        problems += _check(wt.Corrector, searcher.corrector("exact"))
        parser = c.parser()
        problems += _check(wt.QueryParser, parser)
        query = parser.parse('monitor "mobile phones"')
        problems += _check(wt.Query, query)
        problems += _check(wt.Query, plain_words(searcher.schema, ["monitor"]))
        doc_filter = c.doc_filter(c.ids.values())
        assert doc_filter is not None
        problems += _check(wt.Query, doc_filter)
        collector = searcher.collector(limit=5)
        problems += _check(wt.Collector, collector)
        searcher.search_with_collector(query, collector)
        results = collector.results()
        problems += _check(wt.Results, results)
        hits = list(results)
        assert hits, "the query matches the report"
        problems += _check(wt.Hit, hits[0])
        assert isinstance(hits[0].score, float) and isinstance(hits[0].docnum, int)
    assert problems == []


def test_weightings_analyzers_and_tokens_are_what_the_protocols_say() -> None:
    import_whoosh()
    from whoosh.scoring import BM25F, TF_IDF

    problems: list[str] = []
    for weighting in (BM25F(), TF_IDF()):
        problems += _check(wt.Weighting, weighting)
    stemmed, exact = analyzers()
    for analyzer, first in ((stemmed, "monitor"), (exact, "monitoring")):
        problems += _check(wt.Analyzer, analyzer)
        token = next(iter(analyzer("Monitoring phones", chars=True)))
        problems += _check(wt.Token, token)
        assert (token.text, token.startchar, token.endchar) == (first, 0, 10)
    assert problems == []


def test_indexes_storages_writers_and_matchers_are_what_the_protocols_say(tmp_path: Path) -> None:
    import_whoosh()
    from whoosh.filedb.filestore import FileStorage, RamStorage

    units = units_of(report_document())
    problems: list[str] = []
    problems += _check(wt.Storage, FileStorage(str(tmp_path / "storage")))
    problems += _check(wt.Storage, RamStorage())
    for ix in (memory_index(units), build_index(units, tmp_path / "index")):
        problems += _check(wt.Index, ix)
        writer = ix.writer(limitmb=16, timeout=0.0, compound=False)  # the keywords index/ passes
        problems += _check(wt.Writer, writer)
        writer.cancel()
        with ix.reader() as reader:
            problems += _check(wt.IndexReader, reader)
            term = next(iter(reader.lexicon("doc")))
            problems += _check(wt.Matcher, reader.postings("doc", term))
    problems += _check(wt.Schema, schema())
    assert problems == []


def test_a_protocol_promising_what_whoosh_lacks_is_caught(corpus: Corpus) -> None:
    """The checks above can fail: a parameter, a keyword or a method Whoosh does not have is found."""
    from typing import Protocol

    class WrongCorrector(Protocol):
        def suggest(self, text: str, *, limit: int = ..., fuzziness: int = ...) -> list[str]: ...

    class WrongOrder(Protocol):
        def doc_frequency(self, text: str, fieldname: str) -> int: ...

    searcher = corpus.searcher()
    assert _signature_problems(WrongCorrector, "suggest", searcher.corrector("exact").suggest) == [
        "WrongCorrector.suggest(fuzziness): no such keyword in Whoosh"
    ]
    assert len(_signature_problems(WrongOrder, "doc_frequency", searcher.doc_frequency)) == 2
    assert not isinstance(searcher, wt.Writer)
