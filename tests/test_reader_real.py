"""The reader against real PDFs, with facts checked by hand (pdftotext -layout and pypdf).

- explorer/data/connection-denied.pdf: a ReportLab re-typesetting of Amnesty International's
  report ASA 24/3373/2016, 52 pages, notes 1-123. The note texts, pages and the word each
  marker follows are in tests/corpus/connection-denied-notes.json (from `pdftotext -layout`,
  lines joined with single spaces; markers from pypdf's visitor_text, where every marker is a
  6 pt run after 9.2 pt text).
- tests/corpus/real/*.pdf: four TeX manuals (see the README there). Their note texts are
  compared with all whitespace removed, since TeX PDFs often carry no space characters.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from source.model import Document

Reader = Callable[[Path], Document]
TESTS = Path(__file__).resolve().parent
REAL = TESTS / "corpus" / "real"
REPORT = TESTS.parent / "explorer" / "data" / "connection-denied.pdf"
REPORT_NOTES = json.loads((TESTS / "corpus" / "connection-denied-notes.json").read_text(encoding="utf-8"))[
    "notes"
]
LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"}


def ws(text: str) -> str:
    return " ".join(text.split())


def squash(text: str) -> str:
    """No whitespace at all, ligatures expanded: for TeX text whose spaces are only gaps."""
    for glyph, letters in LIGATURES.items():
        text = text.replace(glyph, letters)
    return "".join(text.split())


def label(text: str) -> str:
    """The TeX asterisk operator (U+2217) and the ASCII asterisk are the same note symbol."""
    return "*" if text == "\u2217" else text


def notes_of(doc: Document) -> list[tuple[str, int]]:
    return [(label(note.label), note.page) for note in doc.notes]


def markers_of(doc: Document, linked: bool = True) -> list[tuple[int, str, int, str]]:
    """(page, label, note index, text before the marker) for every marker (only linked ones by default)."""
    return [
        (page.index, label(marker.label), marker.note, block.text[: marker.offset])
        for page in doc.pages
        for block in page.blocks
        for marker in block.markers
        if marker.note >= 0 or not linked
    ]


def note_by(doc: Document, note_label: str, page: int) -> str:
    found = [note.text for note in doc.notes if label(note.label) == note_label and note.page == page]
    assert len(found) == 1, f"{len(found)} notes {note_label!r} on page {page}"
    return found[0]


def assert_markers_link(doc: Document, expected: list[tuple[str, int]]) -> None:
    """Each expected note has exactly one marker, on its own page, linked to it; no other marker is linked."""
    linked = sorted((page, name) for page, name, _, _ in markers_of(doc))
    assert linked == sorted((page, name) for name, page in expected)
    for page, name, index, _ in markers_of(doc):
        assert (label(doc.notes[index].label), doc.notes[index].page) == (name, page)


@pytest.fixture(scope="module")
def report(read_document: Reader) -> Document:
    return read_document(REPORT)


# -- Connection Denied -----------------------------------------------------------------------

RUNNING = (
    "Index: ASA24/3373/2016",
    "Amnesty International March 2016",
    "Connection Denied",
    "Restrictions on mobile phones and outside information in North Korea",
)
CHAPTERS = [
    (10, 1, "1. HUMAN RIGHTS AND FREEDOM OF INFORMATION IN NORTH KOREA"),
    (10, 2, "1.1 THE STATE OF HUMAN RIGHTS IN NORTH KOREA"),
    (12, 2, "1.2 CONTROL OF COMMUNICATIONS AND INFORMATION IN NORTH KOREAN LAW AND PRACTICE"),
    (16, 2, "1.3 EVERYDAY SURVEILLANCE"),
    (18, 1, "2. ACCESS TO MOBILE PHONE SERVICES"),
    (18, 2, "2.1 ACCESS TO INTERNATIONAL MOBILE PHONE SERVICE"),
    (20, 2, "2.2 CONTACTING FAMILY AND FRIENDS IN NORTH KOREA FROM OTHER COUNTRIES"),
    (24, 2, "2.3 DOMESTIC MOBILE PHONE SERVICE"),
    (28, 1, "3. SURVEILLANCE AND ARBITRARY ARRESTS FOR THE USE OF PHONES"),
    (28, 2, "3.1 SURVEILLANCE OF USE OF CHINESE MOBILE PHONES"),
    (33, 2, "3.2 ARBITRARY ARRESTS AND THE EXTORTION OF BRIBES"),
    (36, 1, "4. RESTRICTIONS AND SURVEILLANCE ON ACCESS TO OTHER OUTSIDE INFORMATION"),
    (36, 2, "4.1 RESTRICTED ACCESS TO SOURCES BEYOND THE MOBILE PHONE"),
    (38, 2, "4.2 SURVEILLANCE OF ACCESS TO FOREIGN MEDIA"),
    (43, 1, "5. NORTH KOREA’S RESPONSIBILITIES UNDER INTERNATIONAL LAW AND STANDARDS"),
    (49, 1, "6. CONCLUSIONS AND RECOMMENDATIONS"),
]
# Notes checked word for word: long ones, URLs, and wrapped lines that begin with a number
# ("17/4 on the issue", "21 May 2015.", "2015.", "February 2015.") or hold Cyrillic.
VERBATIM = ("1", "2", "8", "14", "22", "26", "30", "34", "52", "79", "94", "123")


def test_report_pages(report: Document) -> None:
    assert len(report.pages) == 52


def test_report_notes_are_1_to_123_on_their_pages(report: Document) -> None:
    assert [(n.label, n.page) for n in report.notes] == [(n["label"], n["page"]) for n in REPORT_NOTES]


@pytest.mark.parametrize("number", VERBATIM)
def test_report_note_text_verbatim(report: Document, number: str) -> None:
    expected = next(n for n in REPORT_NOTES if n["label"] == number)
    assert ws(note_by(report, number, expected["page"])) == expected["text"]


def test_report_every_note_text(report: Document) -> None:
    wrong = [
        n["label"]
        for n in REPORT_NOTES
        if squash(note_by(report, n["label"], n["page"])) != squash(n["text"])
    ]
    assert wrong == []


def test_report_markers(report: Document) -> None:
    """123 markers, each on its note's page after the word it is glued to; nothing else is a marker."""
    found = markers_of(report, linked=False)
    assert [(page, name) for page, name, _, _ in found] == [(n["page"], n["label"]) for n in REPORT_NOTES]
    for (page, name, index, before), expected in zip(found, REPORT_NOTES):
        assert before.endswith(expected["before"]), (name, before[-30:])
        assert (report.notes[index].label, report.notes[index].page) == (name, page)


def test_report_running_heads_not_in_text(report: Document) -> None:
    texts = [block.text for page in report.pages for block in page.blocks] + [n.text for n in report.notes]
    for furniture in RUNNING:
        assert [text[:60] for text in texts if furniture in text] == [], furniture


def test_report_page_labels(report: Document) -> None:
    """Physical page p prints number p + 5 in its footer (pages 2 to 51; the covers print none)."""
    assert [report.label_of(p) for p in range(2, 52)] == [str(p + 5) for p in range(2, 52)]
    assert (report.label_of(10), report.label_of(28), report.label_of(51)) == ("15", "33", "56")


def test_report_headings(report: Document) -> None:
    headings = {(p.index, b.level, ws(b.text)) for p in report.pages for b in p.blocks if b.kind == "heading"}
    assert [h for h in CHAPTERS if h not in headings] == []
    outline = {(entry.page, entry.level, ws(entry.title)) for entry in report.outline}
    assert [h for h in CHAPTERS if h not in outline] == []


def test_report_paragraphs_continued_across_pages(report: Document) -> None:
    for page in (4, 5, 7, 8, 11, 12, 13, 16, 17, 27, 39):
        assert report.page(page).blocks[0].continues, page
    for page in (2, 6, 10, 18, 28, 36, 43, 49):
        first = report.page(page).blocks[0]
        assert first.kind == "heading" and not first.continues, page


def test_report_text_kept_verbatim(report: Document) -> None:
    def text(page: int) -> str:
        return ws(" ".join(b.text for b in report.page(page).blocks))

    assert "North Korea remains one of the most isolated countries in the world." in text(2)
    assert "and imported state-ofthe-art surveillance devices." in text(4)
    assert "a tradition of “guilt-byassociation” (yeonjwaje), as a form of collective punishment." in text(10)
    assert "Criminal Law Article 221 states that those who illegally cross the border" in text(11)


def test_report_metadata(report: Document) -> None:
    meta = report.metadata
    assert (
        meta.title
        == "Connection Denied: Restrictions on mobile phones and outside information in North Korea"
    )
    assert meta.author == "Amnesty International"
    assert meta.date == "March 2016"
    assert "3373/2016" in meta.report_number


# -- TeX manuals (tests/corpus/real) ---------------------------------------------------------

MFPIC = [("*", 1), ("†", 1), ("1", 4), ("2", 5), ("3", 5), ("4", 5), ("5", 9), ("6", 12), ("7", 12)]
MFPIC += [("8", 15), ("9", 15), ("10", 17), ("11", 21), ("12", 25), ("13", 39), ("14", 41), ("15", 42)]
MFPIC += [("16", 46), ("17", 47), ("18", 68), ("19", 75), ("20", 78), ("21", 79), ("22", 85)]
MFPIC += [("23", 86), ("24", 87), ("25", 87)]
HYPERREF = [
    ("*", 1),
    ("†", 1),
    ("‡", 1),
    ("1", 4),
    ("2", 4),
    ("3", 5),
    ("4", 6),
    ("5", 29),
    ("6", 53),
    ("7", 53),
]
# Note 13 of expex has a marker (page 61, in example 132) but its text was lost by TeX: no note.
EXPEX = [("1", 5), ("2", 5), ("3", 11), ("4", 26), ("5", 31), ("6", 39), ("7", 40), ("8", 42), ("9", 44)]
EXPEX += [("10", 44), ("11", 48), ("12", 53), ("14", 62), ("15", 75)]
WITHARROWS = [("*", 1), ("1", 1), ("2", 2), ("3", 4), ("4", 4), ("5", 5), ("6", 7), ("7", 8), ("8", 8)]
WITHARROWS += [("9", 9), ("10", 10), ("11", 11), ("12", 12), ("13", 13), ("14", 16), ("15", 16), ("16", 18)]
WITHARROWS += [("17", 18), ("18", 18), ("19", 19), ("20", 21), ("21", 21), ("22", 22), ("23", 22), ("24", 23)]
WITHARROWS += [("25", 25), ("26", 26), ("27", 29), ("28", 32), ("29", 35), ("30", 36), ("31", 40), ("32", 52)]
WITHARROWS += [("33", 56), ("34", 56), ("35", 58), ("36", 59), ("37", 63), ("38", 68), ("39", 77), ("40", 78)]
WITHARROWS += [("41", 81), ("42", 100)]

NOTE_TEXTS = {
    "mfpic": [
        ("7", 12, "Including the vacuous type."),
        (
            "12",
            25,
            "This apparently was unintended, but we now have to live with it so as not to break existing .tex files.",
        ),
        (
            "17",
            47,
            "A non-strict inequality such as >= can be used, but the result will not be significantly different.",
        ),
        (
            "21",
            79,
            "This is only one kind of an infinite variety of possible random walks. See "
            "http://en.wikipedia.org/wiki/Random_walk for a discussion. MFPIC implementation of other kinds is "
            "left to the interested user (for example, using \\turtle with random displacements).",
        ),
        (
            "†",
            1,
            "luecking@uark.edu: Communications regarding MFPIC should be sent to this author. Any "
            "first-person references in this manual refer to Dr. Luecking.",
        ),
    ],
    "hyperref": [
        ("*", 1, "deceased"),
        ("†", 1, "inactive"),
        ("‡", 1, "https://github.com/latex3/hyperref/issues"),
        ("1", 4, "Now: https://ctan.org/tex-archive/support/hypertex/hypertex"),
        ("2", 4, "This is borrowed from an article by Arthur Smith."),
        (
            "3",
            5,
            "Make sure you turn off the partial font downloading supported by dvips and dvipsone in favor "
            "of Distiller’s own system.",
        ),
        (
            "4",
            6,
            "But work has started to reduce the number of redefinition and so the dependencies on the loading order.",
        ),
        ("5", 29, "This section moved from the README file, needs more integration into the manual"),
        ("7", 53, "This section moved from the README file, needs more integration into the manual"),
    ],
    "expex": [
        ("6", 39, "This will be extended later to allow the user to define new level names."),
        ("10", 44, "Glosses of narratives can have hundreds of elements."),
        (
            "12",
            53,
            "This is a much larger range than is typical in running text, but it is appropriate in glosses, "
            "which typically have many large whitespace gaps on one line or the other.",
        ),
        (
            "14",
            62,
            "Tex reserves \\count255 for scratchwork. Since the assignment needs to be global, it is important "
            "to use a count register that does not serve another purpose. If a named count register is available, "
            "it would be better to use that register.",
        ),
        (
            "15",
            75,
            "See page 76 for a more complete discussion of \\exbreak. The amount of encouragement and the "
            "amount of whitespace are parametrized.",
        ),
    ],
    "witharrows": [
        ("*", 1, "This document corresponds to the version 2.8 of witharrows, at the date of 2023/01/01."),
        ("1", 1, "If you use Overleaf, Overleaf will do automatically the right number of compilations."),
        ("26", 26, "A footnote."),
        (
            "29",
            35,
            "It’s not possible to use \\@ifpackageloaded in the core of the functions because "
            "\\@ifpackageloaded is available only in the preamble.",
        ),
        ("41", 81, "Maybe we will change that in future versions."),
    ],
}
LABELS = {
    "mfpic": ["i", "ii", "iii", *map(str, range(1, 95))],  # /PageLabels
    "hyperref": [str(p) for p in range(1, 64)],  # printed in the running header
    "witharrows": [str(p) for p in range(1, 103)],  # printed in the footer
}


@pytest.fixture(scope="module", params=["mfpic", "hyperref", "expex", "witharrows"])
def manual(request: pytest.FixtureRequest, read_document: Reader) -> tuple[str, Document]:
    return request.param, read_document(REAL / f"{request.param}-manual.pdf")


def test_manual_page_labels(manual: tuple[str, Document]) -> None:
    name, doc = manual
    if name == "expex":  # no /PageLabels; physical page p prints p - 3 (pages 4 to 82)
        assert [doc.label_of(p) for p in range(4, 83)] == [str(p - 3) for p in range(4, 83)]
        assert (doc.label_of(39), doc.label_of(40)) == ("36", "37")
    else:
        assert [page.label for page in doc.pages] == LABELS[name]


def test_manual_notes(manual: tuple[str, Document]) -> None:
    name, doc = manual
    expected = {"mfpic": MFPIC, "hyperref": HYPERREF, "expex": EXPEX, "witharrows": WITHARROWS}[name]
    found = notes_of(doc)
    if name == "expex":  # page 56 has a side panel of gloss notes "1." to "4.": see the next test
        found = [note for note in found if note[1] != 56]
    assert found == expected


def test_expex_side_panel_is_not_footnotes(read_document: Reader) -> None:
    doc = read_document(REAL / "expex-manual.pdf")
    assert [n for n in notes_of(doc) if n[1] == 56] == []


def test_manual_markers_link_to_notes(manual: tuple[str, Document]) -> None:
    name, doc = manual
    expected = {"mfpic": MFPIC, "hyperref": HYPERREF, "expex": EXPEX, "witharrows": WITHARROWS}[name]
    assert_markers_link(doc, expected)


def test_manual_note_texts(manual: tuple[str, Document]) -> None:
    name, doc = manual
    for note_label, page, text in NOTE_TEXTS[name]:
        assert squash(note_by(doc, note_label, page)) == squash(text), (note_label, page)


def test_hyperref_markers_in_headings(read_document: Reader) -> None:
    """Notes 5, 6 and 7 are marked on section titles ("7 New Features", "12 Limitations", "13 Hints")."""
    doc = read_document(REAL / "hyperref-manual.pdf")
    found = {(page, name): before for page, name, _, before in markers_of(doc)}
    assert squash(found[(29, "5")]).endswith("NewFeatures")
    assert squash(found[(53, "6")]).endswith("Limitations")
    assert squash(found[(53, "7")]).endswith("Hints")


def test_witharrows_code_line_numbers_are_not_markers(read_document: Reader) -> None:
    """From page 32 the code listings number their lines in 5 pt type at the left margin."""
    doc = read_document(REAL / "witharrows-manual.pdf")
    markers = markers_of(doc, linked=False)
    for page in range(32, 103):
        found = [name for p, name, _, _ in markers if p == page]
        assert found == [name for name, p in WITHARROWS if p == page], page
