"""The reader on PDFs from LaTeX, Texinfo and LibreOffice (tests/corpus/made)."""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from source import read_pdf
from source.model import Document

MADE = Path(__file__).parent / "corpus" / "made"
Reader = Callable[[Path], Document]


@pytest.fixture(scope="module")
def article() -> Document:
    return read_pdf(MADE / "article.pdf")


@pytest.fixture(scope="module")
def manual() -> Document:
    return read_pdf(MADE / "manual.pdf")


@pytest.fixture(scope="module")
def writer() -> Document:
    return read_pdf(MADE / "writer.pdf")


def body(doc: Document) -> str:
    return "\n".join(b.text for p in doc.pages for b in p.blocks)


def assert_linked(doc: Document) -> None:
    """Every note has exactly one marker, on its own page, that points back to it."""
    for i, note in enumerate(doc.notes):
        assert len(note.markers) == 1, (note.label, note.markers)
        ref = note.markers[0]
        assert ref.page == note.page
        block = doc.block(ref.page, ref.block)
        assert [m.note for m in block.markers if m.offset == ref.offset] == [i]


def test_latex_article_notes(article: Document) -> None:
    assert [(n.label, n.page) for n in article.notes] == [("1", 1), ("2", 1), ("3", 2), ("4", 3), ("5", 3)]
    assert article.notes[0].text == "Minutes of the irrigation board, district archive, box 12."
    assert article.notes[1].text == "Report on the canals (2014), para 13."
    assert article.notes[2].text.startswith("Interview with a ferryman, 3 March 2015. He asked")
    assert article.notes[2].text.endswith("from the quarry above the gorge.")
    assert_linked(article)


def test_latex_article_text(article: Document) -> None:
    text = body(article)
    assert "since 1998. In 2014 the board" in text  # the marker is out of the words
    assert "state-of-the-art pumps" in text
    assert "official register" in text and "winter floods" in text  # TeX ligature codes
    assert "\x1e" not in text and "oods" not in text.replace("floods", "")
    assert [p.label for p in article.pages] == ["1", "2", "3", "4"]
    assert [p.footer for p in article.pages] == ["1", "2", "3", "4"]
    assert [(o.level, o.title) for o in article.outline if o.title[0].isdigit()] == [
        (1, "1 Introduction"),
        (1, "2 The wells"),
        (2, "2.1 Later records"),
    ]


def test_texinfo_notes_restart_per_chapter(manual: Document) -> None:
    assert [n.label for n in manual.notes] == ["1", "2", "1", "2"]
    assert [n.text for n in manual.notes] == [
        "Minutes of the irrigation board, district archive, box 12.",
        "Report on the canals (2014), para 13.",
        "Interview with a ferryman, 3 March 2015.",
        "Survey office, register of wells.",
    ]
    assert_linked(manual)


def test_texinfo_running_heads(manual: Document) -> None:
    assert "Chapter 1: Introduction" not in body(manual)
    labels = [p.label for p in manual.pages]
    assert labels[2:] == ["1", "2", "3", "4", "5"]


def test_libreoffice_notes_and_furniture(writer: Document) -> None:
    assert [(n.label, n.page) for n in writer.notes] == [("1", 1), ("2", 1), ("3", 2), ("4", 2), ("5", 3)]
    assert writer.notes[0].text.startswith("Source 1: The survey office described")
    assert_linked(writer)
    assert [p.label for p in writer.pages] == ["1", "2", "3"]
    assert [p.footer for p in writer.pages] == ["Page 1", "Page 2", "Page 3"]
    text = body(writer)
    assert "Water Rights in the River Towns" not in text and "Page 2" not in text
    assert [(o.level, o.title) for o in writer.outline] == [(1, "1. The river towns"), (2, "1.1 The wells")]


@pytest.mark.parametrize("name", ["report-writer-1col.pdf", "report-writer-2col.pdf"])
def test_report_typeset_differently(name: str) -> None:
    """The bundled report set again by LibreOffice (one and two columns): the same 123 notes."""
    bundled = read_pdf(Path(__file__).parent.parent / "explorer" / "data" / "connection-denied.pdf")
    doc = read_pdf(MADE / name)
    assert [n.label for n in doc.notes] == [str(i) for i in range(1, 124)]
    assert_linked(doc)
    same = sum(" ".join(a.text.split()) == " ".join(b.text.split()) for a, b in zip(doc.notes, bundled.notes))
    assert same >= 121, same  # note 102's web address and one Korean name break differently
    assert any(len(n.pages) > 1 for n in doc.notes) or name.endswith("2col.pdf")
    text = body(doc)
    assert "Connection Denied — Amnesty International" not in text
    assert "Index: ASA 24/3373/2016 —" not in text


def test_latex_two_columns() -> None:
    """A 10 pt gutter is narrower than the gap that splits a row, so the columns are found
    by the gutter no row crosses; each marker stays in its own column."""
    doc = read_pdf(MADE / "twocol.pdf")
    assert [(n.label, n.page) for n in doc.notes] == [("*", 1)] + [
        (str(i), page) for i, page in zip(range(1, 9), (1, 1, 1, 2, 2, 2, 3, 3))
    ]
    assert_linked(doc)
    assert doc.notes[0].text == "Written for the Citex tests."
    assert all(n.text.startswith(f"Source number {n.label}: ") for n in doc.notes[1:])
    for page in doc.pages:
        for block in page.blocks:
            assert "An independent observer described mittee" not in block.text


# -- LibreOffice Writer note layouts (writer_notes.py) ------------------------------------------


@pytest.mark.parametrize(
    ("name", "labels"),
    [
        ("writer-endnotes-arabic.pdf", [str(n) for n in range(1, 7)]),
        ("writer-endnotes-roman.pdf", ["i", "ii", "iii", "iv", "v", "vi"]),
    ],
)
def test_writer_endnotes_with_no_heading(read_document: Reader, name: str, labels: list[str]) -> None:
    """Writer sets endnotes on a page of their own after the text, with no heading, numbered
    1, 2, 3 or i, ii, iii (the label drawn in the note's own size): each is an endnote, linked
    once, from a marker on an earlier page, and none of their text is left in the body."""
    doc = read_document(MADE / name)
    assert [n.label for n in doc.notes] == labels
    assert {n.kind for n in doc.notes} == {"endnote"}
    for number, note in enumerate(doc.notes, 1):
        assert note.text.startswith(f"Source {number}: ")
        assert len(note.markers) == 1 and note.markers[0].page < note.page
    assert "Source 1:" not in body(doc)


def test_writer_three_columns_with_footnotes(read_document: Reader) -> None:
    """Writer in three columns, hyphenated: 13 footnotes at the foot of the page, each linked
    from its own page, and the body read column by column (no line mixes two columns)."""
    doc = read_document(MADE / "writer-columns3.pdf")
    assert [n.label for n in doc.notes] == [str(n) for n in range(1, 14)]
    for number, note in enumerate(doc.notes, 1):
        assert note.text.startswith(f"Source {number}: ")
        assert [ref.page for ref in note.markers] == [note.page]
    grammar = _writer_grammar()
    sentences = [doc.sentence_text(s) for s in doc.sentences]
    assert len(sentences) > 100
    for text in sentences[1:]:  # after the title, every sentence is one the generator wrote, whole
        assert grammar.fullmatch(text), text


def _writer_grammar() -> re.Pattern[str]:
    """The sentences writer_notes.py writes: subject, verb, object, tail."""
    spec = importlib.util.spec_from_file_location("writer_notes", MADE / "writer_notes.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)

    def any_of(words: tuple[str, ...]) -> str:
        return "(?:" + "|".join(re.escape(w) for w in words) + ")"

    return re.compile(
        " ".join(any_of(w) for w in (module.SUBJECTS, module.VERBS, module.OBJECTS, module.TAILS)) + r"\."
    )


def test_writer_footnotes_in_the_body_size(read_document: Reader) -> None:
    """Writer with footnotes set in the body's own size (11 pt): the notes stand below a wider
    gap at the foot of each page, each starting with the label of a marker on the page."""
    doc = read_document(MADE / "writer-samesize.pdf")
    assert [n.label for n in doc.notes] == [str(n) for n in range(1, 14)]
    for number, note in enumerate(doc.notes, 1):
        assert note.text.startswith(f"Source {number}: ")
        assert [ref.page for ref in note.markers] == [note.page]
    assert "Source 1:" not in body(doc)
