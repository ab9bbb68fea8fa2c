"""The index of one PDF or Document, through the cache: read once, index once, then open.

A PDF searched outside the library gets a small index of its own, built the first time it is
searched, at `source.cache.document_index_dir(sha)`. Opening a PDF whose index exists costs
a hash of the file and the opening of the index: document.json is not read. A document
read with a password is indexed in memory only (its text must not be cached).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING

from index.corpus import Corpus
from index.store import build_index, memory_index, open_index
from source.cache import document_index_dir
from index.units import units_of

if TYPE_CHECKING:
    from source.opening import PdfFile
    from index.whoosh_types import Index

    from source.model import Document


def index_document(document: Document, *, cache: bool = True) -> Index:
    """The index of a Document: opened from its cache entry, else built there (in memory when `cache` is off
    or the cache cannot be written)."""
    if not cache:
        return memory_index(units_of(document))
    directory = document_index_dir(document.id)
    ix = open_index(directory)
    if ix is not None:
        return ix
    try:
        return build_index(units_of(document), directory)
    except OSError:
        return memory_index(units_of(document))


def document_index(path: str | os.PathLike[str] | PdfFile, password: str | None = None) -> tuple[str, Index]:
    """(sha256, index) of a PDF; reads the PDF only when its index is not cached. A path whose hash is
    remembered with the file's unchanged stat key (`source.filekey`) is not even read; else the file
    is read and hashed once. Raises SourceError."""
    from source.filekey import known_sha, regular_stat, remember

    before = None
    if password is None and isinstance(path, (str, os.PathLike)):  # else a PdfFile, read and hashed
        sha = known_sha(path)
        if sha is not None:
            ix = open_index(document_index_dir(sha))
            if ix is not None:
                return sha, ix
        before = regular_stat(os.path.abspath(path))
    from source.opening import identify, open_document  # not for an index found by the file's key

    file = identify(path) if isinstance(path, (str, os.PathLike)) else path
    ix = open_index(document_index_dir(file.sha)) if password is None else None
    if ix is None:
        document = open_document(file, password=password)
        ix = index_document(document, cache=password is None)
    if before is not None:
        remember(file.path, file.sha, before)
    return file.sha, ix


def open_corpus(paths: Iterable[str | os.PathLike[str] | PdfFile], password: str | None = None) -> Corpus:
    """The corpus of these PDFs (each read and indexed once, through the cache).

    Raises a SourceError (one line) for a PDF that cannot be read, whatever failed inside pypdf.
    """
    indexes = []
    names: dict[str, str] = {}
    for path in paths:
        sha, ix = document_index(path, password)
        if sha not in names:
            indexes.append(ix)
            names[sha] = str(path) if isinstance(path, (str, os.PathLike)) else path.path
    return Corpus(indexes, names)


def corpus_of(documents: Iterable[Document], *, cache: bool = False) -> Corpus:
    """The corpus of Documents already read (in memory unless `cache`)."""
    indexes = []
    names: dict[str, str] = {}
    for document in documents:
        if document.id not in names:
            indexes.append(index_document(document, cache=cache))
            names[document.id] = document.path
    return Corpus(indexes, names)
