"""The reader against the flow fixtures (tests/fixtures/flow_layouts.py): three columns with
column-foot notes, endnotes per chapter and at the back, a word processor's note area."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from fixtures.flow import FlowTruth
from fixtures.flow_layouts import FLOW_BUILDERS
from fixtures.layout import register_fonts

from source.model import Document

Reader = Callable[[Path], Document]


def ws(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def flows(tmp_path_factory: pytest.TempPathFactory) -> dict[str, FlowTruth]:
    out = tmp_path_factory.mktemp("flow-pdfs")
    fonts = register_fonts()
    return {name: build(out, fonts) for name, build in FLOW_BUILDERS.items()}


@pytest.fixture(params=list(FLOW_BUILDERS))
def case(request: pytest.FixtureRequest, flows: dict[str, FlowTruth]) -> FlowTruth:
    return flows[request.param]


def context(doc: Document, page: int, block: int, offset: int) -> str:
    text = doc.block(page, block).text
    return text[:offset]


def test_every_note_found_with_its_whole_text(case: FlowTruth, read_document: Reader) -> None:
    doc = read_document(case.path)
    got = [(n.label, n.page, n.kind, ws(n.text)) for n in doc.notes]
    want = [(n.label, n.page, n.kind, ws(n.text)) for n in case.notes]
    assert got == want


def test_every_note_linked_from_its_marker(case: FlowTruth, read_document: Reader) -> None:
    doc = read_document(case.path)
    assert len(doc.notes) == len(case.notes)
    for note, truth in zip(doc.notes, case.notes):
        assert [ref.page for ref in note.markers] == [truth.marker_page], (note.label, note.page)
        ref = note.markers[0]
        assert ws(context(doc, ref.page, ref.block, ref.offset)).endswith(ws(truth.marker_before)), note.label


def test_body_lines_in_reading_order_and_never_mixed(case: FlowTruth, read_document: Reader) -> None:
    """Every drawn body line is in one block of its page, in reading order: no line mixes columns."""
    doc = read_document(case.path)
    for page in range(1, case.pages + 1):
        text = ws(" ".join(block.text for block in doc.page(page).blocks))
        at = 0
        for snippet_page, snippet in case.snippets:
            if snippet_page != page:
                continue
            found = text.find(ws(snippet), at)
            assert found >= 0, (page, snippet)
            at = found + len(ws(snippet))


def test_notes_kept_out_of_the_body(case: FlowTruth, read_document: Reader) -> None:
    doc = read_document(case.path)
    body = ws(" ".join(block.text for page in doc.pages for block in page.blocks))
    for words in case.absent:
        assert ws(words) not in body


@pytest.mark.parametrize(
    ("text", "opens"),
    [
        ("Notes", True),
        ("ENDNOTES", True),
        ("Footnotes", True),
        ("Notes to Chapter 3", True),
        ("Notes to pages 12–40", True),
        ("Chapter 3 Notes", True),
        ("Notes and Sources", True),
        ("Notebook", False),
        ("Notes on the text of the law", False),
    ],
)
def test_notes_headings(text: str, opens: bool) -> None:
    from source.endnotes import NOTES_HEADING

    assert bool(NOTES_HEADING.match(text)) is opens
