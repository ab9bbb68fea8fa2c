"""Every path Citex reads or writes, in one place (built on platformdirs).

- the bundled report (package data, read-only);
- the cache of parsed documents and indexes (its layout is `source.cache`'s; env CITEX_CACHE_DIR);
- the data directory for the library, bookmarks and metadata corrections (env CITEX_DATA_DIR);
- the config directory for the TUI's settings (env CITEX_CONFIG_DIR).

`Locations.here()` computes them once (the CLI does, at start); the commands and the TUI
are handed the result, and pass it down (to `index.scope`, to the bookmarks).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from source.cache import cache_root, entry_dir

__all__ = [
    "BUNDLED_REPORT_NAME",
    "CONFIG_ENV",
    "DATA_ENV",
    "Locations",
    "bookmarks_file",
    "bundled_report",
    "cache_root",
    "config_dir",
    "data_dir",
    "entry_dir",
    "library_file",
    "settings_file",
]

BUNDLED_REPORT_NAME = "connection-denied.pdf"
"""File name of the sample report shipped in explorer/data/."""
DATA_ENV = "CITEX_DATA_DIR"
"""Environment variable that overrides the data directory."""
CONFIG_ENV = "CITEX_CONFIG_DIR"
"""Environment variable that overrides the config directory."""


def bundled_report() -> Path:
    """The sample report shipped with Citex (Amnesty International, Connection Denied, 2016)."""
    return Path(__file__).resolve().parent / "data" / BUNDLED_REPORT_NAME


def data_dir() -> Path:
    """Where the library and bookmarks live: $CITEX_DATA_DIR, else the user data directory."""
    override = os.environ.get(DATA_ENV)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_path

    return user_data_path("citex")


def library_file() -> Path:
    """The list of PDFs added to the library (JSON)."""
    return data_dir() / "library.json"


def bookmarks_file() -> Path:
    """The reader's bookmarks (JSON)."""
    return data_dir() / "bookmarks.json"


def config_dir() -> Path:
    """Where the settings live: $CITEX_CONFIG_DIR, else the user config directory (XDG on Linux)."""
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_config_path

    return user_config_path("citex")


def settings_file() -> Path:
    """The TUI's settings: citation style, theme, last documents and their places (JSON)."""
    return config_dir() / "settings.json"


@dataclass(frozen=True)
class Locations:
    """Where this run of Citex reads and writes, computed once."""

    bundled: Path
    """The sample report."""
    library: Path
    """The library's list."""
    bookmarks: Path
    """The reader's bookmarks."""
    cache: Path
    """The cache root."""
    settings: Path = field(default_factory=settings_file)
    """The TUI's settings file."""

    @property
    def data(self) -> Path:
        """The data directory (where the library, bookmarks and metadata corrections live)."""
        return self.library.parent

    @property
    def metadata(self) -> Path:
        """The metadata corrections file (its name and format are `index.meta`'s)."""
        from index.meta import corrections_path

        return corrections_path(self.data)

    @classmethod
    def here(cls) -> Locations:
        """The locations for this process's environment."""
        return cls(bundled_report(), library_file(), bookmarks_file(), cache_root(), settings_file())
