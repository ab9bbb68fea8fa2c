"""Normalised words: what makes a quote and the source "identical once typography is normalised"."""

from __future__ import annotations

from index.text import contains_words, normalize, quote_words, words, words_with_offsets


def test_quotes_dashes_case_and_spacing_do_not_count() -> None:
    assert normalize("“Almost complete denial” — of the  right") == normalize(
        '"almost complete DENIAL" - of the right'
    )


def test_apostrophes_and_in_word_hyphens() -> None:
    assert words("one’s own country") == words("one's own country") == ["ones", "own", "country"]
    assert words("co-operation") == words("cooperation")
    assert words("Kim Jong‑un") == ["kim", "jongun"]  # non-breaking hyphen


def test_a_hyphen_at_a_line_break_joins_the_word() -> None:
    assert words("inter-\nnational law") == ["international", "law"]


def test_ligatures_and_accents() -> None:
    assert words("ﬁrst-hand café") == ["firsthand", "cafe"]


def test_a_decomposed_accent_stays_in_its_word() -> None:
    # Some PDFs give "é" as "e" + U+0301: it must not cut "Médecins" in two.
    assert (
        words("Me\u0301decins Sans Frontie\u0300res")
        == words("Médecins Sans Frontières")
        == ["medecins", "sans", "frontieres"]
    )
    found, spans = words_with_offsets("Me\u0301decins x")
    assert found == ["medecins", "x"] and spans[0] == (0, 9)


def test_an_em_dash_between_words_separates_them() -> None:
    assert words("authorities—which") == ["authorities", "which"]


def test_offsets_point_into_the_original() -> None:
    text = "The “leader” of the country"
    found, spans = words_with_offsets(text)
    assert [text[a:b] for a, b in spans] == ["The", "leader", "of", "the", "country"]
    assert found[1] == "leader"


def test_quote_words_keep_what_was_typed() -> None:
    norm, typed = quote_words("the Nation’s leader")
    assert norm == ["the", "nations", "leader"]
    assert typed == ["the", "Nation’s", "leader"]


def test_contains_words() -> None:
    haystack = words("a b the leader of the country c")
    assert contains_words(haystack, words("the leader of")) == 2
    assert contains_words(haystack, words("leader the")) == -1
    assert contains_words(haystack, []) == -1


def test_editorial_brackets_stay_in_the_word() -> None:
    from index.text import words, words_with_offsets

    assert words("Kim Jong-un ordered that “[W]e should take [the] lead") == [
        "kim",
        "jongun",
        "ordered",
        "that",
        "we",
        "should",
        "take",
        "the",
        "lead",
    ]
    assert words_with_offsets("“[W]e should") == (["we", "should"], [(1, 5), (6, 12)])
