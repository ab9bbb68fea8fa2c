"""Document -> searchable index: full-text search, fuzzy quote finding, verification, libraries.

    from index import open_corpus, Library
    with open_corpus(["report.pdf"]) as corpus:
        corpus.search('"mobile phones" AND border', limit=10)   # SearchResult
        corpus.find("the leader wields total power", limit=5)   # [Hit], scored 0-100
        corpus.verify("wields absolute power")                  # Verification

Importing this package is cheap: Whoosh, rapidfuzz and pypdf are imported when first used.
Neither textual nor anything of `explorer` is ever imported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from index.errors import CitexIndexError, LibraryError
from index.results import Hit, SearchResult, Span

if TYPE_CHECKING:
    from index.corpus import Corpus
    from index.documents import corpus_of, document_index, index_document, open_corpus
    from index.libfile import LibraryEntry
    from index.library import Library
    from index.verdicts import DiffOp, Verification

__all__ = [
    "CitexIndexError",
    "Corpus",
    "DiffOp",
    "Hit",
    "Library",
    "LibraryEntry",
    "LibraryError",
    "SearchResult",
    "Span",
    "Verification",
    "corpus_of",
    "document_index",
    "index_document",
    "open_corpus",
]

_LAZY = {
    "Corpus": "index.corpus",
    "corpus_of": "index.documents",
    "document_index": "index.documents",
    "index_document": "index.documents",
    "open_corpus": "index.documents",
    "Library": "index.library",
    "LibraryEntry": "index.libfile",
    "DiffOp": "index.verdicts",
    "Verification": "index.verdicts",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'index' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
