"""Finding and verifying quotes: verbatim, misremembered, across a page break, or not there at all.

Runs on a small synthetic report and on the bundled report (read by source.read_pdf).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from index_docs import report_document

from index import Corpus, corpus_of, open_corpus
from index.align import align
from index.fuzzy import NEAR
from index.text import words

REPORT = Path(__file__).resolve().parent.parent / "explorer" / "data" / "connection-denied.pdf"

ABSENT = [
    "North Korean authorities have banned all foreign newspapers since the famine of the 1990s.",
    "The government distributes free mobile phones to loyal party members in Pyongyang every year.",
    "The leader of the country wields limited power and shares it with an elected parliament.",
    "People caught with foreign films are usually given a warning and released the same day.",
    "Most people who left the country said they had never heard of the internet before arriving in Seoul.",
]


@pytest.fixture(scope="module")
def small() -> Iterator[Corpus]:
    with corpus_of([report_document()]) as c:
        yield c


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Corpus]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CITEX_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "citex-cache"))
        with open_corpus([REPORT]) as c:
            yield c


# -- the synthetic report ----------------------------------------------------------------


def test_a_verbatim_quote_scores_100_with_its_page_and_notes(small: Corpus) -> None:
    hit = small.find("The leader of the country, Kim Jong-un, wields absolute power")[0]
    assert hit.score == 100 and hit.page == 1 and hit.page_label == "21"
    assert hit.text == "The leader of the country, Kim Jong-un, wields absolute power"
    assert hit.span is not None and hit.span.page == hit.span.end_page == 1
    assert hit.notes == ()  # the marker stands after "life.", outside the quote
    ending = small.find("exerting substantial control over most spheres of everyday life.")[0]
    assert ending.notes == ("1",) and ending.text.endswith("life.")


def test_a_quote_across_a_page_break(small: Corpus) -> None:
    quote = (
        "calls made on Chinese mobile phones near the border with sophisticated surveillance equipment that "
        "can detect signals within a few kilometres"
    )
    hit = small.find(quote)[0]
    assert hit.score == 100
    assert (hit.page, hit.page_label) == (2, "22-23")
    assert hit.span is not None and (hit.span.page, hit.span.end_page) == (2, 3)
    assert hit.text.startswith("calls made on") and hit.text.endswith("a few kilometres")
    assert hit.notes == ("2",)  # the marker follows "kilometres."
    assert small.verify(quote).verdict == "exact"


@pytest.mark.parametrize(
    "quote",
    [
        "The leader of the nation, Kim Jong-un, wields total power, directing all aspects of government",  # changed
        "the leader of the country Kim Jong-un wields power directing all aspects of government",  # dropped
        "The leader of the country, Kim Jong-un, wields absolute power directing all of the aspects of government",
        "The leader of the country, Kim Jong-un, wields power absolute, directing all aspects of government",  # swap
    ],
)
def test_a_misremembered_quote_finds_the_passage(small: Corpus, quote: str) -> None:
    hits = small.find(quote)
    assert hits[0].page_label == "21" and hits[0].text.startswith("The leader of the country")
    assert NEAR <= hits[0].score < 100
    verdict = small.verify(quote)
    assert verdict.verdict == "near" and verdict.diff
    assert verdict.hit is not None and verdict.hit.text == hits[0].text


def test_near_gives_a_word_diff(small: Corpus) -> None:
    v = small.verify("The leader of the nation, Kim Jong-un, wields total power")
    assert [(d.op, d.quote, d.source) for d in v.diff] == [
        ("replace", "nation", "country"),
        ("replace", "total", "absolute"),
    ]
    v = small.verify(
        "In February 2014 the United Nations Commission issued a 372-page long report documenting violations"
    )
    assert v.verdict == "near"
    assert [(d.op, d.quote, d.source) for d in v.diff] == [("insert", "", "of Inquiry")]


def test_typography_does_not_matter(small: Corpus) -> None:
    v = small.verify('"We were always afraid that someone was listening", said one woman who left in 2014')
    assert v.verdict == "exact" and v.score == 100
    assert v.hit is not None and v.hit.kind == "quote"
    assert small.verify("THE LEADER OF THE COUNTRY -- KIM JONG UN -- WIELDS ABSOLUTE POWER").verdict == "near"
    assert small.verify("the leader of the country: Kim Jong-un; wields absolute power").verdict == "exact"


def test_absent_and_empty(small: Corpus) -> None:
    v = small.verify("Bananas grow on tall trees in the gardens of the capital city.")
    assert v.verdict == "absent" and v.score < NEAR
    assert small.find("") == [] and small.verify("!!!").verdict == "absent"


def test_align_cuts_to_the_matched_words() -> None:
    source = words("one two three the leader of the country wields absolute power four five")
    start, end, score = align(words("the leader of the nation wields absolute power"), source)
    assert source[start:end] == words("the leader of the country wields absolute power")
    assert 80 <= score < 100
    assert align(words("alpha beta"), words("gamma delta")) == (0, 0, 0.0)
    source = words("links between sections of documents the image command is")
    bounds = [(i == 0, i == 4) for i in range(len(source))]  # a full stop after "documents"
    start, end, _ = align(words("links between sections of a document"), source, bounds)
    assert source[start:end] == words("links between sections of documents")


# -- the bundled report --------------------------------------------------------------------


def test_report_verbatim(report: Corpus) -> None:
    quote = (
        "The report finds that rather than allowing users to access the full potential of the technology, "
        "the North Korean government has sought to maintain its absolute monopoly over communications"
    )
    hit = report.find(quote)[0]
    assert hit.score == 100 and hit.page == 2 and hit.page_label == "7"
    assert hit.text == quote
    assert report.verify(quote).verdict == "exact"


def test_report_across_a_page_break(report: Corpus) -> None:
    quote = (
        "Individuals who spoke to Amnesty International reported a similar tightening of control over "
        "communications near the border"
    )
    hit = report.find(quote)[0]
    assert hit.score == 100 and hit.page == 3 and hit.page_label == "8-9"
    v = report.verify(quote.replace("Amnesty International", "Amnesty"))
    assert v.verdict == "near" and v.hit is not None and v.hit.page_label == "8-9"


def test_report_notes_in_the_matched_span(report: Corpus) -> None:
    hit = report.find(
        "consult frequently with agents of the State Security Department (SSD) and the Ministry of "
        "People's Security."
    )[0]
    assert hit.score == 100 and hit.page_label == "22" and hit.notes == ("25",)


def test_report_curly_quotes_and_dashes(report: Corpus) -> None:
    typed = (
        "These efforts by the authorities - which appear jointly aimed at preventing North Korean citizens "
        "from learning about the situation outside of their country"
    )
    assert report.verify(typed).verdict == "exact"
    straight = 'The report found an "almost complete denial of the right to freedom of thought, conscience and religion'
    assert report.verify(straight).verdict == "exact"


def test_report_misremembered(report: Corpus) -> None:
    quote = (
        "the North Korean government has tried to keep its absolute monopoly over communication and the "
        "flow of information through increased controls, repression and intimidation"
    )
    hits = report.find(quote)
    assert hits[0].page_label == "7" and hits[0].score >= NEAR
    assert hits[0].text.startswith("the North Korean government has sought")
    assert report.verify(quote).verdict == "near"


@pytest.mark.parametrize("sentence", ABSENT)
def test_report_sentences_not_in_the_document(report: Corpus, sentence: str) -> None:
    assert all(h.score < 90 for h in report.find(sentence))
    assert report.verify(sentence).verdict == "absent"


def test_report_hits_in_notes(report: Corpus) -> None:
    hit = report.find("Ken Gause, Control, Surveillance, and Punishment")[0]
    assert hit.kind == "note" and hit.notes == ("25",) and hit.span is None and hit.score == 100


def test_one_searcher_per_thread(report: Corpus) -> None:
    from concurrent.futures import ThreadPoolExecutor

    quotes = ["Individuals who spoke to Amnesty reported a similar tightening of control", *ABSENT]
    expected = [[(h.page, h.score) for h in report.find(q, 3)] for q in quotes]
    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(lambda q: [(h.page, h.score) for h in report.find(q, 3)], quotes * 3))
    assert got == expected * 3
    assert len({id(s) for s in report._searchers}) >= 2
