"""Headless views of a document's citation metadata: each value with where it came from.

Used by `citex meta`, `citex info` and the TUI's metadata dialog. Nothing here prints.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from source.model import META_FIELDS, Document, Metadata

FIELD_ALIASES: dict[str, str] = {
    "report-number": "report_number",
    "number": "report_number",
    "report": "report_number",
}
"""Other names a user may give a field on the command line."""


def field_name(name: str) -> str:
    """The Metadata field a user's name stands for ("report-number" -> "report_number")."""
    name = name.strip().lower()
    return FIELD_ALIASES.get(name, name.replace("-", "_"))


def origin_label(metadata: Metadata, name: str) -> str:
    """Where a value came from, to show beside it: "info", "cover, a guess", "user"; "" when unknown."""
    found = metadata.origin(name)
    if found is None:
        return ""
    return f"{found.source}, a guess" if found.guess else found.source


def fields_data(metadata: Metadata) -> dict[str, dict[str, Any]]:
    """Each citation field: {"value", "source" (None when empty), "guess"}."""
    result: dict[str, dict[str, Any]] = {}
    for name in META_FIELDS:
        found = metadata.origin(name)
        result[name] = {
            "value": getattr(metadata, name),
            "source": found.source if found else None,
            "guess": bool(found and found.guess),
        }
    return result


def meta_data(document: Document, data_dir: Path) -> dict[str, Any]:
    """What `citex meta --json` prints: the document, its fields (corrections laid over what the
    PDF says) and the corrections stored for it."""
    from index.meta import corrections, effective_metadata

    metadata = effective_metadata(document, data_dir)
    return {
        "path": document.path,
        "id": document.id,
        "fields": fields_data(metadata),
        "read": fields_data(document.metadata),
        "corrections": corrections(document.id, data_dir),
    }


def meta_lines(metadata: Metadata) -> list[str]:
    """The text `citex meta` prints: one line per field, its value and where it came from ("-" when empty)."""
    width = max(len(n) for n in META_FIELDS)
    lines = []
    for name in META_FIELDS:
        value = getattr(metadata, name)
        where = origin_label(metadata, name)
        shown = f"{value}  [{where}]" if value and where else value or "-"
        lines.append(f"{name.replace('_', ' '):<{width}}  {shown}")
    return lines
