"""Text nobody can see is left out; line-end hyphens drawn as runs of their own are joined.

Against the `hidden_text` and `hyphen_runs` fixtures (tests/fixtures/hidden_layouts.py),
and the pieces on their own: what counts as white, what lies under a point, how much of
a run is inside the crop box, how a line with a hyphen run is built and joined.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from fixtures.hidden_layouts import (
    ABSENT_HIDDEN,
    BOXED,
    HYPHEN_RUN_ABSENT,
    INVISIBLE_SENTENCE,
    OCR_TEXT,
    PHOTO_CAPTION,
    PHOTO_HIDDEN,
    SLUG,
    WHITE_SENTENCES,
)
from fixtures.truth import Fixture

from source.lines import page_lines
from source.model import Document
from source.runs import Run
from source.text import Joiner
from source.visibility import CMYK, GRAY, RGB, Paint, colour_is_white, inside_share

Reader = Callable[[Path], Document]


def everything(doc: Document) -> str:
    """Every piece of text the document gives out: blocks, headers, footers, notes."""
    parts = [f"{p.header} {p.footer}" for p in doc.pages]
    parts += [b.text for p in doc.pages for b in p.blocks] + [n.text for n in doc.notes]
    return "\n".join(parts)


def page_text(doc: Document, page: int) -> str:
    return " ".join(" ".join(b.text for b in doc.page(page).blocks).split())


@pytest.fixture
def hidden(fixture_pdfs: dict[str, Fixture], read_document: Reader) -> Document:
    return read_document(fixture_pdfs["hidden_text"].path)


@pytest.fixture
def hyphens(fixture_pdfs: dict[str, Fixture], read_document: Reader) -> Document:
    return read_document(fixture_pdfs["hyphen_runs"].path)


# -- invisible text --------------------------------------------------------------------------


def test_nothing_hidden_comes_out(hidden: Document) -> None:
    text = everything(hidden)
    for word in (*ABSENT_HIDDEN, SLUG, INVISIBLE_SENTENCE, PHOTO_HIDDEN, *(s for _, s in WHITE_SENTENCES)):
        assert word not in text, word


def test_line_numbers_outside_the_crop_box_are_not_text_or_notes(hidden: Document) -> None:
    assert not hidden.notes
    assert not [m for p in hidden.pages for b in p.blocks for m in b.markers]
    for page in hidden.pages:
        for block in page.blocks:
            assert not block.text.split()[0].isdigit(), (page.index, block.text[:40])
        assert not any(ch.isdigit() for ch in page.header + page.footer), page.index


def test_white_on_a_dark_box_is_kept(hidden: Document) -> None:
    assert BOXED in page_text(hidden, 2)


def test_ocr_layer_over_a_scan_is_kept(hidden: Document) -> None:
    text = page_text(hidden, 3)
    for sentence in OCR_TEXT:
        assert sentence in text


def test_invisible_text_over_a_photo_is_left_out_but_the_page_is_read(hidden: Document) -> None:
    text = page_text(hidden, 4)
    assert PHOTO_CAPTION in text
    assert PHOTO_HIDDEN not in text


@pytest.mark.parametrize(
    ("space", "values", "white"),
    [
        (GRAY, [1.0], True),
        (GRAY, [0.98], True),
        (GRAY, [0.9], False),
        (RGB, [1, 1, 1], True),
        (RGB, [1, 1, 0.5], False),
        (CMYK, [0, 0, 0, 0], True),
        (CMYK, [0, 0, 0, 0.2], False),
        ("", [1.0], False),  # a space Citex does not read: not known to be white
        (RGB, ["/P1"], False),  # a pattern
    ],
)
def test_colour_is_white(space: str, values: list[object], white: bool) -> None:
    assert colour_is_white(space, values) is white


def test_what_lies_under_a_point_is_the_last_paint_over_it() -> None:
    paint = Paint()
    assert paint.white_under(10, 10)  # the page itself
    paint.fill((0, 0, 100, 100), False)  # a dark box
    assert not paint.white_under(10, 10)
    assert paint.white_under(150, 10)
    paint.fill((0, 0, 50, 50), True)  # a white box over part of it
    assert paint.white_under(10, 10)
    assert not paint.white_under(80, 80)
    paint.image((0, 0, 20, 20))
    assert not paint.white_under(10, 10)


def test_inside_share_of_the_crop_box() -> None:
    crop = (36.0, 36.0, 600.0, 800.0)
    assert inside_share((100, 100, 200, 110), crop) == 1.0
    assert inside_share((10, 100, 30, 110), crop) == 0.0
    assert inside_share((26, 100, 46, 110), crop) == pytest.approx(0.5)


# -- hyphens drawn as runs of their own ------------------------------------------------------


def run(text: str, x0: float, x1: float, y: float = 700.0, size: float = 10.0) -> Run:
    return Run(text=text, x0=x0, x1=x1, y=y, rise=0.0, size=size, font="Serif")


@pytest.mark.parametrize("hyphen", ["-", "\u00ad", "\u2010"])
def test_a_hyphen_run_apart_from_its_word_stays_on_it(hyphen: str) -> None:
    (line,) = page_lines([run("the river was ex", 72, 150), run(hyphen, 151.7, 155)])
    assert line.text == f"the river was ex{hyphen}"


def test_a_dash_a_word_space_apart_stays_apart() -> None:
    (line,) = page_lines([run("the old stream", 72, 140), run("-", 143.2, 146)])
    assert line.text == "the old stream -"


def test_a_hyphen_run_as_far_as_the_lines_word_spaces_is_a_dash() -> None:
    """Words drawn one run each with narrow spaces: a hyphen as far off as them is a dash."""
    words = [run("the", 72, 86), run("old", 88, 101), run("stream", 103, 130), run("-", 132, 135)]
    (line,) = page_lines(words)
    assert line.text == "the old stream -"


def test_joiner_joins_every_kind_of_line_end_hyphen() -> None:
    joiner = Joiner({"exclusive"}, {"well-known"})
    for hyphen in ("-", "\u00ad", "\u2010"):
        lines = page_lines([run(f"an ex{hyphen}", 72, 100, 700)]) + page_lines(
            [run("clusive right", 72, 130, 686)]
        )
        assert joiner.join(lines)[0] == "an exclusive right", hyphen
        lines = page_lines([run(f"a well{hyphen}", 72, 100, 700)]) + page_lines(
            [run("known sight", 72, 130, 686)]
        )
        assert joiner.join(lines)[0] == (
            "a well-known sight" if hyphen != "\u00ad" else "a wellknown sight"
        ), hyphen


def test_hyphen_runs_fixture(hyphens: Document) -> None:
    text = page_text(hyphens, 1)
    for joined in ("an exclusive right", "Their environmental survey", "The international commission"):
        assert joined in text
    assert "The ferry was a well-known sight" in text
    assert "the old stream - and nobody" in text
    for absent in HYPHEN_RUN_ABSENT:
        assert absent not in text, absent


def test_clip_only_text_shows_when_something_is_painted_through_it(tmp_path: Path) -> None:
    """Render mode 7 adds the glyphs to the clip: an image painted then shows them; alone, nothing shows."""
    from PIL import Image
    from pypdf import PdfReader
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    from source.runs import RunReader

    path = tmp_path / "clip.pdf"
    canvas = Canvas(str(path), invariant=1)
    for y, text, paint in ((700, "Picture filled title", True), (600, "Clip never painted", False)):
        canvas.saveState()
        clip = canvas.beginText(72, y)
        clip.setFont("Helvetica", 30)
        clip.setTextRenderMode(7)
        clip.textOut(text)
        canvas.drawText(clip)
        if paint:
            canvas.drawImage(ImageReader(Image.new("L", (4, 4), 90)), 72, y - 10, 400, 50)
        canvas.restoreState()
    canvas.drawString(72, 500, "Plain text after both")
    canvas.save()
    texts = [run.text for run in RunReader().page_runs(PdfReader(path).pages[0])]
    assert texts == ["Picture filled title", "Plain text after both"]
