"""The errors the source package raises: each message says what is wrong and how to fix it."""

from __future__ import annotations


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
