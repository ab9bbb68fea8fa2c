"""The index's slim schema: what a hit needs, stored once, still found as printed.

- a phrase matches the words as printed, across a line-end hyphen and a line break, and the
  halves of a word joined at a hyphen are no phrase (the hyphens_ligatures fixture's truth);
- a section's title is stored with the first unit under it only, and every hit still names its
  own section (checked against the units cut from the Document), in a PDF's own index and in a
  library's index after a document was removed and added again (deletions, several segments).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fixtures.text_layouts import JOINED
from fixtures.truth import Fixture

from index import Corpus, Hit, Library, corpus_of
from index.units import units_of
from source.model import Document
from source.opening import open_document

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "explorer" / "data" / "connection-denied.pdf"
MADE = ROOT / "tests" / "corpus" / "made"
WORDS = ["the", "of", "and", "border", "phones", "section", "manual", "column", "note", "example"]
"""Common words: many hits, across many sections."""

Reader = Callable[[Path], Document]


def _sections(document: Document) -> tuple[dict[tuple[int, int, int], str], dict[int, str]]:
    """The section of each unit of a Document: body units by (page, block, start), notes by index."""
    body: dict[tuple[int, int, int], str] = {}
    notes: dict[int, str] = {}
    for unit in units_of(document):
        if unit.kind == "note":
            notes[unit.note] = unit.section
        else:
            body[(unit.page, unit.block, unit.start)] = unit.section
    return body, notes


def _check_sections(hits: list[Hit], documents: dict[str, Document]) -> set[str]:
    """Assert each hit names the section its unit was cut under; the sections seen."""
    seen = set()
    expected = {sha: _sections(doc) for sha, doc in documents.items()}
    for hit in hits:
        body, notes = expected[hit.doc_id]
        if hit.span is not None:
            want = body[(hit.span.page, hit.span.block, hit.span.start)]
        else:
            want = notes[hit.note]
        assert hit.section == want, (hit.text, hit.section, want)
        seen.add(hit.section)
    return seen


def _hits(corpus: Corpus) -> list[Hit]:
    return [hit for word in WORDS for hit in corpus.search(word, 200).hits]


@pytest.fixture(scope="module")
def hyphens(fixture_pdfs: dict[str, Fixture], read_document: Reader) -> Iterator[Corpus]:
    with corpus_of([read_document(fixture_pdfs["hyphens_ligatures"].path)]) as corpus:
        yield corpus


@pytest.mark.parametrize("phrase", JOINED)
def test_a_phrase_matches_the_words_as_printed_across_a_line_end_hyphen(hyphens: Corpus, phrase: str) -> None:
    hits = hyphens.search(f'"{phrase}"').hits
    assert hits, phrase
    hit = hits[0]
    at = hit.text.lower().find(phrase)
    assert at >= 0, (phrase, hit.text)
    covered = [(a, b) for a, b in hit.highlights if a < at + len(phrase) and b > at]
    assert covered and covered[0][0] == at and covered[-1][1] == at + len(phrase), (phrase, hit.highlights)


@pytest.mark.parametrize("halves", ["inter national", "environ mental", "commu nity"])
def test_the_halves_of_a_joined_word_are_no_phrase(hyphens: Corpus, halves: str) -> None:
    assert hyphens.search(f'"{halves}"').hits == ()


def test_a_section_title_is_stored_once_and_every_hit_names_its_own(read_document: Reader) -> None:
    document = read_document(REPORT)
    units = units_of(document)
    runs = sum(1 for i, u in enumerate(units) if u.section and (i == 0 or units[i - 1].section != u.section))
    with corpus_of([document]) as corpus:
        searcher = corpus.searcher()
        stored = [searcher.stored_fields(n) for n in range(searcher.doc_count_all())]
        assert sum("title" in s for s in stored) == runs < len(units) / 4
        assert not any("section" in s or "notes" in s for s in stored)
        seen = _check_sections(_hits(corpus), {document.id: document})
    assert len(seen - {""}) >= 5  # many sections among the hits, not all alike


def test_hits_name_their_section_in_a_library_index_after_a_removal(tmp_path: Path) -> None:
    pdfs = [MADE / "article.pdf", MADE / "manual.pdf", MADE / "twocol.pdf", MADE / "writer.pdf"]
    library = Library(tmp_path / "library.json")
    try:
        library.add(pdfs[:3])
        library.remove(pdfs[0])
        library.add([pdfs[3], pdfs[0]])  # the first one again, after a deletion, in a later segment
        documents = {doc.id: doc for doc in (open_document(p) for p in pdfs)}
        corpus = library.corpus()
        hits = _hits(corpus)
        assert {h.doc_id for h in hits} == set(documents)
        seen = _check_sections(hits, documents)
        assert len(seen - {""}) >= 5
    finally:
        library.close()
