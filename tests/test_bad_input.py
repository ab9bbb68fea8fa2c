"""Bad input: each kind of unreadable file gives one line on stderr, exit 2, and no cache entry."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from explorer.cli import main
from explorer.locations import bundled_report
from source.errors import EncryptedError, NotAPdfError, NotFoundError, SourceError
from source.opening import open_reader

PASSWORD = "s3cret"


@pytest.fixture(autouse=True)
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own empty cache (and data) directory."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("CITEX_CACHE_DIR", str(cache))
    monkeypatch.setenv("CITEX_DATA_DIR", str(tmp_path / "data"))
    return cache


def small_pdf(pages: int = 2) -> bytes:
    """A small PDF with a title, a paragraph and a footnote on each page (reportlab)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4)
    for n in range(1, pages + 1):
        c.setFont("Helvetica-Bold", 16)
        c.drawString(72, 760, f"Chapter {n}")
        c.setFont("Helvetica", 11)
        c.drawString(72, 730, "Mobile phones near the border connect to networks across the river.")
        c.drawString(72, 716, "Calls abroad are watched closely by the security services.")
        c.setFont("Helvetica", 8)
        c.drawString(72, 60, f"{n} A footnote on page {n}.")
        c.drawString(290, 30, str(n))
        c.showPage()
    c.save()
    return buffer.getvalue()


def encrypted_pdf(path: Path) -> Path:
    """Write an RC4-encrypted copy of a small PDF (RC4 needs no extra package)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(small_pdf())))
    writer.encrypt(user_password=PASSWORD, owner_password="owner-" + PASSWORD, algorithm="RC4-128")
    with path.open("wb") as f:
        writer.write(f)
    return path


def blank_pdf(path: Path) -> Path:
    """A one-page PDF with no text at all (as a scanned page without OCR would be)."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    with path.open("wb") as f:
        writer.write(f)
    return path


def make_missing(tmp: Path) -> Path:
    return tmp / "nowhere" / "missing.pdf"


def make_dir(tmp: Path) -> Path:
    d = tmp / "folder.pdf"
    d.mkdir()
    return d


def make_empty(tmp: Path) -> Path:
    p = tmp / "empty.pdf"
    p.write_bytes(b"")
    return p


def make_text(tmp: Path) -> Path:
    p = tmp / "notes.pdf"
    p.write_text("This is a plain text file, not a PDF.\n")
    return p


def make_truncated(tmp: Path) -> Path:
    data = bundled_report().read_bytes()
    p = tmp / "truncated.pdf"
    p.write_bytes(data[: len(data) // 2])
    return p


def make_damaged(tmp: Path) -> Path:
    p = tmp / "damaged.pdf"
    p.write_bytes(b"%PDF-1.4\nthis is not a PDF body at all\n%%EOF\n")
    return p


def make_encrypted(tmp: Path) -> Path:
    return encrypted_pdf(tmp / "locked.pdf")


CASES: dict[str, tuple[Callable[[Path], Path], list[str], str]] = {
    # name: (make the file, extra arguments, what the message must say)
    "missing": (make_missing, [], "no such file"),
    "directory": (make_dir, [], "is a directory, not a PDF"),
    "empty": (make_empty, [], "is empty"),
    "text file": (make_text, [], "is not a PDF"),
    "truncated": (make_truncated, [], "truncated"),
    "damaged": (make_damaged, [], "is not a PDF (or is damaged)"),
    "encrypted": (make_encrypted, [], "is encrypted: give its password with --password"),
    "wrong password": (make_encrypted, ["--password", "wrong"], "wrong password"),
}


def cache_files(cache: Path) -> list[Path]:
    return sorted(cache.rglob("*")) if cache.exists() else []


def assert_one_line_error(result: object, must_say: str) -> None:
    stderr: str = result.stderr  # type: ignore[attr-defined]
    assert result.exit_code == 2, (result.exit_code, result.output)  # type: ignore[attr-defined]
    assert "Traceback" not in result.output  # type: ignore[attr-defined]
    assert result.stdout == ""  # type: ignore[attr-defined]
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("citex: error: "), stderr
    assert must_say in lines[0], stderr


@pytest.mark.parametrize("command", ["info", "pages", "text", "notes"])
@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_is_one_line_exit_2_and_caches_nothing(
    case: str, command: str, tmp_path: Path, cache_dir: Path
) -> None:
    make, extra, must_say = CASES[case]
    path = make(tmp_path)
    result = CliRunner().invoke(main, [command, str(path), *extra])
    assert_one_line_error(result, must_say)
    assert str(path) in result.stderr
    assert cache_files(cache_dir) == []


@pytest.mark.parametrize("case", ["missing", "directory", "empty", "truncated", "encrypted"])
def test_bad_input_with_json_is_still_one_line(case: str, tmp_path: Path, cache_dir: Path) -> None:
    make, extra, must_say = CASES[case]
    result = CliRunner().invoke(main, ["notes", "--json", str(make(tmp_path)), *extra])
    assert_one_line_error(result, must_say)
    assert cache_files(cache_dir) == []


def test_opening_a_bad_file_in_the_tui_fails_before_the_app(tmp_path: Path, cache_dir: Path) -> None:
    result = CliRunner().invoke(main, [str(make_text(tmp_path))])
    assert_one_line_error(result, "is not a PDF")
    result = CliRunner().invoke(main, [str(make_missing(tmp_path))])
    assert_one_line_error(result, "no such file")


def test_no_text_layer_is_one_line(tmp_path: Path, cache_dir: Path) -> None:
    result = CliRunner().invoke(main, ["info", str(blank_pdf(tmp_path / "scan.pdf"))])
    assert result.exit_code == 2, result.output
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("citex: error: ")
    # it says what it saw (no text on its one page), not that the page is scanned: a PDF of
    # drawings has no text either
    assert "none of its 1 page holds any text" in result.stderr
    assert "scanned pages" not in result.stderr
    assert cache_files(cache_dir) == []


def test_encrypted_with_right_password_reads_and_is_not_cached(tmp_path: Path, cache_dir: Path) -> None:
    path = make_encrypted(tmp_path)
    result = CliRunner().invoke(main, ["pages", "--json", str(path), "--password", PASSWORD])
    assert result.exit_code == 0, result.output
    assert len(__import__("json").loads(result.stdout)) == 2
    assert cache_files(cache_dir) == []
    # Without the password it is still refused: nothing was cached that would let it through.
    result = CliRunner().invoke(main, ["pages", str(path)])
    assert_one_line_error(result, "is encrypted")


def test_unknown_command_and_bad_option_are_one_line() -> None:
    for args in (["serach", "words"], ["info", "--bogus"], ["text", "--index", "x"]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2, (args, result.output)
        assert len(result.stderr.splitlines()) == 1, result.stderr
        assert result.stderr.startswith("citex: error: ")


@pytest.mark.parametrize(
    ("case", "error"),
    [
        ("missing", NotFoundError),
        ("directory", NotFoundError),
        ("empty", NotAPdfError),
        ("text file", NotAPdfError),
        ("truncated", NotAPdfError),
        ("damaged", NotAPdfError),
        ("encrypted", EncryptedError),
        ("wrong password", EncryptedError),
    ],
)
def test_open_reader_raises_one_line_source_errors(
    case: str, error: type[SourceError], tmp_path: Path
) -> None:
    make, extra, must_say = CASES[case]
    path = make(tmp_path)
    password = extra[1] if extra else None
    with pytest.raises(error) as info:
        open_reader(path, password)
    message = str(info.value)
    assert must_say in message
    assert "\n" not in message


def test_open_reader_decrypts_with_the_password(tmp_path: Path) -> None:
    reader = open_reader(make_encrypted(tmp_path), PASSWORD)
    assert len(reader.pages) == 2
    assert "Chapter 1" in reader.pages[0].extract_text()


def test_open_reader_reads_the_bundled_report() -> None:
    reader = open_reader(bundled_report())
    assert len(reader.pages) == 52
