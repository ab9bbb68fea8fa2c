"""Whoosh's SegmentWriter, with less waste where it writes a segment's postings; the same index.

`FastWriter` changes one step: each posting's field length (kept per term as its shortest and
longest, for ranking) was looked up in the new segment's length column once per posting, each
time through Whoosh's column reader (a quarter of the writer's time in `citex add`); it is now
looked up once per document and field and remembered. What is written is unchanged
(tests/test_fastfields.py compares the terms, postings and length bounds with Whoosh's writer).
Written against Whoosh-Reloaded 2.7.5 (`SegmentWriter._flush_segment`).
"""

from __future__ import annotations

from typing import Any

from whoosh.codec.whoosh3 import _lenfield
from whoosh.writing import SegmentWriter


class _Lengths:
    """A segment's per-document reader as `add_postings` uses it: `doc_field_length`, memoised."""

    def __init__(self, reader: Any) -> None:
        self._reader = reader
        self._count: int = reader.doc_count_all()
        self._known: dict[str, dict[int, Any] | None] = {}
        """Per field, the lengths asked so far; None for a field without lengths (not scored)."""

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> Any:
        """What `reader.doc_field_length(docnum, fieldname, default)` gives (asked once per document)."""
        try:
            known = self._known[fieldname]
        except KeyError:
            has = self._reader.has_column(_lenfield(fieldname))
            known = self._known[fieldname] = {} if has else None
        if known is None:
            # as the reader answers a field without lengths (an IndexError past the segment's end)
            return default if docnum <= self._count else self._reader.doc_field_length(docnum, fieldname)
        if docnum in known:
            return known[docnum]
        found = known[docnum] = self._reader.doc_field_length(docnum, fieldname, default)
        return found


class FastWriter(SegmentWriter):  # type: ignore[misc]
    """Whoosh's SegmentWriter, its postings written with memoised field lengths (see the module docstring)."""

    def _flush_segment(self) -> None:
        """SegmentWriter._flush_segment (Whoosh-Reloaded 2.7.5), with the lengths reader memoised."""
        self.perdocwriter.close()
        pdr = self.per_document_reader() if self.codec.length_stats else None
        postings = self.pool.iter_postings()
        self.fieldwriter.add_postings(self.schema, _Lengths(pdr) if pdr else None, postings)
        self.fieldwriter.close()
        if pdr:
            pdr.close()
