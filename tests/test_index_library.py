"""The library: add (with worker processes), list, remove, re-reading only what changed, a damaged file."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from index_docs import write_pdf

import index.ingest
from index import Library, LibraryError
from index.libindex import indexed_documents
from index.units import doc_key

ALPHA = [
    ["The alpaca herders of the high plateau count their animals every spring before the long march."],
    ["Wool from the alpaca is sorted by colour and sold at the market in the valley town."],
]
BETA = [["Beekeepers in the northern hills move their hives twice a year to follow the flowering heather."]]
GAMMA = [["Glassblowers in the old harbour district still shape every bottle by hand and by breath."]]


@pytest.fixture(autouse=True)
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CITEX_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.fixture
def pdfs(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "pdfs"
    folder.mkdir()
    made = {}
    for name, pages in (("alpha", ALPHA), ("beta", BETA), ("gamma", GAMMA)):
        made[name] = folder / f"{name}.pdf"
        write_pdf(made[name], pages, title=name.title())
    return made


def test_add_list_search_remove(tmp_path: Path, pdfs: dict[str, Path]) -> None:
    library = Library(tmp_path / "library.json")
    seen: list[tuple[int, int, str]] = []
    result = library.add([pdfs["alpha"], pdfs["beta"]], progress=lambda d, t, p: seen.append((d, t, p)))
    assert [e.title for e in result.added] and not result.failed
    assert seen[0] == (0, 2, "") and seen[-1][:2] == (2, 2)
    entries = library.list()
    assert [Path(e.path).name for e in entries] == ["alpha.pdf", "beta.pdf"]
    assert entries[0].pages == 2 and len(entries[0].sha) == 64 and entries[0].title == "Alpha"

    hits = library.search("alpaca").hits
    assert {Path(h.document).name for h in hits} == {"alpha.pdf"}
    assert {h.page for h in hits} == {1, 2}
    assert library.search("hives OR alpaca", paths=[str(pdfs["beta"])]).hits[0].document == str(pdfs["beta"])
    found = library.find("beekeepers in the hills move the hives twice a year")
    assert Path(found[0].document).name == "beta.pdf" and found[0].score >= 80
    assert library.verify("Wool from the alpaca is sorted by colour").verdict == "exact"

    removed = library.remove(pdfs["alpha"])
    assert removed.path == str(pdfs["alpha"])
    assert [Path(e.path).name for e in library.list()] == ["beta.pdf"]
    assert library.search("alpaca").hits == ()
    assert library.find("alpaca herders of the high plateau") == [] or all(
        Path(h.document).name != "alpha.pdf" for h in library.find("alpaca herders of the high plateau")
    )
    with pytest.raises(LibraryError, match="not in the library"):
        library.remove(pdfs["alpha"])
    with pytest.raises(LibraryError, match="not in the library"):
        library.search("alpaca", paths=[str(pdfs["gamma"])])


def test_the_library_persists_and_a_second_library_sees_it(tmp_path: Path, pdfs: dict[str, Path]) -> None:
    Library(tmp_path / "library.json").add([pdfs["gamma"]])
    again = Library(tmp_path / "library.json")
    assert [Path(e.path).name for e in again.list()] == ["gamma.pdf"]
    assert again.search("glassblowers").hits
    data = json.loads((tmp_path / "library.json").read_text())
    assert data["format"] == 1 and data["documents"][0]["path"] == str(pdfs["gamma"])


def test_an_unchanged_file_is_not_read_again(
    tmp_path: Path, pdfs: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    library = Library(tmp_path / "library.json")
    library.add([pdfs["alpha"]])

    def fail(path: str) -> None:
        raise AssertionError(f"{path} was read again")

    monkeypatch.setattr(index.ingest, "ingest", fail)
    result = library.add([pdfs["alpha"]])
    assert [Path(e.path).name for e in result.unchanged] == ["alpha.pdf"] and not result.added
    os.utime(pdfs["alpha"], ns=(1_000_000_000, 1_000_000_000))  # touched, same bytes: hashed, not read
    result = library.add([pdfs["alpha"]])
    assert len(result.unchanged) == 1
    assert library.list()[0].mtime_ns == 1_000_000_000


def test_a_changed_file_is_read_again(tmp_path: Path, pdfs: dict[str, Path]) -> None:
    library = Library(tmp_path / "library.json")
    library.add([pdfs["alpha"], pdfs["beta"]])
    old_sha = library.list()[0].sha
    write_pdf(
        pdfs["alpha"], [["Ostriches replaced the alpacas on the plateau farms last winter."]], title="Alpha"
    )
    result = library.add([pdfs["alpha"], pdfs["beta"]])
    assert [Path(e.path).name for e in result.updated] == ["alpha.pdf"]
    assert [Path(e.path).name for e in result.unchanged] == ["beta.pdf"]
    assert library.list()[0].sha != old_sha and library.list()[0].pages == 1
    assert library.search("ostriches").hits
    assert library.search("herders").hits == ()
    assert indexed_documents(library.corpus().indexes[0]) == {doc_key(e.sha) for e in library.list()}


def test_a_directory_adds_its_pdfs_and_bad_paths_fail_alone(tmp_path: Path, pdfs: dict[str, Path]) -> None:
    (pdfs["alpha"].parent / "notes.txt").write_text("not a pdf")
    broken = pdfs["alpha"].parent / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 nothing else")
    library = Library(tmp_path / "library.json")
    result = library.add([pdfs["alpha"].parent, tmp_path / "missing.pdf"])
    assert sorted(Path(e.path).name for e in result.added) == ["alpha.pdf", "beta.pdf", "gamma.pdf"]
    failed = dict(result.failed)
    assert "no such file" in failed[str(tmp_path / "missing.pdf")]
    assert str(broken) in failed and "\n" not in failed[str(broken)]
    assert len(library.list()) == 3


def test_a_damaged_library_file_is_moved_aside_not_lost(tmp_path: Path, pdfs: dict[str, Path]) -> None:
    file = tmp_path / "library.json"
    file.write_text('{"format": 1, "documents": [{"path": "/x.pdf"')  # cut short
    library = Library(file)
    assert library.list() == []
    assert library.warnings and "moved to" in library.warnings[0]
    backups = list(tmp_path.glob("library.json.damaged-*"))
    assert len(backups) == 1 and backups[0].read_text().startswith('{"format": 1')
    library.add([pdfs["beta"]])
    assert len(library.list()) == 1
    assert backups[0].read_text().startswith('{"format": 1')  # still there, untouched


def test_an_empty_library(tmp_path: Path) -> None:
    library = Library(tmp_path / "library.json")
    assert library.list() == []
    assert library.search("anything").hits == ()
    assert library.find("anything at all") == []
    assert library.verify("anything at all").verdict == "absent"
    assert not (tmp_path / "library.json").exists()


def test_a_cleared_cache_is_rebuilt(tmp_path: Path, pdfs: dict[str, Path], cache: Path) -> None:
    import shutil

    Library(tmp_path / "library.json").add([pdfs["gamma"]])
    shutil.rmtree(cache)
    again = Library(tmp_path / "library.json")
    assert again.search("glassblowers").hits


def test_a_search_filters_documents_it_does_not_own_but_never_deletes(
    tmp_path: Path, pdfs: dict[str, Path]
) -> None:
    file = tmp_path / "library.json"
    Library(file).add([pdfs["alpha"], pdfs["beta"]])
    data = json.loads(file.read_text())
    data["documents"] = [d for d in data["documents"] if not d["path"].endswith("alpha.pdf")]
    file.write_text(json.dumps(data))  # as if another process were half-way through removing alpha
    reader = Library(file)
    assert reader.search("alpaca").hits == () and reader.search("hives").hits
    assert len(indexed_documents(reader.corpus().indexes[0])) == 2  # still there: searches do not write
    Library(file).add([pdfs["gamma"]])  # a change prunes
    assert len(indexed_documents(Library(file).corpus().indexes[0])) == 2


def test_one_index_written_once_and_used_for_pdfs_given(
    tmp_path: Path, pdfs: dict[str, Path], cache: Path
) -> None:
    from index.scope import choose, open_scope
    from source.cache import document_index_dir

    file = tmp_path / "library.json"
    Library(file).add([pdfs["alpha"], pdfs["beta"]])
    entries = Library(file).list()
    # no per-document index was written: the units went straight into the library's index
    assert all(not document_index_dir(e.sha).exists() for e in entries)
    # a PDF of the library, given by name: searched in the library's index, limited to it
    with open_scope(choose([str(pdfs["beta"])], file, pdfs["gamma"])) as scope:
        assert scope.library is not None
        assert {Path(h.document).name for h in scope.search("hives OR alpaca").hits} == {"beta.pdf"}
        assert [h.doc_id for h in scope.find("beekeepers move their hives")][:1] == [entries[1].sha]
    assert all(not document_index_dir(e.sha).exists() for e in entries)
    # a PDF outside it: a small index of its own, built when it is searched
    with open_scope(choose([str(pdfs["gamma"])], file, pdfs["gamma"])) as scope:
        assert scope.library is None
        assert [Path(h.document).name for h in scope.search("glassblowers").hits] == ["gamma.pdf"]
        assert document_index_dir(scope.search("glassblowers").hits[0].doc_id).is_dir()
