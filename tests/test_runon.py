"""Text that runs on across a break: sentences across page and column breaks are one sentence
with a page range, words hyphenated at a page or column break are whole, and every user of
sentences (units, find, the notes' marker contexts, the reader's quote) takes the whole one.

On generated fixtures (tests/fixtures/runon_layouts.py) whose breaks are steered, and on the
bundled report.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from fixtures.truth import Fixture

from explorer.docviews import notes_data
from explorer.navigation import Navigator
from index import corpus_of
from index.units import units_of
from source.blocks import RawBlock, Style
from source.lines import Line
from source.model import Document, Sentence
from source.runon import join_columns, runs_on
from source.sentences import joint, split_run
from source.text import Joiner

Reader = Callable[[Path], Document]
REPORT = Path(__file__).resolve().parent.parent / "explorer" / "data" / "connection-denied.pdf"
TERMINAL = re.compile(r"[.!?…:;][\"”’)\]]*$")
RUNON = ("runon_pages", "runon_columns")


def ws(text: str) -> str:
    return " ".join(text.split())


def sentence_of(doc: Document, text: str) -> Sentence:
    found = [s for s in doc.sentences if ws(doc.sentence_text(s)) == ws(text)]
    near = [doc.sentence_text(s) for s in doc.sentences if text[:20] in doc.sentence_text(s)]
    assert len(found) == 1, f"{text!r} is not one sentence: {near}"
    return found[0]


@pytest.fixture(params=RUNON)
def case(request: pytest.FixtureRequest, fixture_pdfs: dict[str, Fixture]) -> Fixture:
    return fixture_pdfs[request.param]


@pytest.fixture
def doc(case: Fixture, read_document: Reader) -> Document:
    return read_document(case.path)


# -- headless pieces --------------------------------------------------------------------------


def test_split_run_cuts_a_run_of_blocks_as_one_text() -> None:
    texts = ["One sentence. The next one runs", "on over the break. A third."]
    assert split_run(texts) == [(0, 0, 0, 13), (0, 14, 1, 18), (1, 19, 1, 27)]
    assert split_run(["It ends at the break.", "Another starts."]) == [(0, 0, 0, 21), (1, 0, 1, 15)]


def test_joint_is_a_space_except_inside_punctuation() -> None:
    assert joint("the", "next") == " "
    assert joint("majority", ". The") == ""
    assert joint("the years 1990-", "2000") == ""
    assert joint("a list (", "see below)") == ""


# -- the fixtures ---------------------------------------------------------------------------


def test_sentence_across_a_break_is_one_with_its_page_range(case: Fixture, doc: Document) -> None:
    assert case.runs_on
    for first, last, text, _ in case.runs_on:
        s = sentence_of(doc, text)
        assert (s.page, s.end_page) == (first, last)
        assert s.crosses == (first != last)  # a column break on one page joins the blocks themselves
        expected = (
            doc.label_of(first) if first == last else f"{doc.label_of(first)}\u2013{doc.label_of(last)}"
        )
        assert doc.sentence_pages(s) == expected
        parts = doc.sentence_parts(s)
        assert [p for p, _, _, _ in parts] == list(range(first, last + 1))


def test_word_hyphenated_at_a_break_stands_whole_where_it_starts(case: Fixture, doc: Document) -> None:
    assert case.joined_words
    for page, word in case.joined_words:
        blocks = [b.text for b in doc.page(page).blocks]
        assert any(re.search(rf"\b{word}\b", text) for text in blocks), f"{word!r} not whole on page {page}"
        if page < len(doc.pages) and doc.page(page + 1).blocks:
            following = doc.page(page + 1).blocks[0].text
            assert not any(following.startswith(word[k:]) for k in range(2, len(word) - 1))


def test_marker_context_is_the_whole_sentence(case: Fixture, doc: Document) -> None:
    marked = [(labels, text) for _, _, text, labels in case.runs_on if labels]
    assert marked
    contexts = {n["label"]: [m["context"] for m in n["markers"]] for n in notes_data(doc)}
    for labels, text in marked:
        for label in labels:
            assert [ws(c) for c in contexts[label]] == [ws(text)]


def test_reader_quote_takes_the_whole_sentence(case: Fixture, doc: Document) -> None:
    nav = Navigator(doc)
    for first, last, text, _ in case.runs_on:
        s = sentence_of(doc, text)
        i = doc.sentences.index(s)
        # from any place inside it, on either page
        for page, block, start, end in doc.sentence_parts(s):
            assert nav.sentence_at(page, block, (start + end) // 2) == i
        quote = nav.quote(i, 1)
        assert ws(quote.text) == ws(text)
        assert (quote.first_label, quote.last_label) == (doc.label_of(first), doc.label_of(last))
        if first != last:
            assert nav.first_sentence_of_page(last) == i  # the page's text starts with its end


def test_units_and_find_give_the_whole_sentence_and_both_pages(case: Fixture, doc: Document) -> None:
    units = units_of(doc)
    for first, last, text, labels in case.runs_on:
        found = [u for u in units if ws(u.text) == ws(text)]
        assert len(found) == 1
        unit = found[0]
        assert (unit.page, unit.end_page) == (first, last)
        assert set(labels) <= set(unit.notes)
        # no other unit repeats a part of it
        assert not [u for u in units if u is not unit and u.kind != "note" and ws(u.text) in ws(text)]
    with corpus_of([doc]) as corpus:
        for first, last, text, labels in case.runs_on:
            hits = corpus.find(text, limit=1)
            assert hits and hits[0].score == 100 and ws(hits[0].text) == ws(text)
            hit = hits[0]
            label = doc.label_of(first) if first == last else f"{doc.label_of(first)}-{doc.label_of(last)}"
            assert hit.page_label == label and set(labels) <= set(hit.notes)
            assert hit.span is not None and (hit.span.page, hit.span.end_page) == (first, last)
            s = sentence_of(doc, text)
            assert (hit.span.block, hit.span.start) == (s.block, s.start)
            assert (hit.span.end_block, hit.span.end) == (s.end_block, s.end)


def test_column_break_joins_the_paragraph(fixture_pdfs: dict[str, Fixture], read_document: Reader) -> None:
    case = fixture_pdfs["runon_columns"]
    doc = read_document(case.path)
    for page, _, text, _ in case.runs_on:
        holding = [b for b in doc.page(page).blocks if ws(text) in ws(b.text)]
        assert len(holding) == 1 and holding[0].kind == "paragraph"


# -- the bundled report ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def report(read_document: Reader) -> Document:
    return read_document(REPORT)


def test_report_marker_contexts_are_whole_sentences(report: Document) -> None:
    contexts = [m["context"] for n in notes_data(report) for m in n["markers"]]
    assert len(contexts) > 100
    cut = [c for c in contexts if not TERMINAL.search(c.rstrip()) or c[:1].islower()]
    assert cut == []


def test_report_pages_that_end_mid_sentence_run_on(report: Document) -> None:
    """Every page whose body ends mid-sentence, before a page that continues it, ends in a sentence that
    runs on; and no sentence starts with the continuation of one on the page before."""
    running = 0
    for page in report.pages[:-1]:
        nxt = report.page(page.index + 1)
        if not page.blocks or not nxt.blocks or not nxt.blocks[0].continues:
            continue
        if TERMINAL.search(page.blocks[-1].text.rstrip()):
            continue
        assert any(s.page <= page.index < s.end_page for s in report.sentences), f"page {page.index}"
        running += 1
    assert running >= 25
    starts = [
        report.sentence_text(s)
        for s in report.sentences
        if s.block == 0 and report.page(s.page).blocks[0].continues
    ]
    assert not [t for t in starts if t[:1].islower()]


# -- the column pass and the Joiner, on made-up lines ------------------------------------------


def _line(text: str, x0: float, y: float, width: float | None = None) -> Line:
    return Line(
        runs=[], text=text, x0=x0, x1=x0 + (width if width is not None else 5.0 * len(text)), y=y, size=10.0
    )


def _block(*lines: Line) -> RawBlock:
    return RawBlock("paragraph", list(lines))


STYLE = Style(size=10.0, leading=12.0, heading_sizes=())
FOOT, TOP, LEFT, RIGHT = 100.0, 700.0, 50.0, 320.0


@pytest.mark.parametrize(
    ("last", "first", "joined"),
    [
        (
            "the river towns kept their own records of the",
            "flood years and of the harvests that followed them.",
            True,
        ),
        (
            "the river towns kept their own records of the vast ma-",
            "jority of the flood years, as the survey found.",
            True,
        ),
        (
            "the records were sent for safe keeping to the",
            "Northern Basin Authority at Lower Ashford Bridge.",
            True,
        ),
        (
            "the river towns kept their own records of the years.",
            "Northern Basin Authority at Lower Ashford Bridge.",
            False,
        ),
        ("Alaska Native Female", "352 27 (7.8) 2.1 (0.9–4.8) and more", False),
        ("and the records were kept by the survey office in", "352 27 (7.8) 2.1 (0.9–4.8) 19 22", False),
        (
            "the following were asked about the rules as stated:",
            "Every surveyor on the team was asked twice.",
            False,
        ),
    ],
)
def test_column_run_on_needs_an_open_line_of_prose_and_a_continuation(
    last: str, first: str, joined: bool
) -> None:
    before = _block(
        _line("The standing committee reviewed the history of", LEFT, FOOT + 12, 250),
        _line(last, LEFT, FOOT, 250),
    )
    after = _block(
        _line(first, RIGHT, TOP, 250),
        _line("and so on for the rest of the paragraph here.", RIGHT, TOP - 12, 250),
    )
    assert runs_on(before, after, STYLE) is joined
    assert len(join_columns([before, after], STYLE)) == (1 if joined else 2)


def test_column_run_on_not_into_a_narrow_column_or_down_the_same_one() -> None:
    before = _block(_line("Intended audience of the guideline and the", LEFT, FOOT, 250))
    toc = _block(_line("vi x xii xvii xix 1", RIGHT + 200, TOP, 60))
    assert not runs_on(before, toc, STYLE)
    lower = _block(_line("flood years and of the harvests that followed.", LEFT, FOOT - 40, 250))
    assert not runs_on(before, lower, STYLE)
    indented = _block(
        _line("Northern Basin Authority at Lower Ashford.", RIGHT + 20, TOP, 230),
        _line("and so on for the rest of the paragraph here.", RIGHT, TOP - 12, 250),
    )
    assert not runs_on(before, indented, STYLE)


def test_joiner_mends_a_break_before_a_compound_only_between_words() -> None:
    joiner = Joiner(whole={"domain", "to", "of", "in", "reach", "care", "specific"}, hyphenated=set())
    assert joiner.mend("hard-", "to-reach people") == "hard-"
    assert joiner.mend("standard-", "of-care comparators") == "standard-"
    assert joiner.mend("Commander-", "in-Chief") == "Commander-"
    assert joiner.mend("do-", "main-specific terms") == "do"
    assert joiner.mend("in-", "tra-phrasal order") == "in"
    assert joiner.mend("ma-", "jority of") == "ma"
    assert joiner.mend("1990-", "2000") is None
