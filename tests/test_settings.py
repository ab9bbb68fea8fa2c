"""explorer.settings (the TUI's remembered settings) and explorer.outcomeview (the verify diff), headless."""

from __future__ import annotations

import json
from pathlib import Path

from explorer import settings
from explorer.locations import Locations, settings_file
from explorer.outcomeview import STYLE_MISSING, STYLE_SOURCE, word_diff_text


def test_settings_file_is_under_the_config_directory(fresh_config: Path) -> None:
    assert settings_file() == fresh_config / "settings.json"
    assert Locations.here().settings == fresh_config / "settings.json"


def test_round_trip_and_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "settings.json"
    assert settings.load(path) == (settings.Settings(), "")
    saved = settings.Settings("apa", "textual-light").with_place("abc", settings.Place(7, 40, 2, "/x.pdf"))
    settings.save(saved, path)
    assert settings.load(path) == (saved, "")
    assert saved.last == "abc"
    assert [p.name for p in path.parent.iterdir()] == ["settings.json"]  # no temp file left


def test_bad_entries_are_dropped_not_guessed(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(
        json.dumps({"style": "mla", "places": {"ok": {"page": 3}, "bad": {"page": "x"}, "worse": [1]}})
    )
    loaded, warning = settings.load(path)
    assert warning == "" and loaded.style == "mla"
    assert loaded.places == {"ok": settings.Place(3)}


def test_damaged_file_is_moved_aside_once(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text("[1, 2")
    loaded, warning = settings.load(path)
    assert loaded == settings.Settings() and "moved aside" in warning
    aside = list(tmp_path.glob("settings.json.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_text() == "[1, 2" and not path.exists()
    assert settings.load(path) == (settings.Settings(), "")  # the next start is quiet


def test_places_are_bounded_most_recent_kept() -> None:
    remembered = settings.Settings()
    for i in range(settings.MAX_PLACES + 5):
        remembered = remembered.with_place(f"doc{i}", settings.Place(1))
    assert len(remembered.places) == settings.MAX_PLACES
    assert "doc0" not in remembered.places and f"doc{settings.MAX_PLACES + 4}" in remembered.places


def test_word_diff_marks_changed_words_and_leaves_out_the_rest_of_the_sentence() -> None:
    diff = word_diff_text(
        "they set up triple nets to halt it", "and so they set up triple nets to stop it, said he"
    )
    assert diff.plain == "they set up triple nets to halt stop it"
    styled = [(diff.plain[s.start : s.end], s.style) for s in diff.spans]
    assert styled == [("halt", STYLE_MISSING), ("stop", STYLE_SOURCE)]
    same = word_diff_text("Set up “triple” nets", 'set up "triple" nets')
    assert same.spans == []  # typography and case are not differences
