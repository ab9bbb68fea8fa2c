"""Text from a PDF made fit to keep: ligatures expanded, odd spaces and control characters gone."""

from __future__ import annotations

import re

LIGATURES = str.maketrans(
    {
        "ﬀ": "ff",
        "ﬁ": "fi",
        "ﬂ": "fl",
        "ﬃ": "ffi",
        "ﬄ": "ffl",
        "ﬅ": "st",
        "ﬆ": "st",
        "\u00a0": " ",
        "\u2009": " ",
    }
)
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff\ufffe\uffff]")


def clean(text: str) -> str:
    """Expand ligatures, turn odd spaces into spaces, drop control characters."""
    return CONTROL.sub("", text.translate(LIGATURES)).replace("\t", " ")
