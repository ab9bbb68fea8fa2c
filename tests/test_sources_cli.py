"""`citex sources` and `citex cites` on the bundled report, checked by hand."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner, Result

from explorer.cli import main


pytestmark = pytest.mark.usefixtures("shared_cli_cache")


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def run_json(*args: str) -> Any:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_sources_most_cited_first() -> None:
    data = run_json("sources")
    counts = [row["notes"] for row in data]
    assert counts == sorted(counts, reverse=True)
    top = data[0]
    assert (top["key"], top["kind"], top["interviewee"]) == (
        "interview-soo-yae-2015-05-19",
        "interview",
        "Soo-yae",
    )
    assert [c["note"] for c in top["citations"]] == ["31", "49", "62", "82", "86", "100"]
    assert all(c["claim"] for c in top["citations"])  # each note's marker was found in the body
    assert set(top) >= {
        "key",
        "kind",
        "author",
        "title",
        "date",
        "date_iso",
        "symbol",
        "url",
        "accessed",
        "citations",
    }
    gc16 = next(row for row in data if row["key"] == "ccpr-c-gc-16")
    assert gc16["notes"] == 6 and gc16["symbol"] == "CCPR/C/GC/16"
    assert [c["page_label"] for c in gc16["citations"]] == ["32", "37", "38", "44", "50", "51"]


def test_sources_by_kind() -> None:
    laws = run_json("sources", "--kind", "law_or_treaty")
    assert len(laws) == 1 and laws[0]["title"].startswith("Criminal Law of the DPRK")
    assert run("sources", "--kind", "court_case").exit_code == 1  # the report cites no case
    assert run("sources", "--kind", "nope").exit_code == 2


def test_cites() -> None:
    gc16 = run_json("cites", "General Comment 16")
    assert [row["note"] for row in gc16] == ["55", "70", "71", "92", "108", "110"]
    assert all(row["source"]["key"] == "ccpr-c-gc-16" for row in gc16)
    law = run_json("cites", "Criminal Law")
    assert [row["note"] for row in law] == ["52"]
    assert "Article 167 of the Criminal Law" in law[0]["claim"] and law[0]["pinpoint"] == "Article 167"
    by_symbol = run_json("cites", "A/HRC/17/27")
    assert [row["note"] for row in by_symbol] == ["4", "14", "21", "107", "112"]
    myong = run_json("cites", "Myong-jin")
    assert [(row["note"], row["page_label"]) for row in myong] == [("39", "28"), ("48", "30"), ("50", "31")]
    none = run("cites", "no such source anywhere")
    assert none.exit_code == 1 and none.stdout == ""
