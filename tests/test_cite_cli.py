"""`citex cite`: a remembered quote -> the source's words with a citation; never a citation invented.

On a generated report (tests/fixtures/cite_layouts.py) whose every sentence's page is known,
and on the bundled report."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from fixtures.cite_layouts import AUTHOR, INNER, NUMBER, ON_TWO, CiteFixture, build_cite_report

from explorer.cli import main
from explorer.cli_cite import CITE_STYLES

pytestmark = pytest.mark.usefixtures("shared_cli_cache")


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> CiteFixture:
    return build_cite_report(tmp_path_factory.mktemp("cite"))


def cli(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def cite_json(report: CiteFixture, quote: str, style: str = "chicago") -> dict[str, object]:
    result = cli("cite", quote, str(report.path), "--style", style, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    return data


def test_every_sentence_is_cited_with_its_printed_page(report: CiteFixture) -> None:
    for sentence, label in report.sentences:
        data = cite_json(report, sentence, "apa")
        assert data["page_label"] == label, sentence
        assert data["verdict"] == "exact"
        pages = "pp." if "\u2013" in label else "p."
        assert data["citation"] == f"({AUTHOR}, 2019, {pages} {label})", sentence


def test_json_fields(report: CiteFixture) -> None:
    data = cite_json(report, ON_TWO)
    assert set(data) >= {
        "quote",
        "document",
        "page",
        "page_label",
        "style",
        "citation",
        "bibliography",
        "text",
    }
    assert data["quote"] == ON_TWO and data["page"] == 2 and data["style"] == "chicago"
    assert Path(str(data["document"])).name == "cite_report.pdf"
    assert (
        data["citation"] == f"{AUTHOR}, Dry Wells: Water and the River Board, {NUMBER} ({AUTHOR}, 2019), 2."
    )
    assert data["text"] == f"\u201c{ON_TWO}\u201d\u00b9\n\n1. {data['citation']}\n\n{data['bibliography']}"


def test_inner_quotes_become_single_and_the_stop_moves(report: CiteFixture) -> None:
    chicago = cite_json(report, INNER)
    assert str(chicago["text"]).startswith(
        "\u201cThe chair said \u2018the wells ran dry\u2019 before the vote on the new dam was taken.\u201d\u00b9"
    )
    mla = cite_json(report, f"\u201c{INNER}\u201d", "mla")  # already quoted: not wrapped again
    assert str(mla["text"]).startswith(
        "\u201cThe chair said \u2018the wells ran dry\u2019 before the vote on the new dam was taken\u201d "
        "(Dry Wells 2)."
    )


def test_skipped_words_are_elided_and_a_changed_quote_gives_the_source_words(report: CiteFixture) -> None:
    data = cite_json(report, "Farmers along the lower river lost half of their harvest")
    assert data["quote"] == "Farmers along the lower river lost half of their harvest" and not data["elided"]
    data = cite_json(report, "Farmers along the river lost half of their harvest in the drought year")
    assert data["quote"] == "Farmers along the \u2026 river lost half of their harvest in the drought year"
    assert data["elided"] is True
    result = cli(
        "cite", "Farmers along the lower river lost half of the harvest in the drought year", str(report.path)
    )
    assert result.exit_code == 0
    assert "differs from the source" in result.stderr
    assert f"\u201c{ON_TWO}\u201d" in result.stdout  # the source's words, whole


def test_a_quote_not_in_the_document_is_not_cited(report: CiteFixture) -> None:
    result = cli(
        "cite", "purple elephants dance quietly over the frozen harbour at midnight", str(report.path)
    )
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "not found" in result.stderr and "not cited" in result.stderr


@pytest.mark.parametrize("style", CITE_STYLES)
def test_every_style_prints_the_quote(report: CiteFixture, style: str) -> None:
    result = cli("cite", ON_TWO, str(report.path), "--style", style)
    assert result.exit_code == 0, result.output
    assert "Farmers along the lower river lost half of their harvest" in result.stdout


def test_annotation_selects_the_words_again(report: CiteFixture) -> None:
    from explorer.citeformats import body_text
    from source.opening import open_document

    data = cite_json(report, INNER, "annotation")
    note = json.loads(str(data["text"]))
    target = note["target"]
    assert target["source"].startswith("urn:sha256:") and len(target["source"]) == len("urn:sha256:") + 64
    selectors = {s["type"]: s for s in target["selector"]}
    assert selectors["FragmentSelector"]["value"] == "page=2"
    exact = selectors["TextQuoteSelector"]["exact"]
    assert exact == INNER
    text = body_text(open_document(str(report.path)))
    start, end = selectors["TextPositionSelector"]["start"], selectors["TextPositionSelector"]["end"]
    assert text[start:end] == exact
    assert text[:start].endswith(selectors["TextQuoteSelector"]["prefix"])
    assert text[end:].startswith(selectors["TextQuoteSelector"]["suffix"])
    assert re.fullmatch(r"urn:x-pdf:[0-9a-f]{32}", target["sameAs"])  # ReportLab writes an /ID


def test_the_bundled_report() -> None:
    result = cli(
        "cite", "North Korea remains one of the most isolated countries in the world", "--style", "apa"
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        "\u201cNorth Korea remains one of the most isolated countries in the world\u201d"
    )
    assert "(Amnesty International, 2016, p. 7)." in result.stdout
    # APA 7 wants the entry's title in sentence case, proper nouns kept (explorer.sentencecase)
    assert (
        "Amnesty International. (2016). Connection denied: Restrictions on mobile phones and outside"
        " information in North Korea (ASA 24/3373/2016)." in result.stdout
    )


def test_a_citation_on_guessed_metadata_says_so_until_corrected(
    tmp_path: Path, dirs: dict[str, Path]
) -> None:
    """The one promise: a title or date that is only a guess is never cited as if known; stderr
    names the guesses and the command that corrects them, and `--json` lists them."""
    from index_docs import write_pdf

    pdf = tmp_path / "untitled.pdf"
    write_pdf(
        pdf, [["Beekeepers in the northern hills move their hives twice a year to follow the blossom."]]
    )
    quote = "move their hives twice a year"
    fields = json.loads(cli("meta", str(pdf), "--json").stdout)["fields"]
    guessed = sorted(f for f, v in fields.items() if v["guess"] and v["value"])
    assert guessed == ["title"]  # an Info title the page does not print: a guess
    result = cli("cite", quote, str(pdf), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert sorted(data["guesses"]) == guessed
    assert "guessed metadata" in result.stderr and f"citex meta {pdf} --set" in result.stderr
    assert cli("meta", str(pdf), "--set", "title=Hives", "--set", "date=2019").exit_code == 0
    corrected = cli("cite", quote, str(pdf), "--json")
    assert "title" not in json.loads(corrected.stdout)["guesses"]
    assert "date" not in json.loads(corrected.stdout)["guesses"]


def test_the_bundled_report_has_no_guessed_citation_fields() -> None:
    result = cli("cite", "North Korea remains one of the most isolated countries in the world", "--json")
    assert result.exit_code == 0 and json.loads(result.stdout)["guesses"] == {}
    assert "guessed" not in result.stderr


def test_an_empty_quote_is_an_error_not_a_search() -> None:
    result = cli("cite", "   ")
    assert result.exit_code == 2 and "no quote given" in result.stderr


def test_a_citation_without_a_title_says_so(dirs: dict[str, Path]) -> None:
    """A first page set all in one size gives no title (tests/fixtures/meta_layouts.py): the
    citation has none, and stderr says Citex could not tell it, and how to set it."""
    from fixtures.meta_layouts import BUILDERS

    pdf = BUILDERS["plain"](dirs["pdfs"]).path
    result = cli("cite", "heard from many witnesses over several weeks", str(pdf), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["missing"] == ["title", "author"]
    assert "has no title or author" in result.stderr and f"citex meta {pdf} --set title=" in result.stderr
    assert cli("meta", str(pdf), "--set", "title=Hearings", "--set", "author=River Board").exit_code == 0
    corrected = cli("cite", "heard from many witnesses over several weeks", str(pdf), "--json")
    assert json.loads(corrected.stdout)["missing"] == [] and "has no" not in corrected.stderr
