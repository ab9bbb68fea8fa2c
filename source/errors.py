"""The errors the source package raises: each message says what is wrong and how to fix it."""

from __future__ import annotations

DEBUG_ENV = "CITEX_DEBUG"
"""Set to show pypdf's messages (and, in the CLI, tracebacks). Here, not in source.opening, so the CLI
knows it without importing the opener."""


class SourceError(Exception):
    """A PDF could not be read. The message is one line, fit for stderr."""


class NotFoundError(SourceError):
    """The path does not exist or is not a file."""


class NotAPdfError(SourceError):
    """The file is empty, truncated or not a PDF."""


class EncryptedError(SourceError):
    """The PDF is encrypted and no (or a wrong) password was given."""


class NoTextLayerError(SourceError):
    """The PDF has no text to extract (scanned pages)."""


class LimitError(SourceError):
    """Reading the PDF would take more work than a limit allows (see source.limits): the
    message names the flag that raises the limit."""


class CancelledError(SourceError):
    """The reading was cancelled by its caller (`source.limits.watching`); nothing is cached."""


DAMAGED_HINT = "re-save or print it to PDF with a viewer and try again (CITEX_DEBUG=1 shows the details)"
"""What to do with a PDF that is damaged in a way only its parser can see."""


def damaged(name: str, what: str = "") -> str:
    """The one line for a PDF damaged inside: where it broke (if known) and what to do, no internals."""
    where = f" ({what})" if what else ""
    return f"{name} is damaged{where}: Citex cannot read it: {DAMAGED_HINT}"
