"""`citex check DRAFT`: each verdict and page check on drafts written for the bundled report and a
real-world PDF, the JSON shape, --annotate, --bib, .docx drafts and the exit codes."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from fixtures.drafts import write_docx
from index_docs import write_pdf

from explorer.cli import main
from index import Corpus, open_corpus
from index.checking import Check, check_quote
from index.pagecheck import page_check
from index.citekeys import DocRef
from index.draft import Draft, quotations, read_draft
from source.model import Document

REPORT = Path(__file__).resolve().parent.parent / "explorer" / "data" / "connection-denied.pdf"
REAL_WORLD = Path(__file__).resolve().parent / "corpus" / "real-world"
JSON_KEYS = {
    "line",
    "quote",
    "verdict",
    "source",
    "document",
    "page",
    "page_label",
    "cited",
    "page_check",
    "diff",
    "elided",
}

Q_ISOLATED = "North Korea remains one of the most isolated countries in the world"
"""Printed twice: on page 7 (the executive summary) and page 15."""
Q_TRIALS = "Individuals are routinely imprisoned after unfair trials, or no trials at all"
Q_ACROSS = (
    "Amnesty International commissioned analysis of satellite images to further document the existence "
    "of these camps and the changes in their size and facilities over time"
)
"""Runs from page 16 onto page 17."""
Q_BACK = "The Democratic People\u2019s Republic of Korea (North Korea) remains one of the most isolated countries in the world"
"""On the back cover: a page that prints no number."""
Q_ABSENT = "The leader of the country wields limited power and shares it with an elected parliament"

DRAFT = f"""# A draft about North Korea

The report opens bluntly: "{Q_ISOLATED}" (p. 15).
It adds that \u201cIndividuals are routinely imprisoned \u2026 or no trials at all\u201d [@amnesty2016connection, p. 15].
Kim Jong-un asked to "set up double or triple mosquito nets to stop the viruses of capitalist ideology"
(Amnesty International 2016, 15).
Some say "Individuals are routinely jailed after unfair trials, or no trials at all" (Amnesty International, 2016, pp. 15\u201316).
Others: "at all or no trials, individuals are imprisoned routinely after unfair trials" (p. 15).
Nobody wrote "{Q_ABSENT}" (p. 15).
Cited wrongly: "{Q_ISOLATED}" (p. 22).

> {Q_BACK[:55]}
> {Q_BACK[56:]} (p. 57)

The camps: "{Q_ACROSS}" (p. 16). And again "{Q_ACROSS}" (pp. 16\u201317).
With no page: "the North Korean government has sought to maintain its absolute monopoly over communications".
In a note: "{Q_TRIALS}"[^1]

[^1]: Amnesty International, Connection Denied: Restrictions on mobile phones (2016), p. 15.
"""
EXPECTED = [
    # line, verdict, page_check, found page label
    (3, "exact", "right", "15"),
    (4, "exact-elided", "right", "15"),
    (5, "exact-punctuation", "right", "15"),
    (7, "near", "right", "15"),
    (8, "near", "right", "15"),
    (9, "absent", None, None),
    (10, "exact", "wrong", "7"),
    (12, "exact", "unprinted", "[57]"),
    (15, "exact", "wrong", "16-17"),
    (15, "exact", "right", "16-17"),
    (16, "exact", "none", "7"),
    (17, "exact", "right", "15"),
]


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Corpus]:
    """The bundled report's index, through the session's shared cache (read once)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CITEX_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "citex-cache"))
        with open_corpus([REPORT]) as c:
            yield c


@pytest.fixture(scope="module")
def report_ref(report: Corpus) -> DocRef:
    (sha,) = report.ids.values()
    return DocRef(
        sha,
        str(REPORT),
        "Connection Denied: Restrictions on mobile phones",
        "Amnesty International",
        "March 2016",
    )


def check_all(corpus: Corpus, text: str, refs: list[DocRef]) -> list[Check]:
    draft = Draft("draft.md", text, read_draft("-", text).notes)
    return [check_quote(corpus, q, refs) for q in quotations(draft)]


def test_every_verdict_and_page_check_on_the_report(report: Corpus, report_ref: DocRef) -> None:
    checks = check_all(report, DRAFT, [report_ref])
    got = [(c.quote.line, c.verdict, c.page_check, c.hit.page_label if c.hit else None) for c in checks]
    assert got == EXPECTED
    by_line = {c.quote.line: c for c in checks}
    assert by_line[4].elided == ("after unfair trials",)
    assert [(m.quote, m.source) for m in by_line[5].punctuation] == [
        ("triple mosquito", "triple \u2018mosquito"),
        ("nets to", "nets\u2019 to"),
    ]
    assert [(d.op, d.quote, d.source) for d in by_line[7].diff] == [("replace", "jailed", "imprisoned")]
    assert "Individuals are routinely imprisoned after unfair trials" in (
        by_line[8].hit.text if by_line[8].hit else ""
    )
    assert by_line[10].also == ("15",)  # the right pages, both of them
    assert all(not c.warnings for c in checks)
    assert [c.ok for c in checks] == [
        True,
        True,
        True,
        False,
        False,
        False,
        False,
        False,
        False,
        True,
        False,
        True,
    ]


def test_exact_is_never_said_of_changed_words(report: Corpus, report_ref: DocRef) -> None:
    """One word changed, added, dropped, or two swapped: never exact in any form, never absent."""
    variants = [
        "North Korea remains one of the most closed countries in the world",
        "North Korea remains one of the very most isolated countries in the world",
        "North Korea remains one of the isolated countries in the world",
        "North Korea remains one of the most isolated nations in the world",
        "North Korea remains one of the isolated most countries in the world",
        "Individuals are routinely imprisoned \u2026 no trials at all or",
    ]
    text = "\n\n".join(f'"{v}" (p. 15).' for v in variants)
    checks = check_all(report, text, [report_ref])
    assert [c.verdict for c in checks] == ["near"] * len(variants), [
        c.quote.text for c in checks if c.verdict != "near"
    ]


def test_an_ellipsis_the_source_prints_is_not_an_elision(report: Corpus, report_ref: DocRef) -> None:
    text = (
        '"set up double or triple \u2018mosquito nets\u2019 to stop the viruses of capitalist ideology from '
        'infiltrating our border \u2026" (p. 15).\n\n'
        + '"'
        + Q_TRIALS.replace(", or", " \u2026 or")
        + '" (p. 15).\n'
    )
    source_own, empty = check_all(report, text, [report_ref])
    assert source_own.verdict == "exact" and source_own.page_check == "right"
    assert empty.verdict == "exact-punctuation" and empty.elided == ()
    assert [(m.quote, m.source) for m in empty.punctuation] == [("trials \u2026 or", "trials, or")]


def test_the_citation_names_another_document(tmp_path: Path, report: Corpus, report_ref: DocRef) -> None:
    other = DocRef(
        "f" * 64, str(tmp_path / "other.pdf"), "Mobile phones in the Pacific", "Pacific Institute", "2019"
    )
    text = f'"{Q_TRIALS}" (Pacific Institute 2019, 15).\n\n"{Q_TRIALS}" [@smith2010other, p. 15].\n'
    named, unknown = check_all(report, text, [report_ref, other])
    assert named.verdict == "exact" and named.page_check == "wrong" and not named.ok
    assert named.cited_document == other and "not in the cited" in named.warnings[0]
    assert unknown.verdict == "exact" and unknown.page_check == "right" and not unknown.ok
    assert "names no one document" in unknown.warnings[0]


@pytest.mark.parametrize(
    ("cited", "found", "expected"),
    [
        ("15", "15", "right"),
        ("15-16", "15", "right"),
        ("15", "15-16", "wrong"),
        ("14", "15", "wrong"),
        ("xii", "xii", "right"),
        ("12", "xii", "wrong"),
        (None, "15", "none"),
        ("57", "[57]", "unprinted"),
        (None, "[#3]", "unprinted"),
        ("A-5", "A-5", "right"),
    ],
)
def test_page_check(cited: str | None, found: str, expected: str) -> None:
    assert page_check(cited, found) == expected


@pytest.mark.parametrize("name", ["un-emrip-word365.pdf", "harvardlr-offprint.pdf"])
def test_a_real_world_report(name: str, read_document: Callable[[Path], Document]) -> None:
    """True quotes of a UN report and a law review offprint whose /PageLabels disagree with its folios
    (tests/corpus/real-world/quotes.json), cited at their printed page, at the wrong page, changed,
    and elided."""
    from index import corpus_of

    document = read_document(REAL_WORLD / name)
    corpus = corpus_of([document])
    quotes = json.loads((REAL_WORLD / "quotes.json").read_text(encoding="utf-8"))["quotes"]
    mine = [q for q in quotes if q["file"] == name and not q.get("failure") and q["page"] == q["end_page"]]
    mine = [q for q in mine if document.page(q["page"]).label is not None and len(q["quote"].split()) >= 10][
        :3
    ]
    assert len(mine) == 3
    lines, expected = [], []
    for q in mine:
        label = document.page(q["page"]).label
        words = q["quote"].rstrip(".").split()
        wrong = str(int(label) + 3) if label and label.isdigit() else "999"
        lines.append(f'"{q["quote"]}" (p. {label}).')
        expected.append(("exact", "right", label))
        lines.append(f'"{q["quote"]}" (p. {wrong}).')
        expected.append(("exact", "wrong", label))
        changed = [*words[:3], "utterly", *words[3:]]
        lines.append(f'"{" ".join(changed)}" (p. {label}).')
        expected.append(("near", "right", label))
        lines.append(f'"{" ".join(words[:4])} \u2026 {" ".join(words[6:])}" (p. {label}).')
        expected.append(("exact-elided", "right", label))
    ref = DocRef(
        document.id, document.path, document.metadata.title, document.metadata.author, document.metadata.date
    )
    checks = check_all(corpus, "\n\n".join(lines), [ref])
    assert [(c.verdict, c.page_check, c.hit.page_label if c.hit else None) for c in checks] == expected


# -- the command ---------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def cli_dirs(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The session's shared cache (the report is read once); a fresh, empty library per test."""
    monkeypatch.setenv("CITEX_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "citex-cache"))
    monkeypatch.setenv("CITEX_DATA_DIR", str(tmp_path / "data"))


def run(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=stdin)


def test_check_json_shape_and_exit_code(tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(DRAFT, encoding="utf-8")
    result = run("check", str(draft), "--json")
    assert result.exit_code == 1, result.output
    data: list[dict[str, Any]] = json.loads(result.stdout)
    assert [(d["line"], d["verdict"], d["page_check"], d["page_label"]) for d in data] == EXPECTED
    for d in data:
        assert JSON_KEYS <= set(d)
    absent = data[5]
    assert absent["source"] is None and absent["document"] is None and absent["cited"] == "15"
    assert data[1]["elided"] == ["after unfair trials"] and data[1]["cited"] == "15"
    assert data[10]["cited"] is None and data[0]["document"].endswith("connection-denied.pdf")
    assert data[3]["diff"] == [{"op": "replace", "quote": "jailed", "source": "imprisoned"}]


def test_check_text_is_one_line_per_quotation_in_draft_order(tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(DRAFT, encoding="utf-8")
    result = run("check", str(draft))
    lines = result.stdout.splitlines()
    assert len(lines) == len(EXPECTED)
    assert [line.split("\t")[:2] for line in lines] == [[str(n), v] for n, v, _, _ in EXPECTED]
    assert "p.22 wrong: p.7 (also 15)" in lines[6]
    assert "p.57: p.[57] prints no number" in lines[7]


def test_check_exit_zero_only_when_all_exact_and_right(tmp_path: Path) -> None:
    good = tmp_path / "good.md"
    good.write_text(
        f'"{Q_ISOLATED}" (p. 15) and "{Q_TRIALS}" [@amnesty2016connection, p. 15].\n', encoding="utf-8"
    )
    assert run("check", str(good)).exit_code == 0
    assert run("check", "-", stdin=f'"{Q_ISOLATED}" (p. 15).').exit_code == 0
    assert run("check", "-", stdin=f'"{Q_ISOLATED}".').exit_code == 1  # no page cited


def test_check_errors_are_one_line(tmp_path: Path) -> None:
    missing = run("check", str(tmp_path / "missing.md"))
    assert missing.exit_code == 2 and missing.stderr.count("\n") == 1 and "cannot read" in missing.stderr
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"no zip")
    assert run("check", str(bad)).exit_code == 2
    empty = tmp_path / "empty.md"
    empty.write_text("No quotations here at all.\n")
    assert run("check", str(empty)).exit_code == 1
    good = tmp_path / "good.md"
    good.write_text(f'"{Q_ISOLATED}" (p. 15).\n')
    broken = tmp_path / "refs.json"
    broken.write_text("[{not json")
    result = run("check", str(good), "--bib", str(broken))
    assert result.exit_code == 2 and result.stderr.startswith("citex: error:")


def test_annotate_writes_the_draft_with_a_comment_after_each_quotation(tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(DRAFT, encoding="utf-8")
    out = tmp_path / "annotated.md"
    run("check", str(draft), "--annotate", str(out))
    text = out.read_text(encoding="utf-8")
    assert text.count("<!-- citex: ") == len(EXPECTED)
    assert re.sub(r" <!-- citex: .*?-->|<!-- citex: .*?-->\n", "", text, flags=re.S) == DRAFT
    assert "<!-- citex: exact-elided; p.15 right\n  elided: \u201cafter unfair trials\u201d" in text
    assert "replace: \u201cjailed\u201d -> \u201cimprisoned\u201d" in text


def test_bib_and_docx_drafts(tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text(
        "@report{cd,\n  title = {Connection Denied},\n  author = {Amnesty International},\n  year = {2016}\n}\n"
    )
    docx = write_docx(
        tmp_path / "draft.docx",
        [f"It found \u201c{Q_ISOLATED}\u201d [@cd, p. 15].", ("Quote", f"{Q_TRIALS}. [^1]")],
        {"1": "Amnesty International, Connection Denied (2016), 15."},
    )
    result = run("check", str(docx), "--bib", str(bib), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [(d["line"], d["verdict"], d["page_check"], d["cited_document"] is not None) for d in data] == [
        (1, "exact", "right", True),
        (2, "exact", "right", True),
    ]
    without_bib = run("check", str(docx), "--json")  # "cd" could be the report: cannot tell, and said so
    assert without_bib.exit_code == 0 and "cannot tell whether [@cd, p. 15] cites it" in without_bib.stderr


def test_check_against_pdfs_given(tmp_path: Path) -> None:
    """Two PDFs given: a citation's author picks the document, and a page in the other is wrong."""
    pdf = tmp_path / "orchards.pdf"
    write_pdf(
        pdf, [["Beekeepers in the northern hills move their hives twice a year to follow the blossom."]]
    )
    draft = tmp_path / "draft.md"
    draft.write_text(
        f'"{Q_ISOLATED}" (Amnesty International 2016, 15).\n\n'
        '"Beekeepers in the northern hills move their hives twice a year" (p. 1).\n'
        '\n"move their hives twice a year to follow the blossom" (Orchard Society, p. 1).\n',
        encoding="utf-8",
    )
    result = run("check", str(draft), str(REPORT), str(pdf), "--json")
    data = json.loads(result.stdout)
    # the generated PDF prints no page numbers: its page 1 cannot be checked
    assert [(d["verdict"], d["page_check"]) for d in data] == [("exact", "right")] + [
        ("exact", "unprinted")
    ] * 2
    # its metadata names no author: whether "Orchard Society" wrote it cannot be told, and is said so
    assert data[2]["warnings"] == [] and "names no author: cannot tell" in data[2]["notices"][0]
    assert "citex: note: line 5:" in result.stderr
    assert data[0]["cited_document"] == str(REPORT) and data[1]["document"] == str(pdf)
    assert data[1]["page_label"] == "[#1]" and result.exit_code == 1


def test_sic_and_italics_are_the_writers(report: Corpus, report_ref: DocRef) -> None:
    text = (
        '"North Korea remains one of the *most* isolated countries in the world" (p. 15).\n\n'
        '"North Korea remains [sic] one of the most isolated countries in the world" (p. 15).\n'
    )
    assert [(c.verdict, c.page_check) for c in check_all(report, text, [report_ref])] == [
        ("exact", "right"),
        ("exact", "right"),
    ]


def test_an_ellipsis_standing_for_whole_sentences(report: Corpus, report_ref: DocRef) -> None:
    """The parts stand farther apart than find's windows: each is found, and the text between read."""
    text = (
        f'"{Q_TRIALS}. [\u2026] The Commission found that many of the violations amounted to crimes against '
        'humanity" (p. 15).\n\n'
        f'"{Q_TRIALS}. [\u2026] The Commission found that many of the violations amounted to crimes against '
        'humanity" (p. 16).\n\n'
        f'"{Q_TRIALS}. [\u2026] The Commission found that many of the abuses amounted to crimes against '
        'humanity" (p. 15).\n'
    )
    elided, wrong, changed = check_all(report, text, [report_ref])
    assert (elided.verdict, elided.page_check) == ("exact-elided", "right")
    (left_out,) = elided.elided
    assert left_out.startswith("In many cases, the \u201ccrimes\u201d") and left_out.endswith(
        "collective punishment"
    )
    assert any("leaves out 'not'" in n for n in elided.notices)  # "do not meet the criteria"
    assert (wrong.verdict, wrong.page_check) == ("exact-elided", "wrong")
    assert changed.verdict == "near"  # a word changed in a part: not exact in any form
