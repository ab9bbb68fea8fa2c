"""Objects of object streams parsed when asked for (source/objstreams.py) are pypdf's own objects.

- every object packed in an object stream of a pdfTeX manual and of a Word file reads the same
  through LazyReader as through pypdf's PdfReader (written out byte for byte), asked for in
  file order and in reverse order;
- reading a page of the manual parses far fewer objects than pypdf does (the point of it), and
  gives the same text;
- an object number the stream's table does not list reads as null, as with pypdf.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import IndirectObject, NullObject

from source.objstreams import LazyReader
from source.opening import quiet_pypdf

ROOT = Path(__file__).resolve().parent.parent
PACKED = [
    ROOT / "tests" / "corpus" / "real" / "hyperref-manual.pdf",
    ROOT / "tests" / "corpus" / "real-world" / "un-emrip-word365.pdf",
]
"""PDFs with many objects in object streams (pdfTeX, Word 365)."""


def _bytes(obj: object) -> bytes:
    out = BytesIO()
    obj.write_to_stream(out)  # type: ignore[attr-defined]
    return out.getvalue()


@pytest.mark.parametrize("path", PACKED, ids=lambda p: p.name)
@pytest.mark.parametrize("backwards", [False, True])
def test_every_packed_object_as_pypdf_reads_it(path: Path, backwards: bool) -> None:
    quiet_pypdf()
    plain, lazy = PdfReader(path, strict=False), LazyReader(path, strict=False)
    numbers = sorted(plain.xref_objStm, reverse=backwards)
    assert len(numbers) > 500
    for n in numbers:
        want = plain.get_object(IndirectObject(n, 0, plain))
        got = lazy.get_object(IndirectObject(n, 0, lazy))
        assert type(got) is type(want), n
        assert _bytes(got) == _bytes(want), n


def test_a_page_parses_fewer_objects() -> None:
    """hyperref's manual packs its pages, fonts and thousands of link annotations together."""
    quiet_pypdf()
    path = PACKED[0]
    plain, lazy = PdfReader(path, strict=False), LazyReader(path, strict=False)
    assert lazy.pages[1].extract_text() == plain.pages[1].extract_text()
    assert len(lazy.resolved_objects) < len(plain.resolved_objects) / 2


def test_a_number_not_in_the_table_is_null() -> None:
    quiet_pypdf()
    lazy = LazyReader(PACKED[0], strict=False)
    n = min(lazy.xref_objStm)
    stream, _ = lazy.xref_objStm[n]
    lazy.xref_objStm[10**7] = (stream, 0)  # the xref says the stream holds it; the stream does not
    assert isinstance(lazy.get_object(IndirectObject(10**7, 0, lazy)), NullObject)
    plain = PdfReader(PACKED[0], strict=False)
    plain.xref_objStm[10**7] = (stream, 0)
    assert isinstance(plain.get_object(IndirectObject(10**7, 0, plain)), NullObject)
