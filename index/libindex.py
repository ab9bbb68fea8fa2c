"""The Whoosh index of a whole library: every document's units in one index.

Searching a thousand small indexes one by one is slow; one index over all of them is
not. The library index is derived data, kept in the cache: it is made of the documents'
own indexes (`writer.add_reader`, no re-analysis) and brought in line with the library's
list whenever they differ (documents added, removed, or a cache cleared).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from index.store import build_index, open_index
from source.cache import document_index_dir

if TYPE_CHECKING:
    from whoosh.index import Index

LOCK_WAIT = 60.0
"""Seconds to wait for another process writing the same library index."""
_WRITER: dict[str, Any] = {"limitmb": 256, "compound": False}
"""Segments as separate files: a compound file is copied whole into memory when opened (seconds, for
a library of hundreds of megabytes), separate files are read where needed."""
BATCH_UNITS = 60_000
"""Units merged before a commit (one segment each): bounds the writer's memory and the final commit."""


def indexed_documents(ix: Index) -> set[str]:
    """The ids of the documents an index holds (deleted ones left out)."""
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


class Merger:
    """Adds documents' own indexes to the library index (and deletes documents), in one commit.

    Used as a context manager: the index's lock is held from entry to exit. What was merged
    is committed on exit, also after an interrupt (it matches what the library recorded);
    after an error it is dropped, and `sync` adds it again the next time.
    """

    def __init__(self, directory: Path, *, wait: bool = True) -> None:
        self.directory = directory
        self.wait = wait
        ix = open_index(directory)
        self.ix = ix if ix is not None else build_index([], directory)
        self.have = indexed_documents(self.ix)
        """The documents the index holds (as the merge goes on)."""
        self._writer: Any = None
        self._pending = 0

    def __enter__(self) -> Merger:
        self._writer = self.ix.writer(timeout=LOCK_WAIT if self.wait else 0.0, **_WRITER)
        return self

    def add(self, sha: str, own: Index | None = None) -> bool:
        """Add a document from its own index (opened from the cache unless given); False if there is none."""
        if sha in self.have:
            return True
        own = own or open_index(document_index_dir(sha))
        if own is None:
            return False
        with own.reader() as reader:
            self._writer.add_reader(reader)
            self._pending += reader.doc_count_all()
        self.have.add(sha)
        if self._pending >= BATCH_UNITS:  # a segment per batch: no huge sort at the end, and progress kept
            self._writer.commit(merge=False)
            self._writer = self.ix.writer(timeout=LOCK_WAIT, **_WRITER)
            self._pending = 0
        return True

    def delete(self, sha: str) -> None:
        """Take a document out."""
        self._writer.delete_by_term("doc", sha)
        self.have.discard(sha)

    def __exit__(self, kind: object, exc: object, tb: object) -> None:
        if isinstance(exc, Exception):
            self._writer.cancel()
        else:
            self._writer.commit()
        self.ix = open_index(self.directory) or self.ix


def sync(
    directory: Path,
    wanted: dict[str, str],
    reindex: Callable[[str, str], Index | None],
    *,
    wait: bool = True,
    prune: bool = True,
) -> tuple[Index, bool, list[str]]:
    """Bring the library index in line with `wanted` (sha -> path): (index, holds exactly those, shas left out).

    A document whose own index is missing is rebuilt with `reindex(sha, path)` (None when
    the PDF cannot be read any more: it is left out). Documents no longer wanted are taken
    out when `prune` (searches do not prune: they filter, and leave writing to add and
    remove). When another process holds the index's lock and `wait` is off, the index is
    returned as it is.
    """
    from whoosh.index import LockError

    merger = Merger(directory, wait=wait)
    extra = merger.have - set(wanted)
    missing = [sha for sha in wanted if sha not in merger.have]
    if not missing and not (extra and prune):
        return merger.ix, not extra, []
    left_out: list[str] = []
    try:
        with merger:
            for sha in extra if prune else ():
                merger.delete(sha)
            for sha in missing:
                if not merger.add(sha) and not merger.add(sha, reindex(sha, wanted[sha])):
                    left_out.append(sha)
    except LockError:
        if wait:
            raise
        return merger.ix, False, []
    return merger.ix, prune or not extra, left_out
