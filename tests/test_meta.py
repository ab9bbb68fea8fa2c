"""Metadata with provenance (source.metadata, source.imprint) and a user's corrections
(index.meta, `citex meta`, `citex info`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixtures.meta_layouts import BUILDERS

from explorer.cli import main
from index.meta import correct, corrections, effective_metadata
from source.model import Document, Metadata, Provenance
from source.opening import open_document


@pytest.mark.parametrize("name", list(BUILDERS))
def test_each_field_has_its_value_source_and_guess(name: str, dirs: dict[str, Path]) -> None:
    truth = BUILDERS[name](dirs["pdfs"])
    meta = open_document(str(truth.path)).metadata
    for field, (value, source, guess) in truth.fields.items():
        assert getattr(meta, field) == value, field
        origin = meta.origin(field)
        assert origin is not None and (origin.source, origin.guess) == (source, guess), field
    for field in truth.absent:
        assert getattr(meta, field) == "" and meta.origin(field) is None, field


def test_metadata_round_trips_through_json(dirs: dict[str, Path]) -> None:
    document = open_document(str(BUILDERS["report"](dirs["pdfs"]).path))
    again = Document.from_json(document.to_json())
    assert again.metadata == document.metadata and again.metadata.provenance


def test_the_bundled_report() -> None:
    meta = open_document(str(Path("explorer/data/connection-denied.pdf"))).metadata
    assert meta.title.startswith("Connection Denied") and meta.origin("title") == Provenance("title", "info")
    assert meta.author == "Amnesty International" and not meta.is_guess("author")
    assert meta.date == "March 2016" and meta.report_number == "ASA 24/3373/2016"


def test_a_correction_is_laid_over_and_forgotten(dirs: dict[str, Path]) -> None:
    document = open_document(str(BUILDERS["manual"](dirs["pdfs"]).path))
    correct(document.id, dirs["data"], {"title": "The widget package for LaTeX", "date": "2014-06"})
    meta = effective_metadata(document, dirs["data"])
    assert meta.title == "The widget package for LaTeX" and meta.origin("title") == Provenance(
        "title", "user"
    )
    assert meta.author == "Jane Roe" and meta.origin("author") == Provenance("author", "info")
    correct(document.id, dirs["data"], unset=("title",))
    meta = effective_metadata(document, dirs["data"])
    assert meta.title == "The Widget Package" and meta.is_guess("title") and meta.date == "2014-06"
    correct(document.id, dirs["data"], {"author": ""})  # "there is no author"
    assert effective_metadata(document, dirs["data"]).author == ""
    assert effective_metadata(document, dirs["data"]).origin("author") is None


def test_citex_meta_sets_shows_and_keeps_corrections_per_file(dirs: dict[str, Path]) -> None:
    one, two = BUILDERS["report"](dirs["pdfs"]).path, BUILDERS["manual"](dirs["pdfs"]).path
    runner = CliRunner()
    result = runner.invoke(main, ["meta", str(one), "--set", "title=Silent Valleys", "--set", "date=2016-03"])
    assert result.exit_code == 0, result.output
    assert "Silent Valleys  [user]" in result.stdout and "2016-03  [user]" in result.stdout
    assert runner.invoke(main, ["meta", str(two), "--set", "report-number=TUG 7"]).exit_code == 0
    shown = json.loads(runner.invoke(main, ["meta", str(one), "--json"]).stdout)
    assert shown["fields"]["title"] == {"value": "Silent Valleys", "source": "user", "guess": False}
    assert shown["read"]["title"]["source"] == "info" and shown["corrections"] == {
        "title": "Silent Valleys",
        "date": "2016-03",
    }
    stored = json.loads((dirs["data"] / "metadata.json").read_text())
    assert len(stored["documents"]) == 2  # the second file's correction did not lose the first's
    info = runner.invoke(main, ["info", str(two)]).stdout
    assert "TUG 7  [user]" in info and "The Widget Package  [cover, a guess]" in info
    result = runner.invoke(main, ["meta", str(one), "--unset", "title"])
    assert "Silent Valleys: Water and Rights in the Highlands  [info]" in result.stdout


def test_a_bad_field_is_an_error_that_names_the_fields(dirs: dict[str, Path]) -> None:
    pdf = BUILDERS["report"](dirs["pdfs"]).path
    for args in (["--set", "colour=blue"], ["--set", "title"], ["--unset", "colour"]):
        result = CliRunner().invoke(main, ["meta", str(pdf), *args])
        assert result.exit_code == 2 and "citex: error" in result.stderr
    assert not (dirs["data"] / "metadata.json").exists()


def test_a_damaged_corrections_file_is_set_aside_with_its_bytes(dirs: dict[str, Path]) -> None:
    pdf = BUILDERS["report"](dirs["pdfs"]).path
    damaged = b'{"format": 1, "documents": {"abc'
    (dirs["data"] / "metadata.json").write_bytes(damaged)
    result = CliRunner().invoke(main, ["meta", str(pdf), "--set", "title=Valleys"])
    assert result.exit_code == 0 and "citex: warning" in result.stderr and "moved to" in result.stderr
    kept = list(dirs["data"].glob("metadata.json.damaged-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == damaged
    document = open_document(str(pdf))
    assert corrections(document.id, dirs["data"]) == {"title": "Valleys"}


def test_older_metadata_json_without_provenance_still_reads() -> None:
    meta = Metadata(title="T")
    assert meta.origin("title") is None and not meta.is_guess("title")


REAL_WORLD = Path(__file__).resolve().parent / "corpus" / "real-world"
REAL = Path(__file__).resolve().parent / "corpus" / "real"


def test_real_pdfs_junk_info_is_never_a_title_or_author() -> None:
    """pdfinfo: the expex manual's Info title is "C:/USERS/JOHN/LING/TEX/EXPEX/MAN/0.dvi", the EMNLP
    paper's "Microsoft Word - Paraphrase_EMNLP2004_camera_ready.doc" (author "chrisq"), the court
    opinion's author "localuser"; the UPR report's Info title "UNITED" is the first word of
    "UNITED NATIONS" on its cover."""
    expex = open_document(str(REAL / "expex-manual.pdf")).metadata
    assert ".dvi" not in expex.title and expex.is_guess("title")
    emnlp = open_document(str(REAL_WORLD / "emnlp-word-twocolumn.pdf")).metadata
    assert "Microsoft Word" not in emnlp.title and emnlp.author == ""
    assert emnlp.title == "Monolingual Machine Translation for Paraphrase Generation" and emnlp.is_guess(
        "title"
    )
    assert emnlp.date == "2004-06-11" and emnlp.origin("date") == Provenance("date", "info", True)
    assert open_document(str(REAL_WORLD / "ncsc-opinion-word2013.pdf")).metadata.author == ""
    upr = open_document(str(REAL_WORLD / "un-upr-word2007-endnotes.pdf")).metadata
    assert upr.title != "UNITED" and upr.is_guess("title")


def test_real_pdfs_cover_and_imprint() -> None:
    """pdftotext: the UN reports print their symbol and date alone on cover lines; WHO's imprint page
    prints "ISBN 978-92-4-005273-4 (electronic version)" and "© World Health Organization 2022"."""
    emrip = open_document(str(REAL_WORLD / "un-emrip-word365.pdf")).metadata
    assert (emrip.report_number, emrip.date) == ("A/HRC/EMRIP/2025/3", "6 May 2025")
    assert emrip.origin("report_number") == Provenance("report_number", "cover")
    who = open_document(str(REAL_WORLD / "who-hcv-indesign.pdf")).metadata
    assert who.report_number == "978-92-4-005273-4" and who.origin("report_number") == Provenance(
        "report_number", "imprint"
    )
    assert (who.publisher, who.date) == ("World Health Organization", "2022")
    assert who.is_guess("publisher") and who.is_guess("date")  # a © holder and year: guesses


def test_an_editor_named_on_the_cover_makes_the_info_author_a_guess() -> None:
    """pdftotext: the SSI anthology's cover prints "Max G. Manwaring" over "Editor"; Info and XMP say
    author "Dr. Max G. Manwaring"."""
    ssi = open_document(str(REAL_WORLD / "ssi-ventura-endnotes.pdf")).metadata
    assert ssi.author == "Dr. Max G. Manwaring" and ssi.is_guess("author")
    assert (ssi.date, ssi.report_number) == ("September 1999", "1-58487-005-2")
    assert ssi.origin("report_number") == Provenance("report_number", "imprint")


def test_citex_list_shows_a_corrected_title(dirs: dict[str, Path]) -> None:
    pdf = BUILDERS["manual"](dirs["pdfs"]).path
    runner = CliRunner()
    assert runner.invoke(main, ["add", str(pdf)]).exit_code == 0
    assert "The Widget Package" in runner.invoke(main, ["list"]).stdout
    assert runner.invoke(main, ["meta", str(pdf), "--set", "title=Widgets, a manual"]).exit_code == 0
    listed = json.loads(runner.invoke(main, ["list", "--json"]).stdout)
    assert [e["title"] for e in listed] == ["Widgets, a manual"]
