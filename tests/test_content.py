"""source.content: the whole-stream tokeniser reads exactly what the one-token-at-a-time one reads.

`operations` takes the fast way (`_all_at_once`, one findall per stream) whenever it can and the
slow way (`_one_by_one`) otherwise; both must give the same operations, and the same error
after the same operations, on any stream: here random streams built from the pieces content
streams are made of (and broken ones), plus a few written out.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

import pytest

from source.content import ContentError, _all_at_once, _one_by_one, operations

PIECES = [
    b"1",
    b"-2.5",
    b".5",
    b"+3.",
    b"1e5",
    b"12",
    b"0",
    b"Tj",
    b"TJ",
    b"Tf",
    b"Td",
    b"Tm",
    b"BT",
    b"ET",
    b"q",
    b"Q",
    b"cm",
    b"re",
    b"f*",
    b"'",
    b'"',
    b"/F1",
    b"/Name#20x",
    b"/",
    b"(text)",
    b"(a\\)b)",
    b"(oct\\101\\8)",
    b"(nest (ed) )",
    b"(",
    b")",
    b"<48656c6c6f>",
    b"<4 8 6>",
    b"<>",
    b"<<",
    b">>",
    b"[",
    b"]",
    b"{",
    b"}",
    b"<",
    b">",
    b"true",
    b"false",
    b"null",
    b"%comment",
    b"%",
    b"BI /W 1 ID \x00\xff EI",
    b"\x00",
]
SPACES = [b" ", b"\n", b"\r\n", b"\t", b"\x0c", b"\x00", b"", b"%c\n", b"  "]


def _read(stream: Iterator[tuple[list[Any], bytes]]) -> tuple[list[tuple[list[Any], bytes]], str | None]:
    """The operations a reader yields, and the error it ends with (None: none)."""
    read: list[tuple[list[Any], bytes]] = []
    try:
        for operation in stream:
            read.append(operation)
    except ContentError:
        return read, "error"
    return read, None


def _streams(seed: int, count: int) -> Iterator[bytes]:
    rng = random.Random(seed)
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(0, 30)):
            parts.append(rng.choice(PIECES))
            parts.append(rng.choice(SPACES))
        yield b"".join(parts)


@pytest.mark.parametrize("seed", range(4))
def test_both_ways_read_random_streams_alike(seed: int) -> None:
    for data in _streams(seed, 2000):
        assert _read(operations(data)) == _read(_one_by_one(data)), data


@pytest.mark.parametrize(
    "data",
    [
        b"BT /F1 12 Tf 72 720 Td (Hello) Tj ET",
        b"[(A) -250 (B)] TJ 1 0 0 1 0 0 cm",
        b"1 2%comment\n3 re f",
        b"1\x002 m 3 4 l S",
        b"1e5 2 Td",
        b"<< /MCID 3 >> BDC (x) Tj EMC",
        b"true false null 5 d0",
        b"(a) Tj 1 2",  # operands with no operator at the end: dropped
    ],
)
def test_the_fast_way_reads_plain_streams(data: bytes) -> None:
    fast = _all_at_once(data, None)
    assert fast == list(_one_by_one(data))
    assert fast  # read the fast way, not fallen back


def test_the_limit_stops_reading() -> None:
    data = b"q Q " * 100
    assert len(list(operations(data, 7))) == 7
    assert [op for _, op in operations(data, 3)] == [b"q", b"Q", b"q"]


def test_a_read_collects_garbage_less_often_and_restores_the_threshold_after() -> None:
    import gc

    from source.limits import default_budget
    from source.reader import GC_THRESHOLD, read

    seen: list[tuple[int, ...]] = []

    class Broken:
        @property
        def pages(self) -> list[Any]:
            seen.append(gc.get_threshold())
            raise ValueError("a damaged page tree")

    before = gc.get_threshold()
    with pytest.raises(ValueError):
        read(Broken(), "broken.pdf", "0" * 64, default_budget())
    assert seen and seen[0][0] >= GC_THRESHOLD
    assert gc.get_threshold() == before


def test_a_stream_broken_part_way_keeps_the_operations_before_the_break() -> None:
    """Neither reader gets past the stray ")" (pypdf's parser raises too): what came before it is
    drawn, as viewers do. (A compiled `list.extend` dropped them: the loop must keep them itself.)"""
    from pypdf.generic import DecodedStreamObject

    from source.content import content_operations
    from source.limits import default_budget

    stream = DecodedStreamObject()
    stream.set_data(b"q 1 0 0 1 5 5 cm (nest (ed)) Tj ) Q q")
    read = content_operations(stream, None, default_budget())
    assert read == [([], b"q"), ([1.0, 0.0, 0.0, 1.0, 5.0, 5.0], b"cm"), ([b"nest (ed)"], b"Tj")]


def test_a_copied_text_state_holds_every_field() -> None:
    """`_TextState.copy` names its fields one by one (a q ... Q pair restores the copy): a field
    added later and not copied would be reset at every q."""
    import dataclasses

    from source.runs import _TextState

    changed: dict[str, Any] = {}
    for i, f in enumerate(dataclasses.fields(_TextState)):
        default = f.default
        if isinstance(default, bool):
            changed[f.name] = not default
        elif isinstance(default, str):
            changed[f.name] = f"x{i}"
        elif isinstance(default, int):
            changed[f.name] = i + 2
        elif isinstance(default, float):
            changed[f.name] = float(i + 2)
    assert len(changed) == len(dataclasses.fields(_TextState)) - 1  # all but the font (None)
    state = _TextState(**changed)
    copy = state.copy()
    assert copy is not state
    assert {name: getattr(copy, name) for name in changed} == changed
    assert copy.font is state.font
