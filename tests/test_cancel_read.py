"""`source.limits.watching`: a reading thread reports its pages and stops when its caller cancels,
and a cancelled read leaves nothing in the cache (the TUI's progress bar and Escape rest on it)."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from source.errors import CancelledError
from source.limits import watching
from source.opening import open_document, read_pdf

MADE = Path(__file__).parent / "corpus" / "made"


@pytest.fixture()
def fresh_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    cache = tmp_path / "cache"
    monkeypatch.setenv("CITEX_CACHE_DIR", str(cache))
    return cache


def test_progress_is_told_every_page_in_order(tmp_path: Path) -> None:
    pdf = MADE / "manual.pdf"
    seen: list[tuple[int, int]] = []
    with watching(None, lambda page, pages: seen.append((page, pages))):
        document = read_pdf(pdf)
    pages = len(document.pages)
    assert pages > 1
    assert seen == [(i, pages) for i in range(1, pages + 1)]
    seen.clear()
    read_pdf(pdf)  # outside `watching`: nobody is told
    assert seen == []


def test_cancel_stops_the_read_inside_and_caches_nothing(tmp_path: Path, fresh_cache: Path) -> None:
    pdf = tmp_path / "manual.pdf"
    shutil.copy(MADE / "manual.pdf", pdf)
    cancel = threading.Event()
    pages_read: list[int] = []

    def progress(page: int, pages: int) -> None:
        pages_read.append(page)
        if page == 2:
            cancel.set()  # the user presses Escape while page 2 is read

    with watching(cancel, progress), pytest.raises(CancelledError, match="reading cancelled"):
        open_document(pdf)
    assert pages_read == [1, 2]  # stopped at the next check, not after the whole file
    assert not fresh_cache.exists() or not any(p.is_file() for p in fresh_cache.rglob("*.json"))
    document = open_document(pdf)  # not cancelled: read whole
    assert len(document.pages) > 2


def test_watching_is_per_thread() -> None:
    cancel = threading.Event()
    cancel.set()
    errors: list[BaseException] = []

    def other() -> None:
        try:
            read_pdf(MADE / "article.pdf")
        except BaseException as exc:  # noqa: BLE001 - recorded for the assertion
            errors.append(exc)

    with watching(cancel, None):
        thread = threading.Thread(target=other)
        thread.start()
        thread.join()
        with pytest.raises(CancelledError):
            read_pdf(MADE / "article.pdf")
    assert errors == []  # another thread's read is not cancelled by this one's event
