"""pypdf's reader, with the objects of an object stream parsed when asked for, not all at once.

pypdf (7.x) parses every object of an object stream the first time any one of them is needed,
and caches them all. pdfTeX and most modern writers pack nearly every object into object
streams: link annotations, named destinations, outline entries, structure elements. Citex
reads pages, fonts and resources: in 30 TeX Live manuals it needed 10,844 of the 74,023
objects pypdf parsed, and the parsing of the rest took about a fifth of a cold read.

`LazyReader` reads each object stream's table (object number -> offset) once, keeps the
stream's decoded bytes, and parses an object only when it is asked for, with pypdf's own
object parser, from the same offset: the same object. What it checks in the table, and what
it warns about, is pypdf's (`PdfReader._get_object_from_stream`, pypdf 7.1.1). One difference
on a damaged file: an object of the stream that does not parse fails only when it is itself
asked for, not every object of its stream.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from io import BytesIO
from typing import Any, cast

from pypdf import PdfReader
from pypdf._utils import get_stream_size, logger_warning, read_non_whitespace
from pypdf.errors import LimitReachedError, PdfReadError, PdfStreamError
from pypdf.generic import IndirectObject, NullObject, NumberObject, PdfObject, read_object


@dataclass
class _Table:
    """One object stream, read: its decoded bytes and where each object starts in them."""

    data: BytesIO
    """The stream's decoded bytes."""
    first: int
    """Offset of the first object (the stream's /First)."""
    offsets: dict[int, int] = field(default_factory=dict)
    """Object number -> offset after `first` (the first entry, where a number is listed twice)."""


class LazyReader(PdfReader):
    """A PdfReader that parses an object stream's objects one by one, as they are asked for."""

    def _get_object_from_stream(self, indirect_reference: IndirectObject) -> PdfObject:
        obj_id = indirect_reference.idnum
        if obj_id in self._object_stream_resolution_stack:
            start = self._object_stream_resolution_stack.index(obj_id)
            cycle = [*self._object_stream_resolution_stack[start:], obj_id]
            raise PdfReadError("Circular object-stream reference detected: " + " -> ".join(map(str, cycle)))
        self._object_stream_resolution_stack.append(obj_id)
        try:
            stmnum, _ = self.xref_objStm[obj_id]
            tables: dict[int, _Table | None] = self.__dict__.setdefault("_citex_tables", {})
            if stmnum not in tables:
                tables[stmnum] = self._table(stmnum)
            table = tables[stmnum]
            if table is None:
                return NullObject()
            cached = self.cache_get_indirect_object(0, obj_id)
            if cached is not None:
                return cached
            offset = table.offsets.get(obj_id)
            if offset is None:
                if self.strict:  # pragma: no cover
                    raise PdfReadError("This is a fatal error in strict mode.")
                return NullObject()
            stream_data = table.data
            stream_data.seek(table.first + offset, 0)
            read_non_whitespace(stream_data)  # to cope with a 'pointer' on a white space
            stream_data.seek(-1, 1)
            try:
                obj: PdfObject = read_object(stream_data, self)
            except PdfStreamError as exc:
                logger_warning(
                    "Invalid stream (index %(index)d) within object %(obj_num)d 0: %(exc)s",
                    source="pypdf._reader",
                    index=list(table.offsets).index(obj_id),
                    obj_num=obj_id,
                    exc=exc,
                )
                if self.strict:  # pragma: no cover
                    raise PdfReadError(f"Cannot read object stream: {exc}") from exc
                obj = NullObject()
            self.cache_indirect_object(0, obj_id, obj)  # this stream is the one the xref names for it
            return obj
        finally:
            self._object_stream_resolution_stack.pop()

    def _table(self, stmnum: int) -> _Table | None:
        """Read an object stream's table, as pypdf does (None: a stream pypdf treats as empty)."""
        obj_stm: Any = IndirectObject(stmnum, 0, self).get_object()
        assert cast(str, obj_stm["/Type"]) == "/ObjStm"
        stream_data = BytesIO(obj_stm.get_data())
        n_value = obj_stm.get("/N")
        first_value = obj_stm.get("/First")
        if not isinstance(n_value, NumberObject) or not isinstance(first_value, NumberObject):
            raise PdfReadError(
                f"Invalid /ObjStm header for object {stmnum}: /N or /First missing or not a number"
            )
        n = int(n_value)
        first_offset = int(first_value)
        stream_length = get_stream_size(stream_data)
        if n < 0 or not 0 <= first_offset <= stream_length:
            if self.strict:
                raise PdfReadError(f"Invalid /N ({n}) or /First ({first_offset}) in object stream {stmnum}.")
            logger_warning(
                "Invalid /N (%(n)d) or /First (%(first)d) in object stream %(stmnum)d; ignoring the stream.",
                source="pypdf._reader",
                n=n,
                first=first_offset,
                stmnum=stmnum,
            )
            return None
        max_n = stream_length // 3
        stream_data.seek(0)
        if n > max_n:
            if self.strict:
                raise LimitReachedError(
                    f"Value /N {n} for object {stmnum} exceeds maximum allowed value {max_n}."
                )
            logger_warning(
                "Value /N %(n)d for object %(stmnum)d exceeds maximum allowed value %(max_n)d. Limiting to %(max_n)d.",
                source="pypdf._reader",
                n=n,
                stmnum=stmnum,
                max_n=max_n,
            )
            n = max_n
        table = _Table(stream_data, first_offset)
        last_offset = -1
        for _ in range(n):
            read_non_whitespace(stream_data)
            stream_data.seek(-1, 1)
            objnum = NumberObject.read_from_stream(stream_data)
            read_non_whitespace(stream_data)
            stream_data.seek(-1, 1)
            offset = NumberObject.read_from_stream(stream_data)
            read_non_whitespace(stream_data)
            stream_data.seek(-1, 1)
            if objnum < 0 or offset < 0 or first_offset + offset > stream_length:
                if self.strict:
                    raise PdfReadError(
                        f"Invalid object number ({objnum}) or offset ({offset}) in object stream {stmnum}."
                    )
                logger_warning(
                    "Invalid object number (%(objnum)d) or offset (%(offset)d) "
                    "in object stream %(stmnum)d; skipping the entry.",
                    source="pypdf._reader",
                    objnum=objnum,
                    offset=offset,
                    stmnum=stmnum,
                )
                continue
            int_offset = int(offset)
            if int_offset <= last_offset:
                raise PdfReadError(f"Invalid offset {offset} in object stream {stmnum}.")
            last_offset = int_offset
            table.offsets.setdefault(int(objnum), int_offset)
        return table
