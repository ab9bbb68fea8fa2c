"""The cache: its whole layout (every path in it is made here), and storing Documents in it.

Layout, under the cache root (the user cache directory from platformdirs, which follows
XDG_CACHE_HOME, or $CITEX_CACHE_DIR):

    <PARSER_VERSION>/<sha256 of the file>/document.json     a Document (`entry_dir`, `document_file`)
    <PARSER_VERSION>/<sha256 of the file>/whoosh/           the small index of a PDF searched outside
                                                            any library (`document_index_dir`)
    <PARSER_VERSION>/libraries/<key>/whoosh/                a library's one index (`library_index_dir`)
    files/<key>.json                                        the sha256 a PDF path hashed to, with the
                                                            file's stat key (`file_record`, `source.filekey`)

Entries are written atomically (a temp file or temp directory, then a rename), so a reader
never sees half a file, and a PDF that fails to read leaves nothing behind. Every temp name
carries the writer's process id (`.<name>.<pid>.<random>.tmp`): what a killed process left
is removed by `sweep` (at the next start, see `sweep_all`), what a live one is writing is not. Documents opened
with a password are never cached (see `source.opening.open_document`): their text would
otherwise be readable without it. This module reads no PDF and imports no other of Citex's.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import tempfile
import time
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from source.version import PARSER_VERSION

if TYPE_CHECKING:
    from source.model import Document

CACHE_ENV = "CITEX_CACHE_DIR"
"""Environment variable that overrides the cache root."""
DOCUMENT_FILE = "document.json"
"""Name of the cached Document in an entry directory."""
WHOOSH_DIR = "whoosh"
"""Name of an index directory (in an entry, or in a library's directory)."""
LIBRARIES_DIR = "libraries"
"""Directory (beside the entries) of the libraries' indexes."""
FILES_DIR = "files"
"""Directory (beside the version directories: a file's sha256 does not depend on the parser) of the
sha256 each PDF path hashed to (`file_record`)."""
TEMP_MAX_AGE = 24 * 3600.0
"""Seconds after which a temp file is removed even if a process of its id runs (the id was reused)."""
_TEMP_NAME = re.compile(r"^\.(?P<name>.+?)\.(?:(?P<pid>\d+)\.)?[^.]*\.(?:tmp|old)$")
"""A temp file or directory made here: `.<name>.<pid>.<random>.tmp` (`.old`: an index being replaced)."""
_UNOWNED_AGE = 600.0
"""Seconds after which a temp name without a process id (an older Citex's) counts as left over."""


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


def file_record(absolute_path: str) -> Path:
    """Where the sha256 of the file at this absolute path is remembered with its stat key
    (`source.filekey`), named by two checksums of the path (the record holds the path: two paths of
    the same name take turns, each only a miss for the other)."""
    raw = os.fsencode(absolute_path)
    return cache_root() / FILES_DIR / f"{zlib.crc32(raw):08x}{zlib.adler32(raw):08x}.json"


def temp_prefix(name: str) -> str:
    """The prefix of a temp file or directory for `name` (tempfile.mkstemp/mkdtemp add the rest)."""
    return f".{name}.{os.getpid()}."


def _alive(pid: int) -> bool:
    """Whether a process of this id runs (a zombie, killed but not yet reaped, does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: alive
        pass
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True  # no /proc (not Linux): os.kill said it runs
    return state not in ("Z", "X")


def sweep(directory: Path) -> list[Path]:
    """Remove the temp files and directories a killed process left in `directory`; returns them.

    A temp name's process id says whose it is: a process that no longer runs left it (a name
    without one, or older than TEMP_MAX_AGE, is left over too). Errors are ignored (a read-only
    directory keeps its leftovers, which harm nothing: no reader looks at them).
    """
    removed: list[Path] = []
    try:
        children = list(os.scandir(directory))
    except OSError:
        return removed
    now = time.time()
    for child in children:
        match = _TEMP_NAME.match(child.name)
        if match is None:
            continue
        try:
            age = now - child.stat(follow_symlinks=False).st_mtime
        except OSError:
            continue
        pid = match.group("pid")
        if pid is None:  # not named by this module: left over once nobody has touched it for a while
            left = age >= _UNOWNED_AGE
        else:
            left = int(pid) != os.getpid() and (age >= TEMP_MAX_AGE or not _alive(int(pid)))
        if not left:
            continue
        path = Path(child.path)
        if child.is_dir(follow_symlinks=False):
            shutil.rmtree(path, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                path.unlink()
        if not path.exists():
            removed.append(path)
    return removed


def sweep_all(extra: Iterable[Path] = ()) -> list[Path]:
    """Sweep the cache's top directories (the entries' parent, each library's directory) and `extra`
    (the data directory): called once at start. An entry's own directory is swept when it is written."""
    top = cache_root() / str(PARSER_VERSION)
    dirs = [top, *extra]
    with contextlib.suppress(OSError):
        dirs.extend(p for p in (top / LIBRARIES_DIR).iterdir() if p.is_dir())
    removed: list[Path] = []
    for directory in dirs:
        removed.extend(sweep(directory))
    return removed


def file_sha256(path: str | os.PathLike[str]) -> str:
    """The sha256 (hex) of a file's bytes."""
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


_NOTICES: list[str] = []
"""Repairs made in the cache since the last `take_notices` (a damaged entry found and rebuilt)."""


def notice(message: str) -> None:
    """Record a repair the user should hear of (the CLI prints it as a warning on stderr)."""
    if message not in _NOTICES:
        _NOTICES.append(message)


def take_notices() -> list[str]:
    """The repairs recorded so far (and forget them)."""
    taken = list(_NOTICES)
    _NOTICES.clear()
    return taken


def load_cached(sha: str) -> Document | None:
    """The cached Document for this sha256, or None if there is none or it is stale or damaged
    (damage is noticed: the PDF is read again and the entry rewritten)."""
    path = document_file(sha)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as exc:
        notice(f"the cached document {path} cannot be read ({exc.strerror or exc}): the PDF is read again")
        return None
    from source.model import Document

    try:
        document = Document.from_json(text)
        if document.id != sha:
            raise ValueError("it holds another file's document")
    except Exception as exc:  # noqa: BLE001 - any damage in the cache means: parse again
        why = str(exc).split("\n")[0][:80] or type(exc).__name__
        notice(f"the cached document {path} was damaged ({why}): the PDF is read again")
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
    sweep(entry)
    if not entry.is_dir():
        _make_entry(entry, payload)
        if (entry / DOCUMENT_FILE).is_file():
            return entry / DOCUMENT_FILE
    write_atomic(entry / DOCUMENT_FILE, payload)
    return entry / DOCUMENT_FILE


def _make_entry(entry: Path, payload: str) -> None:
    """Create the entry directory whole: fill a temp directory, then rename it into place."""
    entry.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=temp_prefix(entry.name), suffix=".tmp", dir=entry.parent))
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
    fd, tmp_name = tempfile.mkstemp(prefix=temp_prefix(target.name), suffix=".tmp", dir=target.parent)
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
