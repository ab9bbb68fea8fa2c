"""Each citation style, on the report's metadata, for one page and a page range."""

from __future__ import annotations

import pytest

from explorer.citation import STYLES, format_citation, next_style, page_range
from source.model import Metadata

META = Metadata(
    title="Connection Denied",
    author="Amnesty International",
    date="March 2016",
    report_number="ASA 24/3373/2016",
)
Q = "North Korea remains one of the most isolated countries in the world."


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        ("chicago", f"“{Q}”\n\nAmnesty International, Connection Denied, ASA 24/3373/2016 (March 2016), 22."),
        (
            "apa",
            f"“{Q}” (Amnesty International, 2016, p. 22)\n\nAmnesty International. (2016). Connection Denied.",
        ),
        ("mla", f"“{Q}” (Amnesty International 22)\n\nAmnesty International. Connection Denied. March 2016."),
        (
            "harvard",
            f"“{Q}” (Amnesty International 2016, p. 22)\n\nAmnesty International (2016) Connection Denied.",
        ),
        ("plain", f"“{Q}” — Amnesty International, Connection Denied, March 2016, p. 22"),
        (
            "markdown",
            f"> {Q}[^1]\n\n[^1]: Amnesty International, *Connection Denied*, ASA 24/3373/2016 (March 2016), p. 22.",
        ),
    ],
)
def test_each_style_one_page(style: str, expected: str) -> None:
    assert format_citation(Q, META, "22", "22", style) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize("style", STYLES)
def test_range_across_page_break_and_verbatim(style: str) -> None:
    quote = "a quote with “inner” marks,  two spaces"
    text = format_citation(quote, META, "22", "23", style)
    assert "22–23" in text
    assert quote in text


def test_apa_and_harvard_use_pp_for_ranges() -> None:
    assert "pp. 22–23" in format_citation(Q, META, "22", "23", "apa")
    assert "pp. 22–23" in format_citation(Q, META, "22", "23", "harvard")


def test_missing_metadata() -> None:
    text = format_citation(Q, Metadata(), "5", None, "apa")
    assert text == f"“{Q}” (Untitled, n.d., p. 5)\n\nUntitled. (n.d.)."


def test_page_range_and_cycle() -> None:
    assert page_range("iv") == "iv"
    assert page_range("iv", "v") == "iv–v"
    assert [next_style(s) for s in STYLES] == [*STYLES[1:], STYLES[0]]
    with pytest.raises(ValueError):
        format_citation(Q, META, "1", None, "nope")  # type: ignore[arg-type]
