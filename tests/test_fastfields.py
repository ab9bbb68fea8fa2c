"""The index written the fast way holds what Whoosh's own way writes (index/fastfields.py).

- `FastText.index` gives, value by value, the postings Whoosh's TEXT field gives for the same
  analyzer (terms, frequencies, weights, encoded positions), for every unit of the bundled
  report and of the real manuals, and for strings made to catch the edge cases (stop words,
  one-letter words, accents decomposed or not, case folding that changes a word's length,
  numbers with dots, wildcards, words that stem alike);
- an index written by FastWriter with FastText fields and one written by Whoosh's
  SegmentWriter with TEXT fields hold the same terms, postings and per-term length bounds, in
  several segments (a commit part way, then a merge), and answer the same queries.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from index.fastfields import FastText, words
from index.fastwrite import FastWriter
from index.store import INDEX_NAME, analyzers, import_whoosh, schema
from index.units import stored_fields, units_of
from source.model import Document

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "explorer" / "data" / "connection-denied.pdf"
MANUAL = ROOT / "tests" / "corpus" / "real" / "hyperref-manual.pdf"
EDGES = [
    "",
    "   ",
    "—!?",
    "The the THE a an I x y z of OF to be or not to be",
    "big-time under_score 3.141 v1.2.3 e.g. U.S.A. a.b",
    "wild*card *star* **",
    "Médecins Sans Frontières, Me\u0301decins, ÉCOLE, naïve, Ångström, Œuvre, straße, STRASSE",
    "İstanbul ǅemal ﬁnance ﬂow ﬀ Ａ全角 ＡＢＣ",
    "running runs ran runner ruNNing connection connections connected connecting",
    "emoji 🙂 and \u200bzero\u200bwidth and tab\tnew\nline",
    "repeat repeat repeat Repeat REPEAT répété repete",
    "x " * 300,
]


def _plain(field: Any) -> Any:
    """The same field as Whoosh's own TEXT (same analyzer, format and options)."""
    from whoosh.fields import TEXT

    twin = TEXT.__new__(TEXT)
    twin.__dict__.update({k: v for k, v in field.__dict__.items() if k != "_plan"})
    return twin


def _texts(documents: list[Document]) -> list[str]:
    values = list(EDGES)
    for document in documents:
        for fields in stored_fields(units_of(document)):
            values += [fields["text"], fields.get("title", ""), fields["section"]]
    return values


@pytest.fixture(scope="module")
def documents(read_document: Callable[[Path], Document]) -> list[Document]:
    return [read_document(REPORT), read_document(MANUAL)]


@pytest.mark.parametrize("name", ["text", "exact", "section"])
def test_same_postings_as_whoosh(name: str, documents: list[Document]) -> None:
    field = schema()[name]
    assert isinstance(field, FastText)
    plain = _plain(field)
    values = _texts(documents)
    assert len(values) > 2000
    for value in values:
        assert list(field.index(value)) == list(plain.index(value)), value


def test_stop_words_renumbered_like_whoosh() -> None:
    """Positions after stop words: the first kept word keeps its place, the others follow it."""
    from whoosh.analysis import RegexTokenizer, StopFilter
    from whoosh.fields import TEXT

    analyzer = RegexTokenizer() | StopFilter()
    fast, plain = FastText(analyzer=analyzer, phrase=True), TEXT(analyzer=analyzer, phrase=True)
    for value in ["the cat and the hat", "a b the c of dd", "and the", "Stop the Stop"]:
        assert list(fast.index(value)) == list(plain.index(value)), value
    kept = [w for w, _ in words(fast.__dict__["_plan"][0], fast.__dict__["_plan"][1], "of the cat", True)]
    assert kept == ["cat"]


def test_other_values_go_to_whoosh() -> None:
    """A list of words (Whoosh's pre-tokenised form) is left to TEXT.index, which gives the same."""
    stemmed, _ = analyzers()
    fast = FastText(analyzer=stemmed)
    assert list(fast.index(["Running", "dogs"])) == list(_plain(fast).index(["Running", "dogs"]))


def _write(directory: Path, fast: bool, documents: list[Document]) -> Any:
    """An index of the documents' units in two segments and a merge: FastWriter and FastText, or
    Whoosh's own writer and TEXT."""
    import_whoosh()
    from whoosh.fields import TEXT
    from whoosh.filedb.filestore import FileStorage
    from whoosh.writing import SegmentWriter

    sc = schema()
    if not fast:
        for name in ("text", "exact", "section"):
            sc._fields[name] = _plain(sc[name])
            assert type(sc[name]) is TEXT
    directory.mkdir()
    ix = FileStorage(str(directory)).create_index(sc, indexname=INDEX_NAME)
    make = FastWriter if fast else SegmentWriter
    for document in documents:
        writer = make(ix)
        for fields in stored_fields(units_of(document)):
            writer.add_document(**fields)
        writer.commit(merge=False)
    writer = make(ix)
    writer.commit(optimize=True)  # merged: postings read back and written again
    return ix


def _contents(ix: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    with ix.reader() as reader:
        for fieldname, term in reader.all_terms():
            info = reader.term_info(fieldname, term)
            postings = reader.postings(fieldname, term)
            items = (
                list(postings.items_as("weight"))
                if fieldname != "exact"
                else list(postings.items_as("positions"))
            )
            out[f"{fieldname}:{term!r}"] = (
                info.doc_frequency(),
                info.weight(),
                info.min_length(),
                info.max_length(),
                items,
            )
        for name in ("text", "exact", "section"):
            out[f"length {name}"] = reader.field_length(name)
            out[f"lengths {name}"] = [reader.doc_field_length(d, name) for d in range(reader.doc_count_all())]
    return out


def test_fast_index_holds_what_whoosh_writes(tmp_path: Path, documents: list[Document]) -> None:
    fast = _write(tmp_path / "fast", True, documents)
    plain = _write(tmp_path / "plain", False, documents)
    got, want = _contents(fast), _contents(plain)
    assert len(want) > 5000
    assert got == want
    import_whoosh()
    from whoosh.qparser import QueryParser

    found = 0
    for text in [
        'exact:"mobile phones"',
        "border",
        "section:introduction",
        "phone*",
        'exact:"the hyperref package"',
    ]:
        with fast.searcher() as a, plain.searcher() as b:
            qa = QueryParser("text", fast.schema).parse(text)
            qb = QueryParser("text", plain.schema).parse(text)
            hits_a = [(h.docnum, round(h.score, 9)) for h in a.search(qa, limit=50)]
            hits_b = [(h.docnum, round(h.score, 9)) for h in b.search(qb, limit=50)]
            assert hits_a == hits_b, text
            found += len(hits_b)
    assert found > 50
