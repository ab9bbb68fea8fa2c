"""The ranking bound (index.query.bounded_search) shares its time among the index's segments by size.

A library's index holds segments from one PDF to most of the library. With the time shared out
equally, a query that the whole budget ranks completely was cut short in the big segment (13 of
14 benchmark queries on the generated library). The clock here is a fake one that moves on by the
same step each time the bound reads it, so the work a search does is counted exactly, whatever
the machine's load; the bound reads this thread's CPU time, not the wall clock.
"""

from __future__ import annotations

import itertools
import time
from typing import Any

import pytest

from index.query import _CHECK_EVERY, bounded_search
from index.store import memory_index
from index.units import Unit, stored_fields

BIG, SMALL = 2000, 20
"""Units in the first (big) and second (small) segment; every one holds the word searched."""


def _units(doc: str, count: int) -> list[Unit]:
    return [
        Unit(doc, i, 1, "1", "", "body", f"The weir keeper wrote entry {i} in the log.") for i in range(count)
    ]


@pytest.fixture(scope="module")
def searcher() -> Any:
    ix = memory_index([])
    for doc, count in (("a" * 16, BIG), ("b" * 16, SMALL)):
        writer = ix.writer()
        for fields in stored_fields(_units(doc, count)):
            writer.add_document(**fields)
        writer.commit(merge=False)  # one segment each
    from whoosh.qparser import QueryParser
    from whoosh.scoring import BM25F

    with ix.searcher(weighting=BM25F()) as s:
        assert [leaf.doc_count_all() for leaf, _ in s.leaf_searchers()] == [BIG, SMALL]
        yield s, QueryParser("text", ix.schema).parse("weir")


def _search(searcher: Any, monkeypatch: pytest.MonkeyPatch, budget_checks: float) -> bool:
    """Whether the search completes with a budget of `budget_checks` readings of the clock."""
    s, query = searcher
    ticks = itertools.count()
    monkeypatch.setattr(time, "thread_time", lambda: next(ticks) * 0.001)
    _, complete = bounded_search(s, query, 10, None, budget_checks * 0.001)
    return complete


def test_a_search_the_budget_covers_is_not_cut_short_in_a_big_segment(
    searcher: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    needed = (BIG + SMALL) / _CHECK_EVERY + 6  # the clock readings of a whole search, and a few more
    assert _search(searcher, monkeypatch, needed * 1.3)  # equal halves would cut the big segment


def test_a_search_the_budget_does_not_cover_is_cut_short(
    searcher: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    needed = (BIG + SMALL) / _CHECK_EVERY
    assert not _search(searcher, monkeypatch, needed * 0.5)
