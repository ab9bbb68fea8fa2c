"""True quotes on the real-world PDFs (tests/corpus/real-world/quotes.json): each is verified
exact and found on the physical page it starts on.

The quotes were taken by poppler's pdftotext, not by Citex's reader (bench/truequotes.py,
bench/quotes_real_world.py) and checked against the pages. A quote that Citex does not find
exact on its page today carries its `failure` class in the JSON and runs as a strict xfail:
the day it passes, the test fails until the class is removed from the file.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from index import Corpus, corpus_of
from source.model import Document

REAL_WORLD = Path(__file__).resolve().parent / "corpus" / "real-world"
QUOTES: list[dict[str, Any]] = json.loads((REAL_WORLD / "quotes.json").read_text(encoding="utf-8"))["quotes"]


def _cases() -> list[Any]:
    cases = []
    for i, q in enumerate(QUOTES):
        marks = [pytest.mark.xfail(strict=True, reason=q["failure"])] if q.get("failure") else []
        cases.append(pytest.param(q, id=f"{Path(q['file']).stem}-p{q['page']}-{i}", marks=marks))
    return cases


@pytest.fixture(scope="module")
def corpus_for(read_document: Callable[[Path], Document]) -> Callable[[str], Corpus]:
    cache: dict[str, Corpus] = {}

    def get(name: str) -> Corpus:
        if name not in cache:
            cache[name] = corpus_of([read_document(REAL_WORLD / name)])
        return cache[name]

    return get


def test_quotes_file_is_sound() -> None:
    """Every quote names a PDF of the set, a page within it, and 8-30 words; no quote twice."""
    files = {p.name for p in REAL_WORLD.glob("*.pdf")}
    assert {q["file"] for q in QUOTES} == files
    assert len({(q["file"], q["quote"]) for q in QUOTES}) == len(QUOTES)
    for q in QUOTES:
        assert 1 <= q["page"] <= q["end_page"] <= q["page"] + 1
        assert 8 <= len(q["quote"].split()) <= 30


@pytest.mark.parametrize("q", _cases())
def test_true_quote_exact_on_its_page(q: dict[str, Any], corpus_for: Callable[[str], Corpus]) -> None:
    result = corpus_for(q["file"]).verify(q["quote"])
    got = (result.verdict, result.hit.page if result.hit else None)
    assert got == ("exact", q["page"]), f"{q['quote']!r}: {result.verdict} p.{got[1]}: " + (
        result.hit.text if result.hit else ""
    )
