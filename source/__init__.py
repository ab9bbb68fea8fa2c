"""PDF -> Document: read a PDF into pages, blocks, footnotes and sentences.

`read_pdf` parses a file; `open_document` does the same through the cache.
Neither imports Whoosh or Textual, nor anything of `index` or `explorer`. Importing this package
(as importing any module in it does) imports only `source.errors`: the model and the limits are
imported when first named here (`source.Document`), so `source.cleaning` or `source.cache` alone
cost no more than themselves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from source.errors import (
    EncryptedError,
    LimitError,
    NoTextLayerError,
    NotAPdfError,
    NotFoundError,
    SourceError,
)

if TYPE_CHECKING:
    from source.limits import Limits, use_limits
    from source.model import (
        Block,
        Document,
        Marker,
        MarkerRef,
        Metadata,
        Note,
        Page,
        Sentence,
    )
    from source.version import PARSER_VERSION

__all__ = [
    "PARSER_VERSION",
    "Block",
    "Document",
    "EncryptedError",
    "LimitError",
    "Limits",
    "Marker",
    "MarkerRef",
    "Metadata",
    "Note",
    "NoTextLayerError",
    "NotAPdfError",
    "NotFoundError",
    "Page",
    "Sentence",
    "SourceError",
    "open_document",
    "read_pdf",
    "use_limits",
]


def read_pdf(path: str, password: str | None = None, limits: Limits | None = None) -> Document:
    """Read a PDF into a Document (no cache). Raises a SourceError on bad input, a LimitError
    (also a SourceError) when reading it would pass `limits` (default: those in force)."""
    from source.opening import read_pdf as _read_pdf

    return _read_pdf(path, password=password, limits=limits)


def open_document(path: str, password: str | None = None) -> Document:
    """Read a PDF through the cache: parse once, then load the cached JSON (never cached with a password)."""
    from source.opening import open_document as _open_document

    return _open_document(path, password=password)


_LAZY = {
    "Limits": "source.limits",
    "use_limits": "source.limits",
    "PARSER_VERSION": "source.version",
    **{
        name: "source.model"
        for name in (
            "Block",
            "Document",
            "Marker",
            "MarkerRef",
            "Metadata",
            "Note",
            "Page",
            "Sentence",
        )
    },
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'source' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
