"""Encrypted PDFs: AES-128 and AES-256 (cryptography is a dependency), RC4 too.

An owner-password-only PDF (empty user password: any viewer opens it) opens with no
password; one with a user password asks for --password in one line (exit 2), opens with
the right one and says so for a wrong one. Made here with pypdf's writer.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from explorer.cli import main
from source import EncryptedError, read_pdf

ALGORITHMS = ["AES-256", "AES-128", "RC4-128"]
PASSWORD = "open sesame"
WORDS = "Encrypted reports still carry their sentences about rivers."


@pytest.fixture(autouse=True)
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CITEX_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("CITEX_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "cache"


def plain_pdf() -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4)
    for n in range(1, 3):
        c.setFont("Helvetica", 11)
        c.drawString(72, 730, f"{WORDS} Page {n}.")
        c.drawString(72, 716, "A second line keeps the page a page of body text.")
        c.showPage()
    c.save()
    return buffer.getvalue()


def encrypted(tmp_path: Path, algorithm: str, user: str) -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(plain_pdf())))
    writer.encrypt(user_password=user, owner_password="owner " + PASSWORD, algorithm=algorithm)
    path = tmp_path / f"{algorithm}-{'user' if user else 'owner'}.pdf"
    with path.open("wb") as f:
        writer.write(f)
    return path


def body(path: Path, password: str | None = None) -> str:
    document = read_pdf(str(path), password=password)
    return " ".join(b.text for p in document.pages for b in p.blocks)


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_owner_password_only_opens_without_a_password(tmp_path: Path, algorithm: str) -> None:
    path = encrypted(tmp_path, algorithm, user="")
    assert WORDS in body(path)
    result = CliRunner().invoke(main, ["text", str(path)])
    assert result.exit_code == 0 and WORDS in result.stdout, result.output


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_user_password_is_asked_for(tmp_path: Path, algorithm: str) -> None:
    path = encrypted(tmp_path, algorithm, user=PASSWORD)
    with pytest.raises(EncryptedError):
        body(path)
    assert WORDS in body(path, PASSWORD)
    asked = CliRunner().invoke(main, ["text", str(path)])
    assert asked.exit_code == 2
    assert asked.stderr.splitlines() == [
        f"citex: error: {path} is encrypted: give its password with --password"
    ]
    wrong = CliRunner().invoke(main, ["text", "--password", "nope", str(path)])
    assert wrong.exit_code == 2
    assert wrong.stderr.splitlines() == [
        f"citex: error: wrong password for {path}: give the right one with --password"
    ]
    right = CliRunner().invoke(main, ["text", "--password", PASSWORD, str(path)])
    assert right.exit_code == 0 and WORDS in right.stdout
    found = CliRunner().invoke(main, ["search", "--password", PASSWORD, "rivers", str(path)])
    assert found.exit_code == 0 and "rivers" in found.stdout


def test_encrypted_text_never_reaches_the_cache(tmp_path: Path, cache_dir: Path) -> None:
    path = encrypted(tmp_path, "AES-256", user=PASSWORD)
    assert CliRunner().invoke(main, ["text", "--password", PASSWORD, str(path)]).exit_code == 0
    cached = [p for p in cache_dir.rglob("*") if p.is_file()] if cache_dir.exists() else []
    assert not any(WORDS.split()[0].encode() in p.read_bytes() for p in cached)
