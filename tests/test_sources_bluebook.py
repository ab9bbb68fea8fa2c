"""Bluebook books and journal articles as the law reviews print them (issue 9): a book, "AUTHOR,
TITLE pin (10th ed. 2020)", is read as a source; an article, "Author, Title, 10 HARV. L. REV. 457
(1897)", is an academic_article even when its title says "Law"; eyecite reads journals whose
abbreviation it knows also when they are set in small capitals."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from index.bluebook import read_book
from index.citefields import read_fields
from index.legal import known_journal, legal_citations
from index.sources import Cited, note_sources
from source.model import Document, Note, Page
from source.opening import open_document

REAL = Path(__file__).resolve().parent / "corpus" / "real-world"


@pytest.mark.parametrize(
    ("text", "author", "title", "date", "pinpoint"),
    [
        (
            "CHARLES ALAN WRIGHT & ARTHUR R. MILLER, FEDERAL PRACTICE AND PROCEDURE § 1357 (3d ed. 2004).",
            "CHARLES ALAN WRIGHT & ARTHUR R. MILLER",
            "FEDERAL PRACTICE AND PROCEDURE",
            "2004",
            "§ 1357",
        ),
        (
            "MARGO SCHLANGER ET AL., INCARCERATION AND THE LAW: CASES AND MATERIALS 54 (10th ed. 2020).",
            "MARGO SCHLANGER ET AL",
            "INCARCERATION AND THE LAW: CASES AND MATERIALS",
            "2020",
            "54",
        ),
        (
            "1 Kristin E. Hickman & Richard J. Pierce Jr., Administrative Law Treatise 526–27 (6th ed. 2019)",
            "Kristin E. Hickman & Richard J. Pierce Jr",
            "Administrative Law Treatise",
            "2019",
            "526–27",
        ),
        (
            "2 PIONEERS IN PENOLOGY: THE REFORMERS, THE INSTITUTIONS, AND THE SOCIETIES, 1557–1900"
            " (David M. Horton ed., 2006)",
            "",
            "PIONEERS IN PENOLOGY: THE REFORMERS, THE INSTITUTIONS, AND THE SOCIETIES, 1557–1900",
            "2006",
            "",  # the years end the title; they are no pinpoint
        ),
        (
            "Sabah Al Mukhtar, The Rule of Law in Iraq: Does It Exist? in THE RULE OF LAW IN THE MIDDLE EAST"
            " 75 (Eugene Cotran & Mai Yamani eds., 2000).",
            "Sabah Al Mukhtar",
            "The Rule of Law in Iraq: Does It Exist?",
            "2000",
            "75",
        ),
    ],
)
def test_bluebook_books(text: str, author: str, title: str, date: str, pinpoint: str) -> None:
    fields = read_fields(text)
    assert fields is not None
    assert (fields.kind, fields.author, fields.title, fields.date, fields.pinpoint) == (
        "report_or_book",
        author,
        title,
        date,
        pinpoint,
    )


def test_what_is_no_bluebook_book() -> None:
    assert read_book("Ford Motor Co. v. FTC, 673 F.2d 1008, 1009–10 (9th Cir. 1981)") is None  # a court
    assert read_book("Treaty of Alliance, June 30, 1930, U.K.-Iraq, 15 TREATY SERIES (1931)") is None
    assert read_book("Roe v. Wade, 410 U.S. 113 (1973)") is None
    assert read_book("Smith, supra note 3, at 12 (2001)") is None
    numbered = read_book("Committee on Economic, Social and Cultural Rights, general comment No. 26 (2022)")
    assert numbered is not None and numbered.pinpoint == "" and numbered.body.endswith("No. 26")


@pytest.mark.parametrize(
    ("text", "author", "title", "date", "pinpoint"),
    [
        (
            "Oliver Wendell Holmes, The Path of the Law, 10 HARV. L. REV. 457 (1897).",
            "Oliver Wendell Holmes",
            "The Path of the Law",
            "1897",
            "",
        ),
        (
            "Sharon Dolovich, The Coherence of Prison Law, 135 HARV. L. REV. F. 302, 302–03 (2022)",
            "Sharon Dolovich",
            "The Coherence of Prison Law",
            "2022",
            "302–03",
        ),
        (
            "Morris Jastrow, Older and Later Elements in the Code of Hammurabi, 36 JOURNAL OF THE AMERICAN"
            " ORIENTAL SOCIETY 1 (1916).",
            "Morris Jastrow",
            "Older and Later Elements in the Code of Hammurabi",
            "1916",
            "",
        ),
    ],
)
def test_journal_articles_are_articles_whatever_their_title(
    text: str, author: str, title: str, date: str, pinpoint: str
) -> None:
    """Read as a note's citation (eyecite first, then the general reading): "Law" or "Code" in an
    article's title does not make it a law."""
    document = Document(
        id=hashlib.sha256(text.encode()).hexdigest(),  # note_sources memoises by document id
        path="made.pdf",
        pages=(Page(index=1, label="1"),),
        notes=(Note(label="1", page=1, text=text),),
    )
    cited: Cited = note_sources(document)[0][0]
    assert (cited.kind, cited.author, cited.title, cited.date, cited.pinpoint) == (
        "academic_article",
        author,
        title,
        date,
        pinpoint,
    )


def test_eyecite_reads_journals_in_small_capitals() -> None:
    """eyecite's match is case-sensitive ("Harv. L. Rev."): the small capitals a law review prints are
    spelled as eyecite knows them, at the same offsets; a journal it does not know is not."""
    assert known_journal("HARV. L. REV.") == "Harv. L. Rev."
    assert known_journal("NO SUCH L. REV.") == ""
    text = "Oliver Wendell Holmes, The Path of the Law, 10 HARV. L. REV. 457 (1897)."
    (journal,) = legal_citations(text)
    assert (journal.kind, journal.volume, journal.reporter, journal.page, journal.year) == (
        "journal",
        "10",
        "Harv. L. Rev.",
        "457",
        "1897",
    )
    assert text[journal.start : journal.start + len(journal.text)] == "10 HARV. L. REV. 457"


def _labelled(document: Document, label: str) -> tuple[Cited, ...]:
    sources = note_sources(document)
    return next(s for n, s in zip(document.notes, sources, strict=True) if n.label == label)


def test_law_reviews_books_and_articles() -> None:
    """By hand (pdftotext): Texas note 165 cites Holmes's "Law in Science and Science in Law, 12 HARV. L.
    REV. 443, 449 (1899)"; note 166 Lazarus's book "THE MAKING OF ENVIRONMENTAL LAW, 84 (2d ed. 2023)",
    which notes 167–170 cite as "Id."; Harvard note 15 Schlanger's casebook (10th ed. 2020), which note
    177 cites as "SCHLANGER ET AL., supra note 15, at 42"."""
    texas = open_document(REAL / "texaslr-word365.pdf")
    holmes = [c for c in _labelled(texas, "165") if "Holmes" in c.author]
    assert [(c.kind, c.title, c.date, c.pinpoint) for c in holmes] == [
        ("academic_article", "Law in Science and Science in Law", "1899", "449")
    ]
    (book,) = _labelled(texas, "166")
    assert (book.kind, book.author, book.title, book.date, book.pinpoint) == (
        "report_or_book",
        "RICHARD J. LAZARUS",
        "THE MAKING OF ENVIRONMENTAL LAW",
        "2023",
        "84",
    )
    for label in ("167", "168", "169", "170"):
        again = _labelled(texas, label)[0]
        assert again.key == book.key and again.same_as is not None
    harvard = open_document(REAL / "harvardlr-offprint.pdf")
    (casebook,) = _labelled(harvard, "15")
    assert (casebook.kind, casebook.title, casebook.date, casebook.pinpoint) == (
        "report_or_book",
        "INCARCERATION AND THE LAW: CASES AND MATERIALS",
        "2020",
        "54",
    )
    later = [c for c in _labelled(harvard, "177") if c.key == casebook.key]
    assert later and later[0].same_as is not None and later[0].pinpoint.startswith("42")
