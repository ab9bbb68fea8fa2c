"""Titles in sentence case for APA 7 and Harvard (explorer.sentencecase), with the proper nouns
the document itself capitalises kept; a title the user typed is used as typed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from explorer.citation import cite
from explorer.sentencecase import Lexicon, lexicon_of, sentence_case, title_case
from source.model import Document, Metadata, Provenance

Reader = Callable[[Path], Document]
ROOT = Path(__file__).resolve().parent.parent
REAL_WORLD = ROOT / "tests" / "corpus" / "real-world"
REPORT = ROOT / "explorer" / "data" / "connection-denied.pdf"

PLAIN = Lexicon.from_texts(["Prejudice is studied by many. People with cancer need time and support."])
"""A body that capitalises none of the words of the guides' examples mid-sentence."""


@pytest.mark.parametrize(
    ("title", "apa"),
    [
        # APA 7 manual, reference examples (title case as a book's cover prints it -> the entry)
        (
            "The Psychology of Prejudice: From Attitudes to Social Action",
            "The psychology of prejudice: From attitudes to social action",
        ),
        (
            "Behave: The Biology of Humans at Our Best and Worst",
            "Behave: The biology of humans at our best and worst",
        ),
        ("Global Status Report on Road Safety 2018", "Global status report on road safety 2018"),
        ("Taking Time: Support for People With Cancer", "Taking time: Support for people with cancer"),
    ],
)
def test_apa_worked_examples(title: str, apa: str) -> None:
    assert sentence_case(title, PLAIN) == apa


def test_cite_them_right_lower_cases_the_subtitle() -> None:
    """Cite Them Right (12th edn) enters its own title as "Cite them right: the essential referencing guide"."""
    title = "Cite Them Right: The Essential Referencing Guide"
    assert (
        sentence_case(title, PLAIN, subtitle_capital=False)
        == "Cite them right: the essential referencing guide"
    )


def test_proper_nouns_the_document_capitalises_are_kept() -> None:
    body = Lexicon.from_texts(
        [
            "Refugees from North Korea met officials of the United Nations in Seoul.",
            "In 2020 the COVID-19 pandemic closed the border in the north of the country.",
            "They spoke to the UN about mental health.",
        ]
    )
    title = "Mental Health of Refugees in the United Nations Era: COVID-19, the UN and North Korea"
    assert (
        sentence_case(title, body)
        == "Mental health of refugees in the United Nations era: COVID-19, the UN and North Korea"
    )
    # "north" is written in lower case, so "North" alone is no proper noun; "North Korea" is one
    assert sentence_case("The North of the Country", body) == "The north of the country"


def test_words_with_inner_capitals_and_i_are_kept() -> None:
    assert sentence_case("Hypertext Marks in LaTeX for the iPhone and What I Learned", PLAIN) == (
        "Hypertext marks in LaTeX for the iPhone and what I learned"
    )


def test_without_a_lexicon_a_title_is_left_as_it_is() -> None:
    """Nothing says which words are proper: Citex does not guess."""
    assert sentence_case("Water Rights in North Korea", None) == "Water Rights in North Korea"


def test_a_word_seen_only_at_sentence_starts_is_not_proper() -> None:
    body = Lexicon.from_texts(["Rivers run. Rivers flood. Towns grow beside them."])
    assert sentence_case("Towns and Rivers", body) == "Towns and rivers"


def test_the_bundled_reports_title(read_document: Reader) -> None:
    document = read_document(REPORT)
    lexicon = lexicon_of(document)
    title = "Connection Denied: Restrictions on Mobile Phones and Outside Information in North Korea"
    assert sentence_case(title, lexicon) == (
        "Connection denied: Restrictions on mobile phones and outside information in North Korea"
    )
    apa = cite("mobile phones", document, "12", style="apa")
    assert (
        "Connection denied: Restrictions on mobile phones and outside information in North Korea"
        in apa.bibliography
    )
    harvard = cite("mobile phones", document, "12", style="harvard")
    assert (
        "Connection denied: restrictions on mobile phones and outside information in North Korea"
        in harvard.bibliography
    )
    chicago = cite("mobile phones", document, "12", style="chicago")
    assert (
        "Connection Denied: Restrictions on Mobile Phones and Outside Information in North Korea"
        in chicago.bibliography
    )


def test_a_title_the_user_typed_is_used_as_typed(read_document: Reader) -> None:
    document = read_document(REPORT)
    typed = Metadata(
        title="Connection Denied: Restrictions on Mobile Phones",
        author="Amnesty International",
        date="2016",
        provenance=(Provenance("title", "user"), Provenance("author", "info"), Provenance("date", "user")),
    )
    cited = cite("mobile phones", typed, "12", style="apa", lexicon=lexicon_of(document))
    assert "Connection Denied: Restrictions on Mobile Phones." in cited.bibliography


def test_titles_in_capitals_on_real_covers(read_document: Reader) -> None:
    """pdftotext -layout -f 1 -l 1: the UPR report and WHO's guideline print their titles in capitals;
    the body writes "Human Rights Council" and "HCV" so, and "resolution", "adolescents" in lower case."""
    upr = read_document(REAL_WORLD / "un-upr-word2007-endnotes.pdf")
    assert sentence_case(upr.metadata.title, lexicon_of(upr)) == (
        "National report submitted in accordance with paragraph 15 (a) of the annex to Human Rights Council resolution 5/1"
    )
    who = read_document(REAL_WORLD / "who-hcv-indesign.pdf")
    assert sentence_case(who.metadata.title, lexicon_of(who)).startswith(
        "Updated recommendations on treatment of adolescents and children with chronic HCV infection, and HCV"
    )
    harvard = read_document(REAL_WORLD / "harvardlr-offprint.pdf")
    assert title_case(harvard.metadata.title, lexicon_of(harvard)).startswith(
        "The Forgotten History of Prison Law: Judicial Oversight of Detention Facilities in the Nation’s Early Years"
    )
    note = cite("judicial oversight", harvard, "1742", style="chicago").citation
    assert note.startswith("Wynne Muscatine Graham, The Forgotten History of Prison Law: Judicial Oversight")


def test_harvard_prints_a_substituted_title_once() -> None:
    """No author: the title stands first, and is not printed again (citeproc-py repressed a title
    substituted from inside a <choose> only at the top level: "ARTICLE (2025) ARTICLE.")."""
    meta = Metadata(title="The Forgotten History of Prison Law", date="2025")
    entry = cite("judicial oversight", meta, "1742", style="harvard").bibliography
    assert entry == "The Forgotten History of Prison Law (2025)."


def test_a_capital_letter_standing_alone_keeps_its_capital() -> None:
    """A body that writes the letter in lower case too (code, variables) does not lower a name."""
    body = Lexicon.from_texts(["Then in R the command r <- 1 sets r. People with hepatitis c often wait."])
    assert sentence_case("An Introduction to R", body) == "An introduction to R"
    assert sentence_case("AN INTRODUCTION TO R", body) == "An introduction to R"
    assert sentence_case("Guidelines for Hepatitis C Care", body) == "Guidelines for hepatitis C care"
    assert sentence_case("Notes on A Method", body) == "Notes on a method"
