"""The one way in: open a PDF, through the cache, turning every kind of bad input into a SourceError.

`open_document(path, password)` checks the path, reads the file once and hashes those bytes
once, loads the cached Document for that hash or parses the bytes (`source.reader`), and
applies the password rule: a document opened with a password is never written to disk
(no Document JSON here, and callers index it in memory only). It is the only place that
turns pypdf's exceptions (and anything else a damaged file makes pypdf raise) into
Citex's one-line errors; `read_pdf` does the same without the cache.

`check_path` validates a path (missing, a directory, unreadable); `open_reader` also checks
the bytes (empty, not a PDF, truncated), opens the file with pypdf and decrypts it.
Each error message says what is wrong with the file and, where it can, how to fix it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from source.errors import DEBUG_ENV as DEBUG_ENV
from source.errors import EncryptedError, LimitError, NotAPdfError, NotFoundError, SourceError, damaged
from source.limits import Budget, Limits, current_limits

if TYPE_CHECKING:
    from pypdf import PdfReader

    from source.model import Document

_HEADER_WINDOW = 1024
"""The PDF header (%PDF-) may stand anywhere in the first 1024 bytes."""
_TRAILER_WINDOW = 2048
"""A whole file ends with %%EOF (maybe followed by some junk) within its last bytes."""


def quiet_pypdf() -> None:
    """Keep pypdf's log messages and warnings off stderr (CITEX_DEBUG=1 shows them)."""
    if os.environ.get(DEBUG_ENV):
        return
    import logging  # here, not at the top: a warm search never opens a PDF with pypdf

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


@dataclass(frozen=True)
class PdfFile:
    """A PDF's bytes, read once after checking its path, and their hash."""

    path: str
    """The path as given."""
    sha: str
    """sha256 (hex) of `data`: the Document's id, and its key in the cache."""
    data: bytes
    """The whole file."""


def identify(path: str | os.PathLike[str]) -> PdfFile:
    """Check the path, read the file once and hash it. Raises NotFoundError."""
    data = read_bytes(path)
    return PdfFile(str(path), hashlib.sha256(data).hexdigest(), data)


def open_document(
    pdf: str | os.PathLike[str] | PdfFile, password: str | None = None, limits: Limits | None = None
) -> Document:
    """The Document of a PDF (a path, or a file already identified), through the cache.

    The first time a file is seen it is parsed and its Document cached; later calls load the
    JSON (any damage in it means: parse again). With a password nothing is written: the text of
    a protected PDF must not be readable from the cache without it (a cached Document of the
    same bytes exists only when they opened without one, and is used). The returned Document's
    `path` is the path given, wherever the cached one was read from. Raises a SourceError.
    """
    from source.cache import load_cached, store

    file = pdf if isinstance(pdf, PdfFile) else identify(pdf)
    cached = load_cached(file.sha)
    if cached is not None:
        return cached if cached.path == file.path else dataclasses.replace(cached, path=file.path)
    document = _parse(file, password, limits)
    if password is None:
        store(document)
    return document


def read_pdf(
    path: str | os.PathLike[str], password: str | None = None, limits: Limits | None = None
) -> Document:
    """Parse a PDF into a Document without the cache. Raises a SourceError (one line) on bad input,
    a LimitError when reading it would pass one of `limits` (default: those in force)."""
    return _parse(identify(path), password, limits)


def _parse(file: PdfFile, password: str | None, limits: Limits | None = None) -> Document:
    """Parse the bytes within the limits; every failure inside pypdf or the reader becomes a
    one-line SourceError that names no internals."""
    from pypdf import apply_configuration

    from source.deadline import Deadline, TimeUp
    from source.reader import read

    quiet_pypdf()
    budget = Budget(limits if limits is not None else current_limits(), file.path)
    try:
        with Deadline(budget), apply_configuration(None, **budget.pypdf_overrides()):
            return read(open_reader(file, password), file.path, file.sha, budget)
    except SourceError:
        raise
    except TimeUp:  # only if it came after Deadline was left (it turns its own into a LimitError)
        raise budget.out_of_time() from None
    except RecursionError:
        raise NotAPdfError(damaged(file.path, "its structure nests too deep")) from None
    except MemoryError:
        raise LimitError(
            f"{file.path}: ran out of memory reading it: lower --max-page-operators and --max-runs to stop sooner"
        ) from None
    except Exception:  # noqa: BLE001 - a damaged PDF may fail anywhere inside pypdf
        if os.environ.get(DEBUG_ENV):
            raise
        raise NotAPdfError(damaged(file.path, f"on page {budget.page}" if budget.page else "")) from None


def open_reader(pdf: str | os.PathLike[str] | PdfFile, password: str | None = None) -> PdfReader:
    """Validate a PDF, open it with pypdf (not strict) and decrypt it; raise a SourceError on bad input.

    - missing path or a directory: NotFoundError
    - empty, not a PDF, truncated or damaged: NotAPdfError
    - encrypted without a password, or with a wrong one: EncryptedError
    """
    import io

    quiet_pypdf()  # before pypdf is imported (the CLI no longer does it for every command)
    from pypdf.errors import DependencyError, LimitReachedError, PyPdfError

    from source.objstreams import LazyReader

    file = pdf if isinstance(pdf, PdfFile) else identify(pdf)
    name = file.path
    check_pdf_bytes(file.data, name)
    try:
        reader = LazyReader(io.BytesIO(file.data), strict=False)  # pypdf's, object streams read lazily
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
        if _caused_by(exc, LimitReachedError) and "array" in _chain_text(exc):  # a fixed limit of pypdf's
            raise LimitError(
                f"{name}: stopped while opening it: an array in it (a page tree's list of pages, say) "
                "holds more elements than Citex reads: it cannot be read"
            ) from None
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


def _chain_text(exc: BaseException) -> str:
    """The messages of `exc` and of the exceptions it was raised from or while handling."""
    seen: set[int] = set()
    texts: list[str] = []
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        texts.append(str(current))
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return " ".join(texts).lower()


def _reason(exc: BaseException) -> str:
    """A short, one-line reason taken from an exception."""
    if isinstance(exc, OSError) and exc.strerror:
        text = exc.strerror
    else:
        text = str(exc) or type(exc).__name__
    text = " ".join(text.split())
    return text[:117] + "..." if len(text) > 120 else text
