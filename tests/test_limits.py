"""Bounded work: hostile PDFs (tests/fixtures/hostile.py) stop fast, with one line naming the flag to raise.

Each limit of source.limits is hit by a file made to hit it, through `read_pdf(limits=)`, the
environment, and the CLI flag; and raising the limit reads the file.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixtures import hostile

from explorer.cli import main
from source import LimitError, Limits, read_pdf, use_limits
from source.limits import current_limits

FAST = 5.0
"""Seconds a hostile file may take to be refused (the limits stop it long before)."""


@pytest.fixture(autouse=True)
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own empty cache and data directory."""
    monkeypatch.setenv("CITEX_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("CITEX_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "cache"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def refused(path: Path, flag: str, limits: Limits | None = None) -> str:
    """read_pdf refuses the file quickly with a LimitError naming `flag`; returns the message."""
    start = time.monotonic()
    with pytest.raises(LimitError) as caught:
        read_pdf(str(path), limits=limits)
    assert time.monotonic() - start < FAST
    message = str(caught.value)
    assert "\n" not in message and str(path) in message and f"raise {flag}" in message
    return message


def test_fan_out_of_forms_stops_fast(tmp_path: Path) -> None:
    """Forms that each draw the next ten times, 8 deep (10^8 runs): stopped after max_page_forms."""
    path = write(tmp_path, "fan.pdf", hostile.fan_out_pdf(fan=10, depth=8))
    assert path.stat().st_size < 4096
    message = refused(path, "--max-page-forms")
    assert "stopped on page 1 after drawing 10,000 forms" in message


def test_fan_out_within_the_limit_is_read(tmp_path: Path) -> None:
    """The same file, small enough (3^4 = 81 words), is read whole: every drawn word is there."""
    path = write(tmp_path, "fan.pdf", hostile.fan_out_pdf(fan=3, depth=4))
    document = read_pdf(str(path))
    text = " ".join(b.text for p in document.pages for b in p.blocks)
    assert text.count("boom") == 81  # all drawn at one spot


def test_deep_forms_are_cut_at_the_depth_limit(tmp_path: Path) -> None:
    """Forms nested 200 deep: the page's own text is read; forms deeper than max_form_depth are not drawn."""
    path = write(tmp_path, "deep.pdf", hostile.deep_forms_pdf(depth=200))
    for depth in (3, 8):
        document = read_pdf(str(path), limits=Limits(max_form_depth=depth))
        text = " ".join(b.text for p in document.pages for b in p.blocks)
        assert "The page itself says this." in text
        assert text.split().count("deep") == depth


def test_decompression_bomb_stops_at_the_stream_limit(tmp_path: Path) -> None:
    """A stream inflating to 120 MB stops at max_stream_mb (pypdf's decoders are told the limit)."""
    path = write(tmp_path, "bomb.pdf", hostile.bomb_pdf(megabytes=120))
    assert path.stat().st_size < 200_000
    assert "a stream decompressed to 50 MB" in refused(path, "--max-stream-mb")
    assert "10 MB" in refused(path, "--max-stream-mb", Limits(max_stream_mb=10))


def test_document_bytes_limit(tmp_path: Path) -> None:
    path = write(tmp_path, "bomb.pdf", hostile.bomb_pdf(megabytes=3))
    read_pdf(str(path))  # 3 MB of spaces: read
    assert "2 MB of content streams" in refused(path, "--max-document-mb", Limits(max_document_mb=2))


def test_operators_per_page_and_per_document(tmp_path: Path) -> None:
    path = write(tmp_path, "ops.pdf", hostile.many_operators_pdf(600_000))
    assert "after 500,000 content operators" in refused(path, "--max-page-operators")
    assert "1,000 content operators in all" in refused(path, "--max-operators", Limits(max_operators=1_000))


def test_runs_per_page_and_per_document(tmp_path: Path) -> None:
    path = write(tmp_path, "ops.pdf", hostile.many_operators_pdf(200))
    read_pdf(str(path))
    assert "100 text runs" in refused(path, "--max-page-runs", Limits(max_page_runs=100))
    assert "100 text runs in all" in refused(path, "--max-runs", Limits(max_runs=100))


def test_pages_are_counted_before_any_is_read(tmp_path: Path) -> None:
    path = write(tmp_path, "pages.pdf", hostile.many_pages_pdf(6_000))
    message = refused(path, "--max-pages")
    assert "has 6,000 pages, more than the limit of 5,000" in message
    assert len(read_pdf(str(path), limits=Limits(max_pages=6_000)).pages) == 6_000


def test_time_budget(fixture_pdfs: dict) -> None:
    """A budget too small for a normal PDF stops it, naming --time-budget."""
    fixture = next(iter(fixture_pdfs.values()))
    refused(fixture.path, "--time-budget", Limits(time_budget=1e-6))


def test_limits_from_the_environment_and_use_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CITEX_MAX_PAGES", "7")
    monkeypatch.setenv("CITEX_TIME_BUDGET", "not a number")  # ignored
    assert current_limits() == Limits(max_pages=7)
    with use_limits(Limits(max_pages=3)):
        assert current_limits().max_pages == 3
        import os

        assert os.environ["CITEX_MAX_PAGES"] == "3"  # worker processes see it
    assert current_limits() == Limits(max_pages=7)


def test_the_flags_table_names_every_limit_with_its_default() -> None:
    """source.limitflags (what the CLI builds its flags from) says what Limits says: the same fields
    in the same order, each default of the field's type; and the env a flag names sets that limit."""
    import dataclasses

    from source.limitflags import DEFAULTS, HELP

    fields = dataclasses.fields(Limits)
    assert list(HELP) == list(DEFAULTS) == [field.name for field in fields]
    for field in fields:
        assert DEFAULTS[field.name] == field.default
        assert type(DEFAULTS[field.name]).__name__ == field.type
        assert Limits.from_env({f"CITEX_{field.name.upper()}": "3"}) == Limits(**{field.name: 3})


def test_a_command_given_no_limit_flag_reads_with_the_environment_s(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No flag: the limits in force are the environment's (a flag still wins over them)."""
    path = write(tmp_path, "fan.pdf", hostile.fan_out_pdf(fan=3, depth=4))
    monkeypatch.setenv("CITEX_MAX_PAGE_FORMS", "20")
    result = CliRunner().invoke(main, ["info", str(path)])
    assert result.exit_code == 2 and "raise --max-page-forms" in result.stderr
    ok = CliRunner().invoke(main, ["info", "--max-page-forms", "200", str(path)])
    assert ok.exit_code == 0, ok.output


@pytest.mark.parametrize("command", ["info", "text", "notes", "pages"])
def test_cli_flag_names_the_limit(tmp_path: Path, command: str) -> None:
    path = write(tmp_path, "fan.pdf", hostile.fan_out_pdf(fan=3, depth=4))
    result = CliRunner().invoke(main, [command, "--max-page-forms", "20", str(path)])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert lines == [
        f"citex: error: {path}: stopped on page 1 after drawing 20 forms: raise --max-page-forms to read further"
    ]
    ok = CliRunner().invoke(main, ["info", "--max-page-forms", "200", str(path)])
    assert ok.exit_code == 0, ok.output


def test_cli_search_and_add_take_the_flags(tmp_path: Path) -> None:
    pages = [
        [f"Line {k} of page {n} tells of river number {n * 7 + k} and its bridges." for k in range(6)]
        for n in range(12)
    ]
    path = write(tmp_path, "pages.pdf", hostile.text_pdf(pages))
    for args in (
        ["search", "bridges", str(path)],
        ["find", "river number 14", str(path)],
        ["add", str(path)],
    ):
        result = CliRunner().invoke(main, [args[0], "--max-pages", "10", *args[1:]])
        assert result.exit_code == 2, (args, result.output)
        assert "raise --max-pages" in result.stderr
    result = CliRunner().invoke(main, ["search", "--max-pages", "12", "bridges", str(path)])
    assert result.exit_code == 0, result.output


def test_add_passes_the_limits_to_its_workers(tmp_path: Path) -> None:
    """Two PDFs are read in worker processes: the flag reaches them (through the environment)."""
    paths = [write(tmp_path, f"p{n}.pdf", hostile.many_pages_pdf(12 + n)) for n in range(2)]
    result = CliRunner().invoke(main, ["add", "--max-pages", "5", *map(str, paths)])
    assert result.exit_code == 2
    assert result.stderr.count("raise --max-pages") == 2


def test_a_page_tree_past_pypdf_s_array_limit_is_not_blamed_on_a_stream(tmp_path: Path) -> None:
    """A /Kids array of 150,000 pages passes pypdf's fixed array limit: the line says so, and does
    not send the user to --max-stream-mb (which would not help)."""
    path = tmp_path / "kids.pdf"
    path.write_bytes(hostile.many_pages_pdf(150_000))
    with pytest.raises(LimitError) as caught:
        read_pdf(str(path))
    message = str(caught.value)
    assert message.startswith(f"{path}: stopped while opening it: an array in it")
    assert "--max-stream-mb" not in message and "\n" not in message
