"""Text runs with their real position and size, read from a page's content stream.

pypdf's plain extraction reports text in content-stream order and does not advance the
text matrix along a line, and its visitor never sees the text rise unless asked. So this
module walks the content stream itself (with pypdf's parser and font decoding) and keeps,
for every string shown, where it starts and ends on the page, its effective size and how
far it is raised. Everything downstream orders text by position, never by stream order.

It also follows what the page paints (fills, images, colours, render modes; see
`source.visibility`), so that text a reader cannot see is left out: outside the crop
box, invisible (but for a scanned page's OCR layer), or white on white.
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
    NameObject,
)

from source.content import ContentError, operations
from source.fonts import FontCache, FontInfo
from source.visibility import (
    CMYK,
    EVERYWHERE,
    GRAY,
    INVISIBLE,
    RGB,
    SHOWN,
    WHITE_ON_WHITE,
    Box,
    Paint,
    colour_is_white,
    crop_area,
    fill_clear,
    glyph_box,
    space_family,
    unit_box,
    visible_runs,
)

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
TJ_WORD_GAP = 150.0
"""A TJ offset (thousandths of an em) wider than this is a gap between words."""
MAX_FORM_DEPTH = 8
PATH_POINTS = frozenset((b"m", b"l", b"c", b"v", b"y", b"re"))
"""Path construction operators: their points make the path's bounding box."""
FILLS = frozenset((b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*"))
"""Path painting operators that fill."""
PAINT_OPS = PATH_POINTS | FILLS | frozenset(
    (b"S", b"s", b"n", b"g", b"rg", b"k", b"cs", b"sc", b"scn", b"sh", b"gs", b"INLINE IMAGE")
)
"""Every operator `_Walker._paint` handles: paths, fills, fill colours, shadings, opacity."""
INVISIBLE_MODES = (3, 7)
"""Text render modes that paint nothing (7 only adds to the clip)."""
FILL_MODES = (0, 4)
"""Text render modes that only fill (4 also clips): the fill colour is what shows."""


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
    """The text state, and the part of the graphics state that says whether text shows."""

    font: FontInfo | None = None
    font_name: str = ""
    size: float = 0.0
    char_spacing: float = 0.0
    word_spacing: float = 0.0
    scale: float = 1.0
    leading: float = 0.0
    rise: float = 0.0
    render: int = 0
    fill_space: str = GRAY
    fill_white: bool = False
    fill_clear: bool = False  # fill opacity 0: nothing filled shows

    def copy(self) -> _TextState:
        return _TextState(**self.__dict__)


class _Walker:
    """Interprets text operators of one content stream (and the forms it draws)."""

    def __init__(self, fonts: FontCache) -> None:
        self.fonts = fonts
        self.runs: list[Run] = []
        self.how: list[int] = []
        """For each run: SHOWN, INVISIBLE or WHITE_ON_WHITE (see source.visibility)."""
        self.boxes: list[Box] = []
        """For each run: where its glyphs stand."""
        self.paint = Paint()
        self.path: list[float] | None = None
        """Bounding box of the path being built, or None."""

    def walk(
        self,
        content: Any,
        resources: DictionaryObject,
        pdf: Any,
        ctm: Matrix,
        depth: int = 0,
        state: _TextState | None = None,
    ) -> None:
        font_resources = resources.get("/Font")
        font_resources = font_resources.get_object() if font_resources is not None else {}
        xobjects = resources.get("/XObject")
        xobjects = xobjects.get_object() if xobjects is not None else {}
        state = state if state is not None else _TextState()
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
            elif op == b"Tr":
                state.render = int(_num(operands[0])) if operands else 0
            elif op == b"q":
                stack.append((ctm, state.copy()))
            elif op == b"Q":
                if stack:
                    ctm, state = stack.pop()
            elif op == b"cm":
                if len(operands) >= 6:
                    ctm = _mult(tuple(_num(v) for v in operands[:6]), ctm)  # type: ignore[arg-type]
            elif op == b"Do" and operands and depth < MAX_FORM_DEPTH:
                self._form(xobjects, operands[0], pdf, ctm, depth, state)
            elif op in PAINT_OPS:
                self._paint(op, operands, ctm, state, resources)

    def _paint(self, op: bytes, operands: list[Any], ctm: Matrix, state: _TextState, resources: Any) -> None:
        """Paths and what fills them, fill colours, shadings and opacity: what lies under text."""
        if op in PATH_POINTS:
            nums = [_num(v) for v in operands]
            if op == b"re":
                if len(nums) < 4:
                    return
                x, y, w, h = nums[:4]
                points = [(x, y), (x + w, y), (x, y + h), (x + w, y + h)]
            else:
                points = list(zip(nums[0::2], nums[1::2]))
            a, b, c, d, e, f = ctm
            box = self.path
            for px, py in points:
                tx, ty = a * px + c * py + e, b * px + d * py + f
                if box is None:
                    box = [tx, ty, tx, ty]
                else:
                    box[0], box[1] = min(box[0], tx), min(box[1], ty)
                    box[2], box[3] = max(box[2], tx), max(box[3], ty)
            self.path = box
        elif op in FILLS:
            if self.path is not None and not state.fill_clear:
                self.paint.fill((self.path[0], self.path[1], self.path[2], self.path[3]), state.fill_white)
            self.path = None
        elif op == b"S" or op == b"s" or op == b"n":
            self.path = None
        elif op == b"g" or op == b"rg" or op == b"k":
            state.fill_space = GRAY if op == b"g" else RGB if op == b"rg" else CMYK
            state.fill_white = colour_is_white(state.fill_space, operands)
        elif op == b"cs":
            state.fill_space = space_family(operands[0], resources) if operands else ""
            state.fill_white = False  # the initial colour of a space is black (or not known)
        elif op == b"sc" or op == b"scn":
            state.fill_white = colour_is_white(state.fill_space, operands)
        elif op == b"sh":
            self.paint.fill(EVERYWHERE, False)  # over the clip, which Citex does not follow
        elif op == b"gs":
            state.fill_clear = fill_clear(resources, operands, state.fill_clear)
        elif op == b"INLINE IMAGE":  # from pypdf's parser (the fast one skips inline images)
            self.paint.image(unit_box(ctm))

    def _form(self, xobjects: Any, name: Any, pdf: Any, ctm: Matrix, depth: int, state: _TextState) -> None:
        xobject = xobjects.get(name) if hasattr(xobjects, "get") else None
        xobject = xobject.get_object() if xobject is not None else None
        if xobject is None:
            return
        if xobject.get("/Subtype") == "/Image":
            self.paint.image(unit_box(ctm))
            return
        if xobject.get("/Subtype") != "/Form":
            return
        matrix = xobject.get("/Matrix")
        form_ctm = _mult(tuple(_num(v) for v in matrix[:6]), ctm) if matrix else ctm  # type: ignore[arg-type]
        resources = xobject.get("/Resources")
        resources = resources.get_object() if resources is not None else DictionaryObject()
        try:
            self.walk(xobject, resources, pdf, form_ctm, depth + 1, state.copy())  # a form inherits the state
        except Exception:  # a broken form: keep the rest of the page
            return

    def _advance(self, measured: tuple[str, float, int, int], state: _TextState) -> float:
        _, width, glyphs, spaces = measured
        return ((width / 1000.0) * state.size + glyphs * state.char_spacing + spaces * state.word_spacing) * state.scale

    def _emit(self, text: str, state: _TextState, start_tm: Matrix, end_tm: Matrix, ctm: Matrix) -> None:
        start = _mult(start_tm, ctm)
        if text.strip() and abs(start[1]) < 1e-3 * max(abs(start[0]), 1e-9) and start[0] > 0:
            end_x = _mult(end_tm, ctm)[4]
            size = abs(state.size * math.hypot(start[2], start[3]))
            rise = state.rise * start[3]
            box = glyph_box(start[4], end_x, start[5] + rise, size)
            how = SHOWN
            if state.render in INVISIBLE_MODES or (state.fill_clear and state.render in FILL_MODES):
                how = INVISIBLE
            elif state.fill_white and state.render in FILL_MODES:
                if self.paint.white_under((box[0] + box[2]) / 2, (box[1] + box[3]) / 2):
                    how = WHITE_ON_WHITE
            self.runs.append(
                Run(text=text, x0=start[4], x1=end_x, y=start[5], rise=rise, size=size, font=state.font_name)
            )
            self.how.append(how)
            self.boxes.append(box)

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
    try:
        return list(operations(data))
    except ContentError:
        return ContentStream(DecodedStreamObject.initialize_from_dictionary({"__streamdata__": data}), pdf, "bytes").operations


class RunReader:
    """Reads the runs of each page of one PDF, sharing decoded fonts between pages."""

    def __init__(self) -> None:
        self._fonts = FontCache()

    def page_runs(self, page: Any) -> list[Run]:
        """Every upright, left-to-right run of text a reader can see on a page, in content-stream order.

        Left out: runs outside the crop box, drawn invisibly (but for a scanned page's OCR
        layer) and white on white (see source.visibility).
        """
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
        return visible_runs(walker.runs, walker.how, walker.boxes, walker.paint, crop_area(page))
