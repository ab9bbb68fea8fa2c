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
from dataclasses import asdict, dataclass, field
from pathlib import Path

from index.datafile import locked, move_aside
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


_TYPES: dict[str, tuple[type, ...]] = {
    "path": (str,),
    "sha": (str,),
    "size": (int,),
    "mtime_ns": (int,),
    "pages": (int,),
    "title": (str,),
    "added": (int, float),
}
"""The type of each field of an entry in the file (bool, a subclass of int, is refused)."""


def _entry(raw: object, n: int) -> LibraryEntry:
    """One entry of the file, validated. Raises ValueError naming what is wrong."""
    if not isinstance(raw, dict):
        raise ValueError(f"entry {n} is not an object")
    for name, value in raw.items():
        kinds = _TYPES.get(name)
        if kinds is None:
            raise ValueError(f"entry {n} has an unknown field {name!r}")
        if isinstance(value, bool) or not isinstance(value, kinds):
            raise ValueError(f"entry {n}: {name} is not a {kinds[0].__name__}")
    missing = [name for name in ("path", "sha", "size", "mtime_ns") if name not in raw]
    if missing:
        raise ValueError(f"entry {n} lacks {', '.join(missing)}")
    if not os.path.isabs(raw["path"]) or len(raw["sha"]) != 64:
        raise ValueError(f"entry {n}: not an absolute path and a sha256")
    return LibraryEntry(**raw)


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
            documents = data["documents"]
            if not isinstance(documents, list):
                raise ValueError("its documents are not a list")
            return [_entry(raw, n) for n, raw in enumerate(documents, 1)]
        except (ValueError, TypeError, KeyError) as exc:
            backup = self._move_aside()
            self.warnings.append(
                f"the library file {self.path} could not be read ({exc}); it was moved to {backup} "
                "and the library starts empty"
            )
            return []

    def _move_aside(self) -> Path:
        return move_aside(self.path, "library file", LibraryError)

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

    def locked(self) -> contextlib.AbstractContextManager[None]:
        """Hold the library's lock file: other processes changing the library wait."""
        return locked(self.path, "library file", LibraryError)
