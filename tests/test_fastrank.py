"""The fast ranking (index.fastrank) gives Whoosh's own ranking and scores, over every match, and no
time bound cuts a common-word query; a ranking that is cut says so, in the CLI and in --json.

The index here is made of seeded random sentences over a small vocabulary (so that words match
thousands of units, words of a phrase often stand apart, and ties of score are common), in several
segments, with deleted units; each query is ranked by Whoosh without a bound and by fastrank.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from index_docs import write_pdf

import index.fastrank
from explorer.cli import main
from index.fastrank import FAST_FROM, ranked, top_matches
from index.query import bounded_search, make_parser, parse
from index.store import memory_index
from index.units import Unit, stored_fields

WORDS = (
    "river border phones mobile radio television china human rights keeper informant information "
    "informed village market night guard letter smuggle bridge winter"
).split()
"""A small vocabulary: every word matches a large part of the units."""
SEGMENTS = (1500, 900, 300, 40)
"""Units in each segment."""
QUERIES = [
    "phones",
    "border",
    "keeper river",
    '"mobile phones"',
    '"human rights" AND border',
    '"human rights" "mobile phones"',
    "inform*",
    "radio OR television",
    "phones NOT china",
    "(radio OR television) NOT china",
    "phones NOT (china OR bridge)",
    'phones NOT "human rights"',
    "in:notes border",
    "in:body phones",
    "page:3 phones",
    "notes:7 river",
    "section:winter phones",
    "border AND (night OR guard)",
]


def _units(doc: str, count: int, rng: random.Random) -> list[Unit]:
    units = []
    for i in range(count):
        words = [rng.choice(WORDS) for _ in range(rng.randint(3, 16))]
        if rng.random() < 0.2:  # "mobile phones" and "human rights" as phrases, often enough
            at = rng.randrange(len(words))
            words[at:at] = rng.choice([["mobile", "phones"], ["human", "rights"]])
        kind = "note" if rng.random() < 0.1 else "body"
        marks = ((0, str(rng.randint(1, 9))),) if rng.random() < 0.3 else ()
        section = rng.choice(["", "Winter roads", "Market days"])
        units.append(
            Unit(doc, i, 1 + i // 40, str(1 + i // 40), section, kind, " ".join(words) + ".", marks=marks)
        )
    return units


@pytest.fixture(scope="module")
def searcher() -> Iterator[Any]:
    rng = random.Random(11)
    ix = memory_index([])
    for n, count in enumerate(SEGMENTS):
        writer = ix.writer()
        for fields in stored_fields(_units(f"{n:016x}", count, rng)):
            writer.add_document(**fields)
        writer.commit(merge=False)  # a segment each
    from whoosh.query import Term

    writer = ix.writer()

    writer.delete_by_query(Term("page", "2"))  # deleted units in every segment
    writer.commit(merge=False)
    from whoosh.scoring import BM25F

    with ix.searcher(weighting=BM25F()) as s:
        assert len(s.leaf_searchers()) == len(SEGMENTS) and s.reader().has_deletions()
        yield s


def _whoosh(s: Any, query: Any, limit: int, allow: Any = None) -> list[tuple[float, int]]:
    results, complete = bounded_search(s, query, limit, allow, None)
    assert complete
    return [(float(r.score), r.docnum) for r in results]


def _same(got: list[tuple[float, int]] | None, want: list[tuple[float, int]]) -> None:
    assert got is not None
    assert [d for _, d in got] == [d for _, d in want]
    assert all(abs(a - b) < 1e-9 for (a, _), (b, _) in zip(got, want))


@pytest.mark.parametrize("text", QUERIES)
@pytest.mark.parametrize("limit", [1, 10, 200])
def test_the_ranking_and_scores_are_whooshs_over_every_match(searcher: Any, text: str, limit: int) -> None:
    query = parse(make_parser(searcher.schema), text).query
    want = _whoosh(searcher, query, limit)
    assert want or text.startswith(("notes:", "page:"))
    _same(ranked(searcher, query, limit, None), want)


def test_a_document_filter_is_applied_as_whoosh_applies_it(searcher: Any) -> None:
    from whoosh.query import Or, Term

    allow = Or([Term("doc", f"{1:016x}"), Term("doc", f"{3:016x}")])
    query = parse(make_parser(searcher.schema), "phones").query
    allowed = set(searcher.docs_for_query(allow))
    _same(ranked(searcher, query, 10, allowed), _whoosh(searcher, query, 10, allow))


def test_a_phrase_under_or_is_left_to_whoosh(searcher: Any) -> None:
    query = parse(make_parser(searcher.schema), '"mobile phones" OR river').query
    assert ranked(searcher, query, 10, None) is None


def test_a_common_word_is_ranked_whole_even_with_no_time_at_all(searcher: Any) -> None:
    """The time bound would cut this query at once (a clock that races); ranked here, it is whole."""
    query = parse(make_parser(searcher.schema), "phones").query
    assert searcher.doc_frequency("text", "phone") >= FAST_FROM / 10
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(index.fastrank, "FAST_FROM", 100)
        ticks = iter(range(10**9))
        patch.setattr(time, "thread_time", lambda: next(ticks) * 1.0)
        assert not bounded_search(searcher, query, 10, None, 0.001)[1]  # Whoosh's ranking: cut
        best, complete = top_matches(searcher, query, 10, None, 0.001)
    assert complete
    _same(best, _whoosh(searcher, query, 10))


# -- a cut ranking says so ------------------------------------------------------------------


@pytest.fixture
def report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CITEX_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("CITEX_DATA_DIR", str(tmp_path / "data"))
    pdf = tmp_path / "ledger.pdf"
    sentences = [f"The keeper of the river wrote entry {i} in the ledger of the bridge." for i in range(60)]
    write_pdf(pdf, [sentences[:30], sentences[30:]], title="Ledger")
    return pdf


def test_a_ranking_cut_by_the_time_bound_says_so_on_stderr_and_in_json(report: Path) -> None:
    assert CliRunner().invoke(main, ["search", "keeper", str(report)]).exit_code == 0  # indexed
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(index.fastrank, "FAST_FROM", 10**9)  # Whoosh, with its bound ...
        ticks = iter(range(10**9))
        patch.setattr(time, "thread_time", lambda: next(ticks) * 1.0)  # ... and a clock that races
        result = CliRunner().invoke(main, ["search", "--limit", "2", "--json", "keeper", str(report)])
        plain = CliRunner().invoke(main, ["search", "--limit", "2", "keeper", str(report)])
    assert result.exit_code == 0, result.output
    hits = json.loads(result.stdout)
    assert len(hits) == 2 and all(h["partial_ranking"] is True for h in hits)
    assert "only part of it was ranked" in result.stderr
    assert "only part of it was ranked" in plain.stderr and len(plain.stdout.splitlines()) == 2
    whole = CliRunner().invoke(main, ["search", "--limit", "2", "--json", "keeper", str(report)])
    assert "partial_ranking" not in whole.stdout and not whole.stderr


def test_several_indexes_rank_as_whoosh(monkeypatch: pytest.MonkeyPatch) -> None:
    """PDFs searched outside a library: one index each (one segment each), under a MultiReader."""
    from index.corpus import Corpus

    rng = random.Random(5)
    keys = ("a" * 16, "b" * 16, "c" * 16)
    corpus = Corpus([memory_index(_units(k, 400, rng)) for k in keys], {k * 4: f"/{k}.pdf" for k in keys})
    monkeypatch.setattr(index.fastrank, "FAST_FROM", 1)
    fast = [(h.doc_id, h.score, h.text) for h in corpus.search("phones", 10).hits]
    assert ranked(corpus.searcher(), parse(corpus.parser(), "phones").query, 10, None) is not None
    monkeypatch.setattr(index.fastrank, "FAST_FROM", 10**9)
    assert fast and fast == [
        (h.doc_id, h.score, h.text) for h in corpus.search("phones", 10, seconds=None).hits
    ]


def test_the_tuis_count_says_when_more_matched_and_when_the_ranking_was_cut(report: Path) -> None:
    """The results pane's title never gives the listed hits as the number that matched."""
    from explorer.engine import Engine
    from explorer.outcomeview import count_line
    from index.scope import Target, open_scope

    target = Target("pdfs", (str(report),), None)
    with open_scope(target) as scope:
        engine = Engine(scope)
        listed = engine.run("search", "keeper", limit=5)  # 60 sentences hold it
        assert len(listed.hits) == 5 and listed.more and listed.complete
        assert count_line(listed) == "best 5 hits of more"
        every = engine.run("search", "keeper", limit=500)
        assert not every.more and count_line(every) == f"{len(every.hits)} hits"
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(index.fastrank, "FAST_FROM", 10**9)
            ticks = iter(range(10**9))
            patch.setattr(time, "thread_time", lambda: next(ticks) * 1.0)
            cut = engine.run("search", "keeper", limit=5)
        assert not cut.complete and count_line(cut).endswith("(ranking cut short)")


# -- a phrase whose words are together in many units, in order in few ------------------------


@pytest.fixture(scope="module")
def apart() -> Iterator[Any]:
    """Units holding "phones" and "mobile" (most of them), "mobile phones" in order in few."""
    rng = random.Random(23)
    others = [w for w in WORDS if w not in ("mobile", "phones")]
    ix = memory_index([])
    in_order = 0
    for n, count in enumerate((1200, 700, 90)):
        units = []
        for i in range(count):
            words = [rng.choice(others) for _ in range(rng.randint(3, 12))]
            draw = rng.random()
            if draw < 0.015:
                at = rng.randrange(len(words) + 1)
                words[at:at] = ["mobile", "phones"]
                in_order += 1
            elif draw < 0.85:  # both words, never "mobile" just before "phones"
                at = rng.randrange(len(words) + 1)
                words[at:at] = ["phones", *rng.sample(others, rng.randint(0, 2)), "mobile"]
            units.append(
                Unit(f"{n:016x}", i, 1 + i // 40, str(1 + i // 40), "", "body", " ".join(words) + ".")
            )
        writer = ix.writer()
        for fields in stored_fields(units):
            writer.add_document(**fields)
        writer.commit(merge=False)
    from whoosh.query import Term
    from whoosh.scoring import BM25F

    writer = ix.writer()
    writer.delete_by_query(Term("page", "3"))
    writer.commit(merge=False)
    assert 10 < in_order < 60
    with ix.searcher(weighting=BM25F()) as s:
        yield s


@pytest.mark.parametrize(
    "text", ['"mobile phones"', '"mobile phones" AND border', 'border AND "mobile phones"']
)
@pytest.mark.parametrize("limit", [1, 10, 200])
def test_a_phrase_in_order_in_few_of_the_units_holding_its_words_ranks_as_whoosh(
    apart: Any, text: str, limit: int
) -> None:
    query = parse(make_parser(apart.schema), text).query
    both = parse(make_parser(apart.schema), "mobile AND phones").query
    together = len(list(apart.docs_for_query(both)))
    want = _whoosh(apart, query, limit)
    assert 0 < len(want) and together > 20 * len(_whoosh(apart, query, 1000))  # in order: few of them
    _same(ranked(apart, query, limit, None), want)
