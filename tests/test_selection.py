"""Headless word selection (explorer/selection.py) on the bundled report: words, moves across blocks
and pages, the verbatim text between two places, a hit's matched words as places."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from explorer.locations import bundled_report
from explorer.selection import WORD, Selection, Words, hit_words, quote_between, span_selection
from index.results import Span
from source.model import Document


@pytest.fixture(scope="module")
def report(read_document: Callable[[Path], Document]) -> Document:
    return read_document(bundled_report())


def test_words_leave_quotation_marks_and_punctuation_apart() -> None:
    assert [m.group() for m in WORD.finditer("double ‘mosquito nets’, guilt-by-association don't")] == [
        "double",
        "‘",
        "mosquito",
        "nets",
        "’,",
        "guilt-by-association",
        "don't",
    ]


def test_a_sentence_across_a_page_break_is_quoted_as_printed(report: Document) -> None:
    crossing = [s for s in report.sentences if s.crosses]
    assert crossing
    for s in crossing:
        quote = quote_between(report, Selection((s.page, s.block, s.start), (s.end_page, s.end_block, s.end)))
        assert quote.text == report.sentence_text(s).strip()
        assert (quote.first_label, quote.last_label) == (
            report.display_label(s.page),
            report.display_label(s.end_page),
        )


def test_two_paragraphs_are_quoted_with_a_blank_line(report: Document) -> None:
    page = next(p for p in report.pages if len(p.blocks) >= 2 and not p.blocks[1].continues)
    a, b = page.blocks[0].text, page.blocks[1].text
    quote = quote_between(report, Selection((page.index, 0, 0), (page.index, 1, len(b))))
    assert quote.text == f"{a}\n\n{b}".strip()


def test_word_moves_cross_blocks_and_pages_and_come_back(report: Document) -> None:
    words = Words(report)
    crossing = next(s for s in report.sentences if s.crosses)
    last_of_page = words.of_block(crossing.page, crossing.block)[-1]
    after = words.step(last_of_page, 1)
    assert after is not None and (after.page, after.block) == (crossing.end_page, crossing.end_block)
    assert after == words.of_block(crossing.end_page, crossing.end_block)[0]
    assert words.step(after, -1) == last_of_page
    start = words.of_block(crossing.page, 0)[0]
    far = words.step(start, 250)
    assert far is not None and far > start and words.step(far, -250) == start
    first = words.at((1, 0, 0))
    assert first is not None and words.step(first, -1) is None


def _span_of(report: Document, words: str) -> tuple[Span, str]:
    for s in report.sentences:
        text = report.sentence_text(s)
        if words in text:
            return Span(s.page, s.block, s.start, s.end_page, s.end_block, s.end), text
    raise AssertionError(f"{words!r} is not in the report")


def test_a_hits_highlights_become_its_words_in_the_page(report: Document) -> None:
    span, text = _span_of(report, "mosquito nets")
    at = text.index("mosquito nets")
    found = hit_words(report, span, text, ((at, at + len("mosquito nets")),))
    assert [quote_between(report, s).text for s in found] == ["mosquito nets"]
    # a hit with no highlights (find, verify) is its whole stretch; so is one whose text is not the span's
    assert hit_words(report, span, text, ()) == [span_selection(span)]
    assert hit_words(report, span, text + " changed", ((at, at + 3),)) == [span_selection(span)]


def test_highlights_after_a_page_break_land_on_the_next_page(report: Document) -> None:
    s = next(s for s in report.sentences if s.crosses)
    span = Span(s.page, s.block, s.start, s.end_page, s.end_block, s.end)
    text = report.sentence_text(s)
    first_part = len(report.block(s.page, s.block).text) - s.start
    last = [w for w in WORD.finditer(text) if w.start() > first_part][0]  # a word on the second page
    (found,) = hit_words(report, span, text, ((last.start(), last.end()),))
    assert found.start[:2] == (s.end_page, s.end_block)
    assert quote_between(report, found).text == last.group()
