"""Whoosh's SegmentWriter, with less waste where it writes a segment's postings; the same index.

`FastWriter` changes two steps, both per posting (a unit of Citex's has about thirty):

- adding a document: its postings go into the sorting pool a field at a time (one size sum and
  one `extend`, not a call with its checks per posting), and the postings of a short value
  (a document key, page label, kind, section title: the same for many units) are worked out
  once per writer and reused (`MEMO_CHARS`, `MEMO_VALUES`);
- writing a segment: each posting's field length (kept per term as its shortest and longest,
  for ranking) was looked up in the new segment's length column once per posting, each time
  through Whoosh's column reader (a quarter of the writer's time in `citex add`); it is now
  looked up once per document and field and remembered.

What is written is unchanged (tests/test_fastfields.py compares the terms, postings and length
bounds with Whoosh's writer). Anything outside what Citex's schema uses (spelling, vectors,
custom stored values or boosts given as `_` fields, another pool) goes to Whoosh's own `add_document`. Written against
Whoosh-Reloaded 2.7.5 (`SegmentWriter.add_document`, `SegmentWriter._flush_segment`,
`PostingPool.add`).
"""

from __future__ import annotations

from typing import Any

from whoosh.codec.whoosh3 import _lenfield
from whoosh.writing import PostingPool, SegmentWriter

MEMO_CHARS = 100
"""Values up to this long have their postings worked out once per writer (see the module docstring)."""
MEMO_VALUES = 20_000
"""At most this many values' postings are kept (then the store is emptied and starts again)."""
POSTING_BYTES = 150
"""What PostingPool.add counts for a posting besides its field name, term (twice) and value: the
pool's memory estimate, which decides when it spills a sorted run to disk."""


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

    def __init__(self, ix: Any, **kwargs: Any) -> None:
        super().__init__(ix, **kwargs)
        self._memo: dict[tuple[str, str], list[tuple[bytes, int, float, bytes]]] = {}
        """The postings of short values, by (field, value)."""
        self._plain = {
            name for name, field in self.schema.items() if not (field.separate_spelling() or field.vector)
        }
        """The fields `add_document` writes itself (the others: Whoosh's own way)."""

    def add_document(self, **fields: Any) -> None:
        """SegmentWriter.add_document, the postings pooled a field at a time (see the module docstring)."""
        if type(self.pool) is not PostingPool or not self._plain.issuperset(fields):
            super().add_document(**fields)  # also for a field not in the schema: Whoosh says so
            return
        self._check_state()
        perdocwriter = self.perdocwriter
        schema = self.schema
        docnum = self.docnum
        pool = self.pool
        memo = self._memo
        fieldnames = sorted(fields)
        perdocwriter.start_doc(docnum)
        try:
            for fieldname in fieldnames:
                value = fields[fieldname]
                if value is None:
                    continue
                field = schema[fieldname]
                length = 0
                if field.indexed:
                    if isinstance(value, str) and len(value) <= MEMO_CHARS:
                        key = (fieldname, value)
                        items = memo.get(key)
                        if items is None:
                            if len(memo) >= MEMO_VALUES:
                                memo.clear()
                            items = memo[key] = list(field.index(value))
                    else:
                        items = list(field.index(value))
                    if items:
                        if field.scorable:
                            length = sum(item[1] for item in items)
                        posts = [(fieldname, t, docnum, w, v) for t, _, w, v in items]
                        size = len(posts) * (POSTING_BYTES + len(fieldname))
                        size += sum(2 * len(t) + len(v or b"") for t, _, _, v in items)
                        pool.fieldnames.add(fieldname)
                        if pool.currentsize + size > pool.limit and pool.current:
                            pool.save()  # a sorted run spilled, as PostingPool.add would, before these
                        pool.currentsize += size
                        pool.current.extend(posts)
                perdocwriter.add_field(fieldname, field, value if field.stored else None, length)
                column = field.column_type
                if column:
                    perdocwriter.add_column_value(fieldname, column, field.to_column_value(value))
        except Exception:
            perdocwriter.cancel_doc()
            raise
        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1

    def _flush_segment(self) -> None:
        """SegmentWriter._flush_segment (Whoosh-Reloaded 2.7.5), with the lengths reader memoised."""
        self.perdocwriter.close()
        pdr = self.per_document_reader() if self.codec.length_stats else None
        postings = self.pool.iter_postings()
        self.fieldwriter.add_postings(self.schema, _Lengths(pdr) if pdr else None, postings)
        self.fieldwriter.close()
        if pdr:
            pdr.close()
