"""What the TUI's `y` copies (`format_citation`), in each style, on the bundled report's metadata:
the quote in the style's marks, the citation from the style's CSL file, the page as printed."""

from __future__ import annotations

import json
import re

import pytest

from explorer.citation import STYLES, cite, footnote_label, format_citation, next_style, page_range
from source.model import Metadata

META = Metadata(
    title="Connection Denied",
    author="Amnesty International",
    date="March 2016",
    report_number="ASA 24/3373/2016",
)
Q = "North Korea remains one of the most isolated countries in the world."
BODY = Q[:-1]
NOTE = "Amnesty International, Connection Denied, ASA 24/3373/2016 (Amnesty International, 2016), 22."


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        (
            "chicago",
            f"“{Q}”¹\n\n1. {NOTE}\n\n"
            "Amnesty International. Connection Denied. ASA 24/3373/2016. Amnesty International, 2016.",
        ),
        (
            "apa",
            f"“{BODY}” (Amnesty International, 2016, p. 22).\n\n"
            "Amnesty International. (2016). Connection Denied (ASA 24/3373/2016).",
        ),
        (
            "mla",
            f"“{BODY}” (Connection Denied 22).\n\n"
            "Connection Denied. ASA 24/3373/2016, Amnesty International, Mar. 2016.",
        ),
        (
            "harvard",
            f"‘{BODY}’ (Amnesty International, 2016, p. 22).\n\n"
            "Amnesty International (2016) Connection Denied. ASA 24/3373/2016. Amnesty International.",
        ),
        ("plain", f"“{Q}” — {NOTE}"),
    ],
)
def test_each_style_one_page(style: str, expected: str) -> None:
    assert format_citation(Q, META, "22", "22", style) == expected  # type: ignore[arg-type]


def test_markdown_footnote() -> None:
    label = footnote_label("amnesty2016connection", "22", None, Q)
    assert re.fullmatch(r"amnesty2016connection-p22-[0-9a-f]{6}", label)
    assert format_citation(Q, META, "22", None, "markdown") == f"> {Q}[^{label}]\n\n[^{label}]: {NOTE}"


@pytest.mark.parametrize("style", STYLES)
def test_range_across_page_break_keeps_the_words(style: str) -> None:
    quote = "a quote with  two spaces and its words"
    text = format_citation(quote, META, "22", "23", style)
    assert "22–23" in text or "22--23" in text  # BibTeX writes the en dash as --
    assert quote in text


def test_pp_for_ranges_and_the_style_page_range_format() -> None:
    assert "(Amnesty International, 2016, pp. 22–23)" in format_citation(Q, META, "22", "23", "apa")
    assert "(Amnesty International, 2016, pp. 22–23)" in format_citation(Q, META, "22", "23", "harvard")
    assert cite(Q, META, "321", "328", "chicago").citation.endswith(", 321–28.")  # CMOS 9.64
    assert cite(Q, META, "321", "328", "apa").citation.endswith("pp. 321–328)")


def test_missing_metadata_is_not_invented() -> None:
    cited = cite(Q, Metadata(), "5", None, "apa")
    assert cited.citation == "(n.d., p. 5)"
    assert "Untitled" not in cited.text and "2016" not in cited.text


def test_machine_formats_carry_the_key_and_page() -> None:
    assert cite(Q, META, "22", None, "pandoc").citation == "[@amnesty2016connection, p. 22]"
    assert cite(Q, META, "22", "23", "pandoc").citation == "[@amnesty2016connection, pp. 22–23]"
    assert cite(Q, META, "22", None, "bibtex").citation == "\\cite[{p.~22}]{amnesty2016connection}"
    locator = json.loads(cite(Q, META, "22", None, "csl-json").citation)
    assert locator == {"id": "amnesty2016connection", "locator": "22", "label": "page"}


def test_page_range_and_cycle() -> None:
    assert page_range("iv") == "iv"
    assert page_range("iv", "v") == "iv–v"
    assert page_range("[#3]") == "unnumbered page (PDF p. 3)"
    assert [next_style(s) for s in STYLES] == [*STYLES[1:], STYLES[0]]
    with pytest.raises(ValueError):
        format_citation(Q, META, "1", None, "nope")  # type: ignore[arg-type]
