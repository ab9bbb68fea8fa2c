"""Reading PDFs for a library, in worker processes: parse through the cache, then cut into units.

`ingest(path)` runs in a worker (or in-process for a single file) and hands the document's
units back: the library's one writer adds them to its index (`index.libindex`). A PDF that
cannot be read comes back with `error` set, so one bad file does not stop the rest.
"""

from __future__ import annotations

import os
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


def ingest(path: str) -> Ingested:
    """Read a PDF through the cache and cut it into units."""
    from time import perf_counter

    from index.units import units_of
    from source.errors import SourceError
    from source.opening import open_document

    began = perf_counter()
    try:
        stat = os.stat(path)
        document = open_document(path)
        units = tuple(units_of(document))
    except SourceError as exc:
        return Ingested(path, error=str(exc))
    except OSError as exc:  # the file went, or the cache cannot be written
        return Ingested(path, error=f"cannot read {path}: {exc.strerror or exc}")
    return Ingested(
        path,
        sha=document.id,
        size=stat.st_size,
        mtime_ns=stat.st_mtime_ns,
        pages=len(document.pages),
        title=document.metadata.title,
        units=units,
        seconds=perf_counter() - began,
    )
