"""The headless CLI on the bundled report: info, pages, text, notes, exit codes and --json."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from explorer.cli import main
from explorer.text import clean_for_terminal

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


pytestmark = pytest.mark.usefixtures("shared_cli_cache")


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def run_json(*args: str) -> Any:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    return json.loads(result.stdout)


def all_strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in [k, *all_strings(v)]]
    if isinstance(value, list):
        return [s for v in value for s in all_strings(v)]
    return []


def test_help_lists_the_commands() -> None:
    result = run("--help")
    assert result.exit_code == 0
    for command in ("info", "pages", "text", "notes"):
        assert command in result.stdout


def test_info_on_the_bundled_report() -> None:
    data = run_json("info")
    assert data["pages"] == 52
    assert "Connection Denied" in data["title"]
    assert data["author"] == "Amnesty International"
    assert data["notes"] > 0
    assert data["path"].endswith("connection-denied.pdf")
    text = run("info")
    assert text.exit_code == 0
    assert "Connection Denied" in text.stdout


def test_pages_json_gives_physical_page_and_printed_label() -> None:
    data = run_json("pages")
    assert [row["page"] for row in data] == list(range(1, 53))
    assert all(set(row) == {"page", "label", "inferred", "source"} for row in data)
    labels = {row["page"]: row["label"] for row in data}
    assert labels[2] == "7"  # the report's printed numbers run 5 ahead of the physical pages
    assert labels[10] == "15"
    assert all(row["source"] == "printed" and row["inferred"] is None for row in data[1:-1])
    # The cover and the back cover print no number: the guess is kept apart, never a label.
    assert data[0] == {"page": 1, "label": None, "inferred": "6", "source": "inferred"}
    assert data[-1] == {"page": 52, "label": None, "inferred": "57", "source": "inferred"}


def test_pages_text_marks_a_guess_in_brackets() -> None:
    lines = run("pages").stdout.splitlines()
    assert (lines[0], lines[1], lines[-1]) == ("1\t[6]", "2\t7", "52\t[57]")


def test_text_page_of_an_unnumbered_page_is_found_only_as_a_guess() -> None:
    assert run("text", "--page", "6").exit_code == 1  # no page prints 6
    cover = run_json("text", "--page", "[6]")
    assert [p["page"] for p in cover] == [1] and cover[0]["label"] is None
    assert [p["page"] for p in run_json("text", "--page", "#1")] == [1]


def test_pages_text_is_one_tab_separated_line_per_page() -> None:
    result = run("pages")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 52
    assert lines[9] == "10\t15"


def test_text_by_printed_label_and_by_physical_index_agree() -> None:
    by_label = run("text", "--page", "15")
    by_index = run("text", "--index", "10")
    assert by_label.exit_code == 0 and by_index.exit_code == 0
    assert by_label.stdout == by_index.stdout
    assert "freedom of" in by_index.stdout
    assert "[1]" in by_index.stdout  # the marker of note 1, inline


def test_text_json_gives_blocks_with_kind_text_and_markers() -> None:
    data = run_json("text", "--index", "10")
    assert len(data) == 1 and data[0]["page"] == 10 and data[0]["label"] == "15"
    blocks = data[0]["blocks"]
    assert blocks and all({"kind", "text", "markers", "level"} <= set(b) for b in blocks)
    markers = [(b, m) for b in blocks for m in b["markers"]]
    assert any(m["label"] == "1" for _, m in markers)
    for block, marker in markers:
        assert 0 < marker["offset"] <= len(block["text"])


def test_text_of_every_page_has_a_line_per_page() -> None:
    result = run("text")
    assert result.exit_code == 0
    assert result.stdout.count("--- page ") == 52


def test_text_exit_codes() -> None:
    missing = run("text", "--page", "no-such-label")
    assert missing.exit_code == 1
    assert missing.stdout == ""
    out_of_range = run("text", "--index", "99")
    assert out_of_range.exit_code == 2
    assert out_of_range.stderr.startswith("citex: error: ") and len(out_of_range.stderr.splitlines()) == 1
    both = run("text", "--page", "15", "--index", "10")
    assert both.exit_code == 2


def test_notes_json_has_exactly_the_documented_shape() -> None:
    data = run_json("notes")
    pages = {row["page"]: row["label"] or f"[{row['inferred']}]" for row in run_json("pages")}
    assert data
    for note in data:
        assert set(note) == {
            "label",
            "kind",
            "page",
            "page_label",
            "text",
            "markers",
            "sources",
        }  # issue 9: sources
        assert isinstance(note["label"], str) and note["label"]
        assert note["kind"] in ("footnote", "endnote")
        assert note["page_label"] == pages[note["page"]]
        assert isinstance(note["text"], str) and note["text"]
        for marker in note["markers"]:
            assert set(marker) == {"page", "page_label", "context"}
            assert marker["page_label"] == pages[marker["page"]]
            assert marker["context"]


def test_note_1_resolves_to_its_page_and_citing_sentence() -> None:
    notes = run_json("notes", "--label", "1")
    assert len(notes) == 1
    note = notes[0]
    assert (note["page"], note["page_label"]) == (10, "15")
    assert "Report of the Commission of Inquiry" in note["text"]
    assert [m["page"] for m in note["markers"]] == [10]
    assert "freedom of expression" in note["markers"][0]["context"]


def test_notes_text_lines() -> None:
    result = run("notes")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == len(run_json("notes"))
    assert any(line.startswith("1  p.15  ") for line in lines)


def test_notes_with_an_unknown_label_exit_1() -> None:
    result = run("notes", "--label", "99999", "--json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == []


def test_json_strings_carry_no_control_characters() -> None:
    for command in ("info", "pages", "notes", "text"):
        for s in all_strings(run_json(command)):
            assert not CONTROL.search(s.replace("\n", "").replace("\t", "")), (command, s)


def test_a_copy_elsewhere_is_reported_under_its_own_path(tmp_path: Path) -> None:
    from explorer.locations import bundled_report

    copy = tmp_path / "copy.pdf"
    copy.write_bytes(bundled_report().read_bytes())
    data = run_json("info", str(copy))
    assert data["path"] == str(copy)
    assert data["pages"] == 52


def test_clean_for_terminal_strips_escapes_and_controls() -> None:
    assert clean_for_terminal("a\x1b[31mred\x1b[0m b") == "ared b"
    assert clean_for_terminal("x\x1b]0;evil title\x07y") == "xy"
    assert clean_for_terminal("x\x1b]52;c;ZXZpbA==\x1b\\y") == "xy"
    assert clean_for_terminal("a\x00b\x7fc\x9b2Jd") == "abcd"
    assert clean_for_terminal("right\u202eleft") == "rightleft"
    assert clean_for_terminal("one\ntwo\tthree") == "one two three"
    assert clean_for_terminal("one\r\ntwo\tthree", keep_newlines=True, keep_tabs=True) == "one\ntwo\tthree"
    assert clean_for_terminal("Café “quoted” — fine") == "Café “quoted” — fine"
    assert clean_for_terminal("lone escape\x1b") == "lone escape"
