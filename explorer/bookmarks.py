"""Bookmarks, per document, in one JSON file under the data directory (written atomically, with
`source.cache.write_atomic`: a temp file, fsync, then a rename). Each has a name (the user's, else
a few words of the place); one per place (page and block): adding at a place renames it."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from explorer.locations import bookmarks_file
from source.cache import write_atomic


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
    name: str = ""
    """The name the user gave it ("" when none)."""

    @property
    def title(self) -> str:
        """What the list shows: its name, else its words."""
        return self.name or self.text


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
                Bookmark(
                    int(entry["page"]),
                    str(entry["label"]),
                    int(entry["block"]),
                    str(entry["text"]),
                    str(entry.get("name", "")),
                )
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
    write_atomic(target, json.dumps(data, ensure_ascii=False, indent=1))


def toggle(doc_id: str, mark: Bookmark, path: Path | None = None) -> bool:
    """Add the bookmark, or remove it if the page already has one; True when added."""
    current = load(doc_id, path)
    kept = [b for b in current if b.page != mark.page]
    added = len(kept) == len(current)
    save(doc_id, kept + [mark] if added else kept, path)
    return added


def add(doc_id: str, mark: Bookmark, path: Path | None = None) -> None:
    """Add a bookmark (replacing the one at the same place, so adding again renames it)."""
    kept = [b for b in load(doc_id, path) if (b.page, b.block) != (mark.page, mark.block)]
    save(doc_id, [*kept, mark], path)


def delete(doc_id: str, mark: Bookmark, path: Path | None = None) -> bool:
    """Delete the bookmark at `mark`'s place; True when there was one."""
    current = load(doc_id, path)
    kept = [b for b in current if (b.page, b.block) != (mark.page, mark.block)]
    save(doc_id, kept, path)
    return len(kept) < len(current)
