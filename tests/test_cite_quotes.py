"""Quote typography per style (explorer/quotes.py) and elided words (explorer/elision.py)."""

from __future__ import annotations

import pytest

from explorer.citation import cite
from explorer.elision import elide
from explorer.quotes import american, american_sentence, bare, before_parenthetical, inner_double
from source.model import Metadata

META = Metadata(title="Connection Denied", author="Amnesty International", date="March 2016")


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        ("\u201cThe wells ran dry.\u201d", "The wells ran dry."),
        ('"The wells ran dry."', "The wells ran dry."),
        ("\u00abThe wells ran dry.\u00bb", "The wells ran dry."),
        ("  \u201cThe wells ran dry.\u201d  ", "The wells ran dry."),
        # starts and ends with marks that are not one pair: both kept (they become inner marks)
        ("\u201cYes,\u201d she said, \u201cno.\u201d", "\u201cYes,\u201d she said, \u201cno.\u201d"),
        ("\u2018Tis the season\u2019s end", "\u2018Tis the season\u2019s end"),
    ],
)
def test_bare_drops_only_an_enclosing_pair(quote: str, expected: str) -> None:
    assert bare(quote) == expected


def test_never_a_doubled_outer_mark_in_any_style() -> None:
    for style in ("chicago", "apa", "mla", "harvard", "plain", "pandoc", "bibtex"):
        text = cite("\u201cThe wells ran dry.\u201d", META, "5", None, style).text  # type: ignore[arg-type]
        assert "\u201c\u201c" not in text and "\u201d\u201d" not in text and "\u2018\u201c" not in text, style


def test_inner_double_quotes_become_single() -> None:
    assert (
        american('He said "go" and \u201cstay\u201d.')
        == "\u201cHe said \u2018go\u2019 and \u2018stay\u2019.\u201d"
    )
    # Harvard (British): single outside, so inner single marks become double; apostrophes stay
    assert inner_double("the board\u2019s \u2018plan\u2019") == "the board\u2019s \u201cplan\u201d"
    assert before_parenthetical("the board's 'plan' failed.", british=True) == (
        "\u2018the board's \u201cplan\u201d failed\u2019",
        ".",
    )


def test_the_full_stop_where_each_style_puts_it() -> None:
    assert american_sentence("The wells ran dry") == "\u201cThe wells ran dry.\u201d"
    assert american_sentence("Did the wells run dry?") == "\u201cDid the wells run dry?\u201d"
    assert american_sentence("the wells ran dry;") == "\u201cthe wells ran dry.\u201d"
    assert american_sentence('he said "dry"') == "\u201che said \u2018dry.\u2019\u201d"
    assert cite("The wells ran dry.", META, "5", None, "chicago").text.startswith(
        "\u201cThe wells ran dry.\u201d\u00b9\n"
    )
    apa = cite("The wells ran dry.", META, "5", None, "apa").text
    assert apa.startswith("\u201cThe wells ran dry\u201d (Amnesty International, 2016, p. 5).\n")
    mla = cite("Did the wells run dry?", META, "5", None, "mla").text
    assert mla.startswith("\u201cDid the wells run dry?\u201d (Connection Denied 5).\n")
    harvard = cite("The wells ran dry.", META, "5", None, "harvard").text
    assert harvard.startswith("\u2018The wells ran dry\u2019 (Amnesty International, 2016, p. 5).\n")


def test_ranges_and_pages_without_a_printed_number() -> None:
    assert "(Amnesty International, 2016, pp. 22\u201323)." in cite("x", META, "22", "23", "apa").text
    guessed = cite("x", META, "[6]", None, "apa")
    assert guessed.citation == "(Amnesty International, 2016, p. [6])"  # a guess, bracketed as the manuals do
    unprinted = cite("x", META, "[#3]", None, "chicago")
    assert unprinted.citation.endswith("(Amnesty International, 2016), unnumbered page (PDF p. 3).")
    assert "[#" not in unprinted.text
    mla = cite("x", META, "[#3]", None, "mla")
    assert mla.citation == "(Connection Denied, unnumbered page (PDF p. 3))"
    assert (
        cite("x", META, "[#3]", None, "pandoc").citation
        == "[@amnesty2016connection, unnumbered page (PDF p. 3)]"
    )


SOURCE = "North Korea remains one of the most isolated countries in the world."


def test_elision() -> None:
    assert elide("North Korea remains isolated", SOURCE).text == "North Korea remains \u2026 isolated"
    whole = elide("North Korea remains one of the most isolated countries in the world", SOURCE)
    assert whole.text == SOURCE and not whole.elided and not whole.whole
    inside = elide("one of the most isolated", SOURCE)  # cut at both ends: no ellipsis there
    assert inside.text == "one of the most isolated" and not inside.elided
    changed = elide("North Korea is one of the most isolated countries", SOURCE)
    assert changed.text == SOURCE and changed.whole
    bracketed = elide("the wells ran dry", "the wells \u2026 ran very dry")
    assert bracketed.text == "the wells \u2026 ran [\u2026] dry"  # ours bracketed: the source has its own
