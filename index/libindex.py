"""The Whoosh index of a whole library: every document's units in one index.

Searching a thousand small indexes one by one is slow; one index over all of them is
not. The library index is derived data, kept in the cache: it is made of the documents'
own indexes (`writer.add_reader`, no re-analysis) and brought in line with the library's
list whenever they differ (documents added, removed, or a cache cleared).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from index.store import WHOOSH_DIR, build_index, document_index_dir, open_index

if TYPE_CHECKING:
    from whoosh.index import Index

LOCK_WAIT = 60.0
"""Seconds to wait for another process writing the same library index."""


def library_index_dir(library_file: Path) -> Path:
    """Where the index of the library stored in `library_file` lives (in the cache)."""
    from source.cache import cache_root
    from source.model import PARSER_VERSION

    key = hashlib.sha256(str(library_file.resolve()).encode()).hexdigest()[:20]
    return cache_root() / str(PARSER_VERSION) / "libraries" / key / WHOOSH_DIR


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


def sync(
    directory: Path,
    wanted: dict[str, str],
    reindex: Callable[[str, str], Index | None],
    *,
    wait: bool = True,
) -> tuple[Index, list[str]]:
    """Bring the library index in line with `wanted` (sha -> path); returns it and the shas left out.

    A document whose own index is missing is rebuilt with `reindex(sha, path)` (None when
    the PDF cannot be read any more: it is left out). When another process holds the
    index's lock and `wait` is off, the index is returned as it is.
    """
    ix = open_index(directory)
    if ix is None:
        ix = build_index([], directory)
    have = indexed_documents(ix)
    extra = have - set(wanted)
    missing = [sha for sha in wanted if sha not in have]
    if not extra and not missing:
        return ix, []
    from whoosh.index import LockError

    try:
        writer = ix.writer(timeout=LOCK_WAIT if wait else 0.0)
    except LockError:
        if wait:
            raise
        return ix, missing
    left_out: list[str] = []
    try:
        for sha in extra:
            writer.delete_by_term("doc", sha)
        for sha in missing:
            own = open_index(document_index_dir(sha)) or reindex(sha, wanted[sha])
            if own is None:
                left_out.append(sha)
                continue
            with own.reader() as reader:
                writer.add_reader(reader)
    except BaseException:
        writer.cancel()
        raise
    writer.commit()
    return open_index(directory) or ix, left_out
