"""Reading PDFs for a library, in worker processes: parse through the cache, then cut into units.

`ingest(path)` runs in a worker (or in-process for a single file) and hands the document's
units back: the library's one writer adds them to its index (`index.libindex`). A PDF that
cannot be read comes back with `error` set, so one bad file does not stop the rest.

A worker dies with the process that started it (`worker_guard`, the pool's initializer): on
Linux the kernel kills it (PR_SET_PDEATHSIG), elsewhere a thread watches the parent's id.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass

from index.units import Unit


@dataclass(frozen=True)
class Ingested:
    """What reading one PDF gave."""

    path: str
    """The path as given."""
    sha: str = ""
    """sha256 of the file (the Document's id)."""
    size: int = 0
    """File size in bytes, when it was read."""
    mtime_ns: int = 0
    """Modification time (ns), when it was read."""
    pages: int = 0
    """Number of pages."""
    title: str = ""
    """The document's title."""
    error: str = ""
    """Why the file could not be read ("" when it was)."""
    units: tuple[Unit, ...] = ()
    """What the index is to hold for it (`index.units.units_of`)."""
    seconds: float = 0.0
    """Time spent reading (and parsing, when not cached) in the worker."""
    warnings: tuple[str, ...] = ()
    """What the user should be told (a damaged cache entry read again)."""


PARENT_POLL = 1.0
"""Seconds between a worker's checks that its parent still runs (where PR_SET_PDEATHSIG is missing)."""
_PR_SET_PDEATHSIG = 1
"""prctl(2) option: the signal the kernel sends this process when its parent dies."""


def worker_guard() -> tuple[Callable[[int], None], tuple[int]]:
    """(initializer, its arguments) for a worker pool: each worker dies when this process does."""
    return _die_with_parent, (os.getpid(),)


def _die_with_parent(parent: int) -> None:
    """Make this worker die when `parent` does (kill -9 of the parent included)."""
    from source.cache import take_notices

    take_notices()  # the parent's, copied by fork: the parent tells them
    if sys.platform.startswith("linux") and _pdeathsig():
        if os.getppid() != parent:  # the parent died before the signal was asked for
            os._exit(1)
        return

    def watch() -> None:
        import time

        while os.getppid() == parent:
            time.sleep(PARENT_POLL)
        os._exit(1)

    threading.Thread(target=watch, name="citex-parent-watch", daemon=True).start()


def _pdeathsig() -> bool:
    """Ask the kernel to send SIGKILL to this process when its parent dies; False when it cannot."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) == 0)
    except (OSError, AttributeError):
        return False


def ingest(path: str) -> Ingested:
    """Read a PDF through the cache and cut it into units."""
    from time import perf_counter

    from index.units import units_of
    from source.cache import take_notices
    from source.errors import SourceError
    from source.opening import open_document

    began = perf_counter()
    try:
        stat = os.stat(path)
        document = open_document(path)
        units = tuple(units_of(document))
    except SourceError as exc:
        return Ingested(path, error=str(exc), warnings=tuple(take_notices()))
    except OSError as exc:  # the file went, or the cache cannot be written
        return Ingested(
            path, error=f"cannot read {path}: {exc.strerror or exc}", warnings=tuple(take_notices())
        )
    return Ingested(
        path,
        sha=document.id,
        size=stat.st_size,
        mtime_ns=stat.st_mtime_ns,
        pages=len(document.pages),
        title=document.metadata.title,
        units=units,
        seconds=perf_counter() - began,
        warnings=tuple(take_notices()),
    )
