"""The document cache: where it lives, atomic writes, reuse, and recovery from damage."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from explorer.locations import bundled_report
from source import cache, opening
from source.model import PARSER_VERSION, Block, Document, Marker, Metadata, Note, Page, Sentence


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "cache"
    monkeypatch.setenv("CITEX_CACHE_DIR", str(root))
    return root


@pytest.fixture
def report(tmp_path: Path) -> Path:
    """A private copy of the bundled report."""
    path = tmp_path / "report.pdf"
    shutil.copyfile(bundled_report(), path)
    return path


def sample_document(sha: str = "ab" * 32) -> Document:
    block = Block(kind="paragraph", text="One sentence. Another one.", markers=(Marker("1", 13, 0),))
    return Document(
        id=sha,
        path="/somewhere/sample.pdf",
        metadata=Metadata(title="Sample"),
        pages=(Page(index=1, label="i", blocks=(block,)),),
        notes=(Note(label="1", page=1, text="A note.", pages=(1,)),),
        sentences=(Sentence(1, 0, 0, 13), Sentence(1, 0, 14, 26)),
    )


def no_temp_files(root: Path) -> bool:
    return not [p for p in root.rglob("*") if p.name.endswith(".tmp")]


def test_cache_root_env_override(cache_dir: Path) -> None:
    assert cache.cache_root() == cache_dir
    assert cache.entry_dir("f00") == cache_dir / str(PARSER_VERSION) / "f00"


def test_cache_root_follows_xdg_cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CITEX_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_root() == tmp_path / "xdg" / "citex"


def test_file_sha256(tmp_path: Path) -> None:
    path = tmp_path / "bytes.bin"
    path.write_bytes(b"citex" * 1000)
    assert cache.file_sha256(path) == hashlib.sha256(b"citex" * 1000).hexdigest()


def test_store_and_load_round_trip(cache_dir: Path) -> None:
    document = sample_document()
    written = cache.store(document)
    assert written == cache_dir / str(PARSER_VERSION) / document.id / "document.json"
    assert cache.load_cached(document.id) == document
    assert no_temp_files(cache_dir)
    # Storing again replaces the file in place.
    assert cache.store(document) == written
    assert cache.load_cached(document.id) == document


def test_store_into_an_entry_that_exists_keeps_its_other_files(cache_dir: Path) -> None:
    document = sample_document()
    entry = cache.entry_dir(document.id)
    (entry / "whoosh").mkdir(parents=True)
    (entry / "whoosh" / "index.seg").write_text("x")
    cache.store(document)
    assert (entry / "whoosh" / "index.seg").read_text() == "x"
    assert cache.load_cached(document.id) == document
    assert no_temp_files(cache_dir)


def test_load_cached_rejects_damage_and_stale_versions(cache_dir: Path) -> None:
    document = sample_document()
    assert cache.load_cached(document.id) is None
    path = cache.store(document)
    assert path is not None
    for bad in ("", "{", "[]", json.dumps({"version": PARSER_VERSION}), document.to_json()[:-10]):
        path.write_text(bad)
        assert cache.load_cached(document.id) is None
    stale = json.loads(document.to_json())
    stale["version"] = PARSER_VERSION + 1
    path.write_text(json.dumps(stale))
    assert cache.load_cached(document.id) is None
    other = sample_document("cd" * 32)
    path.write_text(other.to_json())  # a document of another file under this sha
    assert cache.load_cached(document.id) is None


def test_an_unwritable_cache_is_not_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("CITEX_CACHE_DIR", str(blocker / "cache"))
    assert cache.store(sample_document()) is None


def test_open_document_parses_once_then_loads_the_cache(
    report: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = opening.open_document(report)
    sha = cache.file_sha256(report)
    assert first.id == sha
    assert first.path == str(report)
    assert (cache.entry_dir(sha) / "document.json").is_file()
    assert no_temp_files(cache_dir)

    def must_not_parse(*args: object) -> Document:
        raise AssertionError("parsed again instead of loading the cache")

    monkeypatch.setattr("source.reader.read", must_not_parse)
    second = opening.open_document(report)
    assert second == first

    moved = report.with_name("moved.pdf")
    shutil.copyfile(report, moved)
    third = opening.open_document(moved)
    assert third.path == str(moved)
    assert third.pages == first.pages and third.notes == first.notes


def test_a_damaged_cache_entry_is_parsed_again_and_rewritten(report: Path, cache_dir: Path) -> None:
    first = opening.open_document(report)
    path = cache.entry_dir(first.id) / "document.json"
    path.write_text('{"version": 1, "truncated')
    again = opening.open_document(report)
    assert again == first
    assert cache.load_cached(first.id) == first


def test_a_changed_file_gets_a_new_entry(report: Path, cache_dir: Path) -> None:
    first = opening.open_document(report)
    data = report.read_bytes()
    assert data.count(b"(anonymous)") == 1
    report.write_bytes(data.replace(b"(anonymous)", b"(anonymouZ)"))  # same length: offsets stay right
    second = opening.open_document(report)
    assert second.id != first.id
    assert second.id == cache.file_sha256(report)
    assert len(list((cache_dir / str(PARSER_VERSION)).iterdir())) == 2
