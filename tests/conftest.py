"""Shared pytest fixtures.

- `fixture_pdfs`: every generated fixture PDF with its ground truth (tests/fixtures), built
  once per session into a temporary directory.
- `read_document`: `source.read_pdf` with a per-session cache, so that each PDF is parsed
  once however many tests look at it (a failure is cached and raised again, too).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from fixtures.pdfs import build_all
from fixtures.truth import Fixture

if TYPE_CHECKING:
    from source.model import Document

TESTS_DIR = Path(__file__).resolve().parent
REAL_CORPUS = TESTS_DIR / "corpus" / "real"
SAMPLE_REPORT = TESTS_DIR.parent / "explorer" / "data" / "connection-denied.pdf"


@pytest.fixture(scope="session")
def fixture_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Fixture]:
    """Every generated fixture, by name."""
    return build_all(tmp_path_factory.mktemp("fixture-pdfs"))


@pytest.fixture(scope="session")
def read_document() -> Callable[[Path], Document]:
    """Read a PDF with `source.read_pdf`, once per session per path."""
    cache: dict[str, Document | BaseException] = {}

    def read(path: Path) -> Document:
        key = str(path)
        if key not in cache:
            try:
                from source import read_pdf

                cache[key] = read_pdf(key)
            except Exception as error:  # cached so that a broken reader fails fast everywhere
                cache[key] = error
        found = cache[key]
        if isinstance(found, BaseException):
            raise found
        return found

    return read
