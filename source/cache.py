"""The document cache: parse a PDF once, then load its Document from JSON.

Layout: `<cache root>/<PARSER_VERSION>/<sha256 of the file>/document.json`. The cache root
is the user cache directory (platformdirs, which follows XDG_CACHE_HOME), or the directory
named by the environment variable CITEX_CACHE_DIR. Entries are written atomically (a temp
file or temp directory, then a rename), so a reader never sees half a file, and a PDF that
fails to read leaves nothing behind. Documents opened with a password are never cached:
their text would otherwise be readable without it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import os
import shutil
import tempfile
from pathlib import Path

from source.model import PARSER_VERSION, Document
from source.opening import check_path, check_pdf_file

CACHE_ENV = "CITEX_CACHE_DIR"
"""Environment variable that overrides the cache root."""
DOCUMENT_FILE = "document.json"
"""Name of the cached Document in an entry directory."""


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


def file_sha256(path: str | os.PathLike[str]) -> str:
    """The sha256 (hex) of a file's bytes."""
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def load_cached(sha: str) -> Document | None:
    """The cached Document for this sha256, or None if there is none or it is stale or damaged."""
    try:
        text = (entry_dir(sha) / DOCUMENT_FILE).read_text(encoding="utf-8")
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


def open_document(path: str | os.PathLike[str], password: str | None = None) -> Document:
    """Read a PDF through the cache; raises a SourceError on bad input.

    The first time a file is seen it is parsed by `source.reader.read_pdf` and its Document
    cached; later calls load the JSON (any error in it means: parse again). The returned
    Document's `path` is the path given here, wherever the cached one was read from.
    """
    check_path(path)
    name = str(path)
    try:
        sha = file_sha256(path)
    except OSError as exc:
        from source.errors import NotFoundError

        raise NotFoundError(f"cannot read {name}: {exc.strerror or exc}") from None
    if password is None:
        cached = load_cached(sha)
        if cached is not None:
            return cached if cached.path == name else dataclasses.replace(cached, path=name)
    check_pdf_file(path)
    from source.reader import read_pdf

    document = read_pdf(name, password=password)
    if not document.id:
        document = dataclasses.replace(document, id=sha)
    if password is None and document.id == sha:  # a differing id: the file changed while we read it
        store(document)
    return document


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
