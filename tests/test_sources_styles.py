"""Notes parsed into sources on three generated documents in styles unlike the bundled report's
(tests/fixtures/source_layouts.py): a Chicago-style book chapter, an APA-like NGO report with
endnotes and web addresses broken across lines, and a UN report citing document symbols. Every
note's sources are checked against the truth written with it: kinds, authors, titles, pinpoints,
addresses, symbols, which notes share a key and which note a back-reference repeats."""

from __future__ import annotations


import pytest

from fixtures.layout import register_fonts
from fixtures.source_layouts import SOURCE_BUILDERS, SourcesFixture
from index.sources import note_sources
from source.model import Document
from source.opening import open_document


@pytest.fixture(scope="module", params=list(SOURCE_BUILDERS))
def built(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[SourcesFixture, Document]:
    fixture = SOURCE_BUILDERS[request.param](tmp_path_factory.mktemp(request.param), register_fonts())
    return fixture, open_document(fixture.path)


def test_the_notes_are_read_whole(built: tuple[SourcesFixture, Document]) -> None:
    """The reader's notes are the notes drawn (an address broken across lines joined again)."""
    fixture, document = built
    assert [(n.label, " ".join(n.text.split())) for n in document.notes] == [
        (label, " ".join(text.split())) for label, text, _ in fixture.notes
    ]


def test_every_note_gives_its_sources(built: tuple[SourcesFixture, Document]) -> None:
    fixture, document = built
    sources = note_sources(document)
    label_of = {i: n.label for i, n in enumerate(document.notes)}
    for (label, _, expected), cited in zip(fixture.notes, sources, strict=True):
        got = list(cited)
        assert len(got) == len(expected), (label, got)
        for want, c in zip(expected, got, strict=True):
            where = f"note {label}: {c}"
            assert c.kind == want.kind, where
            assert c.pinpoint == want.pinpoint, where
            assert (label_of[c.same_as[0]] if c.same_as else None) == want.same_as, where
            if want.same_as is None:  # a back-reference carries the fields of the source it repeats
                assert (c.symbol, c.url, c.accessed) == (want.symbol, want.url, want.accessed), where
            for field in ("author", "title", "date"):
                if getattr(want, field) is not None:
                    assert getattr(c, field) == getattr(want, field), (field, where)


def test_one_key_per_source(built: tuple[SourcesFixture, Document]) -> None:
    """Citations of one source, in full, by a short form, by Ibid. or by its symbol, share one key;
    citations of different sources never do."""
    fixture, document = built
    sources = note_sources(document)
    keys: dict[str, set[str]] = {}
    for (_, _, expected), cited in zip(fixture.notes, sources, strict=True):
        for want, c in zip(expected, cited, strict=True):
            assert c.key, c
            keys.setdefault(want.source, set()).add(c.key)
    assert all(len(k) == 1 for k in keys.values()), keys
    assert len({next(iter(k)) for k in keys.values()}) == len(keys), keys
