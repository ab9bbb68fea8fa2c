"""An opt-in atheris fuzz target for `source.read_pdf` (not part of `make test`).

    .venv/bin/pip install atheris
    .venv/bin/python bench/fuzz_read.py [-max_total_time=300] [-max_len=200000] [-timeout=30] [CORPUS_DIR]

libFuzzer mutates PDFs (seeded, when no corpus directory is given, with the small PDFs of
tests/corpus/made and tests/corpus/real and the hostile fixtures of tests/fixtures/hostile.py)
with coverage of `source` and pypdf, and checks for each input what tests/test_fuzz.py checks
with hypothesis, and more:

- only Citex's own errors (SourceError: one line) escape `read_pdf`, within small limits;
- the time budget holds (a read that takes longer than the budget and a margin is a failure);
- no control character, escape-sequence remnant or `source.escapes` marker is left in any text.

Any other exception is a crash: libFuzzer stops and writes the input to crash-<hash>.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

import atheris

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

with atheris.instrument_imports(include=["source", "pypdf"]):
    import pypdf  # noqa: F401  # imported here so that it is instrumented (source imports it lazily)
    import pypdf.filters  # noqa: F401
    import pypdf.generic  # noqa: F401

    import source.content  # noqa: F401
    import source.reader  # noqa: F401
    from source import Limits, SourceError, read_pdf
    from source.escapes import MARKS

LIMITS = Limits(
    max_pages=40, max_page_operators=50_000, max_stream_mb=5.0, max_document_mb=20.0, time_budget=3.0
)
"""Small limits: each input is read in well under a second or refused."""
MARGIN = 2.0
"""Seconds past the time budget a read may take before it counts as a hang."""
UNSAFE = {chr(c) for c in [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)]} | set(MARKS)
UNSAFE |= set("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
WORK = Path(tempfile.mkdtemp(prefix="citex-fuzz-"))
PDF = WORK / "input.pdf"


def one_input(data: bytes) -> None:
    PDF.write_bytes(data)
    start = time.monotonic()
    try:
        document = read_pdf(str(PDF), limits=LIMITS)
    except SourceError as exc:
        assert "\n" not in str(exc), str(exc)
        return
    finally:
        took = time.monotonic() - start
        assert took < LIMITS.time_budget + MARGIN, f"took {took:.1f} s"
    texts = [b.text for p in document.pages for b in p.blocks] + [n.text for n in document.notes]
    texts += [document.metadata.title, document.metadata.author]
    for text in texts:
        bad = set(text) & UNSAFE
        assert not bad, f"unsafe characters left: {sorted(map(hex, map(ord, bad)))}"


def seeds() -> Path:
    """A corpus directory of small PDFs to start from."""
    from fixtures import hostile

    folder = WORK / "seeds"
    folder.mkdir()
    for pdf in [*ROOT.glob("tests/corpus/made/*.pdf"), *ROOT.glob("tests/corpus/real/*.pdf")]:
        if pdf.stat().st_size < 300_000:
            shutil.copy(pdf, folder / pdf.name)
    made = {
        "escapes.pdf": hostile.text_pdf(
            [["Hello \x1b[2J world", "link \x1b]8;;x\x1b\\here"]], title="t\x1b]0;x\x07"
        ),
        "split.pdf": hostile.split_runs_pdf([[["a \x1b[", "2J b"], ["c \x1b]52;c;", "QQ==", "\x07 d"]]]),
        "forms.pdf": hostile.fan_out_pdf(3, 3),
        "deep.pdf": hostile.deep_forms_pdf(20),
        "operators.pdf": hostile.many_operators_pdf(2000),
    }
    for name, data in made.items():
        (folder / name).write_bytes(data)
    return folder


def main() -> None:
    args = list(sys.argv)
    if not any(not a.startswith("-") for a in args[1:]):
        args.append(str(seeds()))
    atheris.Setup(args, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
