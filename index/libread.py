"""What `Library.add` reads: the PDFs named (directories expanded, missing paths said), which of
them are unchanged since they were added, and the reading itself, in worker processes.

Apart from `index.library` (which keeps the list, the index and the searches) so that each stays
under the size one reads at once; `Library` is the only caller.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from index.libfile import LibraryEntry

if TYPE_CHECKING:
    from index.ingest import Ingested


class _HasPath(Protocol):
    @property
    def path(self) -> str: ...


_T = TypeVar("_T", bound=_HasPath)


def in_order(items: Iterable[_T], targets: list[str]) -> list[_T]:
    """Items (each with a `path`) in the order of the paths given."""
    order = {path: i for i, path in enumerate(targets)}
    return sorted(items, key=lambda item: order.get(item.path, len(order)))


def absolute(path: str | os.PathLike[str]) -> str:
    return os.path.abspath(os.fspath(path))


def expand(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[str], list[tuple[str, str]]]:
    """Absolute paths of the PDFs to add (directories expanded), and the paths that are not there."""
    targets: dict[str, None] = {}
    failed: list[tuple[str, str]] = []
    for path in paths:
        p = Path(path)
        if p.is_dir():
            found = sorted(q for q in p.rglob("*") if q.suffix.lower() == ".pdf" and q.is_file())
            if not found:
                failed.append((str(path), f"no PDF under the directory {path}"))
            targets.update((absolute(q), None) for q in found)
        elif p.is_file():
            targets[absolute(p)] = None
        else:
            failed.append((str(path), f"no such file: {path}"))
    return list(targets), failed


def as_read(entry: LibraryEntry, path: str) -> LibraryEntry | None:
    """The entry (with the file's new mtime) when the file is as it was read, else None.

    As it was read: the same size and mtime, or the same size and sha256 (a file touched, not changed).
    (A library index that lost the document, a cache cleared, reads it again in `sync`.)
    """
    try:
        stat = os.stat(path)
    except OSError:
        return None
    if stat.st_size != entry.size:
        return None
    if stat.st_mtime_ns != entry.mtime_ns:
        from source.cache import file_sha256

        try:
            if file_sha256(path) != entry.sha:
                return None
        except OSError:
            return None
        entry = replace(entry, mtime_ns=stat.st_mtime_ns)
    return entry


def read_all(paths: list[str], workers: int) -> Iterator[Ingested]:
    """Read PDFs with `workers` processes (in this process when there is only one).

    Workers are forked when this process runs no other thread (the CLI), else spawned
    (the TUI: forking a threaded process is unsafe). A worker that dies fails its file only.
    """
    from index.ingest import Ingested, ingest, worker_guard

    if len(paths) <= 1:
        yield from (ingest(p) for p in paths)
        return
    import multiprocessing
    import threading
    from concurrent.futures import ProcessPoolExecutor, as_completed

    method = (
        "fork"
        if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()
        else "spawn"
    )
    context = multiprocessing.get_context(method)
    initializer, args = worker_guard()
    with ProcessPoolExecutor(
        max_workers=min(workers, len(paths)), mp_context=context, initializer=initializer, initargs=args
    ) as pool:
        futures = {pool.submit(ingest, p): p for p in paths}
        try:
            for future in as_completed(futures):
                error = future.exception()
                if error is None:
                    yield future.result()
                else:
                    yield Ingested(futures[future], error=f"{futures[future]} could not be read: {error}")
        except BaseException:
            for f in futures:
                f.cancel()
            raise
