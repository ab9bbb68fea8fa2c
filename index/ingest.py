"""Reading PDFs for a library, in worker processes: parse through the cache, then index.

`ingest(path)` runs in a worker (or in-process for a single file). It never raises: a
PDF that cannot be read comes back with `error` set, so one bad file does not stop the rest.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


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


def ingest(path: str) -> Ingested:
    """Read a PDF through the cache and build its index if need be; never raises."""
    from index.documents import index_document
    from source.errors import SourceError
    from source.opening import open_document

    try:
        stat = os.stat(path)
        document = open_document(path)
        index_document(document)
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
    )
