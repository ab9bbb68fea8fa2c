"""Open a PDF with pypdf, turning every kind of bad input into a one-line SourceError.

`check_path` validates a path (missing, a directory, unreadable); `open_reader` also checks
the bytes (empty, not a PDF, truncated), opens the file with pypdf and decrypts it.
Each error message says what is wrong with the file and, where it can, how to fix it.
"""

from __future__ import annotations

import logging
import os
import re
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

from source.errors import EncryptedError, LimitError, NotAPdfError, NotFoundError, SourceError, damaged

if TYPE_CHECKING:
    from pypdf import PdfReader

_HEADER_WINDOW = 1024
"""The PDF header (%PDF-) may stand anywhere in the first 1024 bytes."""
_TRAILER_WINDOW = 2048
"""A whole file ends with %%EOF (maybe followed by some junk) within its last bytes."""


DEBUG_ENV = "CITEX_DEBUG"
"""Set to show pypdf's messages (and, in the CLI, tracebacks)."""


def quiet_pypdf() -> None:
    """Keep pypdf's log messages and warnings off stderr (CITEX_DEBUG=1 shows them)."""
    if os.environ.get(DEBUG_ENV):
        return
    logger = logging.getLogger("pypdf")
    logger.setLevel(logging.ERROR)
    if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
        logger.addHandler(logging.NullHandler())
    logger.propagate = False
    warnings.filterwarnings("ignore", module=r"pypdf(\.|$)")


def check_path(path: str | os.PathLike[str]) -> Path:
    """The path as a Path, after checking it names a readable file. Raises NotFoundError."""
    p = Path(path)
    try:
        if p.is_dir():
            raise NotFoundError(f"{path} is a directory, not a PDF")
        if not p.exists():
            raise NotFoundError(f"no such file: {path}")
        if not p.is_file():
            raise NotFoundError(f"{path} is not a regular file")
    except OSError as exc:
        raise NotFoundError(f"cannot read {path}: {_reason(exc)}") from None
    if not os.access(p, os.R_OK):
        raise NotFoundError(f"cannot read {path}: permission denied")
    return p


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """The file's bytes, after `check_path`. Raises NotFoundError."""
    p = check_path(path)
    try:
        return p.read_bytes()
    except OSError as exc:
        raise NotFoundError(f"cannot read {path}: {_reason(exc)}") from None


def check_pdf_bytes(data: bytes, name: str, tail: bytes | None = None) -> None:
    """Raise NotAPdfError unless `data` (the whole file, or its head with `tail`) looks like a whole PDF."""
    if not data.strip():
        raise NotAPdfError(f"{name} is empty")
    if b"%PDF-" not in data[:_HEADER_WINDOW]:
        raise NotAPdfError(f"{name} is not a PDF (it does not start with %PDF-)")
    if b"%%EOF" not in (data if tail is None else tail)[-_TRAILER_WINDOW:]:
        raise NotAPdfError(f"{name} is truncated (no %%EOF at its end): it may be an incomplete download")


def check_pdf_file(path: str | os.PathLike[str]) -> None:
    """`check_path`, then `check_pdf_bytes` on the file's head and tail only (cheap on a large file)."""
    p = check_path(path)
    try:
        size = p.stat().st_size
        with p.open("rb") as f:
            head = f.read(_HEADER_WINDOW)
            f.seek(max(0, size - _TRAILER_WINDOW))
            tail = f.read()
    except OSError as exc:
        raise NotFoundError(f"cannot read {path}: {_reason(exc)}") from None
    check_pdf_bytes(head, str(path), tail=tail)


def open_reader(path: str | os.PathLike[str], password: str | None = None) -> PdfReader:
    """Validate `path`, open it with pypdf (not strict) and decrypt it; raise a SourceError on bad input.

    - missing path or a directory: NotFoundError
    - empty, not a PDF, truncated or damaged: NotAPdfError
    - encrypted without a password, or with a wrong one: EncryptedError
    """
    import io

    from pypdf import PdfReader
    from pypdf.errors import DependencyError, LimitReachedError, PyPdfError

    name = str(path)
    data = read_bytes(path)
    check_pdf_bytes(data, name)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            _decrypt(reader, name, password)
        if len(reader.pages) == 0:
            raise NotAPdfError(f"{name} has no pages")
    except SourceError:
        raise
    except DependencyError:
        raise EncryptedError(
            f"{name} uses AES encryption, which needs the cryptography package: pip install cryptography"
        ) from None
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError) as exc:
        if _caused_by(exc, LimitReachedError):  # pypdf's decoders stop at the limits read_pdf sets
            raise LimitError(
                f"{name}: stopped while opening it (a stream decompresses past a limit): "
                "raise --max-stream-mb to read further"
            ) from None
        reason = _reason(exc)
        if isinstance(exc, (PyPdfError, ValueError)) and not re.search(r"\bb['\"]|@\d", reason):
            raise NotAPdfError(f"{name} is not a PDF (or is damaged): {reason}") from None  # pypdf says what
        raise NotAPdfError(damaged(name, "its structure is broken")) from None
    return reader


def _decrypt(reader: PdfReader, name: str, password: str | None) -> None:
    """Decrypt with `password`, or with the empty user password many PDFs carry."""
    from pypdf import PasswordType

    if password is None:
        # An empty user password opens owner-locked PDFs that any viewer shows.
        if reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            raise EncryptedError(f"{name} is encrypted: give its password with --password")
        return
    if reader.decrypt(password) == PasswordType.NOT_DECRYPTED:
        raise EncryptedError(f"wrong password for {name}: give the right one with --password")


def _caused_by(exc: BaseException, kind: type[BaseException]) -> bool:
    """Whether `exc`, or an exception it was raised from or while handling, is a `kind`."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, kind):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


def _reason(exc: BaseException) -> str:
    """A short, one-line reason taken from an exception."""
    if isinstance(exc, OSError) and exc.strerror:
        text = exc.strerror
    else:
        text = str(exc) or type(exc).__name__
    text = " ".join(text.split())
    return text[:117] + "..." if len(text) > 120 else text
