"""What a search looks in: the PDFs given, else the library, else the bundled report.

Written once, used by the CLI (`citex search|find|verify`) and the TUI (`citex [PDF]...`):

    target = choose(pdfs, library_file, bundled)      # cheap: reads the library's list only
    with open_scope(target, password) as scope:       # opens (or builds) the index
        scope.search(query), scope.find(quote), scope.verify(quote)

The caller passes the paths (the explorer computes them once, in `explorer.locations`): this
module imports nothing of `explorer`. A PDF opened with a password is indexed in memory only.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeVar

from index.results import Hit, SearchResult

if TYPE_CHECKING:
    from index.corpus import Corpus
    from index.library import Library
    from index.verdicts import Verification
    from source.opening import PdfFile

ScopeKind = Literal["pdfs", "library", "bundled"]
_R = TypeVar("_R")


@dataclass(frozen=True)
class Target:
    """The PDFs a scope covers, and why those."""

    kind: ScopeKind
    """pdfs: the PDFs given; library: the library's (none were given); bundled: the sample report
    (none were given and the library is empty)."""
    paths: tuple[str, ...]
    """The PDFs, in the order given (the library's in the order they were added)."""
    library_file: Path | None = None
    """The library's list (for PDFs given: the library whose index may hold them already)."""
    warnings: tuple[str, ...] = ()
    """What the user should be told (a damaged library file moved aside)."""


def choose(pdfs: Sequence[str | os.PathLike[str]], library_file: Path, bundled: Path) -> Target:
    """The PDFs given; else the library's when it holds any; else the bundled report.

    Raises a LibraryError when the library's list cannot be read.
    """
    if pdfs:
        return Target("pdfs", tuple(os.fspath(p) for p in pdfs), library_file)
    if _missing(library_file):  # no library yet: not even index.libfile is imported
        return Target("bundled", (str(bundled),), None)
    from index.libfile import LibraryFile

    warnings: list[str] = []
    entries = LibraryFile(library_file, warnings).load()
    if entries:
        return Target("library", tuple(e.path for e in entries), library_file, tuple(warnings))
    return Target("bundled", (str(bundled),), None, tuple(warnings))


@dataclass
class Scope:
    """Search, find and verify over a target's PDFs (through one Corpus)."""

    target: Target
    """What it covers."""
    corpus: Corpus
    """The index (or indexes) searched."""
    library: Library | None = None
    """The library, for a library scope."""
    warnings: list[str] = field(default_factory=list)
    """What the user should be told (a library PDF gone missing or changed)."""
    password: str | None = field(default=None, repr=False)
    """The password the PDFs were opened with (to open them again after a repair)."""
    _healed: bool = field(default=False, repr=False)

    @property
    def paths(self) -> dict[str, str]:
        """Document id -> path, for every document the scope covers."""
        return self.corpus.paths

    def search(self, query: str, limit: int = 10) -> SearchResult:
        """Ranked full-text search (see `index.query`)."""
        return self._healing(lambda c: c.search(query, limit) if c.indexes else SearchResult(()))

    def find(self, quote: str, limit: int = 10) -> list[Hit]:
        """Passages matching a quote as remembered, best first."""
        return self._healing(lambda c: c.find(quote, limit) if c.indexes else [])

    def verify(self, quote: str) -> Verification:
        """exact, near or absent."""
        from index.verdicts import Verification

        return self._healing(
            lambda c: c.verify(quote) if c.indexes else Verification("absent", 0.0, quote, None)
        )

    def _healing(self, call: Callable[[Corpus], _R]) -> _R:
        """Run a search; when a cached index turns out damaged while used (a segment that does not
        parse, which opening it did not show), rebuild it from the cached documents and run it again."""
        from index.errors import CitexIndexError
        from source.errors import SourceError

        try:
            return call(self.corpus)
        except (CitexIndexError, SourceError):
            raise
        except Exception as exc:
            if self._healed or not self._drop_cached_indexes(exc):
                raise
        self._healed = True
        fresh = open_scope(self.target, self.password)
        self.corpus, self.library = fresh.corpus, fresh.library
        self.warnings.extend(fresh.warnings)
        return call(self.corpus)

    def _drop_cached_indexes(self, exc: Exception) -> bool:
        """Close the scope and remove its indexes from the cache (derived data: they are rebuilt);
        False when none of them is in the cache (nothing to repair)."""
        import shutil

        from source.cache import cache_root, notice

        root = cache_root().resolve()
        folders = [getattr(ix.storage, "folder", None) for ix in self.corpus.indexes]
        cached = [Path(f) for f in folders if f and Path(f).resolve().is_relative_to(root)]
        if not cached:
            return False
        from whoosh.filedb.filestore import FileStorage

        from index.snapshot import busy, writer_active

        for folder in cached:
            if writer_active(FileStorage(str(folder))):  # another process is mid-commit: not damage
                raise busy(folder, exc) from None
        self.close()
        for folder in cached:
            why = exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__
            notice(f"the cached index {folder} was damaged ({why}): it is rebuilt")
            shutil.rmtree(folder, ignore_errors=True)
        return True

    def close(self) -> None:
        """Close the searchers."""
        if self.library is not None:
            self.library.close()
        else:
            self.corpus.close()

    def __enter__(self) -> Scope:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_scope(target: Target, password: str | None = None) -> Scope:
    """Open the index of a target: the library's one index, or the PDFs' own (built when needed;
    in memory with a password). Raises a SourceError or a LibraryError (one line each)."""
    if target.kind == "library":
        from index.library import Library

        assert target.library_file is not None
        library = Library(target.library_file)
        corpus = library.corpus()
        scope = Scope(target, corpus, library, [*target.warnings, *library.warnings])
        library.warnings.clear()
        return scope
    from index.documents import open_corpus
    from source.filekey import known_sha, regular_stat, remember

    files: list[str | PdfFile] = []  # each checked, read and hashed once; not read when its hash is known
    shas: dict[str, str] = {}
    read: list[tuple[PdfFile, os.stat_result]] = []  # hashed here: remembered once indexed
    for path in target.paths:
        sha = known_sha(path) if password is None else None
        if sha is None:
            from source.opening import identify  # not when the file's key gives its hash

            before = regular_stat(os.path.abspath(path)) if password is None else None
            file = identify(path)
            files.append(file)
            sha = file.sha
            if before is not None:
                read.append((file, before))
        else:
            files.append(path)
        shas[sha] = path
    found: Scope | None = None
    if password is None and target.library_file is not None and _all_listed(target.library_file, shas):
        from index.library import Library

        library = Library(target.library_file)
        limited = library.corpus_of(shas)
        if limited is not None:  # all of them in the library: its index, limited to them
            found = Scope(target, limited, library, [*target.warnings, *library.warnings])
        else:
            library.close()
    if found is None:
        found = Scope(target, open_corpus(files, password), None, list(target.warnings), password)
    for file, before in read:
        remember(file.path, file.sha, before)
    return found


def _all_listed(library_file: Path, shas: dict[str, str]) -> bool:
    """Whether the library's list holds every one of these files (else `Library.corpus_of` would say
    None): read without index.library, so a search of PDFs outside the library does not import it (nor,
    when there is no library file at all, index.libfile)."""
    if _missing(library_file):
        return False
    from index.libfile import LibraryFile

    listed = {entry.sha for entry in LibraryFile(library_file, []).load()}
    return bool(shas) and set(shas) <= listed


def _missing(library_file: Path) -> bool:
    """Whether there is no library file (what LibraryFile.load reads as no entries); False when it
    cannot be looked at for another reason (LibraryFile.load then says what is wrong)."""
    try:
        os.stat(library_file)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return False
