"""The reader against generated PDFs whose ground truth is known (see tests/fixtures).

The first tests check the generator itself (they need no reader). The rest read each
fixture with `source.read_pdf` and compare with the fixture's ground truth: notes per
page and their whole text, markers and their links, running heads left out of the body,
page labels, body text in reading order, hyphens and ligatures, headings, continuations,
and the JSON round trip.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from fixtures.pdfs import FIXTURE_NAMES, build
from fixtures.truth import Fixture
from pypdf import PdfReader

from source.model import Document, MarkerRef

Reader = Callable[[Path], Document]


def ws(text: str) -> str:
    """Normalise whitespace only."""
    return " ".join(text.split())


def page_text(doc: Document, page: int) -> str:
    """The body text of one page, blocks joined by spaces."""
    return ws(" ".join(block.text for block in doc.page(page).blocks))


def all_texts(doc: Document) -> list[str]:
    """Every block text and note text."""
    return [block.text for page in doc.pages for block in page.blocks] + [note.text for note in doc.notes]


@pytest.fixture(params=FIXTURE_NAMES)
def case(request: pytest.FixtureRequest, fixture_pdfs: dict[str, Fixture]) -> Fixture:
    return fixture_pdfs[request.param]


@pytest.fixture
def doc(case: Fixture, read_document: Reader) -> Document:
    return read_document(case.path)


# -- the generator (no reader needed) --------------------------------------------------------


def test_fixture_pdf_opens_with_expected_pages(case: Fixture) -> None:
    reader = PdfReader(case.path)
    assert len(reader.pages) == case.page_count
    assert len(case.page_labels) == case.page_count
    has_labels = "/PageLabels" in reader.trailer["/Root"]
    assert has_labels == bool(case.pdf_page_labels)
    if has_labels:
        assert reader.page_labels == list(case.pdf_page_labels)


def test_fixture_ground_truth_is_consistent(case: Fixture) -> None:
    """Every marker has its note on the same page, and the drawn text holds every snippet's first word."""
    notes = {(note.label, note.page) for note in case.expected_notes}
    assert {(m.label, m.page) for m in case.expected_markers} == notes
    reader = PdfReader(case.path)

    def squash(text: str) -> str:
        return re.sub(r"[\s\-\u00ad]", "", unicodedata.normalize("NFKC", text))

    for page, snippet in (*case.body_snippets, *case.phrases):
        assert squash(snippet.split()[0]) in squash(reader.pages[page - 1].extract_text()), (page, snippet)


def test_fixture_generation_is_deterministic(tmp_path: Path, fixture_pdfs: dict[str, Fixture]) -> None:
    again = build("raised_small", tmp_path)
    first = fixture_pdfs["raised_small"]
    assert again.path.read_bytes() == first.path.read_bytes()
    assert again.expected_notes == first.expected_notes
    assert again.body_snippets == first.body_snippets


# -- the reader ------------------------------------------------------------------------------


def test_page_count(case: Fixture, doc: Document) -> None:
    assert [page.index for page in doc.pages] == list(range(1, case.page_count + 1))


def test_note_labels_per_page(case: Fixture, doc: Document) -> None:
    found: dict[int, list[str]] = {}
    for note in doc.notes:
        found.setdefault(note.page, []).append(note.label)
    assert found == case.notes_by_page()


def test_note_texts(case: Fixture, doc: Document) -> None:
    notes = {(note.label, note.page): note for note in doc.notes}
    for expected in case.expected_notes:
        note = notes.get((expected.label, expected.page))
        assert note is not None, f"no note {expected.label!r} on page {expected.page}"
        assert ws(note.text) == ws(expected.text), expected.label
        assert tuple(note.pages) == expected.pages, expected.label


def test_markers_where_expected(case: Fixture, doc: Document) -> None:
    """Exactly the expected markers, in reading order, each just after the word it is glued to."""
    found = [
        (page.index, marker.label, block.text[: marker.offset])
        for page in doc.pages
        for block in page.blocks
        for marker in block.markers
    ]
    assert [(p, label) for p, label, _ in found] == [(m.page, m.label) for m in case.expected_markers]
    for (page, label, before), expected in zip(found, case.expected_markers):
        assert before.endswith(expected.before), (page, label, before[-40:], expected.before)


def test_markers_link_to_their_notes(case: Fixture, doc: Document) -> None:
    for page in doc.pages:
        for index, block in enumerate(page.blocks):
            for marker in block.markers:
                assert 0 <= marker.note < len(doc.notes), (page.index, marker.label)
                note = doc.notes[marker.note]
                assert (note.label, note.page) == (marker.label, page.index)
                assert MarkerRef(page.index, index, marker.offset) in note.markers


def test_notes_link_back_to_markers(case: Fixture, doc: Document) -> None:
    for number, note in enumerate(doc.notes):
        assert note.markers, f"note {note.label!r} on page {note.page} has no marker"
        for ref in note.markers:
            block = doc.block(ref.page, ref.block)
            assert any(m.offset == ref.offset and m.note == number for m in block.markers), ref


def test_running_heads_not_in_text(case: Fixture, doc: Document) -> None:
    texts = all_texts(doc)
    for furniture in case.headers_footers:
        assert not [text for text in texts if furniture in text], furniture


def test_running_heads_in_page_header_or_footer(case: Fixture, doc: Document) -> None:
    for page, furniture in case.running_by_page:
        found = doc.page(page)
        assert furniture in f"{found.header} {found.footer}", (page, furniture)


def test_printed_page_numbers_not_in_text(case: Fixture, doc: Document) -> None:
    if not case.printed_numbers:
        # Nothing printed: no page claims a printed number; /PageLabels, where there are some.
        assert all(page.label_source in ("pagelabels", "none") for page in doc.pages)
        return
    for page in doc.pages:
        if page.label is None:
            continue
        for block in page.blocks:
            assert not re.search(rf"(^|\s){re.escape(page.label)}$", block.text.strip()), (
                page.index,
                block.text[-40:],
            )


def test_page_labels(case: Fixture, doc: Document) -> None:
    assert [page.label for page in doc.pages] == list(case.page_labels)


def test_page_label_sources_and_guesses(case: Fixture, doc: Document) -> None:
    """A label is printed or /PageLabels, never a guess; a guess is only on unlabelled pages."""
    guesses = list(case.inferred_labels) or [None] * case.page_count
    assert [page.inferred for page in doc.pages] == guesses
    for page in doc.pages:
        if page.label is None:
            assert page.label_source == ("inferred" if page.inferred else "none")
            assert page.display_label == (f"[{page.inferred}]" if page.inferred else f"[#{page.index}]")
        else:
            assert page.label_source == ("printed" if case.printed_numbers else "pagelabels")
            assert page.display_label == page.label


def test_label_lookup_tells_repeated_labels_apart(case: Fixture, doc: Document) -> None:
    for label in {label for label in case.page_labels if label is not None}:
        expected = [i + 1 for i, printed in enumerate(case.page_labels) if printed == label]
        assert [p.index for p in doc.pages_labelled(label)] == expected
    for page in doc.pages:
        assert doc.pages_labelled(f"#{page.index}") == [page]


def test_body_snippets_in_reading_order(case: Fixture, doc: Document) -> None:
    positions: dict[int, int] = {}
    for page, snippet in case.body_snippets:
        text = page_text(doc, page)
        at = text.find(ws(snippet), positions.get(page, 0))
        assert at >= 0, f"page {page}: {snippet!r} missing or out of order"
        positions[page] = at + 1


def test_phrases_present(case: Fixture, doc: Document) -> None:
    for page, phrase in case.phrases:
        assert ws(phrase) in page_text(doc, page), (page, phrase)


def test_nothing_that_must_be_absent(case: Fixture, doc: Document) -> None:
    for text in all_texts(doc):
        for absent in case.absent:
            assert absent not in text, (absent, text[:80])


def test_headings(case: Fixture, doc: Document) -> None:
    found = [
        (page.index, block.level, ws(block.text))
        for page in doc.pages
        for block in page.blocks
        if block.kind == "heading"
    ]
    assert found == list(case.headings)
    assert [(entry.page, entry.level, ws(entry.title)) for entry in doc.outline] == list(case.headings)


def test_continues(case: Fixture, doc: Document) -> None:
    expected = dict(case.continues)
    for page in doc.pages:
        flags = [block.continues for block in page.blocks]
        if page.index in expected:
            assert flags and flags[0] == expected[page.index], page.index
        assert not any(flags[1:]), f"page {page.index}: only the first block can continue the previous page"


def test_json_round_trip(doc: Document) -> None:
    assert Document.from_json(doc.to_json()) == doc


# -- the layouts, spelled out ----------------------------------------------------------------


def test_continued_note_is_one_note(fixture_pdfs: dict[str, Fixture], read_document: Reader) -> None:
    case = fixture_pdfs["continued_note"]
    doc = read_document(case.path)
    expected = next(note for note in case.expected_notes if note.label == "2")
    (note,) = [note for note in doc.notes if note.label == "2"]
    assert (note.page, tuple(note.pages)) == (1, (1, 2))
    assert ws(note.text) == ws(expected.text)
    assert [n.label for n in doc.notes if n.page == 2] == ["3", "4"]


def test_chapter_numbering_restarts(fixture_pdfs: dict[str, Fixture], read_document: Reader) -> None:
    doc = read_document(fixture_pdfs["chapters"].path)
    assert [(note.label, note.page) for note in doc.notes] == [
        ("1", 1),
        ("2", 1),
        ("3", 2),
        ("1", 3),
        ("2", 4),
    ]
    for page in doc.pages:
        for block in page.blocks:
            for marker in block.markers:
                assert doc.notes[marker.note].page == page.index


def test_numbers_are_not_markers(fixture_pdfs: dict[str, Fixture], read_document: Reader) -> None:
    doc = read_document(fixture_pdfs["numbers"].path)
    markers = [(page.index, m.label) for page in doc.pages for block in page.blocks for m in block.markers]
    assert markers == [(1, "1"), (1, "2"), (2, "3")]
    assert [(note.label, note.page) for note in doc.notes] == [("1", 1), ("2", 1), ("3", 2)]
    assert "para 13" in page_text(doc, 1) and "In 2014" in page_text(doc, 1)
    assert "total += station.flow * station.width" in page_text(doc, 3)


def test_hyphens_and_ligatures(fixture_pdfs: dict[str, Fixture], read_document: Reader) -> None:
    doc = read_document(fixture_pdfs["hyphens_ligatures"].path)
    text = " ".join(page_text(doc, page.index) for page in doc.pages)
    for word in ("international", "environmental", "community", "state-of-the-art", "up-to-date"):
        assert word in text, word
    for word in ("first field survey", "flow at five places", "office of the harbour master", "baffle plate"):
        assert word in text, word
    assert "official figures were filed late" in doc.notes[0].text
    assert not re.search("[\ufb00-\ufb06\u00ad]", text + doc.notes[0].text)


def test_markers_after_punctuation(fixture_pdfs: dict[str, Fixture], read_document: Reader) -> None:
    doc = read_document(fixture_pdfs["punctuation"].path)
    found = {
        m.label: block.text[: m.offset] for page in doc.pages for block in page.blocks for m in block.markers
    }
    assert found["1"].endswith("freedom of expression.")
    assert found["2"].endswith("who lives beside it.”")
    assert found["3"].endswith("The plan, however,")
    assert found["7"].endswith("‘common water’")
    assert [note.label for note in doc.notes] == [str(n) for n in range(1, 9)]
