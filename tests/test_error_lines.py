"""Error lines say what is wrong with the file and what to do, never what broke inside Citex or pypdf."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures import hostile

from source import SourceError, read_pdf
from source.errors import damaged


@pytest.fixture(autouse=True)
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CITEX_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("CITEX_DEBUG", raising=False)


def test_an_internal_failure_says_what_to_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An exception deep inside (here forced) becomes one line about the file and what to do, no internals."""
    import source.reader

    def broken(runs: object) -> object:
        raise AttributeError("property 'indirect_reference' of 'DictionaryObject' object has no setter")

    monkeypatch.setattr(source.reader, "page_lines", broken)
    path = tmp_path / "x.pdf"
    path.write_bytes(hostile.text_pdf([["One line of text."]]))
    with pytest.raises(SourceError) as caught:
        read_pdf(str(path))
    assert str(caught.value) == (
        f"{path} is damaged (on page 1): Citex cannot read it: re-save or print it to PDF with a viewer "
        "and try again (CITEX_DEBUG=1 shows the details)"
    )
    monkeypatch.setenv("CITEX_DEBUG", "1")
    with pytest.raises(AttributeError):  # the details, when asked for
        read_pdf(str(path))


def test_a_parser_message_with_raw_bytes_is_not_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """pypdf's "Invalid Elementary Object starting with b'h' @123: b'...'" (seen fuzzing) becomes the
    damaged line; a plain pypdf reason about the file ("startxref not found") is kept."""
    from pypdf.errors import PdfReadError

    from source import objstreams

    path = tmp_path / "bad.pdf"
    path.write_bytes(hostile.text_pdf([["Some text here."]]))
    for reason, expected in [
        (
            "Invalid Elementary Object starting with b'h' @123: b' 0 0 R'",
            damaged(str(path), "its structure is broken"),
        ),
        ("startxref not found", f"{path} is not a PDF (or is damaged): startxref not found"),
    ]:

        def broken(*args: object, reason: str = reason, **kwargs: object) -> None:
            raise PdfReadError(reason)

        monkeypatch.setattr(objstreams, "LazyReader", broken)  # the PdfReader source opens PDFs with
        with pytest.raises(SourceError) as caught:
            read_pdf(str(path))
        assert str(caught.value) == expected
