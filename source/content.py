"""A fast reader of content-stream operations, for text extraction.

pypdf's ContentStream parser is general and slow (most of a cold read went there). This
one tokenises with one regular expression and yields what the text walker needs:
numbers as floats, names as NameObject, strings as bytes, arrays as lists; inline
images are skipped whole. Anything it cannot read raises ContentError, and
`content_operations` falls back to pypdf's parser. `content_operations` also counts the
bytes and operators read against the document's Budget (source.limits).

Two ways through the same grammar give the same operations: `_all_at_once` splits the whole
stream into tokens with one `findall` (one call into the regex engine per stream, not per
token: a quarter of a cold read was that loop) and is used whenever it can be; a stream with a
literal string holding nested parentheses or an inline image goes through `_one_by_one`,
which can jump over them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import islice
from typing import Any

from pypdf.generic import ArrayObject, ContentStream, DecodedStreamObject, NameObject

from source.limits import Budget

TOKEN = re.compile(
    rb"""
    (?P<space>[\x00\t\n\x0c\r ]+|%[^\r\n]*)
  | (?P<num>[+-]?(?:\d+\.?\d*|\.\d+))(?![^\x00\t\n\x0c\r ()<>\[\]{}/%])
  | (?P<name>/[^\x00\t\n\x0c\r ()<>\[\]{}/%]*)
  | (?P<str>\((?:[^()\\]|\\.)*\))
  | (?P<paren>\()
  | (?P<hex><[0-9A-Fa-f\x00\t\n\x0c\r ]*>)
  | (?P<dopen><<)
  | (?P<dclose>>>)
  | (?P<aopen>\[)
  | (?P<aclose>\])
  | (?P<op>[^\x00\t\n\x0c\r ()<>\[\]{}/%]+)
  | (?P<other>[{}])
    """,
    re.VERBOSE | re.DOTALL,
)
ESCAPES = {
    b"n": b"\n",
    b"r": b"\r",
    b"t": b"\t",
    b"b": b"\b",
    b"f": b"\f",
    b"(": b"(",
    b")": b")",
    b"\\": b"\\",
}
ESCAPE = re.compile(rb"\\([0-7]{1,3}|\r\n|[\s\S])")
INLINE_END = re.compile(rb"[\x00\t\n\x0c\r ]EI(?=[\x00\t\n\x0c\r ]|$)")


class ContentError(Exception):
    """The stream holds something this reader does not handle."""


def _unescape(raw: bytes) -> bytes:
    if b"\\" not in raw:
        return raw

    def one(match: re.Match[bytes]) -> bytes:
        token = match.group(1)
        if 0x30 <= token[0] <= 0x37:  # an octal code (\8 and \9 are the digits themselves)
            return bytes([int(token, 8) & 0xFF])
        if token in (b"\r\n", b"\n", b"\r"):
            return b""
        return ESCAPES.get(token, token)

    return ESCAPE.sub(one, raw)


def _nested_string(data: bytes, start: int) -> tuple[bytes, int]:
    """A literal string with nested parentheses, from the "(" at start."""
    depth = 0
    i = start
    n = len(data)
    while i < n:
        ch = data[i]
        if ch == 0x5C:  # backslash
            i += 2
            continue
        if ch == 0x28:
            depth += 1
        elif ch == 0x29:
            depth -= 1
            if depth == 0:
                return _unescape(data[start + 1 : i]), i + 1
        i += 1
    raise ContentError("unterminated string")


TOKENS = re.compile(
    rb"""
    (?:[\x00\t\n\x0c\r ]|%[^\r\n]*+)*+                   # what lies between tokens, taken whole
    (   (?:[+-]?(?:\d+\.?\d*|\.\d+)(?![^\x00\t\n\x0c\r ()<>\[\]{}/%])[\t\n\x0c\r ]*)*+
    )                                                     # 1: numbers (apart by white space only)
    (   /[^\x00\t\n\x0c\r ()<>\[\]{}/%]*                   # 2: a name,
      | \((?:[^()\\]|\\.)*\)                                #    a string without nested parentheses,
      | \(                                                   #    the start of one with them,
      | <[0-9A-Fa-f\x00\t\n\x0c\r ]*>                          #    a hex string,
      | << | >> | \[ | \]
      | [^\x00\t\n\x0c\r ()<>\[\]{}/%]+                      #    an operator (or true, false, null),
      | [^\x00\t\n\x0c\r %]                                  #    any other byte: { } ) > <
      | \Z | (?=[\x00%])                                     #    nothing: the end, or more to skip
    )
    """,
    re.VERBOSE | re.DOTALL,
)
"""The grammar of TOKEN as one pattern that matches wherever it is tried (so that `findall` reads
the tokens in order, skipping nothing): (the numbers before a token, the token) each time."""
_ONE_BY_ONE = re.compile(rb"(?<![^\x00\t\n\x0c\r ()<>\[\]{}/%])BI(?![^\x00\t\n\x0c\r ()<>\[\]{}/%])")
"""What may be an inline image (BI ... ID data EI), whose data only `_one_by_one` skips (found
anywhere, even in a string: such a stream is only read the slower way)."""
_KEYWORDS: dict[bytes, bool | None] = {b"true": True, b"false": False, b"null": None}
_NOT_HEX = re.compile(rb"[^0-9A-Fa-f]")
"""What a hex string's digits are read without (white space, NUL); a string of digits alone
(`isalnum`, as the token's pattern allows nothing else), an even number of them, skips it."""


class _Nested(Exception):
    """A string with nested parentheses: read by `_one_by_one`."""


def operations(data: bytes, limit: int | None = None) -> Iterator[tuple[list[Any], bytes]]:
    """(operands, operator) for each operation in a content stream (at most `limit` of them)."""
    if b"BI" not in data or _ONE_BY_ONE.search(data) is None:
        try:
            return iter(_all_at_once(data, limit))
        except (_Nested, ContentError):  # one by one yields what comes before an error, then raises it
            pass
    return islice(_one_by_one(data), limit)


def _all_at_once(data: bytes, limit: int | None) -> list[tuple[list[Any], bytes]]:
    """The operations of a stream without inline images, from one `findall` (see the module docstring)."""
    read: list[tuple[list[Any], bytes]] = []
    operands: list[Any] = []
    stack: list[list[Any]] = [operands]
    add = operands.append
    for numbers, token in TOKENS.findall(data):
        if numbers:
            stack[-1].extend(map(float, numbers.split()))
        if not token:
            continue  # the end, or a comment or NUL next
        first = token[0]
        if first == 0x2F:  # /
            add(NameObject(token.decode("latin-1")))
        elif first == 0x28:  # (
            if len(token) == 1:
                raise _Nested
            add(_unescape(token[1:-1]))
        elif first == 0x5B or token == b"<<":  # [ or <<
            stack.append([])
            add = stack[-1].append
        elif first == 0x5D or token == b">>":  # ] or >>
            if len(stack) < 2:
                raise ContentError("unbalanced array")
            items = stack.pop()
            add = stack[-1].append
            add(items)
        elif first == 0x3C and len(token) > 1:  # <hex>
            digits = token[1:-1]
            if not (digits.isalnum() and len(digits) % 2 == 0):  # else: digits only, whole bytes
                digits = _NOT_HEX.sub(b"", digits)
                if len(digits) % 2:
                    digits += b"0"
            add(bytes.fromhex(digits.decode("ascii")))
        elif first in _DELIMITERS:
            raise ContentError(f"unexpected {token!r}")
        elif token in _KEYWORDS:
            add(_KEYWORDS[token])
        else:
            if len(stack) > 1:
                raise ContentError("operator inside an array")
            read.append((operands, token))
            if limit is not None and len(read) >= limit:
                return read
            operands = []
            stack = [operands]
            add = operands.append
    return read


_DELIMITERS = frozenset(b"(){}<>[]/%")


def _one_by_one(data: bytes) -> Iterator[tuple[list[Any], bytes]]:
    """(operands, operator) for each operation in a content stream, one token at a time."""
    stack: list[list[Any]] = [[]]
    pos = 0
    n = len(data)
    match_at = TOKEN.match
    while pos < n:
        m = match_at(data, pos)
        if m is None:
            raise ContentError(f"unreadable byte at {pos}")
        kind = m.lastgroup
        pos = m.end()
        if kind == "space":
            continue
        if kind == "num":
            stack[-1].append(float(m.group()))
        elif kind == "op":
            op = m.group()
            if op == b"BI":
                end = INLINE_END.search(data, pos)
                if end is None:
                    raise ContentError("inline image without EI")
                pos = end.end()
                stack = [[]]
                continue
            if op in (b"true", b"false", b"null"):
                stack[-1].append(op == b"true" if op != b"null" else None)
                continue
            if len(stack) > 1:
                raise ContentError("operator inside an array")
            yield stack[0], op
            stack = [[]]
        elif kind == "str":
            stack[-1].append(_unescape(m.group()[1:-1]))
        elif kind == "name":
            stack[-1].append(NameObject(m.group().decode("latin-1")))
        elif kind == "aopen" or kind == "dopen":
            stack.append([])
        elif kind == "aclose" or kind == "dclose":
            if len(stack) < 2:
                raise ContentError("unbalanced array")
            items = stack.pop()
            stack[-1].append(items)
        elif kind == "hex":
            digits = _NOT_HEX.sub(b"", m.group()[1:-1])
            if len(digits) % 2:
                digits += b"0"
            stack[-1].append(bytes.fromhex(digits.decode("ascii")))
        elif kind == "paren":
            value, pos = _nested_string(data, m.start())
            stack[-1].append(value)
        else:
            raise ContentError(f"unexpected {m.group()!r}")


def _data(content: Any, budget: Budget) -> bytes:
    """The decoded bytes of a page's contents (a stream or an array of them) or of a form, counted."""
    from pypdf.errors import LimitReachedError

    try:
        if isinstance(content, ArrayObject):
            parts = []
            for part in content:
                parts.append(_stream_data(part))
                budget.add_bytes(len(parts[-1]))
            data = b"\n".join(parts)
        else:
            data = _stream_data(content)
            budget.add_bytes(len(data))
    except LimitReachedError:  # pypdf's decoders stop at max_stream_mb (see Budget.pypdf_overrides)
        raise budget.stream_too_big() from None
    return data


def _stream_data(value: Any) -> bytes:
    """A stream's decoded bytes; nothing for what is not a stream (a broken reference draws nothing, as in viewers)."""
    value = value.get_object() if value is not None else None
    return value.get_data() if hasattr(value, "get_data") else b""


def content_operations(content: Any, pdf: Any, budget: Budget) -> list[tuple[list[Any], bytes]]:
    """The operations of a page's contents or of a form, counted against the budget."""
    data = _data(content, budget)
    allowed = budget.allowed_operators()
    read: list[tuple[list[Any], bytes]] = []
    try:
        # One at a time, not `read.extend(...)`: what came before an error is kept whatever does
        # the extending (CPython's list.extend keeps it; a compiled extend may not, see README).
        for operation in operations(data, allowed + 1):  # one more than allowed: the budget raises
            read.append(operation)
        budget.add_operators(len(read))
        return read
    except ContentError:
        pass
    try:
        stream = DecodedStreamObject.initialize_from_dictionary({"__streamdata__": data})
        read = list(islice(ContentStream(stream, pdf, "bytes").operations, allowed + 1))
    except Exception:  # a stream broken part way (viewers draw up to the break): keep what came before it
        pass
    budget.add_operators(len(read))
    return read
