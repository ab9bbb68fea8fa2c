"""A PDF's sha256 without reading the file again: remembered with the file's stat key.

A PDF searched outside the library is found in the cache by the sha256 of its bytes (its
Document's id). Reading and hashing the whole file at every `citex search` costs a read of the
file and its hash (some 0.5 ms a MB): `remember` keeps, in the cache, the sha256
of a file just hashed with its stat key, and `known_sha` gives it back while the key is the
same. The key is what git trusts for its index, with the change time as well: the device and
inode, the size, and the modification and change times in nanoseconds. A file written since,
replaced by another (a new inode), touched, or given back its old modification time by
`touch -d` (which sets the change time) has another key, and is read and hashed again.

A file modified less than RACY_SECONDS before it was hashed is not remembered: a second write
within the same tick of the file system's clock could leave its key as it was. Records live in
`source.cache.file_record(path)`; one that cannot be read or written is only a miss. Callers
remember a file only once it was indexed without a password (`index.documents`, `index.scope`):
nothing of a file that needs one, or that failed to read, reaches the cache.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import time

RACY_SECONDS = 2.0
"""A file whose modification time is less than this many seconds before the moment it was
hashed is not remembered (a write in the same clock tick could follow unseen): coarse file
system clocks tick every few milliseconds, FAT's every 2 s."""

StatKey = tuple[int, int, int, int, int]
"""(st_dev, st_ino, st_size, st_mtime_ns, st_ctime_ns)."""


def stat_key(st: os.stat_result) -> StatKey:
    """The stat key of a file (see the module docstring)."""
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def regular_stat(path: str) -> os.stat_result | None:
    """The stat of a readable regular file, else None (the caller reads it, and says what is wrong)."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    if not stat.S_ISREG(st.st_mode) or not os.access(path, os.R_OK):
        return None
    return st


def known_sha(path: str | os.PathLike[str]) -> str | None:
    """The sha256 of the file at `path` as remembered, if its stat key is the one it had when it was
    hashed; None when it was not remembered, has changed, or is not a readable regular file."""
    from source.cache import file_record

    absolute = os.path.abspath(path)
    st = regular_stat(absolute)
    if st is None:
        return None
    try:
        with open(file_record(absolute), encoding="utf-8") as f:
            record = json.load(f)
        if record["path"] != absolute or tuple(record["key"]) != stat_key(st):
            return None
        sha = record["sha"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return sha if isinstance(sha, str) and len(sha) == 64 else None


def remember(path: str | os.PathLike[str], sha: str, before: os.stat_result) -> None:
    """Record that the file at `path` hashed to `sha`, when its stat key is still `before` (the key
    from before it was read) and it was not modified within RACY_SECONDS of now."""
    from source.cache import file_record, temp_prefix

    absolute = os.path.abspath(path)
    after = regular_stat(absolute)
    if after is None or stat_key(after) != stat_key(before):
        return  # changed while it was read
    if time.time_ns() - before.st_mtime_ns < RACY_SECONDS * 1e9:
        return
    if known_sha(absolute) == sha:
        return
    target = file_record(absolute)
    payload = json.dumps({"path": absolute, "key": list(stat_key(before)), "sha": sha})
    with contextlib.suppress(OSError):
        target.parent.mkdir(parents=True, exist_ok=True)
        import tempfile

        fd, tmp = tempfile.mkstemp(prefix=temp_prefix(target.name), suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(payload)
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
