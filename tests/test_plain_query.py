"""`index.query.plain_query` (a query of plain words built without Whoosh's query parser) gives what the
parser gives, on thousands of queries made of the bundled report's own words; and a search through it
returns the same hits, scores and highlights."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest

import index.query
from index.corpus import Corpus
from index.documents import open_corpus
from index.query import Parsed, analyzers, highlight, parse, plain_query

REPORT = Path(__file__).resolve().parent.parent / "explorer" / "data" / "connection-denied.pdf"
EXTRA = ["the", "to be", "AND", "phones AND border", "NOT china", "border OR", "Éclair café", "naïve"]
"""Stop words, operators and accents among the generated queries (the parser's own cases)."""


@pytest.fixture(scope="module")
def corpus() -> Iterator[Corpus]:
    with open_corpus([REPORT]) as corpus:
        yield corpus


def _queries(corpus: Corpus, n: int) -> list[str]:
    """Queries of one to four of the report's words, some capitalised or upper-cased, with stop words."""
    words = sorted(w.decode() if isinstance(w, bytes) else w for w in corpus.searcher().lexicon("exact"))
    assert len(words) > 1000
    pick = random.Random(8)
    queries = list(EXTRA) + words[:: max(1, len(words) // 600)]
    while len(queries) < n:
        chosen = [pick.choice(words) for _ in range(pick.randint(1, 4))]
        chosen = [
            w.capitalize() if pick.random() < 0.2 else w.upper() if pick.random() < 0.05 else w
            for w in chosen
        ]
        queries.append((" " * pick.randint(0, 2)).join(["", *chosen]) + "  " * pick.randint(0, 1))
    return [" ".join(q.split()) if pick.random() < 0.5 else q for q in queries]


def _leaves(parsed: Parsed) -> list[tuple[str, str, int | None, int | None]]:
    assert parsed.query is not None
    return [
        (leaf.fieldname, leaf.text, getattr(leaf, "startchar", None), getattr(leaf, "endchar", None))
        for leaf in parsed.query.leaves()
    ]


def test_plain_query_is_the_parsers_query(corpus: Corpus) -> None:
    parser, schema = corpus.parser(), corpus.searcher().schema
    queries = _queries(corpus, 3000)
    fast = 0
    for text in queries:
        built = plain_query(schema, text)
        if built is None:
            continue
        fast += 1
        parsed = parse(parser, text)
        assert built.query == parsed.query, text
        assert _leaves(built) == _leaves(parsed), text
        assert built.terms == parsed.terms and built.message == parsed.message == "", text
    assert fast >= 0.7 * len(queries), (fast, len(queries))  # most plain queries skip the parser
    for text in EXTRA:
        assert (
            plain_query(schema, text) is None or parse(parser, text).query == plain_query(schema, text).query
        )  # type: ignore[union-attr]
    assert plain_query(schema, "the") is None and plain_query(schema, "phones AND border") is None
    assert plain_query(schema, '"mobile phones"') is None and plain_query(schema, "page:12") is None


def test_a_search_through_it_returns_the_same_hits(corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    queries = [q for q in _queries(corpus, 400)[:400] if q.strip()]

    def results() -> list[object]:
        found = []
        for text in queries:
            result = corpus.search(text, limit=5)
            found.append(
                (
                    [(h.page, h.score, h.text, h.highlights) for h in result.hits],
                    result.message,
                    result.suggestion,
                )
            )
        return found

    fast = results()
    monkeypatch.setattr(index.query, "plain_query", lambda schema, text: None)
    assert results() == fast
    assert sum(1 for hits, _, _ in fast if hits) > 50


def test_the_schemas_analyzer_highlights_as_analyzers_does(corpus: Corpus) -> None:
    exact = corpus.searcher().schema["exact"].analyzer
    for text in ["Mobile phones near the Chinese border", "Éclair CAFÉ naïve", "border-crossing 2012 phones"]:
        terms = parse(corpus.parser(), "phones border eclair cafe naive crossing").terms
        assert highlight(text, terms, exact) == highlight(text, terms) != ()
    assert analyzers()[1] is not exact  # two analyzers, one behaviour
