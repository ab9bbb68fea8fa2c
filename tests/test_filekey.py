"""A PDF's hash remembered with its stat key (source.filekey): a warm search does not read the file,
and a changed file is read again, even when its size and modification time are as they were."""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from pathlib import Path

import pytest
from index_docs import write_pdf

import source.opening
from index.scope import Target, open_scope
from source.filekey import RACY_SECONDS, known_sha

WALRUS = [["The walrus ate the cabbage in the garden of the old house by the sea."]]
TURNIP = [["The turnip ate the cabbage in the garden of the old house by the sea."]]
DAY_NS = 86_400 * 10**9


def _age(path: Path, ns: int = DAY_NS) -> None:
    """Set the file's modification time back (an old file, not one just written)."""
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - ns))


def _same_size(a: Path, b: Path) -> None:
    """Pad the smaller of two PDFs after its %%EOF with newlines (still a whole PDF) to the other's size."""
    size = max(a.stat().st_size, b.stat().st_size)
    for path in (a, b):
        with path.open("ab") as f:
            f.write(b"\n" * (size - path.stat().st_size))


def _search(path: Path, query: str) -> list[str]:
    with open_scope(Target("pdfs", (str(path),))) as scope:
        return [hit.text for hit in scope.search(query).hits]


def _pdfs(tmp_path: Path) -> tuple[Path, Path]:
    walrus, turnip = tmp_path / "walrus.pdf", tmp_path / "turnip.pdf"
    write_pdf(walrus, WALRUS)
    write_pdf(turnip, TURNIP)
    _same_size(walrus, turnip)
    assert walrus.read_bytes() != turnip.read_bytes()
    return walrus, turnip


def test_a_file_just_written_is_not_remembered(tmp_path: Path) -> None:
    walrus, _ = _pdfs(tmp_path)
    assert _search(walrus, "walrus")
    assert known_sha(walrus) is None  # modified within RACY_SECONDS: a write in the same tick could follow
    assert RACY_SECONDS > 0


def test_a_warm_search_does_not_read_the_pdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    walrus, _ = _pdfs(tmp_path)
    _age(walrus)
    assert _search(walrus, "walrus")
    assert known_sha(walrus) == hashlib.sha256(walrus.read_bytes()).hexdigest()

    def no_read(path: object) -> bytes:
        raise AssertionError(f"{path} was read")

    monkeypatch.setattr(source.opening, "read_bytes", no_read)
    assert _search(walrus, "walrus")


def test_a_file_rewritten_with_its_old_size_and_mtime_is_read_again(tmp_path: Path) -> None:
    """Same inode, same size, modification time set back to what it was: the change time tells."""
    walrus, turnip = _pdfs(tmp_path)
    _age(walrus)
    assert _search(walrus, "walrus") and known_sha(walrus) is not None
    before = walrus.stat()
    time.sleep(0.01)  # a change time the file system can tell from the first
    with walrus.open("r+b") as f:
        f.write(turnip.read_bytes())
    os.utime(walrus, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = walrus.stat()
    assert (after.st_ino, after.st_size, after.st_mtime_ns) == (
        before.st_ino,
        before.st_size,
        before.st_mtime_ns,
    )
    assert known_sha(walrus) is None
    assert _search(walrus, "turnip") and not _search(walrus, "walrus")


def test_a_file_replaced_by_another_is_read_again(tmp_path: Path) -> None:
    """A new inode (a download saved over the old file, `mv new old`), even with the old times."""
    walrus, turnip = _pdfs(tmp_path)
    _age(walrus)
    assert _search(walrus, "walrus") and known_sha(walrus) is not None
    before = walrus.stat()
    replacement = tmp_path / "replacement.pdf"
    shutil.copyfile(turnip, replacement)
    os.utime(replacement, ns=(before.st_atime_ns, before.st_mtime_ns))
    os.replace(replacement, walrus)
    assert known_sha(walrus) is None
    assert _search(walrus, "turnip") and not _search(walrus, "walrus")


def test_a_damaged_record_is_only_a_miss(tmp_path: Path) -> None:
    from source.cache import file_record

    walrus, _ = _pdfs(tmp_path)
    _age(walrus)
    assert _search(walrus, "walrus") and known_sha(walrus) is not None
    record = file_record(os.path.abspath(walrus))
    record.write_text('{"path": 3', encoding="utf-8")
    assert known_sha(walrus) is None
    assert _search(walrus, "walrus")
    assert known_sha(walrus) is not None  # written again


def test_a_remembered_file_gone_fails_as_before(tmp_path: Path) -> None:
    from source.errors import NotFoundError

    walrus, _ = _pdfs(tmp_path)
    _age(walrus)
    assert _search(walrus, "walrus") and known_sha(walrus) is not None
    walrus.unlink()
    with pytest.raises(NotFoundError, match="no such file"):
        _search(walrus, "walrus")


def test_nothing_is_remembered_of_a_pdf_that_needs_a_password(tmp_path: Path) -> None:
    """Neither a failed open without the password nor an open with it leaves a record in the cache."""
    from test_bad_input import PASSWORD, encrypted_pdf

    from source.cache import file_record
    from source.errors import EncryptedError

    locked = encrypted_pdf(tmp_path / "locked.pdf")
    _age(locked)
    with pytest.raises(EncryptedError):
        _search(locked, "border")
    with open_scope(Target("pdfs", (str(locked),)), PASSWORD) as scope:
        assert scope.search("border").hits
    assert known_sha(locked) is None
    assert not file_record(os.path.abspath(locked)).exists()
