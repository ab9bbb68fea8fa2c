"""The cache: its whole layout (every path in it is made here), and storing Documents in it.

Layout, under the cache root (the user cache directory from platformdirs, which follows
XDG_CACHE_HOME, or $CITEX_CACHE_DIR):

    <PARSER_VERSION>/<sha256 of the file>/document.json     a Document (`entry_dir`, `document_file`)
    <PARSER_VERSION>/<sha256 of the file>/whoosh/           the small index of a PDF searched outside
                                                            any library (`document_index_dir`)
    <PARSER_VERSION>/libraries/<key>/whoosh/                a library's one index (`library_index_dir`)

Entries are written atomically (a temp file or temp directory, then a rename), so a reader
never sees half a file, and a PDF that fails to read leaves nothing behind. Documents opened
with a password are never cached (see `source.opening.open_document`): their text would
otherwise be readable without it. This module reads no PDF and imports no other of Citex's.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
from pathlib import Path

from source.model import PARSER_VERSION, Document

CACHE_ENV = "CITEX_CACHE_DIR"
"""Environment variable that overrides the cache root."""
DOCUMENT_FILE = "document.json"
"""Name of the cached Document in an entry directory."""
WHOOSH_DIR = "whoosh"
"""Name of an index directory (in an entry, or in a library's directory)."""
LIBRARIES_DIR = "libraries"
"""Directory (beside the entries) of the libraries' indexes."""


def cache_root() -> Path:
    """The cache root: $CITEX_CACHE_DIR, else the user cache directory for citex."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_cache_path

    return user_cache_path("citex")


def entry_dir(sha: str) -> Path:
    """The cache directory of one file, by the sha256 of its bytes."""
    return cache_root() / str(PARSER_VERSION) / sha


def document_file(sha: str) -> Path:
    """The cached Document of one file."""
    return entry_dir(sha) / DOCUMENT_FILE


def document_index_dir(sha: str) -> Path:
    """The small index of one file, built when it is searched outside a library."""
    return entry_dir(sha) / WHOOSH_DIR


def library_index_dir(library_file: Path) -> Path:
    """The one index of the library listed in `library_file` (keyed by the list's absolute path)."""
    key = hashlib.sha256(str(Path(library_file).resolve()).encode()).hexdigest()[:20]
    return cache_root() / str(PARSER_VERSION) / LIBRARIES_DIR / key / WHOOSH_DIR


def file_sha256(path: str | os.PathLike[str]) -> str:
    """The sha256 (hex) of a file's bytes."""
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def load_cached(sha: str) -> Document | None:
    """The cached Document for this sha256, or None if there is none or it is stale or damaged."""
    try:
        text = document_file(sha).read_text(encoding="utf-8")
        document = Document.from_json(text)
    except Exception:  # noqa: BLE001 - any damage in the cache means: parse again
        return None
    if document.id != sha:
        return None
    return document


def store(document: Document) -> Path | None:
    """Write a Document to its cache entry atomically; returns the file, or None if it could not be written.

    A cache that cannot be written (read-only, disk full) is not an error: the document
    was read, it just will be read again next time.
    """
    try:
        return _store(document)
    except OSError:
        return None


def _store(document: Document) -> Path:
    entry = entry_dir(document.id)
    payload = document.to_json()
    if not entry.is_dir():
        _make_entry(entry, payload)
        if (entry / DOCUMENT_FILE).is_file():
            return entry / DOCUMENT_FILE
    write_atomic(entry / DOCUMENT_FILE, payload)
    return entry / DOCUMENT_FILE


def _make_entry(entry: Path, payload: str) -> None:
    """Create the entry directory whole: fill a temp directory, then rename it into place."""
    entry.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{entry.name}.", suffix=".tmp", dir=entry.parent))
    try:
        (tmp / DOCUMENT_FILE).write_text(payload, encoding="utf-8")
        try:
            os.rename(tmp, entry)
        except OSError:
            # Another process made the entry first: keep theirs (it holds the same document).
            if not entry.is_dir():
                raise
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def write_atomic(target: Path, payload: str) -> None:
    """Write a file in the same directory under a temp name, then replace the target with it."""
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(payload)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
