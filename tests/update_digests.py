"""Digests of what the reader makes of every corpus PDF, kept in tests/corpus/digests.json.

A cached Document is used for as long as PARSER_VERSION (source/version.py) stays the
same, so any change to what `source` produces must bump it, or machines keep serving
stale Documents. tests/test_output_digest.py compares the digest of each PDF's Document
with the one recorded here and fails when one changed while PARSER_VERSION did not.

Usage (from the repository root; `make digests` does the same):

    python tests/update_digests.py           rewrite tests/corpus/digests.json
    python tests/update_digests.py --force   ... even when output changed without a version bump

The digest is the sha256 of the Document's JSON with keys sorted, less the fields that
depend on the machine or on the version itself (`path`, `version`). Each entry also keeps
the sha256 of the PDF, so that a fixture generated differently (another ReportLab, other
fonts) is told apart from a change in the reader.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import sys
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

TESTS_DIR = Path(__file__).resolve().parent
ROOT = TESTS_DIR.parent
DIGESTS_FILE = TESTS_DIR / "corpus" / "digests.json"
"""Where the digests are kept."""
CORPUS_GLOBS = (
    "tests/corpus/real/*.pdf",
    "tests/corpus/made/*.pdf",
    "tests/corpus/real-world/*.pdf",
    "explorer/data/connection-denied.pdf",
)
"""The committed PDFs, relative to the repository root."""
DIGEST_FIXTURES = (
    "raised_small",
    "continued_note",
    "two_columns",
    "page_labels",
    "running_heads",
    "headings",
    "hyphens_ligatures",
    "numbers",
    "hidden_text",
    "hyphen_runs",
)
"""The generated fixtures whose output is recorded too (generation is deterministic)."""
LEFT_OUT = ("path", "version")
"""Document fields left out of the digest: where the file was read from, and the version itself."""
REFRESH = "python tests/update_digests.py"
"""The command that rewrites the digests (also `make digests`)."""

if TYPE_CHECKING:
    from source.model import Document


def corpus_pdfs() -> dict[str, Path]:
    """Every committed corpus PDF by its path relative to the repository root."""
    found: dict[str, Path] = {}
    for pattern in CORPUS_GLOBS:
        for path in sorted(ROOT.glob(pattern)):
            found[path.relative_to(ROOT).as_posix()] = path
    return found


def fixture_key(name: str) -> str:
    """The key of a generated fixture in the digests file."""
    return f"fixture:{name}"


def file_digest(path: Path) -> str:
    """The sha256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def document_digest(document: Document) -> str:
    """The sha256 of a Document's JSON, keys sorted, without the fields in LEFT_OUT."""
    data = {k: v for k, v in dataclasses.asdict(document).items() if k not in LEFT_OUT}
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def entry(pdf: Path, read: Callable[[Path], Document]) -> dict[str, str]:
    """The recorded facts about one PDF: its bytes' digest and its Document's."""
    return {"pdf": file_digest(pdf), "document": document_digest(read(pdf))}


def all_pdfs(fixture_paths: Mapping[str, Path]) -> dict[str, Path]:
    """Every PDF whose digest is kept: the corpus, then the chosen fixtures (built by the caller)."""
    pdfs = corpus_pdfs()
    for name in DIGEST_FIXTURES:
        pdfs[fixture_key(name)] = fixture_paths[name]
    return pdfs


def load() -> tuple[int | None, dict[str, dict[str, str]]]:
    """(the recorded parser version, the recorded entries); (None, {}) when there is no file."""
    if not DIGESTS_FILE.exists():
        return None, {}
    data = json.loads(DIGESTS_FILE.read_text(encoding="utf-8"))
    return data.get("parser_version"), data.get("digests", {})


def changes(
    recorded: Mapping[str, Mapping[str, str]], current: Mapping[str, Mapping[str, str]]
) -> dict[str, list[str]]:
    """What differs, by kind: "output" (same PDF, other Document), "pdf" (the PDF itself), "new", "gone"."""
    found: dict[str, list[str]] = {"output": [], "pdf": [], "new": [], "gone": []}
    for key, now in current.items():
        before = recorded.get(key)
        if before is None:
            found["new"].append(key)
        elif before.get("pdf") != now["pdf"]:
            found["pdf"].append(key)
        elif before.get("document") != now["document"]:
            found["output"].append(key)
    found["gone"] = [key for key in recorded if key not in current]
    return found


def write(version: int, digests: Mapping[str, Mapping[str, str]]) -> None:
    """Write the digests file (sorted, one entry a line, so that diffs stay readable)."""
    lines = [
        f"  {json.dumps(key)}: {json.dumps(dict(digests[key]), sort_keys=True)}" for key in sorted(digests)
    ]
    body = ",\n".join(lines)
    DIGESTS_FILE.write_text(
        f'{{\n "parser_version": {version},\n "digests": {{\n{body}\n }}\n}}\n', encoding="utf-8"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--force", action="store_true", help="write even when output changed without a version bump"
    )
    args = parser.parse_args(argv)
    sys.path[:0] = [str(ROOT), str(TESTS_DIR)]
    from fixtures.pdfs import build

    from source import read_pdf
    from source.model import PARSER_VERSION

    with tempfile.TemporaryDirectory(prefix="citex-digests-") as tmp:
        paths = {name: build(name, Path(tmp)).path for name in DIGEST_FIXTURES}
        current = {key: entry(pdf, read_pdf) for key, pdf in all_pdfs(paths).items()}
    version, recorded = load()
    diff = changes(recorded, current)
    if diff["output"] and version == PARSER_VERSION and not args.force:
        print(
            f"The output changed for {', '.join(diff['output'])} but PARSER_VERSION is still {PARSER_VERSION}: "
            "bump it in source/version.py, then run this again (or pass --force if the change is not the reader's).",
            file=sys.stderr,
        )
        return 1
    write(PARSER_VERSION, current)
    counts = ", ".join(f"{len(keys)} {kind}" for kind, keys in diff.items() if keys) or "no change"
    print(
        f"{DIGESTS_FILE.relative_to(ROOT)}: {len(current)} PDFs at parser version {PARSER_VERSION} ({counts})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
