"""A segment's postings read a block at a time (`postings`), and its field lengths as bytes (`Segment`),
for `index.fastrank`; a block of positions read for its unit numbers and weights only, its values unread.

Whoosh's whoosh3 codec writes each block of a term's postings as one zlib-compressed pickle
(protocol 2) of the tuple (delta-coded unit numbers, weights, values). In a field with positions
(`exact`, for phrases) the values are one byte string per posting, and protocol 2 pickles each byte
string as a call `_codecs.encode(text, "latin1")`: unpickling a block ran that call for every
posting, and decompressing it inflated every posting's positions. Ranking needs the unit numbers
and weights only (a phrase is checked in the stored text of its few candidates, `index.fastrank`),
so that was three quarters of the cost of reading an `exact` posting (0.57 us against 0.19 us in
`text`, on the 1,000-PDF library).

`read_ids_weights` inflates the block only as far as the start of its values (the first
`_codecs.encode` the pickle names: the unit numbers and weights before it are plain integers and
floats, which name nothing), and unpickles that beginning closed with `None` in place of the values.
What it reads is checked against the block's own header (its posting count, its last unit number,
its highest weight); when anything is not as expected (a block written another way, a first value
that is empty) the block is read whole by Whoosh, so the numbers and weights are always Whoosh's. (The
name cannot be spelt by the bytes of a number before it: those are at most 8 between two opcodes, and
none of the opcodes there, PROTO K M J G ( t q r N and the tuple ones, is a byte of the name's 16.)
"""

from __future__ import annotations

import pickle
import zlib
from array import array
from itertools import accumulate
from typing import Any

VALUES_START = b"c_codecs\nencode\n"
"""The pickle opcode (GLOBAL `_codecs.encode`) that begins a block's values when they are a tuple of
byte strings (a field with positions). Protocol 2 names a global once and refers back to it after, so
it occurs once."""
MARK = ord("(")
"""The pickle opcode that opens a tuple of more than three items (the values of a block of more than
three postings, in a field whose values differ in size), just before `VALUES_START`."""
TUPLE_WITHOUT_MARK = 3
"""Protocol 2 writes a tuple of at most this many items without a MARK (TUPLE1, TUPLE2, TUPLE3)."""
CLOSE = b"N\x87."
"""What closes the shortened pickle: None for the values, TUPLE3 (ids, weights, None), STOP."""
BYTES_PER_POSTING = 14
"""At most this many bytes of the inflated pickle per posting before the values: a unit number
(delta) as BININT, 5 bytes, and a weight as BINFLOAT, 9 bytes; the first inflation asks for this
much (and a little more, `SLACK`), and asks again for as much while the values have not begun."""
SLACK = 64
"""Bytes asked for beyond `BYTES_PER_POSTING` a posting: the protocol header, MARKs, TUPLE and
BINPUT opcodes, the start of the values."""


def read_ids_weights(matcher: Any) -> bool:
    """Load the current block of a W3 leaf matcher with its unit numbers and weights only (its
    `_data` is then (ids, weights, None), as Whoosh would hold them but for the values). False, and
    nothing done, when the block is not of that shape: the caller reads it whole. Only a block whose
    values differ in size (positions) is read so: fixed-size values (term frequencies, in `text`) are
    one string a block, which Whoosh reads as fast whole."""
    fixed = matcher._fixedsize
    if matcher._byteids or (fixed is not None and fixed >= 0):  # (term ids of a vector; fixed size)
        return False
    count = matcher._blocklength
    raw = matcher._postfile.get(matcher._dataoffset, matcher._nextoffset - matcher._dataoffset)
    head = _head(bytes(raw), count, bool(matcher._compression))
    if head is None:
        return False
    at = head.find(VALUES_START)
    if count > TUPLE_WITHOUT_MARK:
        if at < 1 or head[at - 1] != MARK:
            return False
        at -= 1
    try:
        data = pickle.loads(head[:at] + CLOSE)
    except Exception:  # (a spurious match cut a number short) # noqa: BLE001
        return False
    if not _agrees(data, count, matcher._maxid, matcher._maxweight):
        return False
    matcher._data = data
    return True


def _head(raw: bytes, count: int, compressed: bool) -> bytes | None:
    """The block's pickle inflated at least as far as `VALUES_START` (None when it is not there)."""
    if not compressed:
        return raw if VALUES_START in raw else None
    step = count * BYTES_PER_POSTING + SLACK
    inflate = zlib.decompressobj()
    try:
        out = inflate.decompress(raw, step)
        while VALUES_START not in out:
            if inflate.eof:
                return None
            more = inflate.decompress(inflate.unconsumed_tail, step)
            if not more and not inflate.unconsumed_tail:
                more = inflate.flush()
                if not more:
                    return None
            out += more
    except zlib.error:
        return None
    return out


def _agrees(data: Any, count: int, last: int, most: float) -> bool:
    """Whether `data` is (delta-coded ids, weights, None) of `count` postings whose ids end at `last`
    and whose highest weight is `most` (the block header's figures)."""
    if not (isinstance(data, tuple) and len(data) == 3 and data[2] is None):
        return False
    ids, weights = data[0], data[1]
    try:  # (numbers that are not numbers raise TypeError: not the block's ids and weights)
        if not (isinstance(ids, tuple) and len(ids) == count and sum(ids) == last):
            return False
        if weights is None:
            return bool(most == 1.0)
        if isinstance(weights, float):
            return bool(weights == most)
        return isinstance(weights, tuple) and len(weights) == count and bool(max(weights) == most)
    except TypeError:
        return False


class NotOneSegment(Exception):
    """A reader that is not one segment of a W3 index (several indexes, or one of several segments)."""


class Segment:
    """One segment of the index: its reader, its deleted units, its field lengths by byte."""

    def __init__(self, leaf: Any, offset: int) -> None:
        self.searcher = leaf
        """The segment's own searcher (Whoosh's leaf searcher: document numbers of the segment)."""
        self.reader = leaf.reader()
        if not hasattr(self.reader, "_perdoc") or not hasattr(self.reader, "_terms"):
            raise NotOneSegment  # (several indexes, one of several segments)
        self.offset = offset
        self.deleted: frozenset[int] = frozenset(self.reader.deleted_docs_set or ())

    def lengths(self, fieldname: str) -> bytes:
        """One byte per unit: the encoded length of `fieldname` (Whoosh's field-length column)."""
        cache: dict[str, bytes] = self.reader.__dict__.setdefault("_citex_lengths", {})
        if fieldname not in cache:
            count = self.reader.doc_count_all()
            perdoc = self.reader._perdoc  # the W3 per-document reader (no public way to the raw column)
            column = f"_{fieldname}_len"
            data = b""
            if perdoc.has_column(column):
                colfile, offset, size = perdoc._get_column_file(column)
                try:
                    data = bytes(colfile.get(offset, min(size, count)))
                finally:
                    colfile.close()
            cache[fieldname] = data + bytes(count - len(data))
        return cache[fieldname]


def postings(segment: Segment, fieldname: str, btext: bytes) -> tuple[list[int], list[float]]:
    """The segment's postings of a term: (unit numbers, weights), deleted units left in."""
    reader = segment.reader
    if (fieldname, btext) not in reader:
        return [], []
    matcher = reader._terms.matcher(fieldname, btext, reader.schema[fieldname].format)
    ids: list[int] = []
    weights: list[float] = []
    if not hasattr(matcher, "_read_ids"):  # not a W3 block matcher: one posting at a time
        while matcher.is_active():
            ids.append(matcher.id())
            weights.append(matcher.weight())
            matcher.next()
        return ids, weights
    while matcher.is_active():
        if matcher._data is None and not read_ids_weights(matcher):  # (values left unread)
            matcher._read_data()
        if matcher._byteids or matcher._ids is not None:  # (not the delta-coded ids of postings)
            matcher._read_ids()
            ids.extend(matcher._ids)
        else:
            ids.extend(accumulate(matcher._data[0]))  # Whoosh's delta_decode, in C
        mini = matcher._data[1]
        if mini is None or isinstance(mini, float):  # all 1.0, or all alike: Whoosh's array("f") of it
            weights.extend(array("f", [1.0 if mini is None else mini]) * matcher._blocklength)
        else:
            weights.extend(mini)
        matcher._next_block()
    return ids, weights
