"""What a page paints and where, so that text nobody can see is left out.

Text that is on the page but not shown is common in real PDFs: printer's slug lines and
crop marks outside the crop box, line numbers drawn in render mode 3 (invisible), words
in white on the white page (a hidden watermark, a tag for search engines). A reader sees
none of it, so Citex must not quote it. The one exception is a scanned page with an OCR
text layer: its text is invisible by design, over an image of the page, and it is the
page's real text.

`Paint` records, in painting order, the areas a page fills (rectangles and other paths,
by their bounding box, with whether the fill colour is white) and the images it draws.
`colour_is_white` reads a fill colour in the device colour spaces, `inside_share` says how
much of a run lies inside the crop box, and `ocr_layer` whether a page's invisible runs
are the OCR layer of a scan. The walker in `source.runs` decides each run as it is shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

Box = tuple[float, float, float, float]
"""x0, y0, x1, y1 in page space, x0 <= x1 and y0 <= y1."""

WHITE_LEVEL = 0.97
"""A gray or RGB component at least this light (a CMYK one at most 1 minus this) is white."""
CROP_INSIDE = 0.5
"""A run with less than this share of its glyph box inside the crop box is outside the page."""
GLYPH_HEIGHT = 0.7
"""Height of a run's glyph box above its baseline, as a share of its size (about the x-height to cap height)."""
OCR_IMAGE_COVER = 0.5
"""An image covering at least this share of the crop box can be a scanned page."""
OCR_INVISIBLE_SHARE = 0.9
"""A page whose invisible runs hold at least this share of its characters, over a scanned
image, has an OCR text layer (a stamp or a page number may be drawn visibly on top)."""
EVERYWHERE: Box = (-1e9, -1e9, 1e9, 1e9)
"""The area of a paint whose extent is not known (a shading over the clip): all of the page."""

PATH_POINTS = frozenset((b"m", b"l", b"c", b"v", b"y", b"re"))
"""Path construction operators: their points make the path's bounding box."""
FILLS = frozenset((b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*"))
"""Path painting operators that fill."""
PAINT_OPS = FILLS | frozenset(
    (b"S", b"s", b"n", b"g", b"rg", b"k", b"cs", b"sc", b"scn", b"sh", b"gs", b"INLINE IMAGE")
)
"""Every operator the walker's `_paint` (source/runs.py) handles: fills and path ends, fill colours, shadings, opacity."""
INVISIBLE_MODES = (3, 7)
"""Text render modes that paint nothing (7 only adds to the clip: what is painted through
it afterwards shows the text, so such a run counts as shown once something is painted
while the clip holds)."""
CLIP_ONLY = 7
"""The render mode that only adds the glyphs to the clip."""
FILL_MODES = (0, 4)
"""Text render modes that only fill (4 also clips): the fill colour is what shows."""

GRAY, RGB, CMYK = "gray", "rgb", "cmyk"
DEVICE_SPACES = {
    "/DeviceGray": GRAY,
    "/CalGray": GRAY,
    "/G": GRAY,
    "/DeviceRGB": RGB,
    "/CalRGB": RGB,
    "/RGB": RGB,
    "/DeviceCMYK": CMYK,
    "/CMYK": CMYK,
}
"""Colour space names whose colours Citex reads, by their family."""
ICC_FAMILIES = {1: GRAY, 3: RGB, 4: CMYK}
"""An ICCBased space read as the device space with as many components."""


def colour_is_white(space: str, values: Sequence[Any]) -> bool:
    """Whether a fill colour of this space family ("gray", "rgb", "cmyk"; "" unknown) is white."""
    try:
        numbers = [float(v) for v in values]
    except (TypeError, ValueError):  # a pattern name, or damage: not known to be white
        return False
    if space == GRAY and len(numbers) == 1:
        return numbers[0] >= WHITE_LEVEL
    if space == RGB and len(numbers) == 3:
        return min(numbers) >= WHITE_LEVEL
    if space == CMYK and len(numbers) == 4:
        return max(numbers) <= 1.0 - WHITE_LEVEL
    return False


def space_family(name: Any, resources: Any) -> str:
    """The family of a colour space named by `cs`: a device name, or one in the /ColorSpace resources."""
    key = str(name)
    if key in DEVICE_SPACES:
        return DEVICE_SPACES[key]
    try:
        spaces = resources.get("/ColorSpace")
        space = spaces.get_object().get(key) if spaces is not None else None
        space = space.get_object() if space is not None else None
        if space is None:
            return ""
        if not isinstance(space, list):
            return DEVICE_SPACES.get(str(space), "")
        kind = str(space[0])
        if kind == "/ICCBased":
            return ICC_FAMILIES.get(int(space[1].get_object().get("/N", 0)), "")
        return DEVICE_SPACES.get(kind, "")
    except Exception:  # a damaged colour space: not known
        return ""


def _number(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


def _contains(box: Box, x: float, y: float) -> bool:
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _area(box: Box) -> float:
    return max(0.0, box[2] - box[0]) * max(0.0, box[3] - box[1])


def _overlap(a: Box, b: Box) -> Box:
    return (max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3]))


@dataclass
class Paint:
    """What a page painted so far, in painting order."""

    fills: list[tuple[Box, bool]] = field(default_factory=list)
    """Each filled area (bounding box) with whether it was filled in white; images count as not white."""
    images: list[Box] = field(default_factory=list)
    """The bounding box of each image drawn."""

    def fill(self, box: Box, white: bool) -> None:
        """Record a filled area."""
        self.fills.append((box, white))

    def image(self, box: Box) -> None:
        """Record an image (not white: Citex does not look at its pixels)."""
        self.images.append(box)
        self.fills.append((box, False))

    def white_under(self, x: float, y: float) -> bool:
        """Whether the point is white so far: the last area painted over it was white, or none was."""
        for box, white in reversed(self.fills):
            if _contains(box, x, y):
                return white
        return True

    def image_cover(self, page: Box) -> float:
        """The largest share of the page one image covers."""
        area = _area(page)
        if area <= 0:
            return 0.0
        return max((_area(_overlap(box, page)) / area for box in self.images), default=0.0)


@dataclass
class TextClips:
    """Runs drawn as a clip (render mode 7), until it is known whether anything shows through them.

    Painting while such a clip holds shows the text's shape (text filled with a picture), so
    the runs count as shown; a clip that ends (Q, the end of a form or of the page) with
    nothing painted through it was never seen.
    """

    holding: list[tuple[int, int, int, Any]] = field(default_factory=list)
    """The clips that hold: (form depth, q depth, index among the shown runs, run)."""
    shown: list[tuple[int, Any]] = field(default_factory=list)
    """(index among the shown runs, run) of the runs something was painted through."""

    def painted(self) -> None:
        """Something was painted: every clip that holds shows."""
        if self.holding:
            self.shown.extend((index, run) for _, _, index, run in self.holding)
            self.holding.clear()

    def end(self, depth: int, level: int) -> list[tuple[int, Any]]:
        """The runs of the clips set deeper than (form depth, q depth), which end now unseen."""
        gone = [c for c in self.holding if c[0] > depth or (c[0] == depth and c[1] > level)]
        if gone:
            self.holding = [c for c in self.holding if not (c[0] > depth or (c[0] == depth and c[1] > level))]
        return [(index, run) for _, _, index, run in gone]


def unit_box(ctm: tuple[float, float, float, float, float, float]) -> Box:
    """Where an image lands: the unit square under the current matrix."""
    a, b, c, d, e, f = ctm
    xs = (e, a + e, c + e, a + c + e)
    ys = (f, b + f, d + f, b + d + f)
    return (min(xs), min(ys), max(xs), max(ys))


def fill_clear(resources: Any, operands: list[Any]) -> bool | None:
    """Whether an ExtGState sets the fill opacity to 0 (None when it does not say, or is damaged)."""
    try:
        states = resources.get("/ExtGState")
        found = states.get_object().get(operands[0]) if states is not None and operands else None
        alpha = found.get_object().get("/ca") if found is not None else None
        return None if alpha is None else float(alpha) <= 0.0
    except Exception:  # a damaged state: as it was
        return None


def path_box(
    path: Sequence[tuple[bytes, Sequence[Any]]], ctm: tuple[float, float, float, float, float, float]
) -> Box | None:
    """The bounding box in page space of a path's points (control points included)."""
    xs: list[float] = []
    ys: list[float] = []
    a, b, c, d, e, f = ctm
    for op, operands in path:
        nums = [_number(v) for v in operands]
        if op == b"re":
            if len(nums) < 4:
                continue
            x, y, w, h = nums[:4]
            points = [(x, y), (x + w, y), (x, y + h), (x + w, y + h)]
        else:
            points = list(zip(nums[0::2], nums[1::2]))
        for px, py in points:
            xs.append(a * px + c * py + e)
            ys.append(b * px + d * py + f)
    return (min(xs), min(ys), max(xs), max(ys)) if xs else None


def crop_area(page: Any) -> Box:
    """The crop box within the media box, in the walker's coordinates (the media box's corner at 0, 0)."""
    media, crop = page.mediabox, page.cropbox
    mx0, mx1 = sorted((float(media[0]), float(media[2])))
    my0, my1 = sorted((float(media[1]), float(media[3])))
    cx0, cx1 = sorted((float(crop[0]), float(crop[2])))
    cy0, cy1 = sorted((float(crop[1]), float(crop[3])))
    left, bottom = float(media.left), float(media.bottom)
    return (max(cx0, mx0) - left, max(cy0, my0) - bottom, min(cx1, mx1) - left, min(cy1, my1) - bottom)


def inside_share(box: Box, crop: Box) -> float:
    """How much of a glyph box lies inside the crop box (a box of no area: 1 or 0 by its corner)."""
    area = _area(box)
    if area <= 0:
        return 1.0 if _contains(crop, box[0], box[1]) else 0.0
    return _area(_overlap(box, crop)) / area


def ocr_layer(shown: Sequence[Any], invisible: Sequence[Any], paint: Paint, crop: Box) -> bool:
    """Whether a page's invisible runs are the OCR layer of a scan, to be kept.

    So it is when an image covers most of the page and the invisible runs hold almost all
    of its characters (a stamp or a folio may be drawn visibly over a scan).
    """
    if not paint.images:
        return False
    hidden = sum(len(run.text.strip()) for run in invisible)
    total = hidden + sum(len(run.text.strip()) for run in shown)
    return total > 0 and hidden >= OCR_INVISIBLE_SHARE * total and paint.image_cover(crop) >= OCR_IMAGE_COVER


def in_stream_order(shown: Sequence[Any], invisible: Sequence[tuple[int, Any]]) -> list[Any]:
    """The shown and the invisible runs together, in stream order."""
    out: list[Any] = []
    at = 0
    for before, run in invisible:
        out.extend(shown[at:before])
        at = before
        out.append(run)
    out.extend(shown[at:])
    return out
