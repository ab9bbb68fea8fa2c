"""What the reader makes of every corpus PDF changes only with PARSER_VERSION.

A Document is cached per parser version (source/cache.py), so output that changes under
the same version leaves every machine with stale Documents. The digests of the Documents
of the committed corpus and of some generated fixtures are kept in
tests/corpus/digests.json (see tests/update_digests.py); this test reads each PDF once
(through the session's `read_document`) and compares.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import SESSION_DIRS
from fixtures.truth import Fixture
from update_digests import REFRESH, all_pdfs, changes, document_digest, entry, load

from source.model import PARSER_VERSION, Document

Reader = Callable[[Path], Document]


def test_output_digests_match_the_parser_version(
    fixture_pdfs: dict[str, Fixture], read_document: Reader
) -> None:
    version, recorded = load()
    assert recorded, f"no digests recorded: run `{REFRESH}`"
    current = {
        key: entry(pdf, read_document)
        for key, pdf in all_pdfs({n: f.path for n, f in fixture_pdfs.items()}).items()
    }
    diff = changes(recorded, current)
    if diff["output"] and version == PARSER_VERSION:
        raise AssertionError(
            f"What the reader makes of {', '.join(diff['output'])} changed, but PARSER_VERSION is still "
            f"{PARSER_VERSION}: bump PARSER_VERSION in source/model.py and run `{REFRESH}` (or `make digests`)"
        )
    assert version == PARSER_VERSION, (
        f"tests/corpus/digests.json was made at parser version {version}, the reader is at {PARSER_VERSION}: "
        f"run `{REFRESH}` (or `make digests`)"
    )
    stale = {kind: keys for kind, keys in diff.items() if keys}
    assert not stale, f"the digests are out of date ({stale}): run `{REFRESH}` (or `make digests`)"


def test_digest_leaves_out_the_path_and_sees_the_text(read_document: Reader) -> None:
    from update_digests import corpus_pdfs

    document = read_document(corpus_pdfs()["explorer/data/connection-denied.pdf"])
    assert document_digest(replace(document, path="/elsewhere/report.pdf")) == document_digest(document)
    first = document.pages[0]
    block = replace(first.blocks[0], text=first.blocks[0].text + "!")
    edited = replace(document, pages=(replace(first, blocks=(block, *first.blocks[1:])), *document.pages[1:]))
    assert document_digest(edited) != document_digest(document)


def test_every_test_runs_with_this_sessions_own_dirs(tmp_path_factory: pytest.TempPathFactory) -> None:
    """No test reuses a cache (or a library) from an earlier run or from the user's own Citex."""
    from platformdirs import user_cache_path, user_data_path

    from explorer.locations import data_dir
    from source.cache import cache_root

    base = tmp_path_factory.getbasetemp().resolve()
    for name in SESSION_DIRS:
        assert Path(os.environ[name]).resolve().is_relative_to(base), name
    for path in (cache_root(), data_dir(), user_cache_path("citex"), user_data_path("citex")):
        assert path.resolve().is_relative_to(base), path
    persistent = "." + "pytest_cache"  # spelled apart so that this file does not name it
    for module in sorted(Path(__file__).parent.glob("test_*.py")):
        assert persistent not in module.read_text(encoding="utf-8"), f"{module.name} keeps files across runs"
