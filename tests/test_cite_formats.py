"""The machine formats parse and say what the item says: BibTeX, RIS, CSL-JSON, pandoc, Markdown
labels, the Web Annotation; one citation key for all of them."""

from __future__ import annotations

import json
import re

from explorer.citation import cite, footnote_label
from explorer.citeformats import annotation, bibtex, block_offset, body_text, located, ris
from explorer.citeitem import citation_key, item_of, short_title
from source.model import Block, Document, Metadata, Page

META = Metadata(
    title="Connection Denied: Restrictions on mobile phones & outside information in North Korea",
    author="Amnesty International",
    date="March 2016",
    report_number="ASA 24/3373/2016",
)
ARTICLE = {
    "id": "satterfield2016livy",
    "type": "article-journal",
    "title": "Livy and the Pax Deum",
    "author": [{"family": "Satterfield", "given": "Susan"}],
    "container-title": "Classical Philology",
    "volume": "111",
    "issue": "2",
    "page": "165-176",
    "issued": {"date-parts": [[2016]]},
    "DOI": "10.1086/685810",
}
_ENTRY = re.compile(r"^@(\w+)\{([^,\s]+),\n((?:  \w+ = (?:\{.*\}|\w+),?\n)+)\}$")
_FIELD = re.compile(r"^  (\w+) = (\{.*\}|\w+),?$", re.M)


def _bibtex_fields(text: str) -> tuple[str, str, dict[str, str]]:
    match = _ENTRY.match(text)
    assert match, text
    fields = {name: value for name, value in _FIELD.findall(match.group(3))}
    for value in fields.values():  # braces balance in every value
        depth = 0
        for c in value.replace("\\{", "").replace("\\}", ""):
            depth += {"{": 1, "}": -1}.get(c, 0)
            assert depth >= 0
        assert depth == 0, value
    return match.group(1), match.group(2), fields


def test_one_stable_key() -> None:
    item = item_of(META)
    assert item["id"] == citation_key(item) == "amnesty2016connection"
    assert item_of(META)["id"] == item["id"]
    assert citation_key(ARTICLE) == "satterfield2016livy"
    assert citation_key({"title": "The Élan of Rivers"}) == "anonndelan"
    assert short_title(str(item["title"])) == "Connection Denied"


def test_bibtex_report_book_article() -> None:
    kind, key, fields = _bibtex_fields(bibtex(item_of(META)))
    assert (kind, key) == ("techreport", "amnesty2016connection")
    assert fields["author"] == "{{Amnesty International}}"  # braced: not split into given and family
    assert fields["institution"] == "{Amnesty International}" and fields["number"] == "{ASA 24/3373/2016}"
    assert "\\&" in fields["title"] and fields["year"] == "{2016}" and fields["month"] == "mar"
    kind, _, fields = _bibtex_fields(bibtex(item_of(Metadata(title="Rivers", author="A. Roe", date="1999"))))
    assert kind == "book" and "institution" not in fields
    kind, key, fields = _bibtex_fields(bibtex(ARTICLE))
    assert (kind, key) == ("article", "satterfield2016livy")
    assert fields["author"] == "{Satterfield, Susan}" and fields["journal"] == "{Classical Philology}"
    assert fields["pages"] == "{165--176}" and fields["doi"] == "{10.1086/685810}"


def test_ris_tags() -> None:
    lines = ris(item_of(META)).split("\n")
    assert all(re.fullmatch(r"[A-Z][A-Z0-9]  - .*", line) for line in lines)
    tags = dict(line.split("  - ", 1) for line in lines)
    assert lines[0] == "TY  - RPRT" and lines[-1] == "ER  - "
    assert tags["AU"] == "Amnesty International" and tags["SN"] == "ASA 24/3373/2016"
    assert tags["PY"] == "2016" and tags["DA"] == "2016/03//"
    article = dict(line.split("  - ", 1) for line in ris(ARTICLE).split("\n"))
    assert article["TY"] == "JOUR" and article["AU"] == "Satterfield, Susan"
    assert (article["SP"], article["EP"], article["T2"]) == ("165", "176", "Classical Philology")


def test_csl_json_and_pandoc_entry_parse() -> None:
    item = json.loads(cite("x", META, "15", None, "csl-json").bibliography)
    assert item["id"] == "amnesty2016connection" and item["type"] == "report"
    pandoc = cite("x", META, "15", None, "pandoc")
    assert pandoc.citation == "[@amnesty2016connection, p. 15]"
    assert json.loads(pandoc.bibliography) == [item]
    assert cite("x", META, "[6]", None, "pandoc").citation == "[@amnesty2016connection, p. \\[6\\]]"


def test_markdown_labels_are_unique_per_quote() -> None:
    one = cite("The wells ran dry.", META, "15", None, "markdown").text
    two = cite("The dam was never built.", META, "15", None, "markdown").text
    label_one = re.findall(r"\[\^([^\]]+)\]", one)
    label_two = re.findall(r"\[\^([^\]]+)\]", two)
    assert len(set(label_one)) == 1 and len(label_one) == 2  # the mark and its footnote
    assert label_one[0] != label_two[0]
    assert all(re.fullmatch(r"[A-Za-z0-9-]+", label) for label in (*label_one, *label_two))
    assert footnote_label("k", "[#3]", None, "q").startswith("k-ppdf3-")
    assert footnote_label("k", "22", "23", "q").startswith("k-p22-23-")


def _document() -> Document:
    pages = (
        Page(index=1, label=None, blocks=(Block("heading", "Dry Wells", level=1),)),
        Page(index=2, label="2", blocks=(Block("paragraph", "First one. The wells ran dry in May."),)),
    )
    return Document(id="ab" * 32, path="x.pdf", metadata=META, pages=pages)


def test_annotation_offsets_and_ids() -> None:
    document = _document()
    text = body_text(document)
    assert text == "Dry Wells\n\nFirst one. The wells ran dry in May.\n\n"
    assert block_offset(document, 2, 0) == len("Dry Wells\n\n")
    start = len("First one. ")
    where = located(document, (2, 0, start, 2, 0, start + len("The wells ran dry in May.")))
    note = annotation(document, "The wells ran dry in May.", where, 2, "2", "cited", ("0f" * 16, "1e" * 16))
    assert json.loads(json.dumps(note)) == note
    assert note["@context"] == "http://www.w3.org/ns/anno.jsonld" and note["type"] == "Annotation"
    target = note["target"]
    assert target["source"] == "urn:sha256:" + "ab" * 32 and target["sameAs"] == "urn:x-pdf:" + "0f" * 16
    selectors = {s["type"]: s for s in target["selector"]}
    position = selectors["TextPositionSelector"]
    assert text[position["start"] : position["end"]] == "The wells ran dry in May."
    assert selectors["TextQuoteSelector"]["prefix"] == "Dry Wells\n\nFirst one. "
    assert selectors["TextQuoteSelector"]["suffix"] == "\n\n"
    assert selectors["FragmentSelector"]["value"] == "page=2" and target["citex:page_label"] == "2"
    unplaced = annotation(document, "words", None, 1, "[1]", "cited")
    assert [s["type"] for s in unplaced["target"]["selector"]] == ["FragmentSelector", "TextQuoteSelector"]
    assert "sameAs" not in unplaced["target"]
