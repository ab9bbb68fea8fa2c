"""The TUI's settings, remembered between runs in one JSON file under the user config directory
(`explorer.locations.settings_file`): citation style, theme, the last document shown and where
each document was left.

Headless: no Textual. Written atomically (`source.cache.write_atomic`). A file that cannot be
read as settings is set aside (renamed with `CORRUPT_SUFFIX`) and the defaults used, with one
warning saying where it went; nothing in it is guessed at.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from source.cache import write_atomic

MAX_PLACES = 200
"""Documents whose place is remembered (the least recently shown are forgotten first)."""
CORRUPT_SUFFIX = ".corrupt"
"""Added (with a timestamp) to the name of a settings file that could not be read."""


@dataclass(frozen=True)
class Place:
    """Where the reader was left in one document."""

    page: int
    """1-based physical page."""
    cursor: int | None = None
    """Index of the cursor sentence in Document.sentences (None: the page's first)."""
    extent: int = 1
    """How many sentences were selected from the cursor."""
    path: str = ""
    """The file it was read from last (to say which document, not to find it)."""


@dataclass(frozen=True)
class Settings:
    """What the TUI remembers between runs."""

    style: str = ""
    """The citation style's name (`explorer.citation.STYLE_NAMES`); "" for the default."""
    theme: str = ""
    """The Textual theme's name; "" for the default."""
    last: str = ""
    """Id of the document shown last (it is shown first again when it is in the scope)."""
    places: dict[str, Place] = field(default_factory=dict)
    """Document id -> where the reader was left in it (most recently shown last)."""

    def with_place(self, doc_id: str, place: Place) -> Settings:
        """These settings with `place` remembered for `doc_id` (and `doc_id` the last shown)."""
        places = {k: v for k, v in self.places.items() if k != doc_id}
        places[doc_id] = place
        while len(places) > MAX_PLACES:
            places.pop(next(iter(places)))
        return replace(self, places=places, last=doc_id)


def _place(raw: Any) -> Place | None:
    if not isinstance(raw, dict):
        return None
    try:
        page = int(raw["page"])
        cursor = raw.get("cursor")
        return Place(
            page,
            None if cursor is None else int(cursor),
            max(1, int(raw.get("extent", 1))),
            str(raw.get("path", "")),
        )
    except (KeyError, TypeError, ValueError):
        return None


def parse(text: str) -> Settings:
    """Settings from the file's text; raises ValueError when it is not a settings object."""
    data = json.loads(text)
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    raw_places = data.get("places", {})
    places = {}
    for doc_id, raw in raw_places.items() if isinstance(raw_places, dict) else ():
        place = _place(raw)
        if place is not None:
            places[str(doc_id)] = place
    return Settings(
        str(data.get("style", "") or ""),
        str(data.get("theme", "") or ""),
        str(data.get("last", "") or ""),
        places,
    )


def load(path: Path) -> tuple[Settings, str]:
    """The settings in `path` (the defaults when it is missing) and a warning ("" when none).

    A file that is not valid settings is renamed aside (so the next save does not destroy what
    the user may want back) and the warning says where it went."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings(), ""
    except OSError as exc:
        return Settings(), f"settings not read ({path}: {exc.strerror or exc}); using the defaults"
    try:
        return parse(text), ""
    except (ValueError, AttributeError, TypeError):
        aside = path.with_name(f"{path.name}{CORRUPT_SUFFIX}-{time.strftime('%Y%m%d-%H%M%S')}")
        try:
            path.replace(aside)
        except OSError as exc:
            return Settings(), f"settings file {path} is damaged and could not be moved aside ({exc})"
        return Settings(), f"settings file was damaged: moved aside to {aside}; using the defaults"


def save(settings: Settings, path: Path) -> None:
    """Write the settings atomically (a temp file, fsync, then a rename). Raises OSError."""
    data = {
        "style": settings.style,
        "theme": settings.theme,
        "last": settings.last,
        "places": {k: asdict(v) for k, v in settings.places.items()},
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, json.dumps(data, ensure_ascii=False, indent=1))
