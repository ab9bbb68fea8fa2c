"""The Whoosh index of a whole library: every document's units in one index, written once.

Searching a thousand small indexes one by one is slow; one index over all of them is not.
The library index is derived data, kept in the cache (`source.cache.library_index_dir`).
Workers read the PDFs and cut them into units (`index.ingest`); one writer in the calling
process adds each document's units straight into this index (no per-document index is
written first and merged later), and brings it in line with the library's list whenever
they differ (documents added, removed, or a cache cleared).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from index.store import INDEX_NAME, build_index, open_index
from index.units import Unit, stored_fields

if TYPE_CHECKING:
    from index.whoosh_types import Index

LOCK_WAIT = 60.0
"""Seconds to wait for another process writing the same library index."""
_WRITER: dict[str, Any] = {"limitmb": 256, "compound": False}
"""Segments as separate files: a compound file is copied whole into memory when opened (seconds, for
a library of hundreds of megabytes), separate files are read where needed."""
BATCH_UNITS = 60_000
"""Units added before a commit (one segment each): bounds the writer's memory and the final commit."""
COMMIT_ENV = "CITEX_COMMIT_SECONDS"
"""Environment variable that overrides COMMIT_SECONDS (the kill tests commit after every PDF)."""
COMMIT_SECONDS = float(os.environ.get(COMMIT_ENV) or 5.0)
"""While adding, what was added is committed at most this often (`Writer.due`): a killed `add` keeps
every PDF committed before it (the library's list records them right after each commit). Each
commit is a segment, with its own copy of the terms it holds, that Whoosh merges only now and
then: committing every second left the library index of 41 PDFs 26.6 MB, every 5 s 22.2 MB
(one commit: 19.9 MB, but a kill would lose the whole add)."""


def _open_writer(ix: Index, timeout: float) -> Any:
    """A writer of the index (`ix.writer()`, as Whoosh's FastWriter: the same segments, written sooner)."""
    from index.fastwrite import FastWriter

    return FastWriter(ix, timeout=timeout, **_WRITER)


def indexed_documents(ix: Index) -> set[str]:
    """The keys of the documents an index holds (deleted ones left out)."""
    with ix.reader() as reader:
        terms = [t.decode("utf-8") if isinstance(t, bytes) else t for t in reader.lexicon("doc")]
        if not reader.has_deletions():
            return set(terms)
        live = set()
        for term in terms:
            matcher = reader.postings("doc", term)
            if matcher.is_active():
                live.add(term)
        return live


class Writer:
    """The library index's one writer: adds documents' units (and deletes documents), in one commit.

    Used as a context manager: the index's lock is held from entry to exit (on entry, what a
    killed writer left in the index's directory is removed: Whoosh's temp directory, a half-written
    TOC). What was added is committed by `commit` (the caller commits in batches, see `due`) and
    on exit, also after an interrupt (`saved` tells); after an error the uncommitted rest is
    dropped, and `sync` adds it again the next time.
    """

    def __init__(self, directory: Path, *, wait: bool = True) -> None:
        self.directory = directory
        self.wait = wait
        ix = open_index(directory)
        if ix is None:
            ix = _after_other_writer(directory, wait)
        self.ix = ix if ix is not None else build_index([], directory)
        self.have = indexed_documents(self.ix)
        """The keys of the documents the index holds (as the writing goes on)."""
        self._writer: Any = None
        self._pending = 0
        self._documents = 0
        self._since = time.monotonic()
        self.saved = False
        """Whether what was added last was committed on exit."""

    def __enter__(self) -> Writer:
        _clean_leftovers(self.ix, self.directory)
        self._writer = _open_writer(self.ix, LOCK_WAIT if self.wait else 0.0)
        return self

    def due(self) -> bool:
        """Whether documents were added since the last commit, COMMIT_SECONDS ago or more."""
        return self._documents > 0 and time.monotonic() - self._since >= COMMIT_SECONDS

    def commit(self) -> None:
        """Commit what was added (small segments merged, Whoosh's policy), and go on writing."""
        self._writer.commit()
        self._writer = _open_writer(self.ix, LOCK_WAIT)
        self._pending = self._documents = 0
        self._since = time.monotonic()

    def add(self, key: str, units: Sequence[Unit]) -> None:
        """Add one document's units (nothing when the index holds the document already)."""
        if key in self.have:
            return
        add = self._writer.add_document
        for fields in stored_fields(units):
            add(**fields)
        self._pending += len(units)
        self._documents += 1
        self.have.add(key)
        if self._pending >= BATCH_UNITS:  # a segment per batch: no huge sort at the end, and progress kept
            self._writer.commit(merge=False)
            self._writer = _open_writer(self.ix, LOCK_WAIT)
            self._pending = 0

    def delete(self, key: str) -> None:
        """Take a document out."""
        self._writer.delete_by_term("doc", key)
        self.have.discard(key)

    def __exit__(self, kind: object, exc: object, tb: object) -> None:
        if isinstance(exc, Exception):
            with contextlib.suppress(Exception):  # the error that ended the writing is the one to report
                self._writer.cancel()
        else:
            self._writer.commit()
            self.saved = True
        # What a cancel on a full disk could not remove: this writer held the lock until now (or
        # still does, through a writer that failed half made), so nobody else's files are there.
        _clean_leftovers(self.ix, self.directory, locked=isinstance(exc, Exception))
        self.ix = open_index(self.directory) or self.ix


def _after_other_writer(directory: Path, wait: bool) -> Index | None:
    """The index in `directory` once no other writer holds its lock (None: there is none, or it is
    damaged: the caller builds it). An index that would not open while another writer holds the lock
    may be that writer's commit in progress: it is never replaced by an empty one under it. With
    `wait`, the lock is waited for (LOCK_WAIT seconds); without (a search), or past that, Whoosh's
    LockError is raised (the caller says the index is busy)."""
    if not directory.is_dir():
        return None
    from whoosh.filedb.filestore import FileStorage
    from whoosh.index import LockError

    from index.snapshot import SNAPSHOT_PAUSE, writer_active

    storage = FileStorage(str(directory))
    if not writer_active(storage):
        return None
    until = time.monotonic() + (LOCK_WAIT if wait else 0.0)
    while writer_active(storage):
        if time.monotonic() >= until:
            raise LockError(f"another process writes the index in {directory}")
        time.sleep(SNAPSHOT_PAUSE)
    return open_index(directory)


def drop_damaged(directory: Path, exc: Exception) -> bool:
    """Remove the library index in `directory`, found damaged while used (`exc`: a segment that does not
    parse, which opening it did not show, since `store.check_index` reads only a little of each), with a
    warning: it is derived data, rebuilt from the cached documents by the next `sync`. False (and nothing
    removed) when it is not in the cache, or not there at all: nothing to repair."""
    from source.cache import cache_root, notice

    if not directory.is_dir() or not directory.resolve().is_relative_to(cache_root().resolve()):
        return False
    from whoosh.filedb.filestore import FileStorage

    from index.snapshot import busy, writer_active

    if writer_active(FileStorage(str(directory))):  # another process is mid-commit: not damage to repair
        raise busy(directory, exc) from None
    why = exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__
    notice(f"the cached index {directory} was damaged ({why}): it is rebuilt")
    shutil.rmtree(directory, ignore_errors=True)
    return True


def _clean_leftovers(ix: Index, directory: Path, *, locked: bool = False) -> None:
    """Remove what a killed writer left, when no other writer runs (the index's lock is taken for it,
    unless this process holds it, `locked`): Whoosh's temp directory (`<name>.tmp`) and TOC files
    half written (`_<name>_<gen>.toc.<time>`)."""
    if locked:
        _remove_leftovers(directory)
        return
    lock = ix.storage.lock(f"{INDEX_NAME}_WRITELOCK")
    try:
        if not lock.acquire(blocking=False):
            return  # another writer runs: its temp files are its own
    except OSError:
        return
    try:
        _remove_leftovers(directory)
    finally:
        lock.release()


def _remove_leftovers(directory: Path) -> None:
    shutil.rmtree(directory / f"{INDEX_NAME}.tmp", ignore_errors=True)
    for toc in directory.glob(f"_{INDEX_NAME}_*.toc.*"):
        with contextlib.suppress(OSError):
            toc.unlink()


def sync(
    directory: Path,
    wanted: dict[str, str],
    units_of: Callable[[str, str], Sequence[Unit] | None],
    *,
    wait: bool = True,
    prune: bool = True,
) -> tuple[Index, bool, list[str]]:
    """Bring the library index in line with `wanted` (key -> path): (index, holds exactly those, keys left out).

    A document the index lacks is read again with `units_of(key, path)` (None when the PDF
    cannot be read any more, or has changed: it is left out). Documents no longer wanted are
    taken out when `prune` (searches do not prune: they filter, and leave writing to add and
    remove). When another process holds the index's lock and `wait` is off, the index is
    returned as it is.
    """
    from whoosh.index import LockError

    writer = Writer(directory, wait=wait)
    extra = writer.have - set(wanted)
    missing = [key for key in wanted if key not in writer.have]
    if not missing and not (extra and prune):
        return writer.ix, not extra, []
    left_out: list[str] = []
    try:
        with writer:
            for key in extra if prune else ():
                writer.delete(key)
            for key in missing:
                units = units_of(key, wanted[key])
                if units is None:
                    left_out.append(key)
                else:
                    writer.add(key, units)
    except LockError:
        if wait:
            raise
        return writer.ix, False, []
    return writer.ix, prune or not extra, left_out
