"""A user's corrections to a document's citation metadata, kept in the data directory.

One JSON file (`metadata.json` in the data directory, see `explorer.locations`) maps each
document's sha256 to the fields a user set: `{"format": 1, "documents": {sha: {"title": ...}}}`.
Writes are atomic (a temp file, fsync, rename) and made under a lock file after reading the
file again, so two writers lose nothing. A file that cannot be parsed is never overwritten:
it is moved aside to `metadata.json.damaged-<time>` (its bytes kept) with a warning.

`effective_metadata(document, data_dir)` is the one function every caller (the CLI, every
citation style, the TUI) uses to get a document's metadata with the corrections laid over it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from index.datafile import locked, move_aside
from index.errors import CitexIndexError
from source.cache import notice, write_atomic
from source.metadata import corrected
from source.model import META_FIELDS, Document, Metadata

FORMAT = 1
"""Version of the corrections file's format."""
FILE_NAME = "metadata.json"
"""Name of the corrections file in the data directory."""


class MetadataFileError(CitexIndexError):
    """The corrections file cannot be read, locked or written."""


def corrections_path(data_dir: Path) -> Path:
    """The corrections file in a data directory."""
    return data_dir / FILE_NAME


def _valid(data: object) -> dict[str, dict[str, str]]:
    """The documents of a parsed file; raises ValueError naming what is wrong."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError("not a Citex metadata file of this version")
    documents = data.get("documents")
    if not isinstance(documents, dict):
        raise ValueError("its documents are not an object")
    result: dict[str, dict[str, str]] = {}
    for sha, fields in documents.items():
        if not isinstance(fields, dict) or len(sha) != 64:
            raise ValueError(f"entry {sha!r} is not a sha256 with fields")
        for name, value in fields.items():
            if name not in META_FIELDS or not isinstance(value, str):
                raise ValueError(f"entry {sha[:12]}: {name!r} is not a metadata field with a text value")
        result[sha] = dict(fields)
    return result


def read_all(path: Path) -> dict[str, dict[str, str]]:
    """Every document's corrections ({} when there is no file; a damaged one is moved aside)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise MetadataFileError(f"cannot read the metadata file {path}: {exc.strerror or exc}") from None
    try:
        return _valid(json.loads(text))
    except ValueError as exc:
        backup = move_aside(path, "metadata file", MetadataFileError)
        notice(
            f"the metadata file {path} could not be read ({exc}); it was moved to {backup} "
            "and the corrections start empty"
        )
        return {}


def corrections(doc_id: str, data_dir: Path) -> dict[str, str]:
    """The fields a user set for one document (by its sha256)."""
    return dict(read_all(corrections_path(data_dir)).get(doc_id, {}))


def correct(
    doc_id: str, data_dir: Path, set_: Mapping[str, str] | None = None, unset: tuple[str, ...] = ()
) -> dict[str, str]:
    """Store corrections for one document: set each field of `set_` (an empty value clears the
    field), forget those in `unset` (back to what the PDF says). Returns the document's corrections."""
    set_ = dict(set_ or {})
    unknown = [k for k in [*set_, *unset] if k not in META_FIELDS]
    if unknown:
        raise MetadataFileError(f"unknown metadata field {unknown[0]!r} (fields: {', '.join(META_FIELDS)})")
    path = corrections_path(data_dir)
    with locked(path, "metadata file", MetadataFileError):
        data = read_all(path)
        fields = data.get(doc_id, {})
        fields.update({k: " ".join(v.split()) for k, v in set_.items()})
        for name in unset:
            fields.pop(name, None)
        if fields:
            data[doc_id] = fields
        else:
            data.pop(doc_id, None)
        payload = json.dumps({"format": FORMAT, "documents": data}, ensure_ascii=False, indent=1)
        try:
            write_atomic(path, payload)
        except OSError as exc:
            raise MetadataFileError(f"cannot write the metadata file {path}: {exc.strerror or exc}") from None
    return dict(fields)


def effective_metadata(document: Document, data_dir: Path) -> Metadata:
    """The document's metadata with the user's corrections laid over it (provenance "user")."""
    return corrected(document.metadata, corrections(document.id, data_dir))
