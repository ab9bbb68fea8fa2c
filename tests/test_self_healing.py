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


@pytest.mark.parametrize("damage", ["remove", "truncate", "zero", "garble", "extend"])
def test_damaged_field_lengths_of_the_library_index_are_rebuilt(dirs: dict[str, Path], damage: str) -> None:
    """Whoosh reads a missing or short field-length column as zero lengths and ranks with them,
    silently: check_index finds it (size and sum against the segment's totals) and it is rebuilt."""
    pdfs = make_pdfs(dirs["pdfs"], 3)
    assert CliRunner().invoke(main, ["add", *map(str, pdfs)]).exit_code == 0
    before = search("--json", "heather")
    index = library_index_dir(dirs["data"] / "library.json")
    files = sorted(index.glob("*._text_len.col")) + sorted(index.glob("*._exact_len.col"))
    assert files
    for p in files:
        data = p.read_bytes()
        if damage == "remove":
            p.unlink()
        elif damage == "truncate":
            p.write_bytes(data[: len(data) // 2])
        elif damage == "zero":
            p.write_bytes(b"\0" * len(data))
        elif damage == "garble":
            p.write_bytes(bytes(255 - b for b in data))
        else:
            p.write_bytes(data + b"\x40" * 64)
    result = search("--json", "heather")
    assert result.exit_code == 0, result.output
    assert len(warnings_of(result)) == 1 and "field lengths" in result.stderr and "rebuilt" in result.stderr
    assert json.loads(result.stdout) == json.loads(before.stdout)  # the same answers, the same ranking
    again = search("heather")
    assert again.exit_code == 0 and not again.stderr


def garble_postings_of_a_document(index: Path, sha: str) -> None:
    """Overwrite the postings of one document's key (not the first key: check_index reads that one),
    which opening the index does not show; writing to it (a delete, a merge) reads them."""
    from whoosh.filedb.filestore import FileStorage

    from index.units import doc_key

    key = doc_key(sha).encode()
    ix = FileStorage(str(index)).open_index(INDEX_NAME)
    with ix.reader() as reader:
        leaf, _ = next(iter(reader.leaf_readers()))
        assert list(leaf.lexicon("doc"))[0] != key
        info = leaf._terms.term_info("doc", key)
        name = f"{INDEX_NAME}_{leaf.segment().segid}.pst"
        start, length = info._offset, info._length[0]
    ix.close()
    data = bytearray((index / name).read_bytes())
    data[start : start + length] = b"\xff" * length
    (index / name).write_bytes(bytes(data))


@pytest.mark.parametrize("command", ["remove", "add"])
def test_a_library_index_found_damaged_while_written_is_rebuilt(dirs: dict[str, Path], command: str) -> None:
    """`remove` and `add` write the library index; damage that only writing meets (the postings of a
    document) made them fail every time ("unexpected Exception: Block tag error"): now the index is
    rebuilt from the cached documents, with one warning, and the command does its work."""
    pdfs = make_pdfs(dirs["pdfs"], 5)
    assert CliRunner().invoke(main, ["add", *map(str, pdfs[:4])]).exit_code == 0
    index = library_index_dir(dirs["data"] / "library.json")
    by_key = [p for _, p in sorted((doc_key_of(p), p) for p in pdfs[:4])]
    victim, other = by_key[1], by_key[3]
    if command == "add":  # a deletion in the segment: the writer reads every document's postings
        assert CliRunner().invoke(main, ["remove", str(other)]).exit_code == 0
    garble_postings_of_a_document(index, file_sha256(victim))
    args = ["remove", str(victim)] if command == "remove" else ["add", str(pdfs[4])]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert len(warnings_of(result)) == 1 and "rebuilt" in result.stderr and "Traceback" not in result.output
    gone = victim if command == "remove" else other
    kept = [p for p in pdfs if p != gone and (command == "add" or p != pdfs[4])]
    listed = CliRunner().invoke(main, ["list"]).stdout
    assert sorted(line.split("\t")[0] for line in listed.splitlines()) == sorted(map(str, kept))
    for pdf in pdfs:
        found = search(pdf.stem.split("-")[1])
        assert found.exit_code == (0 if pdf in kept else 1), found.output
        assert not warnings_of(found)
        assert (str(pdf) in found.stdout) == (pdf in kept)


def doc_key_of(pdf: Path) -> str:
    from index.units import doc_key

    return doc_key(file_sha256(pdf))
