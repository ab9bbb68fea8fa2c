"""Scores a reader's metadata against tests/corpus/metadata-key.json: right / absent / wrong.

Run `python tests/metakey.py` for the table (it reads each PDF); tests/test_meta_key.py asserts
on the same scores. Values are compared after folding case, quotes, dashes and punctuation;
names as sets of words (honorifics and "and" left out); dates by the parts both give.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from source.model import Metadata

ROOT = Path(__file__).resolve().parent.parent
KEY = ROOT / "tests" / "corpus" / "metadata-key.json"
FIELDS = ("title", "author", "publisher", "date", "report_number")
"""The keyed fields (publisher only where a document's key names one)."""
NAME_NOISE = frozenset({"and", "dr", "prof", "mr", "mrs", "ms", "sr", "jr", "the", "editor", "ed", "by"})
"""Words left out when names are compared."""
MONTHS = ("january february march april may june july august september october november december").split()


@dataclass(frozen=True)
class Score:
    """One field of one document, scored."""

    file: str
    """The PDF, relative to the repository."""
    field: str
    """The field."""
    verdict: str
    """"right", "absent" (the reader gave nothing where the key has a value) or "wrong"."""
    value: str
    """What the reader gave."""
    guess: bool
    """Whether the reader marked it as a guess."""


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.translate(str.maketrans("‘’“”–—", "''\"\"--"))
    return " ".join(re.findall(r"[^\W_]+", text))


def _name_words(text: str) -> frozenset[str]:
    return frozenset(w for w in _fold(text).split() if w not in NAME_NOISE and len(w) > 1)


def _date_parts(text: str) -> dict[str, int]:
    """Year, month and day a date gives ("6 May 2025", "2004-06-11", "January 1, 2023", "2012/12/03")."""
    folded = text.casefold()
    parts: dict[str, int] = {}
    iso = re.search(r"\b(\d{4})[-/](\d{1,2})(?:[-/](\d{1,2}))?\b", folded)
    if iso:
        parts["year"], parts["month"] = int(iso.group(1)), int(iso.group(2))
        if iso.group(3):
            parts["day"] = int(iso.group(3))
        return parts
    year = re.search(r"\b(\d{4})\b", folded)
    if year:
        parts["year"] = int(year.group(1))
    for i, month in enumerate(MONTHS, 1):
        if month in folded:
            parts["month"] = i
            day = re.search(rf"\b(\d{{1,2}})\s+{month}|{month}\s+(\d{{1,2}})\b", folded)
            if day:
                parts["day"] = int(day.group(1) or day.group(2))
    return parts


def matches(field: str, value: str, wanted: str) -> bool:
    """Whether a reader's value is the keyed one."""
    if field in ("author", "publisher"):
        return _name_words(value) == _name_words(wanted)
    if field == "date":
        got, want = _date_parts(value), _date_parts(wanted)
        return bool(got) and all(got[k] == want[k] for k in got.keys() & want.keys()) and "year" in got
    return _fold(value) == _fold(wanted)


def score(file: str, metadata: Metadata, key: dict[str, Any]) -> list[Score]:
    """Each keyed field of one document, scored."""
    scores = []
    for field in FIELDS:
        if field not in key:
            continue
        wanted = key[field]
        value = str(getattr(metadata, field) or "")
        if not value:
            verdict = "right" if wanted is None else "absent"
        elif wanted is None:
            verdict = "wrong"
        else:
            verdict = "right" if any(matches(field, value, w) for w in wanted) else "wrong"
        scores.append(Score(file, field, verdict, value, metadata.is_guess(field)))
    return scores


def documents() -> list[dict[str, Any]]:
    """The keyed documents."""
    data: dict[str, Any] = json.loads(KEY.read_text(encoding="utf-8"))
    return list(data["documents"])


def main() -> None:
    from source import read_pdf

    totals: dict[tuple[str, str], int] = {}
    for key in documents():
        metadata = read_pdf(str(ROOT / key["file"])).metadata
        for s in score(key["file"], metadata, key):
            totals[(s.field, s.verdict)] = totals.get((s.field, s.verdict), 0) + 1
            if s.verdict != "right":
                print(
                    f"{s.verdict:6} {s.field:13} {Path(s.file).name:30} {s.value[:70]!r}{' (guess)' if s.guess else ''}"
                )
    for field in FIELDS:
        counts = {v: totals.get((field, v), 0) for v in ("right", "absent", "wrong")}
        print(f"{field:13} " + "  ".join(f"{v} {n}" for v, n in counts.items()))


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
