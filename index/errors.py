"""The errors the index package raises: one line each, saying what is wrong and how to fix it."""

from __future__ import annotations

from typing import Any


class CitexIndexError(Exception):
    """Something about an index or a library went wrong. The message is one line, fit for stderr."""


class LibraryError(CitexIndexError):
    """The library file cannot be read or written."""

    partial: Any = None
    """For an `add` that stopped: the AddResult of what it kept (PDFs committed before the error)."""
