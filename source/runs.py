"""Text runs with their real position and size, read from a page's content stream.

pypdf's plain extraction reports text in content-stream order and does not advance the
text matrix along a line, and its visitor never sees the text rise unless asked. So this
module walks the content stream itself (with pypdf's parser and font decoding) and keeps,
for every string shown, where it starts and ends on the page, its effective size and how
far it is raised. Everything downstream orders text by position, never by stream order.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from pypdf.generic import (
    ArrayObject,
    ContentStream,
    DecodedStreamObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
)
from pypdf.generic._font import Font

from source.content import ContentError, operations

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
TJ_WORD_GAP = 150.0
"""A TJ offset (thousandths of an em) wider than this is a gap between words."""
MAX_FORM_DEPTH = 8
TEX_LIGATURES = {
    0x0B: "ff", 0x0C: "fi", 0x0D: "fl", 0x0E: "ffi", 0x0F: "ffl",  # TeX's OT1 encoding
    0x1B: "ff", 0x1C: "fi", 0x1D: "fl", 0x1E: "ffi", 0x1F: "ffl",  # TeX's T1 (Cork) encoding
}
"""Ligature codes of TeX's text encodings, used where a font maps them to no character."""


@dataclass(frozen=True)
class Run:
    """A string shown on the page, with its position in page space."""

    text: str
    """The decoded text (may hold spaces)."""
    x0: float
    """Left edge."""
    x1: float
    """Right edge (where the next glyph would start)."""
    y: float
    """Baseline the run sits on, without the text rise."""
    rise: float
    """How far the run is raised (text rise, in page space)."""
    size: float
    """Effective font size in page space."""
    font: str
    """The font's base name (for bold or italic)."""

    @property
    def top(self) -> float:
        """Baseline plus rise: where the glyphs really stand."""
        return self.y + self.rise


def _mult(m: Matrix, n: Matrix) -> Matrix:
    """m x n for PDF's row-vector matrices."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _num(value: Any, default: float = 0.0) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return default


@dataclass
class _TextState:
    font: _FontInfo | None = None
    font_name: str = ""
    size: float = 0.0
    char_spacing: float = 0.0
    word_spacing: float = 0.0
    scale: float = 1.0
    leading: float = 0.0
    rise: float = 0.0

    def copy(self) -> _TextState:
        return _TextState(**self.__dict__)


class _FontInfo:
    """A font with what measuring and decoding its strings needs, precomputed."""

    def __init__(self, font: Font, name: str, scale: float = 1.0) -> None:
        self.name = name
        """The font's base name, subset prefix dropped."""
        self.font = font
        widths = {k: float(v) * scale for k, v in font.character_widths.items()}
        self.default = float(widths.get("default", 500.0 * scale))
        self.char_widths = widths
        self.single_byte = not isinstance(font.encoding, str)
        if self.single_byte:
            encoding = font.encoding
            cmap = font.character_map
            self.table = {
                b: "".join(cmap.get(c, c) for c in encoding.get(b, chr(b))) for b in range(256)
            }
            if self.table[0x7F] == "\x7f":  # PDF 32000, annex D: an unused WinAnsi code shows a bullet
                self.table[0x7F] = "•"
            for code, ligature in TEX_LIGATURES.items():
                if self.table[code] == chr(code):  # the font says nothing better
                    self.table[code] = ligature
            self.widths = [float(widths.get(chr(b), self.default)) for b in range(256)]

    def measure(self, value: bytes | str) -> tuple[str, float, int, int]:
        """(text, sum of glyph widths in thousandths of an em, glyphs, word-space bytes)."""
        if isinstance(value, str):
            value = value.encode("latin-1", "replace")
        if self.single_byte:
            text = value.decode("latin-1").translate(self.table)
            return text, float(sum(map(self.widths.__getitem__, value))), len(value), value.count(b" ")
        font = self.font
        raw = value.decode(font.encoding, "surrogatepass" if len(value) % 2 == 0 else "replace")
        widths = self.char_widths
        total = sum(widths.get(ch, self.default) for ch in raw)
        text = "".join(font.character_map.get(ch, ch) for ch in raw)
        return text, float(total), len(raw), 0


def _width_scale(font: DictionaryObject) -> float:
    """Type 3 fonts give widths in glyph space: their FontMatrix maps them to text space."""
    if font.get("/Subtype") != "/Type3":
        return 1.0
    matrix = font.get("/FontMatrix")
    try:
        return abs(float(matrix[0])) * 1000.0 if matrix else 1.0
    except (TypeError, ValueError, IndexError):
        return 1.0


class _FontCache:
    """Fonts decoded once per document (keyed by the font object's id)."""

    def __init__(self) -> None:
        self._fonts: dict[Any, _FontInfo | None] = {}

    def get(self, resource: Any) -> _FontInfo | None:
        key = (resource.idnum, resource.generation) if isinstance(resource, IndirectObject) else id(resource)
        if key not in self._fonts:
            obj = resource.get_object()
            info = None
            if isinstance(obj, DictionaryObject):
                try:
                    font = Font.from_font_resource(obj)
                    base = str(obj.get("/BaseFont", ""))
                    info = _FontInfo(font, base.split("+", 1)[-1].lstrip("/"), _width_scale(obj))
                except Exception:  # a broken font: skip its text rather than the page
                    info = None
            self._fonts[key] = info
        return self._fonts[key]


class _Walker:
    """Interprets text operators of one content stream (and the forms it draws)."""

    def __init__(self, fonts: _FontCache) -> None:
        self.fonts = fonts
        self.runs: list[Run] = []

    def walk(self, content: Any, resources: DictionaryObject, pdf: Any, ctm: Matrix, depth: int = 0) -> None:
        font_resources = resources.get("/Font")
        font_resources = font_resources.get_object() if font_resources is not None else {}
        xobjects = resources.get("/XObject")
        xobjects = xobjects.get_object() if xobjects is not None else {}
        state = _TextState()
        stack: list[tuple[Matrix, _TextState]] = []
        tm: Matrix = IDENTITY
        tlm: Matrix = IDENTITY
        for operands, op in _operations(content, pdf):
            if op == b"Tj" or op == b"'" or op == b'"':
                if op != b"Tj":
                    if op == b'"' and len(operands) >= 3:
                        state.word_spacing = _num(operands[0])
                        state.char_spacing = _num(operands[1])
                    tlm = _mult((1, 0, 0, 1, 0, -state.leading), tlm)
                    tm = tlm
                if operands and isinstance(operands[-1], (str, bytes)):
                    tm = self._show(operands[-1], state, tm, ctm)
            elif op == b"TJ":
                if operands and isinstance(operands[0], list):
                    tm = self._show_array(operands[0], state, tm, ctm)
            elif op == b"Td" or op == b"TD":
                tx, ty = (_num(operands[0]), _num(operands[1])) if len(operands) >= 2 else (0.0, 0.0)
                if op == b"TD":
                    state.leading = -ty
                tlm = _mult((1, 0, 0, 1, tx, ty), tlm)
                tm = tlm
            elif op == b"Tm":
                if len(operands) >= 6:
                    tlm = tuple(_num(v) for v in operands[:6])  # type: ignore[assignment]
                    tm = tlm
            elif op == b"T*":
                tlm = _mult((1, 0, 0, 1, 0, -state.leading), tlm)
                tm = tlm
            elif op == b"BT":
                tm = tlm = IDENTITY
            elif op == b"Tf":
                if len(operands) >= 2:
                    name = operands[0]
                    resource = font_resources.get(name) if isinstance(name, NameObject) else None
                    found = self.fonts.get(resource) if resource is not None else None
                    state.font, state.font_name = (found, found.name) if found else (None, "")
                    state.size = _num(operands[1], state.size)
            elif op == b"Tc":
                state.char_spacing = _num(operands[0]) if operands else 0.0
            elif op == b"Tw":
                state.word_spacing = _num(operands[0]) if operands else 0.0
            elif op == b"Tz":
                state.scale = _num(operands[0], 100.0) / 100.0 if operands else 1.0
            elif op == b"TL":
                state.leading = _num(operands[0]) if operands else 0.0
            elif op == b"Ts":
                state.rise = _num(operands[0]) if operands else 0.0
            elif op == b"q":
                stack.append((ctm, state.copy()))
            elif op == b"Q":
                if stack:
                    ctm, state = stack.pop()
            elif op == b"cm":
                if len(operands) >= 6:
                    ctm = _mult(tuple(_num(v) for v in operands[:6]), ctm)  # type: ignore[arg-type]
            elif op == b"Do" and operands and depth < MAX_FORM_DEPTH:
                self._form(xobjects, operands[0], pdf, ctm, depth)

    def _form(self, xobjects: Any, name: Any, pdf: Any, ctm: Matrix, depth: int) -> None:
        xobject = xobjects.get(name) if hasattr(xobjects, "get") else None
        xobject = xobject.get_object() if xobject is not None else None
        if xobject is None or xobject.get("/Subtype") != "/Form":
            return
        matrix = xobject.get("/Matrix")
        form_ctm = _mult(tuple(_num(v) for v in matrix[:6]), ctm) if matrix else ctm  # type: ignore[arg-type]
        resources = xobject.get("/Resources")
        resources = resources.get_object() if resources is not None else DictionaryObject()
        try:
            self.walk(xobject, resources, pdf, form_ctm, depth + 1)
        except Exception:  # a broken form: keep the rest of the page
            return

    def _advance(self, measured: tuple[str, float, int, int], state: _TextState) -> float:
        _, width, glyphs, spaces = measured
        return ((width / 1000.0) * state.size + glyphs * state.char_spacing + spaces * state.word_spacing) * state.scale

    def _emit(self, text: str, state: _TextState, start_tm: Matrix, end_tm: Matrix, ctm: Matrix) -> None:
        start = _mult(start_tm, ctm)
        if text.strip() and abs(start[1]) < 1e-3 * max(abs(start[0]), 1e-9) and start[0] > 0:
            end_x = _mult(end_tm, ctm)[4]
            size = state.size * math.hypot(start[2], start[3])
            self.runs.append(
                Run(
                    text=text,
                    x0=start[4],
                    x1=end_x,
                    y=start[5],
                    rise=state.rise * start[3],
                    size=abs(size),
                    font=state.font_name,
                )
            )

    def _show(self, value: str | bytes, state: _TextState, tm: Matrix, ctm: Matrix) -> Matrix:
        if state.font is None:
            return tm
        measured = state.font.measure(value)
        end_tm = _mult((1, 0, 0, 1, self._advance(measured, state), 0), tm)
        self._emit(measured[0], state, tm, end_tm, ctm)
        return end_tm

    def _show_array(self, array: list[Any], state: _TextState, tm: Matrix, ctm: Matrix) -> Matrix:
        """A TJ array: join its strings, with a space where an offset is as wide as a word gap."""
        font = state.font
        if font is None:
            return tm
        pieces: list[str] = []
        shift = 0.0
        for item in array:
            if isinstance(item, (str, bytes)) and not isinstance(item, NameObject):
                measured = font.measure(item)
                pieces.append(measured[0])
                shift += self._advance(measured, state)
            else:
                offset = _num(item)
                if -offset > TJ_WORD_GAP and pieces and not pieces[-1].endswith(" "):
                    pieces.append(" ")
                shift -= offset / 1000.0 * state.size * state.scale
        end_tm = _mult((1, 0, 0, 1, shift, 0), tm)
        self._emit("".join(pieces), state, tm, end_tm, ctm)
        return end_tm


def _operations(content: Any, pdf: Any) -> list[tuple[list[Any], bytes]]:
    """The operations of a page's contents (a stream or an array of them) or of a form."""
    if isinstance(content, ArrayObject):
        data = b"\n".join(part.get_object().get_data() for part in content)
    else:
        data = content.get_data()
    read: list[tuple[list[Any], bytes]] = []
    try:
        read.extend(operations(data))
        return read
    except ContentError:
        pass
    try:
        stream = DecodedStreamObject.initialize_from_dictionary({"__streamdata__": data})
        return list(ContentStream(stream, pdf, "bytes").operations)
    except Exception:  # a stream broken part way (viewers draw up to the break): keep what came before it
        return read


class RunReader:
    """Reads the runs of each page of one PDF, sharing decoded fonts between pages."""

    def __init__(self) -> None:
        self._fonts = _FontCache()

    def page_runs(self, page: Any) -> list[Run]:
        """Every upright, left-to-right run of text on a page, in content-stream order."""
        contents = page.get("/Contents")
        if contents is None:
            return []
        resources = page.get("/Resources")
        resources = resources.get_object() if resources is not None else DictionaryObject()
        walker = _Walker(self._fonts)
        content = contents.get_object()
        # Normalise for a page box that does not start at the origin.
        box = page.mediabox
        ctm: Matrix = (1.0, 0.0, 0.0, 1.0, -float(box.left), -float(box.bottom))
        walker.walk(content, resources, page.pdf, ctm)
        return walker.runs
