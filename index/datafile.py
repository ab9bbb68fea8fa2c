"""What the data directory's JSON files share (the library file, the metadata corrections):
a lock file held while a file is read again and rewritten, and moving a damaged file aside
with its bytes kept (`<name>.damaged-<time>`), each failure raised as the caller's own error
with one line naming the file.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def locked(path: Path, what: str, error: type[Exception]) -> Iterator[None]:
    """Hold `path`'s lock file (`<name>.lock`): other processes changing the file wait.
    `what` names the file in the error ("library file")."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(path.with_name(path.name + ".lock"), "a+")  # noqa: SIM115
    except OSError as exc:
        raise error(f"cannot lock the {what} {path}: {exc.strerror or exc}") from None
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def move_aside(path: Path, what: str, error: type[Exception]) -> Path:
    """Move a damaged file to `<name>.damaged-<time>` (a new name each time) and return where."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    backup = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 1
    while backup.exists():
        n += 1
        backup = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
    try:
        os.replace(path, backup)
    except OSError as exc:
        raise error(
            f"the {what} {path} is damaged and could not be moved aside: {exc.strerror or exc}"
        ) from None
    return backup
