"""A library: the PDFs a user added, searched together.

The list is a JSON file at a path the caller gives (the explorer uses
`locations.library_file()`; see `index.libfile`: atomic writes under a lock, a damaged
file moved aside, never overwritten). Its documents are searched through one Whoosh
index (see `index.libindex`).

`add` reads new or changed PDFs with two worker processes (each parses through the cache
and cuts the document into units), and this process writes the units straight into the
library's one index; a file with the same size and mtime as when it was added, or the
same sha256, is not read again.
"""

from __future__ import annotations

import builtins  # `list` in the class body is Library.list
import contextlib
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from index.errors import LibraryError
from index.libfile import LibraryEntry, LibraryFile
from index.libread import absolute, as_read, expand, in_order, read_all
from index.results import Hit, SearchResult
from index.units import doc_key

if TYPE_CHECKING:
    from index.whoosh_types import Index

    from index.corpus import Corpus
    from index.ingest import Ingested
    from index.verdicts import Verification
    from index.libindex import Writer
    from index.units import Unit

WORKERS = 2
"""Worker processes reading PDFs in `add`."""
Progress = Callable[[int, int, str], None]
"""progress(done, total, path): called as each PDF is done (path "" before the first)."""


@dataclass(frozen=True)
class AddResult:
    """What `Library.add` did with each path."""

    added: tuple[LibraryEntry, ...] = ()
    """New to the library."""
    updated: tuple[LibraryEntry, ...] = ()
    """Already there but changed on disk: read again."""
    unchanged: tuple[LibraryEntry, ...] = ()
    """Already there and unchanged: not read again."""
    failed: tuple[tuple[str, str], ...] = ()
    """(path, why) for each path that could not be added."""
    read_seconds: float = 0.0
    """Time the workers spent reading the PDFs and cutting them into units (summed over workers)."""


@dataclass
class Library:
    """The PDFs a user added (persisted in `file`), searchable together."""

    file: Path
    """The library's JSON file."""
    index_dir: Path | None = None
    """Where the library's Whoosh index lives (default: in the cache, see `libindex`)."""
    warnings: list[str] = field(default_factory=list)
    """Things the user should know (a damaged library file moved aside, a PDF gone missing)."""
    _corpus: Corpus | None = field(default=None, repr=False)
    _file: LibraryFile = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.file = Path(self.file)
        self._file = LibraryFile(self.file, self.warnings)
        if self.index_dir is None:
            from source.cache import library_index_dir

            self.index_dir = library_index_dir(self.file)

    # -- the list ----------------------------------------------------------------------

    def list(self) -> list[LibraryEntry]:
        """The PDFs in the library, in the order they were added."""
        return self._file.load()

    # -- adding and removing -----------------------------------------------------------

    def add(self, paths: Iterable[str | os.PathLike[str]], progress: Progress | None = None) -> AddResult:
        """Add PDFs (a directory adds the PDFs under it); changed ones are read again. A library index
        found damaged on the way is rebuilt (`_repairing`)."""
        given = builtins.list(paths)
        return self._repairing(lambda: self._add(given, progress))

    def _add(self, paths: Iterable[str | os.PathLike[str]], progress: Progress | None) -> AddResult:
        targets, failed = expand(paths)
        current = {e.path: e for e in self._file.load()}
        unchanged: list[LibraryEntry] = []
        todo: list[str] = []
        for path in targets:
            entry = current.get(path)
            same = as_read(entry, path) if entry is not None else None
            if same is not None:
                unchanged.append(same)
            else:
                todo.append(path)
        if any(e != current[e.path] for e in unchanged):
            self._refresh(unchanged)
        total = len(targets)
        if progress:
            progress(len(unchanged), total, "")
        done: list[Ingested] = []
        added: list[LibraryEntry] = []
        updated: list[LibraryEntry] = []
        batch: list[Ingested] = []  # indexed, not yet committed nor recorded

        def record() -> None:
            """Record the batch committed to the index (the index first, then the list: a kill between the
            two leaves the index a document more than the list, which searches filter and `sync` prunes)."""
            new, changed = self._record(in_order(batch, targets))
            added.extend(new)
            updated.extend(changed)
            batch.clear()

        if todo:
            self._check_writable()
            writer: Writer | None = None
            try:
                with self._writer() as writer:  # indexes each PDF while the workers read the next ones
                    for result in _ingest_all(todo):
                        self.warnings.extend(result.warnings)
                        if not result.error:
                            writer.add(doc_key(result.sha), result.units)
                            batch.append(replace(result, units=()))
                        done.append(replace(result, units=()))
                        if batch and writer.due():
                            writer.commit()
                            record()
                        if progress:
                            progress(len(unchanged) + len(done), total, result.path)
            except LibraryError as exc:  # a full disk, a read-only directory: what was kept is told too
                exc.partial = self._result(added, updated, unchanged, failed, done, targets)
                raise
            finally:
                if batch and writer is not None and writer.saved:  # committed on exit (also on an interrupt)
                    record()
        self._close_corpus()
        self._sync()
        return self._result(added, updated, unchanged, failed, done, targets)

    @staticmethod
    def _result(
        added: builtins.list[LibraryEntry],
        updated: builtins.list[LibraryEntry],
        unchanged: builtins.list[LibraryEntry],
        failed: builtins.list[tuple[str, str]],
        done: builtins.list[Ingested],
        targets: builtins.list[str],
    ) -> AddResult:
        errors = [(r.path, r.error) for r in in_order(done, targets) if r.error]
        return AddResult(
            tuple(in_order(added, targets)),
            tuple(in_order(updated, targets)),
            tuple(unchanged),
            tuple(failed + errors),
            sum(r.seconds for r in done),
        )

    def _check_writable(self) -> None:
        """Fail before any PDF is read when the library's list cannot be written (its lock file, made
        beside it, is the test), so a read-only data directory costs one line, not a long read."""
        with self._file.locked():
            pass

    def _record(
        self, good: builtins.list[Ingested]
    ) -> tuple[builtins.list[LibraryEntry], builtins.list[LibraryEntry]]:
        """Write the entries of PDFs read (and committed to the index) into the list: (added, updated)."""
        added: builtins.list[LibraryEntry] = []
        updated: builtins.list[LibraryEntry] = []
        if not good:
            return added, updated
        with self._file.locked():
            entries = self._file.load()
            where = {e.path: i for i, e in enumerate(entries)}
            now = time.time()
            for r in good:
                entry = LibraryEntry(r.path, r.sha, r.size, r.mtime_ns, r.pages, r.title, now)
                if r.path in where:
                    entries[where[r.path]] = entry
                    updated.append(entry)
                else:
                    where[r.path] = len(entries)
                    entries.append(entry)
                    added.append(entry)
            self._file.save(entries)
        return added, updated

    def _refresh(self, entries: builtins.list[LibraryEntry]) -> None:
        """Record the new mtime of files touched but not changed (so they are not hashed again)."""
        fresh = {e.path: e for e in entries}
        with self._file.locked():
            self._file.save(
                [fresh.get(e.path, e) if fresh.get(e.path, e).sha == e.sha else e for e in self._file.load()]
            )

    def remove(self, path: str | os.PathLike[str]) -> LibraryEntry:
        """Take a PDF out of the library (the file itself is left alone). Raises LibraryError if absent."""
        target = absolute(path)
        with self._file.locked():
            entries = self._file.load()
            kept = [e for e in entries if e.path != target]
            if len(kept) == len(entries):
                raise LibraryError(f"{path} is not in the library (see `citex list`)")
            self._file.save(kept)
        self._close_corpus()
        self._repairing(self._sync)
        return next(e for e in entries if e.path == target)

    # -- searching ---------------------------------------------------------------------

    @contextlib.contextmanager
    def _index_errors(self) -> Iterator[None]:
        """Turn a busy or unwritable library index into a LibraryError."""
        from index.store import import_whoosh

        import_whoosh()  # first: a plain whoosh import here would pull in urllib.request, ssl and email
        from whoosh.index import LockError

        try:
            yield
        except LockError:
            raise LibraryError(
                f"the library's index is busy: another citex is changing it ({self.index_dir}); try again"
            ) from None
        except OSError as exc:
            raise LibraryError(f"cannot write the library's index in {self.index_dir}: {exc}") from None

    @contextlib.contextmanager
    def _writer(self) -> Iterator[Writer]:
        from index.libindex import Writer

        assert self.index_dir is not None
        with self._index_errors(), Writer(self.index_dir) as writer:
            yield writer

    def _repairing(self, call: Callable[[], _R]) -> _R:
        """Run `call`, which writes or reads the library's index; when the index turns out damaged while
        used (any error but Citex's own: a full disk, a lock, an unreadable PDF are reported as they
        are), remove it with a warning (`libindex.drop_damaged`) and run `call` again, once: the index
        is rebuilt from the cached documents. The same repair as `index.scope.Scope` does for searches."""
        from index.libindex import drop_damaged
        from source.errors import SourceError

        try:
            return call()
        except (LibraryError, SourceError):
            raise
        except Exception as exc:
            self._close_corpus()
            assert self.index_dir is not None
            if not drop_damaged(self.index_dir, exc):
                raise
        return call()

    def _sync(self, wait: bool = True, prune: bool = True) -> tuple[Index | None, bool]:
        """The library index brought in line with the list: (index, holds exactly the list's documents);
        (None, True) when the library is empty. See `libindex.sync`."""
        from index.libindex import sync
        from index.units import units_of
        from source.errors import SourceError
        from source.opening import open_document

        entries = self._file.load()
        if not entries:
            return None, True
        wanted = {doc_key(e.sha): e.path for e in reversed(entries)}

        def reread(key: str, path: str) -> list[Unit] | None:
            """The units of a document the index lacks (its cache cleared): None when it cannot be read
            any more or has changed (it is left out, with a warning)."""
            try:
                document = open_document(path)
            except SourceError:
                return None
            return units_of(document) if doc_key(document.id) == key else None

        assert self.index_dir is not None
        with self._index_errors():
            ix, fresh, left_out = sync(self.index_dir, wanted, reread, wait=wait, prune=prune)
        for key in left_out:
            self.warnings.append(f"{wanted[key]} changed or cannot be read: add it again (citex add)")
        return ix, fresh

    def corpus(self) -> Corpus:
        """The corpus of the whole library (its index brought up to date first, unless another process
        is changing it: then the index is searched as it is, limited to the library's documents)."""
        if self._corpus is None:
            from index.corpus import Corpus

            try:
                ix, fresh = self._repairing(lambda: self._sync(wait=False, prune=False))
                if ix is not None and not fresh:
                    self._warn_lacking(ix)
            except LibraryError as exc:  # the index cannot be brought up to date (a full disk, read-only)
                ix, fresh = self._index_as_it_is(exc)
            paths = {e.sha: e.path for e in reversed(self._file.load())}
            only, hidden = None if fresh else set(paths), None
            if ix is not None and not fresh:
                from index.libindex import indexed_documents

                have, listed = indexed_documents(ix), {doc_key(sha) for sha in paths}
                if listed <= have:  # the index holds more than the list: mask the few others
                    only, hidden = None, have - listed
            self._corpus = Corpus([ix] if ix is not None else [], paths, only=only, hidden=hidden)
        return self._corpus

    def _warn_lacking(self, ix: Index) -> None:
        """Warn of the library's PDFs its index lacks, when it could not be brought up to date (another
        citex writes it): they are not searched, and "nothing found" must not be taken to cover them."""
        from index.libindex import indexed_documents

        have = indexed_documents(ix)
        lacking = [e.path for e in self._file.load() if doc_key(e.sha) not in have]
        if lacking:
            first = lacking[0] + (f" and {len(lacking) - 1} more" if len(lacking) > 1 else "")
            self.warnings.append(
                f"not searched: {first}, not yet in the library's index (another citex is writing it)"
            )

    def _index_as_it_is(self, why: LibraryError) -> tuple[Index | None, bool]:
        """The library's index as it stands, when it cannot be written: the PDFs it lacks are not
        searched, and the user is told (or the error, when there is no index at all)."""
        from index.libindex import indexed_documents
        from index.store import open_index

        assert self.index_dir is not None
        ix = open_index(self.index_dir)
        if ix is None:
            raise why
        have = indexed_documents(ix)
        lacking = [e.path for e in self._file.load() if doc_key(e.sha) not in have]
        if lacking:
            first = lacking[0] + (f" and {len(lacking) - 1} more" if len(lacking) > 1 else "")
            self.warnings.append(f"{why}: searching without what the index lacks ({first})")
        return ix, False

    def corpus_of(self, paths: dict[str, str]) -> Corpus | None:
        """The library's index limited to these documents (sha -> the path to show), or None when
        the library or its index lacks any of them (they are searched through their own index)."""
        from index.corpus import Corpus
        from index.libindex import indexed_documents

        listed = {e.sha for e in self._file.load()}
        if not paths or not set(paths) <= listed:
            return None
        ix, _ = self._sync(wait=False, prune=False)
        if ix is None or not {doc_key(sha) for sha in paths} <= indexed_documents(ix):
            return None
        corpus = Corpus([ix], paths, only=set(paths))
        self._close_corpus()
        self._corpus = corpus
        return corpus

    def _docs(self, paths: Iterable[str | os.PathLike[str]] | None) -> builtins.list[str] | None:
        if paths is None:
            return None
        by_path = {e.path: e.sha for e in self._file.load()}
        docs = []
        for path in paths:
            sha = by_path.get(absolute(path))
            if sha is None:
                raise LibraryError(f"{path} is not in the library (add it with `citex add {path}`)")
            docs.append(sha)
        return docs

    def search(self, query: str, limit: int = 10, paths: Iterable[str] | None = None) -> SearchResult:
        """Full-text search across the library (or the given PDFs of it)."""
        corpus = self.corpus()
        if not corpus.indexes:
            return SearchResult(())
        return corpus.search(query, limit, self._docs(paths))

    def find(self, quote: str, limit: int = 10, paths: Iterable[str] | None = None) -> builtins.list[Hit]:
        """Find a quote as remembered across the library (or the given PDFs of it)."""
        corpus = self.corpus()
        return corpus.find(quote, limit, self._docs(paths)) if corpus.indexes else []

    def verify(self, quote: str, paths: Iterable[str] | None = None) -> Verification:
        """Verify a quote against the library (or the given PDFs of it)."""
        from index.verdicts import Verification

        corpus = self.corpus()
        if not corpus.indexes:
            return Verification("absent", 0.0, quote, None)
        return corpus.verify(quote, self._docs(paths))

    def _close_corpus(self) -> None:
        if self._corpus is not None:
            self._corpus.close()
            self._corpus = None

    def close(self) -> None:
        """Close the searchers."""
        self._close_corpus()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_R = TypeVar("_R")


def _ingest_all(paths: list[str]) -> Iterator[Ingested]:
    """Read PDFs with WORKERS processes (`index.libread.read_all`)."""
    return read_all(paths, WORKERS)
