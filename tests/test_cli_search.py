"""`citex search | find | verify | add | list | remove` through click's CliRunner: output, JSON, exit codes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from index_docs import write_pdf

from explorer.cli import main
from explorer.cli_search import draft_quotations

HIT_KEYS = {"document", "page", "page_label", "score", "text", "kind", "notes"}
VERIFY_KEYS = {"verdict", "score", "page", "page_label", "source", "diff", "notes"}
VERBATIM = (
    "The report finds that rather than allowing users to access the full potential of the technology, "
    "the North Korean government has sought to maintain its absolute monopoly over communications"
)
NEAR = "the North Korean government has tried to keep its absolute monopoly over communications"
ABSENT = "The leader of the country wields limited power and shares it with an elected parliament."


@pytest.fixture(autouse=True)
def dirs(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The session's shared cache (the report is read once); a fresh, empty library per test."""
    cache = tmp_path_factory.getbasetemp() / "citex-cache"
    monkeypatch.setenv("CITEX_CACHE_DIR", str(cache))
    monkeypatch.setenv("CITEX_DATA_DIR", str(tmp_path / "data"))
    return tmp_path


def run(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=stdin)


def run_json(*args: str, code: int = 0) -> Any:
    result = run(*args, "--json")
    assert result.exit_code == code, result.output
    return json.loads(result.stdout)


def test_search_json_on_the_bundled_report() -> None:
    hits = run_json("search", '"mobile phones" AND border', "--limit", "3")
    assert 1 <= len(hits) <= 3
    for hit in hits:
        assert HIT_KEYS <= set(hit)
        assert isinstance(hit["page"], int) and isinstance(hit["page_label"], str)
        assert isinstance(hit["score"], float) and isinstance(hit["notes"], list)
        assert hit["document"].endswith("connection-denied.pdf")
        assert "snippet" not in hit and "[[" not in hit["text"]
        assert "mobile phones" in [hit["text"][a:b].lower() for a, b in hit["highlights"]]
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)


def test_search_text_is_grep_like() -> None:
    result = run("search", "inminban", "-n", "2")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    for line in lines:
        path, label, text = line.split(":", 2)
        assert path.endswith("connection-denied.pdf") and label.isdigit()
        assert "inminban" in text and "[[" not in text and "\x1b" not in text


def test_search_nothing_found_suggests_a_spelling() -> None:
    result = run("search", "survelliance")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.strip() == "citex: nothing found for survelliance; did you mean: surveillance"


def test_search_fallback_is_said_on_stderr() -> None:
    result = run("search", '"mobile phones', "--json")
    assert result.exit_code == 0
    assert "could not parse the query" in result.stderr
    assert json.loads(result.stdout)


def test_find_json() -> None:
    hits = run_json("find", NEAR, "-n", "2")
    assert HIT_KEYS <= set(hits[0])
    assert hits[0]["page_label"] == "7" and 80 <= hits[0]["score"] < 100
    assert hits[0]["text"].startswith("the North Korean government has sought")


def test_find_nothing() -> None:
    result = run("find", "xqzv wqkj plmn")
    assert result.exit_code == 1 and result.stdout == ""


def test_verify_exit_codes_and_json() -> None:
    exact = run_json("verify", VERBATIM)
    assert set(exact) >= VERIFY_KEYS and exact["verdict"] == "exact" and exact["score"] == 100
    assert (
        exact["page"] == 2
        and exact["page_label"] == "7"
        and exact["source"] == VERBATIM
        and exact["diff"] == []
    )
    near = run_json("verify", NEAR, code=1)
    assert near["verdict"] == "near" and 80 <= near["score"] < 100
    assert near["diff"] == [
        {"op": "replace", "quote": "tried", "source": "sought"},
        {"op": "replace", "quote": "keep", "source": "maintain"},
    ]
    absent = run_json("verify", ABSENT, code=1)
    assert absent["verdict"] == "absent" and absent["score"] < 80


def test_verify_text() -> None:
    result = run("verify", NEAR)
    assert result.exit_code == 1
    first, source, *diff = result.stdout.splitlines()
    assert first.split("\t")[0] == "near" and first.split("\t")[2] == "7"
    assert source.startswith("  source: ") and ":7: the North Korean government has sought" in source
    assert diff == ["  replace: 'tried' -> 'sought'", "  replace: 'keep' -> 'maintain'"]


def test_verify_from_a_draft(dirs: Path) -> None:
    draft = dirs / "draft.md"
    draft.write_text(
        f'As Amnesty put it, “{VERBATIM}”. Another claim: "{NEAR}".\n\n'
        f"> {ABSENT[:40]}\n> {ABSENT[40:]}\n\n"
        'A "short quote" is not checked.\n',
        encoding="utf-8",
    )
    result = run("verify", "--from", str(draft))
    assert result.exit_code == 1
    lines = [line.split("\t") for line in result.stdout.splitlines()]
    assert sorted(line[0] for line in lines) == ["absent", "exact", "near"]
    assert all(len(line) == 4 for line in lines)
    data = run_json("verify", "--from", str(draft), code=1)
    assert isinstance(data, list) and len(data) == 3 and all(VERIFY_KEYS <= set(d) for d in data)
    only = dirs / "ok.txt"
    only.write_text(f'"{VERBATIM}"', encoding="utf-8")
    assert run("verify", "--from", str(only)).exit_code == 0
    assert run("verify", "--from", "-", stdin=f'"{VERBATIM}"').exit_code == 0


def test_draft_quotations() -> None:
    text = (
        '“one two three four five” and "six seven eight nine ten eleven" and "too short"\n> a b c\n> d e f\n'
    )
    assert draft_quotations(text) == [
        "a b c d e f",
        "one two three four five",
        "six seven eight nine ten eleven",
    ]


def test_errors_are_one_line_and_exit_2(dirs: Path) -> None:
    result = run("search", "border", str(dirs / "missing.pdf"))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("citex: error: ")
    assert run("search", "border", "--limit", "0").exit_code == 2
    assert run("verify").exit_code == 2
    assert run("verify", "--from", str(dirs / "missing.md")).exit_code == 2
    assert run("remove", str(dirs / "missing.pdf")).exit_code == 2
    broken = dirs / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
    for command in ("search", "find", "verify"):
        result = run(command, "some words here", str(broken))
        assert result.exit_code == 2 and result.stderr.count("\n") == 1, result.stderr
        assert result.stderr.startswith("citex: error: ") and "Traceback" not in result.stderr


def test_library_commands(dirs: Path) -> None:
    alpha, beta = dirs / "alpha.pdf", dirs / "beta.pdf"
    write_pdf(alpha, [["The alpaca herders of the high plateau count their animals every spring."]], "Alpha")
    write_pdf(beta, [["Beekeepers in the northern hills move their hives twice a year."]], "Beta")
    assert run("list").exit_code == 1
    result = run("add", str(alpha), str(beta))
    assert result.exit_code == 0, result.output
    assert sorted(line.split("\t")[0] for line in result.stdout.splitlines()) == ["added", "added"]
    again = run("add", str(alpha))
    assert again.stdout.startswith("unchanged\t")
    listed = run_json("list")
    assert [Path(e["path"]).name for e in listed] == ["alpha.pdf", "beta.pdf"]
    assert all(e["pages"] == 1 and len(e["sha256"]) == 64 for e in listed)

    hits = run_json("search", "alpaca")  # no PDF given: the library, not the bundled report
    assert [Path(h["document"]).name for h in hits] == ["alpha.pdf"]
    assert run("search", "inminban").exit_code == 1
    assert run_json(
        "search", "inminban", str(Path(__file__).parent.parent / "explorer/data/connection-denied.pdf")
    )
    assert run("verify", "Beekeepers in the northern hills move their hives twice a year").exit_code == 0

    assert run("remove", str(alpha)).stdout.startswith("removed\t")
    assert run("search", "alpaca").exit_code == 1
    failed = run("add", str(dirs / "nope.pdf"))
    assert failed.exit_code == 2 and "no such file" in failed.stderr


def test_search_of_a_damaged_library_warns(dirs: Path) -> None:
    (dirs / "data").mkdir()
    (dirs / "data" / "library.json").write_text("{not json")
    result = run("search", "inminban")  # the library is empty now: the bundled report is searched
    assert result.exit_code == 0
    assert "citex: warning: the library file" in result.stderr and "moved to" in result.stderr
    assert list((dirs / "data").glob("library.json.damaged-*"))


def test_highlights_on_a_terminal_only() -> None:
    from explorer.cli_search import _highlight, hit_json

    from index.results import Hit

    text = "the \x1b[2Jmobile phones here [[as printed]]"
    at = text.index("mobile")
    hit = Hit("a.pdf", "0" * 64, 1, "1", 1.0, text, "body", (), highlights=((at, at + 13),))
    assert _highlight(hit, color=True) == "the \x1b[1;31mmobile phones\x1b[0m here [[as printed]]"
    assert _highlight(hit, color=False) == "the mobile phones here [[as printed]]"
    data = hit_json(hit)
    assert [data["text"][a:b] for a, b in data["highlights"]] == ["mobile phones"]


def test_json_when_nothing_is_found() -> None:
    result = run("search", "survelliance", "--json")
    assert result.exit_code == 1 and json.loads(result.stdout) == []
    assert "did you mean: surveillance" in result.stderr
