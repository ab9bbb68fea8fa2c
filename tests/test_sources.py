"""Notes parsed into the sources they cite (index.sources): the bundled report, checked by hand
note by note, back-references on small documents built here, and the real-world corpus."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from index.citefields import find_symbol, iso_date, read_fields
from index.sources import Cited, citations, note_sources
from source.model import Document, Note, OutlineEntry, Page
from source.opening import open_document

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "explorer" / "data" / "connection-denied.pdf"
REAL = ROOT / "tests" / "corpus" / "real-world"


@pytest.fixture(scope="module")
def report() -> tuple[Document, tuple[tuple[Cited, ...], ...]]:
    document = open_document(REPORT)
    return document, note_sources(document)


def _notes_citing(document: Document, sources: tuple[tuple[Cited, ...], ...], key: str) -> list[str]:
    return [
        n.label for n, cited in zip(document.notes, sources, strict=True) if any(c.key == key for c in cited)
    ]


def test_report_counts(report: tuple[Document, tuple[tuple[Cited, ...], ...]]) -> None:
    """Counted by hand: 110 of the 123 notes cite something; the 13 others comment, point to a
    chapter only, or are the edition's placeholders for missing text."""
    document, sources = report
    assert len(document.notes) == 123
    empty = [n.label for n, c in zip(document.notes, sources, strict=True) if not any(x.key for x in c)]
    assert empty == ["9", "24", "27", "64", "79", "83", "90", "118", "119", "120", "121", "122", "123"]
    kinds = Counter(c.kind for cited in sources for c in cited)
    assert kinds["interview"] == 54  # 53 notes, note 53 cites two interviews
    assert kinds["cross_reference"] == 5
    assert kinds["ngo_document"] == 5
    assert kinds["un_document"] >= 33


def test_report_interviewees(report: tuple[Document, tuple[tuple[Cited, ...], ...]]) -> None:
    """Every note resting on one interviewee, however the note describes them."""
    document, sources = report
    by_person: dict[str, list[str]] = defaultdict(list)
    for note, cited in zip(document.notes, sources, strict=True):
        for c in cited:
            if c.kind == "interview":
                by_person[c.interviewee].append(note.label)
    assert by_person["Soo-yae"] == ["31", "49", "62", "82", "86", "100"]
    assert by_person["Myong-jin"] == ["39", "48", "50"]
    assert by_person["Yon-hwa"] == ["29", "53", "60"]
    assert by_person["Jiro Ishimaru"] == ["53"]
    assert by_person["Kang Mi-jin"] == ["35", "57", "84"]  # "Kang Mi-jin , currently a reporter …"
    assert by_person["Kang Cheol-hwan"] == ["87"]  # "Mr Kang Cheol-hwan": no honorific
    assert len(by_person) == 21  # counted by hand from the notes
    assert all(
        c.author == "Amnesty International" for cited in sources for c in cited if c.kind == "interview"
    )


def test_report_un_documents(report: tuple[Document, tuple[tuple[Cited, ...], ...]]) -> None:
    """General Comment 16 is cited in six notes; A/HRC/17/27 in five, printed "A /HRC/17/27"."""
    document, sources = report
    assert _notes_citing(document, sources, "ccpr-c-gc-16") == ["55", "70", "71", "92", "108", "110"]
    assert _notes_citing(document, sources, "a-hrc-17-27") == ["4", "14", "21", "107", "112"]
    assert _notes_citing(document, sources, "ccpr-c-gc-34") == [
        "20",
        "103",
        "104",
    ]  # note 20: the symbol alone
    gc16 = sources[54][0]
    assert (gc16.author, gc16.title) == ("Human Rights Committee", "General Comment No. 16: Right to Privacy")
    assert (gc16.date, gc16.date_iso, gc16.pinpoint) == ("28 September 1998", "1998-09-28", "para 8")
    s_pv = sources[1][0]
    assert (s_pv.symbol, s_pv.title, s_pv.accessed) == (
        "S/PV.7353",
        "Security Council Meeting Records",
        "14 September 2015",
    )
    assert s_pv.url.startswith("www.securitycouncilreport.org/")
    first = {n.label: c[0] for n, c in zip(document.notes, sources, strict=True) if c}
    assert (
        first["1"].key == first["5"].key == first["10"].key
    )  # "UN, Report of the Commission of Inquiry (2014)"
    assert first["10"].pinpoint == "paras 205–207"
    assert first["7"].key == first["25"].key  # Ken Gause's report, once with a word of its title dropped


def test_report_law_news_and_cross_references(report: tuple[Document, tuple[tuple[Cited, ...], ...]]) -> None:
    document, sources = report
    law = [c for c in sources[51] if c.kind == "law_or_treaty"]
    assert (
        len(law) == 1
        and law[0].pinpoint == "Article 167"
        and law[0].title.startswith("Criminal Law of the DPRK")
    )
    reuters = sources[11][0]
    assert (reuters.kind, reuters.author, reuters.date_iso) == ("news_article", "Reuters", "2015-10-08")
    assert sources[46][0].title == 'Cellphones Still a "Rich" Man\'s Game'  # inner quotes kept, title whole
    assert sources[5][2].symbol == "ASA-24/001/2011" and sources[5][2].kind == "ngo_document"
    cross = {
        (n.label, c.target, c.target_page)
        for n, cs in zip(document.notes, sources, strict=True)
        for c in cs
        if c.kind == "cross_reference"
    }
    assert cross == {
        ("4", "Chapter 5", 43),
        ("55", "Chapter 5", 43),
        ("70", "Chapter 5", 43),
        ("78", "Chapter 5", 43),
        ("27", "Chapter 1", 10),
    }
    assert not any(c.same_as for cs in sources for c in cs)  # the report uses no back-reference


def _document(*texts: str) -> Document:
    pages = (Page(index=1, label="1"), Page(index=2, label="2"), Page(index=3, label="17"))
    notes = tuple(Note(label=str(i), page=1, text=t) for i, t in enumerate(texts, 1))
    outline = (OutlineEntry(title="3. The law", level=1, page=2, block=0),)
    return Document(id="x" * 64, path="made.pdf", pages=pages, notes=notes, outline=outline)


def test_back_references() -> None:
    document = _document(
        "Jane Roe, The Wells of Tarn, Oxford: Clarendon Press, 1998, p. 5.",
        "Ibid., p. 49.",
        "Human Rights Committee General Comment No. 16: Right to Privacy, UN doc. CCPR/C/GC/16, 28 September 1998, para 8; Roe, p. 7.",
        "Roe, op. cit., p. 9.",
        "See note 3 above.",
        "Roe, supra note 1, at 12. See Chapter 3.",
        "Smith, supra note 1.",
        "The figures were estimated by the author, which is all that can be said.",
    )
    sources = note_sources(document)
    roe = sources[0][0]
    assert (roe.kind, roe.author, roe.title, roe.date, roe.pinpoint) == (
        "report_or_book",
        "Jane Roe",
        "The Wells of Tarn",
        "1998",
        "p. 5",
    )
    assert (
        sources[1][0].key == roe.key and sources[1][0].same_as == (0, 0) and sources[1][0].pinpoint == "p. 49"
    )
    assert sources[2][0].symbol == "CCPR/C/GC/16"
    assert sources[2][1].same_as == (0, 0) and sources[2][1].pinpoint == "p. 7"  # the short form "Roe, p. 7"
    assert sources[3][0].same_as == (0, 0) and sources[3][0].pinpoint == "p. 9"
    assert sources[4][0].same_as == (2, 0) and sources[4][0].key == "ccpr-c-gc-16"
    assert sources[5][0].same_as == (0, 0) and sources[5][0].pinpoint == "12"
    assert (sources[5][1].kind, sources[5][1].target, sources[5][1].target_page) == (
        "cross_reference",
        "Chapter 3",
        2,
    )
    unresolved = sources[6][0]
    assert (
        unresolved.same_as is None and unresolved.key == "" and "unresolved" in unresolved.title
    )  # never a guess
    assert sources[7] == ()


def test_a_full_citation_repeated_is_the_same_source_not_a_back_reference() -> None:
    """`same_as` is for a back-reference (Ibid., a short form); the same words printed again in full
    are the same source (one key) and repeat nothing."""
    document = _document(
        "Ur. l. RS No. 65/1994.",
        "Ur. l. RS No. 65/1994.",
        "Jane Roe, Wells, 2001, p. 4.",
        "Jane Roe, Wells, 2001, p. 9.",
        "Roe, p. 11.",
    )
    sources = note_sources(document)
    first, again, roe, roe_again, short = (s[0] for s in sources)
    assert again.key == first.key and again.same_as is None and first.same_as is None
    assert roe_again.key == roe.key and roe_again.same_as is None and roe_again.pinpoint == "p. 9"
    assert short.key == roe.key and short.same_as is not None and short.pinpoint == "p. 11"


def test_legal_short_forms() -> None:
    """eyecite reads cases; Id. repeats the last citation, a short case form its full citation."""
    document = _document(
        "See Ford Motor Co. v. FTC, 673 F.2d 1008, 1009–10 (9th Cir. 1981); 42 U.S.C. § 1983.",
        "Id. at 4.",
        "Ford Motor, 673 F.2d at 1012.",
    )
    sources = note_sources(document)
    case, law = sources[0]
    assert (case.kind, case.title, case.date, case.key) == (
        "court_case",
        "Ford Motor Co. v. FTC",
        "1981",
        "673-f-2d-1008",
    )
    assert law.kind == "law_or_treaty"
    assert sources[1][0].same_as == (0, 1)  # Id.: the statute, the last one cited
    assert sources[2][0].same_as == (0, 0) and sources[2][0].key == case.key


def test_fields() -> None:
    assert iso_date("16 May 2011") == "2011-05-16"
    assert iso_date("March 5, 1998") == "1998-03-05"
    assert iso_date("Winter 1992") == "1992"
    assert iso_date("November 2013") == "2013-11"
    assert iso_date("n.d.") == ""
    assert find_symbol("UN doc. A /HRC/17/27, 16 May 2011") == "A/HRC/17/27"
    assert find_symbol("E/C.12/1/Add.107, 13 May 2005") == "E/C.12/1/Add.107"
    assert find_symbol("HIV/AIDS in 24/7 care") == ""
    assert read_fields("Translation on file at Amnesty International.") is None
    assert citations("A. Roe, Wells, 2001; B. Poe, Rivers, 2002. Instead, see C. Doe, Lakes, 2003.") == [
        "A. Roe, Wells, 2001",
        "B. Poe, Rivers, 2002.",
        "Instead, see C. Doe, Lakes, 2003.",
    ]


@pytest.mark.parametrize(
    ("name", "label", "expected_note"),
    [
        ("ssi-ventura-endnotes.pdf", "3", "2"),  # Ibid., p. 49.
        ("harvardlr-offprint.pdf", "4", "1"),  # Skidmore, supra note 1, at 171.
        ("harvardlr-offprint.pdf", "5", "1"),  # Id.
        ("loc-iraq-word-pdfmaker.pdf", "2", "1"),  # Id. at 18.
    ],
)
def test_real_world_back_references(name: str, label: str, expected_note: str) -> None:
    document = open_document(REAL / name)
    sources = note_sources(document)
    index = next(i for i, n in enumerate(document.notes) if n.label == label)
    target = sources[index][0].same_as
    assert target is not None and document.notes[target[0]].label == expected_note


def test_real_world_un_symbols_and_cases() -> None:
    emrip = open_document(REAL / "un-emrip-word365.pdf")
    symbols = {c.symbol for cs in note_sources(emrip) for c in cs if c.symbol}
    assert "CCPR/C/21/Rev.1/Add.5" in symbols
    harvard = open_document(REAL / "harvardlr-offprint.pdf")
    cases = {c.key: c.title for cs in note_sources(harvard) for c in cs if c.kind == "court_case"}
    assert cases["532-u-s-223"] == "Shaw v. Murphy"


def test_help_does_not_import_eyecite() -> None:
    code = "import sys; from click.testing import CliRunner; from explorer.cli import main; CliRunner().invoke(main, ['--help']); print('eyecite' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_a_quoting_parenthetical_is_neither_title_nor_pinpoint() -> None:
    """A law review's "(“[T]he average …”)" after a citation quotes the source: no title of it."""
    document = _document(
        "See, e.g., U.S. Gov’t Accountability Off., GAO-09-205, Federal Rulemaking 5 (2009) "
        "(“[T]he average time needed to complete a rulemaking was about 4 years . . . .”).",
        "Cf. U.S. Gov’t Accountability Off., supra note 1 (“[T]he average time needed . . . .”).",
    )
    first, again = (s[0] for s in note_sources(document))
    assert "Federal Rulemaking" in first.title and "average" not in first.title
    assert first.date == "2009"
    assert again.same_as == (0, 0) and again.key == first.key and again.pinpoint == ""


def test_web_addresses_listed_one_after_another_are_sources_of_their_own() -> None:
    from index.citesplit import citations

    note = (
        "See their respective articles for more information: http://www.tug.org/tb24-1/jackowski.pdf"
        " http://www.tug.org/tb27-2/tb87hagen-gyre.pdf"
    )
    parts = citations(note)
    assert parts == [
        "See their respective articles for more information: http://www.tug.org/tb24-1/jackowski.pdf",
        "http://www.tug.org/tb27-2/tb87hagen-gyre.pdf",
    ]
    # one source's two addresses ("and"), and an archived copy in brackets, stay one citation
    assert len(citations("UN, Report, www.un.org/a and www.un.org/b (accessed 3 May 2015).")) == 1
    assert len(citations("NYT, https://www.nytimes.com/x.html [https://perma.cc/LV3F-TS4M].")) == 1


def test_a_title_before_an_address_does_not_keep_the_colon_that_led_to_it() -> None:
    from index.citefields import read_fields

    fields = read_fields("Their articles for more information: http://www.tug.org/x.pdf")
    assert fields is not None and fields.url == "http://www.tug.org/x.pdf"
    assert fields.title == "Their articles for more information"
