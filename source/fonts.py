"""Fonts of a PDF decoded once, with what measuring and decoding their strings needs.

pypdf's Font gives the encoding, the character map and the widths; `FontInfo` turns
them into a byte table for single-byte fonts (so a string decodes with one translate),
fills in ligature codes of TeX's encodings that map to nothing, and scales Type 3
widths. `FontCache` keeps one per font object for the whole document.
"""

from __future__ import annotations

from typing import Any, cast

from pypdf.generic import DictionaryObject, IndirectObject
from pypdf.generic._font import Font

TEX_LIGATURES = {
    0x0B: "ff",
    0x0C: "fi",
    0x0D: "fl",
    0x0E: "ffi",
    0x0F: "ffl",  # TeX's OT1 encoding
    0x1B: "ff",
    0x1C: "fi",
    0x1D: "fl",
    0x1E: "ffi",
    0x1F: "ffl",  # TeX's T1 (Cork) encoding
}
"""Ligature codes of TeX's text encodings, used where a font maps them to no character."""


class FontInfo:
    """A font with what measuring and decoding its strings needs, precomputed."""

    def __init__(self, font: Font, name: str, scale: float = 1.0) -> None:
        self.name = name
        """The font's base name, subset prefix dropped."""
        self.font = font
        widths = {k: float(v) * scale for k, v in font.character_widths.items()}
        self.default = float(widths.get("default", 500.0 * scale))
        self.char_widths = widths
        encoding = font.encoding
        self.single_byte = not isinstance(encoding, str)
        if not isinstance(encoding, str):
            cmap = font.character_map
            self.table = {b: "".join(cmap.get(c, c) for c in encoding.get(b, chr(b))) for b in range(256)}
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
        font = self.font  # not single-byte: its encoding is a codec name (str)
        raw = value.decode(cast(str, font.encoding), "surrogatepass" if len(value) % 2 == 0 else "replace")
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


class FontCache:
    """Fonts decoded once per document (keyed by the font object's id)."""

    def __init__(self) -> None:
        self._fonts: dict[Any, FontInfo | None] = {}

    def get(self, resource: Any) -> FontInfo | None:
        key = (resource.idnum, resource.generation) if isinstance(resource, IndirectObject) else id(resource)
        if key not in self._fonts:
            obj = resource.get_object()
            info = None
            if isinstance(obj, DictionaryObject):
                try:
                    font = Font.from_font_resource(obj)
                    base = str(obj.get("/BaseFont", ""))
                    info = FontInfo(font, base.split("+", 1)[-1].lstrip("/"), _width_scale(obj))
                except Exception:  # a broken font: skip its text rather than the page
                    info = None
            self._fonts[key] = info
        return self._fonts[key]
