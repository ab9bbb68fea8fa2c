"""A block of postings read without its values (index.blockread) holds Whoosh's own unit numbers and
weights, block by block, for every term of a field with positions and of one with frequencies; a
block it cannot read so is left to Whoosh, and ranking gives the same answers either way."""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

import pytest

import index.blockread
from index.blockread import read_ids_weights
from index.blockread import Segment, postings
from index.store import memory_index
from index.units import Unit

COMMON = "river border phones mobile radio".split()
"""Words in most units (many blocks of 128 postings, weights that differ: a word often twice)."""
COUNTED = {"once": 1, "twice": 2, "thrice": 3, "four": 4, "full": 128, "over": 129, "overthree": 131}
"""Words in exactly so many units: the last block of a term holds 1, 2, 3 (a tuple without a MARK),
or more postings."""
DOUBLED = 5
"""Units holding "double" twice (a block whose weights are all alike but not 1.0)."""
UNITS = 700


def _units(rng: random.Random) -> list[Unit]:
    words_of: list[list[str]] = [
        [rng.choice(COMMON) for _ in range(rng.randint(2, 12))] for _ in range(UNITS)
    ]
    for word, count in COUNTED.items():
        for i in rng.sample(range(UNITS), count):
            words_of[i].append(word)
    for i in rng.sample(range(UNITS), DOUBLED):
        words_of[i] += ["double", "double"]
    return [Unit("ab" * 8, i, 1, "1", "", "body", " ".join(w) + ".") for i, w in enumerate(words_of)]


@pytest.fixture(scope="module")
def reader() -> Iterator[Any]:
    ix = memory_index(_units(random.Random(7)))
    with ix.searcher() as s:
        yield s.reader()


def _blocks(reader: Any, fieldname: str, btext: bytes) -> Iterator[Any]:
    matcher = reader._terms.matcher(fieldname, btext, reader.schema[fieldname].format)
    while matcher.is_active():
        yield matcher
        matcher._next_block()


def _whooshs(reader: Any, fieldname: str, btext: bytes) -> list[tuple[list[int], list[float]]]:
    out = []
    for m in _blocks(reader, fieldname, btext):
        m._read_ids()
        m._read_weights()
        out.append((list(m._ids), list(m._weights)))
    return out


def _ours(reader: Any, fieldname: str, btext: bytes) -> list[tuple[list[int], list[float]] | None]:
    out: list[tuple[list[int], list[float]] | None] = []
    for m in _blocks(reader, fieldname, btext):
        if not read_ids_weights(m):
            out.append(None)
            continue
        assert m._data[2] is None and m._values is None  # the values were not read
        m._read_ids()
        m._read_weights()
        out.append((list(m._ids), list(m._weights)))
    return out


def test_every_block_of_every_term_with_positions_gives_whooshs_numbers_and_weights(reader: Any) -> None:
    sizes: set[int] = set()
    weights: set[str] = set()
    terms = list(reader.lexicon("exact"))
    assert len(terms) >= len(COMMON) + len(COUNTED)
    for btext in terms:
        want = _whooshs(reader, "exact", btext)
        assert _ours(reader, "exact", btext) == want, btext  # read so (never None), and the same
        sizes.update(len(ids) for ids, _ in want)
        for m in _blocks(reader, "exact", btext):
            m._read_data()
            weights.add(type(m._data[1]).__name__)
    assert {1, 2, 3, 4, 128} <= sizes  # blocks with and without a MARK before their values
    assert weights == {"NoneType", "float", "tuple"}  # all 1.0, all alike, differing


def test_a_block_of_frequencies_is_left_to_whoosh(reader: Any) -> None:
    """One string of fixed-size values a block: Whoosh reads it whole as fast."""
    for btext in reader.lexicon("text"):
        assert all(block is None for block in _ours(reader, "text", btext))


def test_a_block_whose_values_do_not_begin_as_expected_is_left_to_whoosh(
    reader: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index.blockread, "VALUES_START", b"c_pickle\nnothing\n")
    blocks = list(_blocks(reader, "exact", b"river"))
    assert len(blocks) > 1
    for m in _blocks(reader, "exact", b"river"):
        assert not read_ids_weights(m) and m._data is None
    segment = Segment(_Leaf(reader), 0)
    ids, weights = postings(segment, "exact", b"river")
    want = _whooshs(reader, "exact", b"river")
    assert ids == [i for block, _ in want for i in block]
    assert weights == [w for _, block in want for w in block]


def test_a_block_that_disagrees_with_its_header_is_left_to_whoosh(reader: Any) -> None:
    for m in _blocks(reader, "exact", b"phones"):
        m._maxid += 1  # as if the numbers read were not the block's
        assert not read_ids_weights(m) and m._data is None
    for m in _blocks(reader, "exact", b"phones"):
        m._maxweight += 0.5  # as if the weights read were not the block's
        assert not read_ids_weights(m) and m._data is None


def test_postings_read_without_values_are_whooshs(reader: Any) -> None:
    segment = Segment(_Leaf(reader), 0)
    for fieldname in ("exact", "text"):
        for btext in reader.lexicon(fieldname):
            want = _whooshs(reader, fieldname, btext)
            ids, weights = postings(segment, fieldname, btext)
            assert ids == [i for block, _ in want for i in block]
            assert weights == [w for _, block in want for w in block]


class _Leaf:
    """A leaf searcher's one call `Segment` makes: its reader."""

    def __init__(self, reader: Any) -> None:
        self._reader = reader

    def reader(self) -> Any:
        return self._reader
