"""Sentence splitting on the abbreviations of law reports, UN documents and titles."""

from __future__ import annotations

import pytest

from source.sentences import split_sentences


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        (
            "See U.N. Doc. A/HRC/43/15, para. 6. The next one.",
            ["See U.N. Doc. A/HRC/43/15, para. 6.", "The next one."],
        ),
        (
            "Sierra Club v. U.S. Army Corps of Eng’rs, 701 F.2d 1011 (2d Cir. 1983). It held so.",
            ["Sierra Club v. U.S. Army Corps of Eng’rs, 701 F.2d 1011 (2d Cir. 1983).", "It held so."],
        ),
        (
            "Sen. Byrd and Gen. Wilhelm agreed. Then they left.",
            ["Sen. Byrd and Gen. Wilhelm agreed.", "Then they left."],
        ),
        (
            "N.C.G.S. § 14-306.4 makes it illegal. G.A. Res. 217 says more.",
            ["N.C.G.S. § 14-306.4 makes it illegal.", "G.A. Res. 217 says more."],
        ),
        (
            "The wells reached a critical mass. Nobody noticed.",
            ["The wells reached a critical mass.", "Nobody noticed."],
        ),
    ],
)
def test_split_sentences(text: str, sentences: list[str]) -> None:
    assert [text[a:b] for a, b in split_sentences(text)] == sentences
