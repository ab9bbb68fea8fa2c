"""Reading an index while another process writes it: a snapshot that moved on is not damage.

A Whoosh index is read through a snapshot: the segments its newest TOC lists. A writer
(`citex add` in another process) that commits writes a new TOC and, when it merges segments,
deletes the files of the old ones at once (`whoosh.index.clean_files`), including files a
reader of the old snapshot had not opened yet (Whoosh opens the stored-field and field-length
columns of a segment only when first used). The reader then fails (a file not found, a column
read as None), though nothing is damaged: the index has moved on. Taken for damage, the index
was removed and rebuilt by the search itself while the `add` went on, which held the search
for as long as re-indexing the whole library took (47-52 s on 1,000 PDFs, issue 11).

So: a reader opens every file of its snapshot it will need as it opens it (`pin`; an open
file stays readable after it is unlinked, on POSIX), and a failure of an index that moved on
(`moved_on`) is retried on a fresh snapshot, for at most SNAPSHOT_WAIT seconds; only a
failure that repeats on the same snapshot is damage. An index whose writer's lock another
process holds (`writer_active`) is never removed as damaged: that writer may be in the middle
of a commit; the search says the index is busy instead (`busy`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from index.whoosh_types import Index, IndexReader, Storage

SNAPSHOT_WAIT = 2.0
"""Seconds an open or a search may spend trying fresh snapshots of an index that moves on under it
(a writer committing again and again) before the failure is reported."""
SNAPSHOT_PAUSE = 0.05
"""Seconds between two tries on a fresh snapshot (a commit in progress is given time to finish)."""
PINNED_COLUMNS = ("text", "exact", "section")
"""The scored fields whose field-length columns a search reads (BM25F), opened with the snapshot."""


def generation(storage: Storage) -> int:
    """The generation of the newest TOC of Citex's index in `storage` (-1 when there is none, or the
    directory cannot be listed)."""
    from whoosh.index import TOC

    from index.store import INDEX_NAME

    try:
        return int(TOC._latest_generation(storage, INDEX_NAME))
    except OSError:
        return -1


def moved_on(ix: Index, seen: int) -> bool:
    """Whether the index has a newer (or other) snapshot than generation `seen`."""
    return generation(ix.storage) != seen


def pin(reader: IndexReader) -> None:
    """Open now the files of each segment that Whoosh opens only when first used (stored fields and
    field lengths), so that a writer deleting them after a merge leaves this snapshot readable."""
    for leaf, _ in reader.leaf_readers():
        if not leaf.doc_count_all():
            continue
        perdoc: Any = getattr(leaf, "_perdoc", None)
        if perdoc is None:  # not a W3 segment on disk (a memory index): nothing opened lazily
            continue
        leaf.stored_fields(0)
        for name in PINNED_COLUMNS:
            leaf.doc_field_length(0, name)


def writer_active(storage: Storage) -> bool:
    """Whether a writer holds the lock of Citex's index in `storage` now (another process's, or another
    of this one's: it may be in the middle of a commit)."""
    from index.store import INDEX_NAME

    lock = storage.lock(f"{INDEX_NAME}_WRITELOCK")
    try:
        if not lock.acquire(blocking=False):
            return True
    except OSError:
        return False
    lock.release()
    return False


def busy(directory: object, exc: Exception) -> Exception:
    """The error a search gives up with when an index it found failing is being written (`writer_active`):
    one line, saying to try again (the index is left to its writer, not removed as damaged)."""
    from index.errors import LibraryError

    why = exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__
    return LibraryError(
        f"the index {directory} could not be read ({why}) while another citex writes it (an add or a "
        "remove): try again when that is done"
    )
