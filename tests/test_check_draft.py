"""Reading a draft for `citex check`: each quotation, its line, and the citation beside it."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.drafts import write_docx

from index.citekeys import BibEntry, DocRef, cited_document, could_name, read_bib
from index.draft import Draft, DraftQuote, quotations, read_draft
from index.draft_cite import Citation

Q1 = "North Korea remains one of the most isolated countries in the world"
Q2 = "Individuals are routinely imprisoned after unfair trials, or no trials at all"


def found(text: str) -> list[DraftQuote]:
    return quotations(Draft("draft.md", text, read_draft("-", text).notes))


def only(text: str) -> DraftQuote:
    quotes = found(text)
    assert len(quotes) == 1, quotes
    return quotes[0]


@pytest.mark.parametrize(
    "text",
    [
        f'It says "{Q1}" here.',
        f"It says \u201c{Q1}\u201d here.",
        f"It says \u00ab{Q1}\u00bb here.",
        f"It says \u2018{Q1}\u2019 here.",
    ],
)
def test_quotation_marks_of_every_kind(text: str) -> None:
    assert only(text).text == Q1


def test_nested_quotes_stay_inside_the_quotation() -> None:
    q = only(
        "They wrote \u201cset up double or triple \u2018mosquito nets\u2019 to stop the viruses\u201d today."
    )
    assert q.text == "set up double or triple \u2018mosquito nets\u2019 to stop the viruses"


def test_apostrophes_do_not_close_a_single_quote() -> None:
    q = only("He said \u2018the people\u2019s phones can\u2019t reach the outside world\u2019 (p. 3).")
    assert q.text == "the people\u2019s phones can\u2019t reach the outside world"
    assert q.citation is not None and q.citation.first == "3"


def test_a_quotation_over_lines_keeps_its_first_line() -> None:
    text = "Title\n\nFirst line of the paragraph, and then\n\u201cIndividuals are routinely\nimprisoned after unfair trials, or no trials at all\u201d (p. 15).\n"
    q = only(text)
    assert q.line == 4 and q.text == Q2


def test_short_quotes_and_unclosed_ones_are_skipped() -> None:
    assert found('a "scare quote" and a "title of four words" here') == []
    assert found(f'"{Q1}\n\nnever closed in this paragraph') == []


def test_blockquote_with_citation_inside_or_on_the_next_line() -> None:
    inside = only(f"Intro.\n\n> {Q2[:36]}\n> {Q2[37:]} (p. 15)\n\nAfter.\n")
    assert inside.block and inside.line == 3 and inside.text == Q2
    assert inside.citation == Citation("(p. 15)", "page", "15")
    after = only(f"> \u201c{Q2}\u201d\n\u2014 Amnesty International (2016, p. 15)\n")
    assert after.text == Q2 and after.citation is not None
    assert (after.citation.author, after.citation.year, after.citation.first) == (
        "Amnesty International",
        "2016",
        "15",
    )


def test_quotes_inside_a_blockquote_are_part_of_it() -> None:
    quotes = found(f'> They say "{Q1}" and more words here.\n')
    assert len(quotes) == 1 and quotes[0].block


@pytest.mark.parametrize(
    ("citation", "expected"),
    [
        ("[@amnesty2016connection, p. 15]", Citation("", "pandoc", "15", key="amnesty2016connection")),
        (
            "[see @amnesty2016connection, pp. 15-16; @other]",
            Citation("", "pandoc", "15", "16", key="amnesty2016connection"),
        ),
        ("[@cd]", Citation("", "pandoc", key="cd")),
        ("(p. 15)", Citation("", "page", "15")),
        ("(pp. 115\u201317)", Citation("", "page", "115", "117")),
        ("(xii)", Citation("", "page", "xii")),
        (
            "(Amnesty International 2016, 15)",
            Citation("", "author-date", "15", author="Amnesty International", year="2016"),
        ),
        (
            "(Amnesty International, 2016, pp. 15\u201316)",
            Citation("", "author-date", "15", "16", author="Amnesty International", year="2016"),
        ),
        ("(Smith et al. 2010: 4)", Citation("", "author-date", "4", author="Smith", year="2010")),
        ("(Amnesty International 15)", Citation("", "author-page", "15", author="Amnesty International")),
    ],
)
def test_citation_forms(citation: str, expected: Citation) -> None:
    q = only(f'They wrote "{Q1}" {citation}.')
    assert q.citation is not None
    got = q.citation
    assert (got.form, got.first, got.last, got.key, got.author, got.year) == (
        expected.form,
        expected.first,
        expected.last,
        expected.key,
        expected.author,
        expected.year,
    )
    assert got.text == citation


def test_parentheses_that_are_not_citations() -> None:
    for aside in ("(in 2014)", "(mild)", "(see below)", "(civil)"):
        assert only(f'They wrote "{Q1}" {aside}.').citation is None, aside


def test_a_citation_belongs_to_its_own_sentence() -> None:
    q = only(f'They wrote "{Q1}". Later the report adds more (p. 15).')
    assert q.citation is None


def test_markdown_footnotes_give_page_and_source_and_are_not_searched() -> None:
    text = (
        f'One "{Q1}"[^1] and two "{Q2}".[^2]\n\n'
        '[^1]: Amnesty International, "Connection Denied: Restrictions on mobile phones", 2016, 15.\n'
        "[^2]: Ibid., 16.\n"
    )
    first, second = found(text)
    assert first.citation is not None and first.citation.form == "footnote"
    assert first.citation.first == "15" and "Amnesty International" in first.citation.note
    assert second.citation is not None and second.citation.first == "16"
    assert second.citation.note == first.citation.note  # Ibid.: the note before's source


def test_narrative_citations_before_the_quote() -> None:
    q = only(f'Amnesty International (2016, p. 15) writes that "{Q1}".')
    assert q.citation is not None and (q.citation.author, q.citation.first) == ("Amnesty International", "15")
    q = only(f'As @amnesty2016connection [p. 15] puts it, "{Q1}".')
    assert q.citation is not None and (q.citation.key, q.citation.first) == ("amnesty2016connection", "15")
    q = only(f'Amnesty International (2016) found that "{Q1}" (p. 15).')
    assert q.citation is not None and (q.citation.author, q.citation.year, q.citation.first) == (
        "Amnesty International",
        "2016",
        "15",
    )


def test_docx_paragraphs_quote_style_and_footnotes(tmp_path: Path) -> None:
    path = write_docx(
        tmp_path / "draft.docx",
        [f"Intro says \u201c{Q1}\u201d[^1] indeed.", ("Quote", f"{Q2}. (p. 15)"), f'Third "{Q1}" (p. 7).'],
        {"1": "Amnesty International, Connection Denied (2016), p. 15."},
    )
    quotes = quotations(read_draft(str(path)))
    assert [(q.line, q.block, q.text) for q in quotes] == [
        (1, False, Q1),
        (2, True, Q2 + "."),
        (3, False, Q1),
    ]
    assert quotes[0].citation is not None and quotes[0].citation.first == "15"
    assert "Connection Denied" in quotes[0].citation.note
    assert quotes[1].citation is not None and quotes[1].citation.first == "15"


def test_a_file_that_is_not_a_docx(tmp_path: Path) -> None:
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(ValueError, match="not a readable .docx"):
        read_draft(str(bad))


REPORT = DocRef(
    "r" * 64,
    "report.pdf",
    "Connection Denied: Restrictions on mobile phones",
    "Amnesty International",
    "March 2016",
)
OTHER = DocRef("o" * 64, "other.pdf", "Mobile phones in the Pacific", "Pacific Institute", "2019")


@pytest.mark.parametrize(
    ("citation", "expected"),
    [
        (Citation("", "pandoc", key="amnesty2016connection"), REPORT),
        (Citation("", "pandoc", key="AmnestyInternational2016"), REPORT),
        (Citation("", "pandoc", key="amnesty2019connection"), None),  # the year contradicts
        (Citation("", "pandoc", key="pacific2019"), OTHER),
        (Citation("", "pandoc", key="smith2010other"), None),
        (Citation("", "author-date", author="Amnesty International", year="2016"), REPORT),
        (Citation("", "author-date", author="Amnesty International", year="2019"), None),
        (Citation("", "author-page", author="Pacific Institute"), OTHER),
        (Citation("", "footnote", note="Amnesty International, Connection Denied (2016), p. 15."), REPORT),
        (Citation("", "footnote", note="Mobile phones in the Pacific, 2019, p. 3"), OTHER),
        (Citation("", "footnote", note="A. Writer, Something else entirely (2001)."), None),
    ],
)
def test_citation_to_document(citation: Citation, expected: DocRef | None) -> None:
    assert cited_document(citation, [REPORT, OTHER]) == expected


def test_bib_files_map_keys_to_documents(tmp_path: Path) -> None:
    csl = tmp_path / "refs.json"
    csl.write_text(
        '[{"id": "cd", "title": "Connection denied: restrictions on mobile phones", '
        '"author": [{"literal": "Amnesty International"}], "issued": {"date-parts": [[2016, 3]]}}]'
    )
    bib = tmp_path / "refs.bib"
    bib.write_text(
        "@report{pac,\n  title = {Mobile Phones in the {Pacific}},\n  author = {Pacific Institute},\n  year = 2019\n}\n"
    )
    entries = read_bib(str(csl)) + read_bib(str(bib))
    assert entries == [
        BibEntry("cd", "Connection denied: restrictions on mobile phones", "Amnesty International", "2016"),
        BibEntry("pac", "Mobile Phones in the Pacific", "Pacific Institute", "2019"),
    ]
    assert cited_document(Citation("", "pandoc", key="cd"), [REPORT, OTHER], entries) == REPORT
    assert cited_document(Citation("", "pandoc", key="pac"), [REPORT, OTHER], entries) == OTHER
    assert cited_document(Citation("", "pandoc", key="cd"), [REPORT, OTHER]) is None  # no bib: a bare key


def test_references_inside_a_text_are_not_citations() -> None:
    for aside in ("(Article 19)", "(Figure 3)", "(Table 2)", "(2016)"):
        assert only(f'They wrote "{Q1}" {aside}.').citation is None, aside


def test_comments_and_code_blocks_are_not_searched() -> None:
    text = f'<!-- citex: source: "{Q1}" -->\n\n```\nprint("{Q1}")\n```\n\nReal: "{Q2}" (p. 15).\n'
    assert [q.text for q in found(text)] == [Q2]


def test_a_note_with_only_a_page_names_no_source() -> None:
    q = only(f'"{Q1}"[^1]\n\n[^1]: p. 15.\n')
    assert q.citation is not None and q.citation.first == "15" and not q.citation.names_source
    q = only(f'"{Q1}"[^1]\n\n[^1]: Amnesty International, 15.\n')
    assert q.citation is not None and q.citation.names_source


def test_could_name_says_when_metadata_cannot_tell() -> None:
    bare = DocRef("b" * 64, "bare.pdf", "ARTICLE", "", "2025-04-17")
    assert could_name(Citation("", "author-date", author="Graham", year="2025"), bare) is None
    assert could_name(Citation("", "author-date", author="Graham", year="2019"), bare) is False
    assert could_name(Citation("", "author-date", author="Graham", year="2016"), REPORT) is None  # a typist?
    assert could_name(Citation("", "pandoc", key="graham2025forgotten"), bare) is None
    assert could_name(Citation("", "pandoc", key="graham2019forgotten"), bare) is False
    assert (
        could_name(Citation("", "author-date", author="Amnesty International", year="2016"), REPORT) is True
    )
