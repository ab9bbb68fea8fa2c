"""A self-healing cache: a damaged cached document or index (a segment missing or not parsing, a TOC,
a lock) is found when used and rebuilt from the PDF, with one warning; a library file that does not
validate is set aside with its bytes kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_robust_add import make_pdfs

from explorer.cli import main
from index import Library
from index.store import INDEX_NAME
from source.cache import document_file, document_index_dir, file_sha256, library_index_dir


def warnings_of(result: object) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("citex: warning")]  # type: ignore[attr-defined]


def search(*args: str) -> object:
    return CliRunner().invoke(main, ["search", *args])


def test_a_damaged_document_json_is_read_again_with_one_warning(dirs: dict[str, Path]) -> None:
    pdf = make_pdfs(dirs["pdfs"], 1)[0]
    assert CliRunner().invoke(main, ["info", str(pdf)]).exit_code == 0
    cached = document_file(file_sha256(pdf))
    cached.write_text('{"version": 12, "id": "trunc')
    result = CliRunner().invoke(main, ["info", str(pdf)])
    assert result.exit_code == 0 and "Heather" in result.stdout
    assert len(warnings_of(result)) == 1 and "damaged" in result.stderr and "read again" in result.stderr
    again = CliRunner().invoke(main, ["info", str(pdf)])
    assert again.exit_code == 0 and not again.stderr  # rewritten whole


@pytest.mark.parametrize("damage", ["remove segment", "truncate segment", "garble toc"])
def test_a_damaged_index_of_a_pdf_is_rebuilt_with_one_warning(dirs: dict[str, Path], damage: str) -> None:
    pdf = make_pdfs(dirs["pdfs"], 1)[0]
    assert search("heather", str(pdf)).exit_code == 0
    index = document_index_dir(file_sha256(pdf))
    segment = max(
        (p for p in index.iterdir() if p.name.startswith(f"{INDEX_NAME}_") and "LOCK" not in p.name),
        key=lambda p: p.stat().st_size,
    )
    if damage == "remove segment":
        segment.unlink()
    elif damage == "truncate segment":
        segment.write_bytes(segment.read_bytes()[: segment.stat().st_size // 3])
    else:
        toc = next(index.glob(f"_{INDEX_NAME}_*.toc"))
        toc.write_bytes(b"\0" * 40)
    result = search("heather", str(pdf))
    assert result.exit_code == 0, result.output
    assert "heather" in result.stdout and "Traceback" not in result.output
    assert len(warnings_of(result)) == 1 and "rebuilt" in result.stderr
    again = search("heather", str(pdf))
    assert again.exit_code == 0 and not again.stderr


@pytest.mark.parametrize("suffix", [".trm", ".pst", "._stored.col", "truncate .pst"])
def test_a_damaged_library_index_is_rebuilt_with_one_warning(dirs: dict[str, Path], suffix: str) -> None:
    pdfs = make_pdfs(dirs["pdfs"], 3)
    library_file = dirs["data"] / "library.json"
    assert CliRunner().invoke(main, ["add", *map(str, pdfs)]).exit_code == 0
    index = library_index_dir(library_file)
    if suffix.startswith("truncate"):
        for p in index.glob("*.pst"):
            p.write_bytes(p.read_bytes()[: p.stat().st_size // 2])
    else:
        files = list(index.glob(f"*{suffix}"))
        assert files
        for p in files:
            p.unlink()
    for word, pdf in (("heather", pdfs[0]), ("granite", pdfs[2])):
        result = search(word)
        assert result.exit_code == 0, result.output
        assert str(pdf) in result.stdout and "Traceback" not in result.output
        if word == "heather":
            assert len(warnings_of(result)) == 1 and "rebuilt" in result.stderr
        else:
            assert not result.stderr


def test_a_stale_lock_file_does_not_stop_writing(dirs: dict[str, Path]) -> None:
    pdfs = make_pdfs(dirs["pdfs"], 2)
    library_file = dirs["data"] / "library.json"
    assert CliRunner().invoke(main, ["add", str(pdfs[0])]).exit_code == 0
    (library_index_dir(library_file) / f"{INDEX_NAME}_WRITELOCK").write_text("pid 99999, long dead")
    (library_file.with_name("library.json.lock")).write_text("garbage")
    result = CliRunner().invoke(main, ["add", str(pdfs[1])])
    assert result.exit_code == 0 and not result.stderr
    assert search("lantern").exit_code == 0


@pytest.mark.parametrize(
    "documents",
    [
        [{"path": None, "sha": "a" * 64, "size": 1, "mtime_ns": 1}],
        [{"path": "/x.pdf", "sha": "a" * 64, "size": "big", "mtime_ns": 1}],
        [{"path": "/x.pdf", "sha": "a" * 64, "size": 1, "mtime_ns": 1, "pages": True}],
        [{"path": "relative.pdf", "sha": "a" * 64, "size": 1, "mtime_ns": 1}],
        [{"path": "/x.pdf", "sha": "a" * 64, "size": 1}],
        [["/x.pdf"]],
        {"path": "/x.pdf"},
    ],
)
def test_a_library_file_that_does_not_validate_is_set_aside_with_its_bytes(
    dirs: dict[str, Path], documents: object
) -> None:
    library_file = dirs["data"] / "library.json"
    payload = json.dumps({"format": 1, "documents": documents})
    library_file.write_text(payload)
    result = CliRunner().invoke(main, ["list"])
    assert result.exit_code == 1 and "Traceback" not in result.output and "unexpected" not in result.output
    assert len(warnings_of(result)) == 1 and "moved to" in result.stderr
    aside = list(dirs["data"].glob("library.json.damaged-*"))
    assert len(aside) == 1 and aside[0].read_text() == payload
    pdf = make_pdfs(dirs["pdfs"], 1)[0]
    assert CliRunner().invoke(main, ["add", str(pdf)]).exit_code == 0
    assert [e.path for e in Library(library_file).list()] == [str(pdf)]
