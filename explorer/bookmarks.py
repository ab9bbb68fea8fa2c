"""Bookmarks, per document, in one JSON file under the data directory (written atomically)."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from explorer.locations import bookmarks_file


@dataclass(frozen=True)
class Bookmark:
    """A place in a document."""

    page: int
    """1-based physical page."""
    label: str
    """The page's printed label."""
    block: int = 0
    """Block index on the page."""
    text: str = ""
    """A few words of the place, to recognise it by."""


def _read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def load(doc_id: str, path: Path | None = None) -> list[Bookmark]:
    """The bookmarks of one document, in page order (none when the file is missing or damaged)."""
    entries = _read(path or bookmarks_file()).get(doc_id, [])
    result: list[Bookmark] = []
    for entry in entries if isinstance(entries, list) else []:
        try:
            result.append(
                Bookmark(int(entry["page"]), str(entry["label"]), int(entry["block"]), str(entry["text"]))
            )
        except (KeyError, TypeError, ValueError):
            continue
    return sorted(result, key=lambda b: (b.page, b.block))


def save(doc_id: str, bookmarks: list[Bookmark], path: Path | None = None) -> None:
    """Replace the bookmarks of one document (the others are kept); the file is written atomically."""
    target = path or bookmarks_file()
    data = _read(target)
    data[doc_id] = [asdict(b) for b in sorted(bookmarks, key=lambda b: (b.page, b.block))]
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".bookmarks-", suffix=".json", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, indent=1)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def toggle(doc_id: str, mark: Bookmark, path: Path | None = None) -> bool:
    """Add the bookmark, or remove it if the page already has one; True when added."""
    current = load(doc_id, path)
    kept = [b for b in current if b.page != mark.page]
    added = len(kept) == len(current)
    save(doc_id, kept + [mark] if added else kept, path)
    return added
