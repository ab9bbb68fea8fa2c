"""The "Done when" checks of issue 9, by hand against the PDFs' text (pdftotext -layout):
the bundled report's interviewees, General Comment 16 and the Criminal Law through
`citex cites`; law reviews' supra, Id. and note cross-references; commentary that quotes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from explorer.cli import main
from index.sources import Cited, note_sources
from source.model import Document, MarkerRef, Note, Page
from source.opening import open_document

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "tests" / "corpus" / "real-world"


def cites(query: str) -> list[dict[str, object]]:
    result = CliRunner().invoke(main, ["cites", query, "--json"])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout) if result.exit_code == 0 else []


def test_which_notes_and_pages_rest_on_one_interviewee(dirs: dict[str, Path]) -> None:
    """pdftotext: notes 31, 49, 62, 82, 86 and 100 are "Amnesty International interview with
    Soo-yae"; their markers are on printed pages 25, 31, 35, 42, 43 and 47 (note 100's sentence
    starts on p. 46, its marker is on p. 47)."""
    rows = cites("Soo-yae")
    assert [(r["note"], r["page_label"]) for r in rows] == [
        ("31", "25"),
        ("49", "31"),
        ("62", "35"),
        ("82", "42"),
        ("86", "43"),
        ("100", "47"),
    ]
    assert (
        rows[-1]["claim"] == "The content itself is announced during education or self-reflection sessions.”"
    )
    assert {r["source"]["kind"] for r in rows} == {"interview"}  # type: ignore[index]
    assert [r["note"] for r in cites("interview Myong-jin")] == ["39", "48", "50"]


@pytest.mark.parametrize(
    "query",
    [
        "General Comment 16",
        "UN Human Rights Committee General Comment 16",
        "the UN Human Rights Committee's General Comment 16",
    ],
)
def test_how_many_notes_cite_general_comment_16(query: str, dirs: dict[str, Path]) -> None:
    """pdftotext: "General Comment No. 16" is printed six times, in notes 55, 70, 71, 92, 108, 110."""
    rows = cites(query)
    assert [r["note"] for r in rows] == ["55", "70", "71", "92", "108", "110"]
    assert {r["source"]["key"] for r in rows} == {"ccpr-c-gc-16"}  # type: ignore[index]


def test_which_claim_cites_the_criminal_law(dirs: dict[str, Path]) -> None:
    """pdftotext: only note 52 cites the Criminal Law ("(Article 167, Criminal Law of the DPRK, 2009
    version)"); its marker ends the sentence on printed p. 31 about "fixer" activity."""
    rows = cites("Criminal Law")
    assert len(rows) == 1
    row = rows[0]
    assert (row["note"], row["page_label"], row["pinpoint"]) == ("52", "31", "Article 167")
    assert str(row["claim"]).startswith("Although this “fixer” activity could be interpreted as punishable")
    assert row["source"]["kind"] == "law_or_treaty"  # type: ignore[index]
    assert cites("Criminal Law of Atlantis") == []


def _document(*texts: str) -> Document:
    pages = tuple(Page(index=i, label=str(i + 10)) for i in range(1, 4))
    notes = tuple(
        Note(
            label=str(i), page=1 + (i > 2), text=t, markers=(MarkerRef(page=1 + (i > 1), block=0, offset=0),)
        )
        for i, t in enumerate(texts, 1)
    )
    return Document(id="y" * 64, path="made.pdf", pages=pages, notes=notes)


def test_law_review_forms_made_here() -> None:
    document = _document(
        "Brief for Petitioners at 12, Roe v. Doe, 145 S. Ct. 1497 (2020).",
        "Jane Roe, The Wells of Tarn, 12 J. WATER L. 33 (1998) (arguing that wells were dug by hand).",
        "Brief for Petitioners, supra note 1, at 19.",
        "See supra note 1 and accompanying text.",
        "See supra notes 1–2.",
        "She faulted the agency for “ignoring the record before it.”",
        "John Poe, The Law of Wells in Three Centuries of Practice, in 3 WATER LAW, supra note 2, at 531.",
        "Poe, supra note 7, at 532 (noting that the wells were dug by hand).",
        "Smith, supra note 40; Id. at 3.",
    )
    sources = note_sources(document)
    assert (
        sources[1][0].author == "Jane Roe" and sources[1][0].key
    )  # the parenthetical does not make it a comment
    assert sources[2][0].same_as == (0, 0) and sources[2][0].pinpoint == "19"  # the brief's own words name it
    cross = sources[3][0]
    assert (cross.kind, cross.target, cross.target_page, cross.key) == ("cross_reference", "note 1", 1, "")
    assert (sources[4][0].kind, sources[4][0].target) == ("cross_reference", "notes 1–2")
    assert sources[5] == ()  # a sentence that quotes, not a citation
    poe = sources[6][0]
    assert poe.same_as is None and poe.author == "John Poe" and poe.key
    assert sources[7][0].same_as == (6, 0)
    assert sources[7][0].pinpoint == "532"  # the parenthetical says what the page says, not where
    unresolved, then = sources[8]
    assert unresolved.key == "" and then.key == "" and then.same_as is None  # never a guess


def test_a_parenthetical_that_explains_is_not_part_of_the_title() -> None:
    from index.citefields import read_fields

    abundance = read_fields(
        "Ezra Klein & Derek Thompson, ABUNDANCE (2025) (contending that public projects fail)."
    )
    assert abundance is not None and (abundance.author, abundance.title, abundance.date) == (
        "Ezra Klein & Derek Thompson",
        "ABUNDANCE",
        "2025",
    )
    china = read_fields(
        "Committee on Economic, Social and Cultural Rights, Concluding observations on the People’s Republic"
        " of China (including Hong Kong and Macao), UN doc. E/C.12/1/Add.107, 13 May 2005."
    )
    assert china is not None and china.title.endswith("China (including Hong Kong and Macao)")


def _labelled(document: Document, sources: tuple[tuple[Cited, ...], ...], label: str) -> tuple[Cited, ...]:
    return next(s for n, s in zip(document.notes, sources, strict=True) if n.label == label)


def test_texas_law_review_back_and_cross_references() -> None:
    """By hand: note 48 "Brief for Petitioners, supra note 32" is note 32's brief; note 47's "Brief for
    the Federal Respondents Supporting Petitioners, supra note 34" is note 34's; note 56 "See supra note
    34 and accompanying text" points to the text at marker 34 (physical p. 8, printed 43); note 13
    "infra notes 123–39" to the text at marker 123; note 47's "She faulted petitioners for “…”" is a
    comment, not a source."""
    document = open_document(REAL / "texaslr-word365.pdf")
    sources = note_sources(document)
    label_of = {i: n.label for i, n in enumerate(document.notes)}
    first_48 = _labelled(document, sources, "48")[0]
    assert first_48.same_as is not None and label_of[first_48.same_as[0]] == "32"
    first_47 = _labelled(document, sources, "47")[0]
    assert first_47.same_as is not None and label_of[first_47.same_as[0]] == "34"
    assert not any("faulted" in c.author for c in _labelled(document, sources, "47"))
    cross = _labelled(document, sources, "56")[0]
    assert (cross.kind, cross.target, cross.target_page) == ("cross_reference", "note 34", 8)
    assert document.display_label(8) == "43"
    wigmore = _labelled(document, sources, "165")[0]  # "…, in 3 EVOLUTION OF LAW, supra note 164, at 531"
    assert (wigmore.author, wigmore.title, wigmore.same_as) == (
        "John H. Wigmore",
        "Planetary Theory of the Law’s Evolution",
        None,
    )
    again = _labelled(document, sources, "183")[0]  # "Wigmore, supra note 165, at 531."
    assert again.key == wigmore.key and again.same_as is not None and label_of[again.same_as[0]] == "165"
    infra = [c for c in _labelled(document, sources, "13") if c.kind == "cross_reference"]
    marker_123 = next(n for n in document.notes if n.label == "123").markers[0].page
    assert [(c.target, c.target_page) for c in infra][0] == ("notes 123–39, 190–91", marker_123)


def test_harvard_law_review_supra_finds_the_article_not_the_book_before_it() -> None:
    """By hand: note 3 cites Teeters & Shearer's book, then David M. Shapiro's article (133 HARV. L. REV.
    542); note 30's "Shapiro, supra note 3" is the article."""
    document = open_document(REAL / "harvardlr-offprint.pdf")
    sources = note_sources(document)
    note_3 = _labelled(document, sources, "3")
    assert note_3[1].same_as is None and (note_3[1].author, note_3[1].title) == (
        "David M. Shapiro",
        "Solitary Confinement in the Young Republic",
    )
    shapiro = [c for c in _labelled(document, sources, "30") if "Shapiro" in c.text]
    assert shapiro and all(c.key == note_3[1].key and c.same_as is not None for c in shapiro)
    wallace = _labelled(document, sources, "30")[0]
    assert wallace.author == "Donald H. Wallace" and wallace.date == "1992"


def test_un_report_gazettes_with_other_numbers_are_other_sources() -> None:
    """By hand (pdftotext): the Slovenian UPR report's notes 4, 7 and 8 cite three gazettes, "Ur. l.
        RS No. 93/2007", "No. 94/2007" and "No. 64/2007"; notes 19 and 20 are the same "No. 65/1994";
        note 24 ("Ur. l. RS, Mednarodne pogodbe, No. 20/2006") repeats none of the notes before it. Note 20
    is note 19 printed again in full: the same source (one key), not a back-reference (no `same_as`,
    which is for Ibid., Id., supra, op. cit. and short forms); note 46's "No. 5/2009" is none of note
    36's "No. 16/2007 (official consolidated text 5), 36/2008, 58/2009"."""
    document = open_document(REAL / "un-upr-word2007-endnotes.pdf")
    sources = note_sources(document)
    key = {n.label: s[0].key for n, s in zip(document.notes, sources, strict=True) if s}
    assert len({key["4"], key["7"], key["8"], key["11"], key["13"]}) == 5
    assert key["19"] == key["20"] and key["19"] != key["21"]
    repeated = _labelled(document, sources, "20")[0]  # note 20 repeats note 19 in full: no back-reference
    assert repeated.same_as is None and repeated.title == "Ur. l. RS No. 65/1994"
    assert _labelled(document, sources, "46")[0].same_as is None  # "No. 5/2009" is not note 36's "58/2009"
    assert key["46"] != key["36"]
    assert _labelled(document, sources, "24")[0].same_as is None
    assert key["24"] not in {k for label, k in key.items() if label != "24"}


def test_george_washington_law_review_supra_without_a_note_number() -> None:
    """By hand: note 8 cites "Matthew C. Stephenson, Embedded Rules, 39 Yale J. on Regul. Bull. 59
    (2021)" after a long lead-in ("For a recent argument that …, see"), then "see also Stephenson,
    supra, at 59–60"; note 406's "See supra note 164 and accompanying text (quoting NLRB v. Bell
    Aerospace Co., Inc., 416 U.S. 267, 292 (1974))" points to the text at marker 164."""
    document = open_document(REAL / "gwulr-indesign.pdf")
    sources = note_sources(document)
    note_8 = [c for c in _labelled(document, sources, "8") if c.kind != "cross_reference"]
    assert (note_8[0].author, note_8[0].title, note_8[0].date) == (
        "Matthew C. Stephenson",
        "Embedded Rules",
        "2021",
    )
    assert all(c.key == note_8[0].key and c.same_as is not None for c in note_8[1:]) and len(note_8) == 3
    cross = _labelled(document, sources, "406")[0]
    assert (cross.kind, cross.target) == ("cross_reference", "note 164")
