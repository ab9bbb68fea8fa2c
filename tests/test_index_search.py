"""Full-text search on a small synthetic report: the query language, highlights, fallback, suggestions."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from index_docs import make_document, report_document

from index import Corpus, Hit, corpus_of
from index.query import syntax_problem
from index.units import units_of


@pytest.fixture(scope="module")
def corpus() -> Iterator[Corpus]:
    with corpus_of([report_document()]) as c:
        yield c


def texts(corpus: Corpus, query: str, limit: int = 20) -> list[str]:
    return [h.text for h in corpus.search(query, limit).hits]


def marked(hit: Hit) -> list[str]:
    """The words a hit's highlights cover."""
    return [hit.text[a:b] for a, b in hit.highlights]


def test_words_are_stemmed_and_all_must_match(corpus: Corpus) -> None:
    result = corpus.search("monitoring phone")
    assert result.hits and not result.message
    top = result.hits[0]
    assert top.text.startswith("The authorities monitor calls made on Chinese mobile phones")
    assert top.page == 2 and top.page_label == "22" and top.kind == "body"
    assert marked(top) == ["monitor", "phones"]
    assert texts(corpus, "monitor kilometres") == []


def test_a_phrase_matches_exact_words_in_order(corpus: Corpus) -> None:
    hits = corpus.search('"freedom of expression"').hits
    assert len(hits) == 3
    assert all(marked(h) == ["freedom of expression"] for h in hits)
    assert texts(corpus, '"expression of freedom"') == []
    assert texts(corpus, '"monitored calls"') == []  # unstemmed: "monitor calls" only


def test_and_or_not_and_parentheses(corpus: Corpus) -> None:
    either = texts(corpus, "kilometres OR bribes")
    assert len(either) == 2
    assert texts(corpus, "kilometres AND bribes") == []
    authorities = texts(corpus, "authorities")
    without = texts(corpus, "authorities NOT laws")
    assert len(without) == len(authorities) - 1
    assert all("laws" not in t for t in without)
    assert texts(corpus, "(kilometres OR bribes) AND labour") == [t for t in either if "labour" in t]


def test_prefix(corpus: Corpus) -> None:
    hits = corpus.search("surveil*").hits
    assert hits and all("urveil" in h.text for h in hits)
    assert "surveillance" in marked(hits[0])


def test_page_field_is_the_printed_label(corpus: Corpus) -> None:
    hits = corpus.search("page:23 authorities").hits
    assert hits and {h.page_label for h in hits} == {"23"}
    assert {h.page for h in hits} == {3}
    assert corpus.search("page:1 authorities").hits == ()  # physical page 1 is labelled 21
    assert {h.page_label for h in corpus.search("page:21-22 country").hits} <= {"21", "22"}


def test_section_and_in_fields(corpus: Corpus) -> None:
    hits = corpus.search("section:methodology interviews").hits
    assert hits and all(h.section == "Methodology" for h in hits)
    notes = corpus.search("in:notes seoul").hits
    assert len(notes) == 1 and notes[0].kind == "note" and notes[0].notes == ("2",)
    assert notes[0].span is None and notes[0].note == 1
    assert all(h.kind != "note" for h in corpus.search("in:body border").hits)
    assert any(h.kind == "note" for h in corpus.search("border").hits)


def test_hits_carry_the_notes_whose_markers_they_hold(corpus: Corpus) -> None:
    hit = corpus.search("wields absolute power").hits[0]
    assert hit.notes == ("1",)
    assert hit.span is not None and hit.span.page == 1


def test_a_query_that_does_not_parse_falls_back_to_plain_words(corpus: Corpus) -> None:
    result = corpus.search('"mobile phones')
    assert result.fallback and "quotation mark" in result.message
    assert result.hits and "mobile phones" in result.hits[0].text
    for broken in ("(border", "border)", "AND border", "border OR", "colour:red border", "in:space border"):
        assert corpus.search(broken).fallback, broken


def test_a_query_that_parses_says_nothing(corpus: Corpus) -> None:
    for fine in ('"mobile phones" AND border', "page:22", "NOT border authorities", "in:note seoul"):
        assert syntax_problem(fine) == "", fine
        assert not corpus.search(fine).fallback


def test_common_words_only_are_searched_as_they_are(corpus: Corpus) -> None:
    assert corpus.search("were always").hits


def test_no_hits_gives_a_spelling_suggestion(corpus: Corpus) -> None:
    result = corpus.search("survelliance equipmnet")
    assert result.hits == ()
    assert result.suggestion == "surveillance equipment"
    assert corpus.search("border").suggestion == ""


def test_highlights_are_offsets_and_the_text_stays_as_printed() -> None:
    sentence = "The needle is here, between [[brackets]] of its own."
    document = make_document([["Nothing to see in this sentence. " + sentence]])
    with corpus_of([document]) as c:
        hit = c.search("needle brackets").hits[0]
    assert hit.text == sentence  # no markup added, and the PDF's own "[[" kept
    assert marked(hit) == ["needle", "brackets"]
    assert hit.text[hit.highlights[1][0] - 2 : hit.highlights[1][1] + 2] == "[[brackets]]"


def test_long_texts_are_cut_around_the_match() -> None:
    from explorer.text import snippet

    filler = "nothing to see in this long sentence at all, " * 20
    text = filler + "The needle is here. " + filler
    at = text.index("needle")
    shown, spans = snippet(text, [(at, at + 6)])
    assert len(shown) < 400 and shown.startswith("… ") and shown.endswith(" …")
    assert [shown[a:b] for a, b in spans] == ["needle"]


def test_units_cover_sentences_headings_and_notes() -> None:
    units = units_of(report_document())
    kinds = [u.kind for u in units]
    assert kinds.count("heading") == 3 and kinds.count("note") == 3 and kinds.count("quote") == 1
    assert [u.seq for u in units] == list(range(len(units)))
    crossing = [u for u in units if u.text.startswith("that can detect signals")][0]
    assert crossing.page == 3 and crossing.notes == ("2",)


def test_a_search_out_of_time_says_it_ranked_part(corpus: Corpus) -> None:
    every = corpus.search("authorities", limit=1000, seconds=None)
    assert every.complete and len(every.hits) > 1
    result = corpus.search("authorities", limit=1, seconds=0.0)
    assert not result.complete and "only part" in result.message and not result.fallback


@pytest.mark.parametrize("limit", [1, 3, 1000])
def test_a_search_out_of_time_still_holds_limit_matches(corpus: Corpus, limit: int) -> None:
    """Time that runs out before the first match (a loaded machine) must not make "nothing found"
    of a query that matches: the search stops only once it holds `limit` matches (or all)."""
    every = corpus.search("authorities", limit=1000, seconds=None).hits
    result = corpus.search("authorities", limit=limit, seconds=0.0)
    assert len(result.hits) == min(limit, len(every))
    assert result.complete == (limit >= len(every))
