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

from pypdf.generic import DictionaryObject, NameObject

from source.content import content_operations
from source.errors import LimitError
from source.fonts import FontCache, FontInfo
from source.limits import Budget, default_budget
from source.visibility import (
    CLIP_ONLY,
    CMYK,
    CROP_INSIDE,
    EVERYWHERE,
    FILL_MODES,
    FILLS,
    GLYPH_HEIGHT,
    GRAY,
    INVISIBLE_MODES,
    PAINT_OPS,
    PATH_POINTS,
    RGB,
    Box,
    Paint,
    TextClips,
    colour_is_white,
    crop_area,
    fill_clear,
    in_stream_order,
    inside_share,
    path_box,
    ocr_layer,
    space_family,
    unit_box,
)

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
TJ_WORD_GAP = 150.0
"""A TJ offset (thousandths of an em) wider than this is a gap between words."""


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


def _dictionary(value: Any) -> Any:
    """The dictionary a value refers to; an empty one for a missing or broken reference."""
    value = value.get_object() if value is not None else None
    return value if isinstance(value, DictionaryObject) else DictionaryObject()


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
        """The same state (field by field: no `__dict__`, which a compiled class lacks, and quicker than `replace`)."""
        return _TextState(
            self.font,
            self.font_name,
            self.size,
            self.char_spacing,
            self.word_spacing,
            self.scale,
            self.leading,
            self.rise,
            self.render,
            self.fill_space,
            self.fill_white,
            self.fill_clear,
        )


class _Walker:
    """Interprets text operators of one content stream (and the forms it draws)."""

    def __init__(self, fonts: FontCache, crop: Box = EVERYWHERE, budget: Budget | None = None) -> None:
        self.fonts = fonts
        self.budget = budget if budget is not None else default_budget()
        """The work allowed: operators, forms and bytes are counted against it."""
        self.crop = crop
        """The crop box: runs mostly outside it are left out."""
        self.runs: list[Run] = []
        """The runs shown (neither invisible nor white on white), in stream order."""
        self.invisible: list[tuple[int, Run]] = []
        """The runs drawn invisibly, each with how many shown runs came before it."""
        self.clips = TextClips()
        """Runs drawn as a clip (mode 7): shown if something is painted through them."""
        self.level = (0, 0)
        """(form depth, q depth) now."""
        self.paint = Paint()
        self.opacity: dict[tuple[int, str], bool | None] = {}
        """Whether each graphics state (by resources and name) sets the fill opacity to 0 (None: says nothing)."""
        self.path: list[tuple[bytes, list[Any]]] = []
        """The construction operations of the path being built."""

    def walk(
        self,
        content: Any,
        resources: Any,  # a dictionary, or what a broken reference gives (None): see _dictionary
        pdf: Any,
        ctm: Matrix,
        depth: int = 0,
        state: _TextState | None = None,
    ) -> None:
        resources = _dictionary(resources)
        font_resources = _dictionary(resources.get("/Font"))
        xobjects = _dictionary(resources.get("/XObject"))
        state = state if state is not None else _TextState()
        stack: list[tuple[Matrix, _TextState]] = []
        tm: Matrix = IDENTITY
        tlm: Matrix = IDENTITY
        self.level = (depth, 0)
        for operands, op in content_operations(content, pdf, self.budget):
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
                self.level = (depth, len(stack))
            elif op == b"Q":
                if stack:
                    ctm, state = stack.pop()
                self.level = (depth, len(stack))
                if self.clips.holding:
                    self.invisible.extend(self.clips.end(depth, len(stack)))
            elif op == b"cm":
                if len(operands) >= 6:
                    ctm = _mult(tuple(_num(v) for v in operands[:6]), ctm)  # type: ignore[arg-type]
            elif op == b"Do" and operands and depth < self.budget.limits.max_form_depth:
                self._form(xobjects, operands[0], pdf, ctm, depth, state)
            elif op in PATH_POINTS:
                self.path.append((op, operands))  # measured only if it is filled
            elif op in PAINT_OPS:
                self._paint(op, operands, ctm, state, resources)

    def _paint(self, op: bytes, operands: list[Any], ctm: Matrix, state: _TextState, resources: Any) -> None:
        """Paths and what fills them, fill colours, shadings and opacity: what lies under text."""
        if op in FILLS:
            if self.path and not state.fill_clear:
                box = path_box(self.path, ctm)
                if box is not None:
                    self.paint.fill(box, state.fill_white)
                    self.clips.painted()
            self.path = []
        elif op == b"S" or op == b"s" or op == b"n":
            self.path = []
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
            self.clips.painted()
        elif op == b"gs":
            key = (id(resources), str(operands[0]) if operands else "")
            if key not in self.opacity:
                self.opacity[key] = fill_clear(resources, operands)
            found = self.opacity[key]
            state.fill_clear = state.fill_clear if found is None else found
        elif op == b"INLINE IMAGE":  # from pypdf's parser (the fast one skips inline images)
            self.paint.image(unit_box(ctm))
            self.clips.painted()

    def _form(self, xobjects: Any, name: Any, pdf: Any, ctm: Matrix, depth: int, state: _TextState) -> None:
        xobject = xobjects.get(name) if hasattr(xobjects, "get") else None
        xobject = xobject.get_object() if xobject is not None else None
        if xobject is None:
            return
        if xobject.get("/Subtype") == "/Image":
            self.paint.image(unit_box(ctm))
            self.clips.painted()
            return
        if xobject.get("/Subtype") != "/Form":
            return
        matrix = xobject.get("/Matrix")
        form_ctm = _mult(tuple(_num(v) for v in matrix[:6]), ctm) if matrix else ctm  # type: ignore[arg-type]
        resources = xobject.get("/Resources")
        resources = resources.get_object() if resources is not None else DictionaryObject()
        level = self.level
        self.budget.add_form()
        try:
            self.walk(xobject, resources, pdf, form_ctm, depth + 1, state.copy())  # a form inherits the state
        except LimitError:
            raise
        except Exception:  # a broken form: keep the rest of the page
            pass
        self.level = level
        self.invisible.extend(self.clips.end(depth, 1 << 30))  # a form's clip ends with it

    def _advance(self, measured: tuple[str, float, int, int], state: _TextState) -> float:
        _, width, glyphs, spaces = measured
        return (
            (width / 1000.0) * state.size + glyphs * state.char_spacing + spaces * state.word_spacing
        ) * state.scale

    def _emit(self, text: str, state: _TextState, start_tm: Matrix, end_tm: Matrix, ctm: Matrix) -> None:
        start = _mult(start_tm, ctm)
        if text.strip() and abs(start[1]) < 1e-3 * max(abs(start[0]), 1e-9) and start[0] > 0:
            end_x = _mult(end_tm, ctm)[4]
            size = abs(state.size * math.hypot(start[2], start[3]))
            rise = state.rise * start[3]
            left, right = (start[4], end_x) if start[4] <= end_x else (end_x, start[4])
            bottom = start[5] + rise
            top = bottom + size * GLYPH_HEIGHT
            crop = self.crop
            if not (left >= crop[0] and right <= crop[2] and bottom >= crop[1] and top <= crop[3]):
                if inside_share((left, bottom, right, top), crop) < CROP_INSIDE:
                    return
            run = Run(
                text=text, x0=start[4], x1=end_x, y=start[5], rise=rise, size=size, font=state.font_name
            )
            render = state.render
            if render == CLIP_ONLY:
                self.clips.holding.append((*self.level, len(self.runs), run))
            elif render in INVISIBLE_MODES or (state.fill_clear and render in FILL_MODES):
                self.invisible.append((len(self.runs), run))
            elif not (
                state.fill_white
                and render in FILL_MODES
                and self.paint.white_under((left + right) / 2, (bottom + top) / 2)
            ):
                self.runs.append(run)

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


class RunReader:
    """Reads the runs of each page of one PDF, sharing decoded fonts between pages."""

    def __init__(self, budget: Budget | None = None) -> None:
        self._fonts = FontCache()
        self.budget = budget if budget is not None else default_budget()
        """The work allowed for the whole document (see source.limits)."""

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
        walker = _Walker(self._fonts, crop_area(page), self.budget)
        content = contents.get_object()
        # Normalise for a page box that does not start at the origin.
        box = page.mediabox
        ctm: Matrix = (1.0, 0.0, 0.0, 1.0, -float(box.left), -float(box.bottom))
        walker.walk(content, resources, page.pdf, ctm)
        self.budget.add_runs(len(walker.runs) + len(walker.invisible))
        walker.invisible.extend(walker.clips.end(-1, -1))
        extra = walker.clips.shown
        if walker.invisible and ocr_layer(
            walker.runs, [run for _, run in walker.invisible], walker.paint, walker.crop
        ):
            extra = sorted(extra + walker.invisible, key=lambda item: item[0])
        return in_stream_order(walker.runs, extra) if extra else walker.runs
