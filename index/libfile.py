"""The library file: the list of PDFs a user added, as JSON, never lost.

Writes are atomic (a temp file in the same directory, then os.replace) and made under a
lock file, re-reading the list first, so two `citex add` at once lose nothing. A file that
cannot be parsed is never overwritten: it is moved aside to `<name>.damaged-<time>` and
the library starts empty, with a warning that says where the old list went.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from index.errors import LibraryError

FORMAT = 1
"""Version of the library file's format."""


@dataclass(frozen=True)
class LibraryEntry:
    """One PDF in the library."""

    path: str
    """Absolute path of the PDF."""
    sha: str
    """sha256 of the file when it was read."""
    size: int
    """Size in bytes when it was read."""
    mtime_ns: int
    """Modification time (ns) when it was read."""
    pages: int = 0
    """Number of pages."""
    title: str = ""
    """The document's title."""
    added: float = 0.0
    """When it was added or last re-read (seconds since the epoch)."""


@dataclass
class LibraryFile:
    """The JSON file holding a library's entries."""

    path: Path
    """Where the file is."""
    warnings: list[str] = field(default_factory=list)
    """What the user should be told (a damaged file moved aside)."""

    def load(self) -> list[LibraryEntry]:
        """The entries ([] when there is no file; a damaged file is moved aside, with a warning)."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise LibraryError(f"cannot read the library file {self.path}: {exc.strerror or exc}") from None
        try:
            data = json.loads(text)
            if not isinstance(data, dict) or data.get("format") != FORMAT:
                raise ValueError("not a Citex library file of this version")
            return [LibraryEntry(**entry) for entry in data["documents"]]
        except (ValueError, TypeError, KeyError) as exc:
            backup = self._move_aside()
            self.warnings.append(
                f"the library file {self.path} could not be read ({exc}); it was moved to {backup} "
                "and the library starts empty"
            )
            return []

    def _move_aside(self) -> Path:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        backup = self.path.with_name(f"{self.path.name}.damaged-{stamp}")
        n = 1
        while backup.exists():
            n += 1
            backup = self.path.with_name(f"{self.path.name}.damaged-{stamp}-{n}")
        try:
            os.replace(self.path, backup)
        except OSError as exc:
            raise LibraryError(
                f"the library file {self.path} is damaged and could not be moved aside: {exc.strerror or exc}"
            ) from None
        return backup

    def save(self, entries: list[LibraryEntry]) -> None:
        """Write the entries, atomically."""
        from source.cache import write_atomic

        payload = json.dumps(
            {"format": FORMAT, "documents": [asdict(e) for e in entries]}, ensure_ascii=False, indent=1
        )
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path, payload)
        except OSError as exc:
            raise LibraryError(f"cannot write the library file {self.path}: {exc.strerror or exc}") from None

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the library's lock file: other processes changing the library wait."""
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX
            yield
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle = open(self.path.with_name(self.path.name + ".lock"), "a+")  # noqa: SIM115
        except OSError as exc:
            raise LibraryError(f"cannot lock the library file {self.path}: {exc.strerror or exc}") from None
        with handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
