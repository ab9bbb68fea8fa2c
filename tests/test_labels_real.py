"""Page labels on real PDFs made by others (see the real-world README): printed folios beat
/PageLabels, a page that prints no number gets no label (only a guess kept apart), and
numbering that skips or restarts is read as printed.

Every expectation comes from the README and notes-sample.json (the folios read by hand),
not from the reader's own output.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from source.model import Document

REAL_WORLD = Path(__file__).resolve().parent / "corpus" / "real-world"
"""The real-world development set (tests/corpus/real-world/README.md)."""
BUNDLED = Path(__file__).resolve().parents[1] / "explorer" / "data" / "connection-denied.pdf"

Reader = Callable[[Path], Document]


def _pdf(name: str) -> Path:
    return REAL_WORLD / f"{name}.pdf"


@pytest.fixture(scope="module")
def key() -> dict[str, Any]:
    data = json.loads((REAL_WORLD / "notes-sample.json").read_text(encoding="utf-8"))
    return {f["id"]: f for f in data["files"]}


def _labels(doc: Document) -> list[str | None]:
    return [page.label for page in doc.pages]


def test_offprint_folios_beat_its_pagelabels(read_document: Reader) -> None:
    doc = read_document(_pdf("harvardlr-offprint"))
    assert PdfReader(_pdf("harvardlr-offprint")).page_labels[:2] == ["1", "2"]
    assert _labels(doc) == [str(p + 1714) for p in range(1, 55)]
    assert {page.label_source for page in doc.pages} == {"printed"}


@pytest.mark.parametrize(
    ("name", "offset", "pages"),
    [("texaslr-word365", 35, 52), ("gwulr-indesign", 1049, 67), ("mmwr-table-symbol-notes", 20, 6)],
)
def test_folios_on_every_page(read_document: Reader, name: str, offset: int, pages: int) -> None:
    doc = read_document(_pdf(name))
    assert _labels(doc) == [str(p + offset) for p in range(1, pages + 1)]
    assert all(page.label_source == "printed" and page.inferred is None for page in doc.pages)


@pytest.mark.parametrize(("name", "pages"), [("un-emrip-word365", 20), ("un-upr-word2007-endnotes", 24)])
def test_un_documents_first_page_prints_no_folio(read_document: Reader, name: str, pages: int) -> None:
    # un-emrip: alternating footers "2 … GE.25-06441" / "GE.25-06441 … 3";
    # un-upr: the running head "A/HRC/WG.6/7/SVN/1" over "Page N".
    doc = read_document(_pdf(name))
    assert _labels(doc) == [None] + [str(p) for p in range(2, pages + 1)]
    assert (doc.pages[0].inferred, doc.pages[0].label_source, doc.display_label(1)) == (
        "1",
        "inferred",
        "[1]",
    )


def test_loc_folio_in_the_running_head(read_document: Reader) -> None:
    """ "LAW LIBRARY OF CONGRESS – N"; pages 4, 12 and 32 have content streams broken part
    way, and keep the running head drawn before the break."""
    doc = read_document(_pdf("loc-iraq-word-pdfmaker"))
    for page in doc.pages:
        if page.index <= 3:  # the cover, the contents, an unnumbered page
            assert page.label is None, page.index
        else:
            assert (page.label, page.label_source) == (str(page.index - 2), "printed"), page.index


def test_book_folios_skip_blank_pages(read_document: Reader) -> None:
    doc = read_document(_pdf("ssi-ventura-endnotes"))
    expected: list[str | None] = [None, "ii", "iii", "v", "vi"]
    for first, last, offset in ((6, 24, -5), (25, 45, -4), (46, 84, -3), (85, 87, -2)):
        expected += [str(p + offset) for p in range(first, last + 1)]
    assert _labels(doc) == [*expected, None]  # the back cover prints none
    assert doc.pages_labelled("20") == []  # the blank printed page 20 is not in the file


def test_guideline_chapter_openings_print_no_folio(read_document: Reader, key: dict[str, Any]) -> None:
    doc = read_document(_pdf("who-hcv-indesign"))
    pagelabels = PdfReader(_pdf("who-hcv-indesign")).page_labels
    unnumbered = {1, 2, 3, 26, 29, 33, 42, 64, 155}  # cover pages, chapter openings, the back cover
    for page in doc.pages:
        if page.index in unnumbered:
            assert (page.label, page.inferred, page.label_source) == (
                None,
                pagelabels[page.index - 1],
                "inferred",
            )
        else:
            assert (page.label, page.label_source) == (pagelabels[page.index - 1], "printed"), page.index
    assert (doc.display_label(1), doc.display_label(29)) == ("[C1]", "[4]")
    for note in key["who-hcv-indesign"]["notes"]:
        page = doc.page(note["page"])
        assert page.label == note["printed_page"] and page.display_label.strip("[]") == note["page_label"]


def test_opinion_without_folios_has_no_labels(read_document: Reader) -> None:
    doc = read_document(_pdf("ncsc-opinion-word2013"))  # "2022-NCSC-1" on every page is no folio
    assert {(page.label, page.inferred, page.label_source) for page in doc.pages} == {(None, None, "none")}
    assert doc.display_label(9) == "[#9]"


def test_paper_without_folios_takes_its_pagelabels(read_document: Reader) -> None:
    doc = read_document(_pdf("emnlp-word-twocolumn"))
    assert _labels(doc) == [str(p) for p in range(1, 9)]
    assert {page.label_source for page in doc.pages} == {"pagelabels"}


def test_bundled_report_covers_are_unnumbered(read_document: Reader) -> None:
    doc = read_document(BUNDLED)
    assert _labels(doc) == [None] + [str(p + 5) for p in range(2, 52)] + [None]
    assert (doc.display_label(1), doc.display_label(52)) == ("[6]", "[57]")
    assert doc.pages_labelled("6") == [] and doc.pages_labelled("[6]") == [doc.pages[0]]


@pytest.mark.parametrize(
    "name",
    [
        "un-emrip-word365",
        "un-upr-word2007-endnotes",
        "texaslr-word365",
        "gwulr-indesign",
        "harvardlr-offprint",
        "ssi-ventura-endnotes",
        "ncsc-opinion-word2013",
        "mmwr-table-symbol-notes",
        "emnlp-word-twocolumn",
    ],
)
def test_keyed_note_pages(read_document: Reader, key: dict[str, Any], name: str) -> None:
    """The printed page of every keyed note and mark, as notes-sample.json gives it."""
    doc = read_document(_pdf(name))
    for note in key[name]["notes"]:
        for page, printed, pagelabel in (
            (note["page"], note["printed_page"], note.get("page_label")),
            (note.get("marker_page"), note.get("marker_printed_page"), note.get("marker_page_label")),
        ):
            if page is None:
                continue
            found = doc.page(page)
            if printed is not None:
                assert (found.label, found.label_source) == (printed, "printed"), (name, page)
            elif pagelabel is not None:  # no folio anywhere: /PageLabels
                assert (found.label, found.label_source) == (pagelabel, "pagelabels"), (name, page)
            else:
                assert found.label is None, (name, page)
