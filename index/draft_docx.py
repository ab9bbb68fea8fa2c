"""A .docx draft as text: paragraphs, footnote references as `[^N]`, "Quote" paragraphs as blockquotes.

python-docx reads the package (it is a pure-Python wheel with lxml; pandoc would be a system
program to install, and its Markdown would need reading again). Each paragraph is walked in
document order: text runs, tabs, line breaks, and footnote references, which python-docx's
`paragraph.text` drops; the footnotes' text comes from the package's footnotes part.
A paragraph in a Word quotation style ("Quote", "Intense Quote", "Block Text") becomes a
`> ` blockquote. Each paragraph is one line (a line break in it a space), paragraphs separated
by blank lines: `index.draft` reports a .docx quotation's paragraph as its line.
"""

from __future__ import annotations

from typing import Any

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
QUOTE_STYLES = frozenset({"quote", "intense quote", "block text", "blockquote", "block quote"})
"""Word paragraph styles (lower case) read as blockquotes."""


def docx_text(path: str) -> tuple[str, dict[str, str]]:
    """(text, footnotes by label) of a .docx. Raises ValueError when the file is not a .docx."""
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(path)
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError) as exc:
        raise ValueError(f"{path} is not a readable .docx ({exc})") from None
    paragraphs = []
    for paragraph in document.paragraphs:
        text = _paragraph_text(paragraph._p)
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        if style.lower() in QUOTE_STYLES and text.strip():
            text = "\n".join("> " + line for line in text.splitlines())
        paragraphs.append(text)
    return "\n\n".join(paragraphs) + "\n", _footnotes(document)


def _paragraph_text(p: Any) -> str:
    """A paragraph's text in document order, footnote references as [^N]."""
    out: list[str] = []
    for el in p.iter():
        tag = el.tag
        if tag == f"{_W}t":
            out.append(el.text or "")
        elif tag == f"{_W}tab":
            out.append("\t")
        elif tag in (f"{_W}br", f"{_W}cr"):
            out.append(" ")  # one line per paragraph: a quotation's line is its paragraph
        elif tag == f"{_W}footnoteReference":
            out.append(f"[^{el.get(f'{_W}id')}]")
    return "".join(out)


def _footnotes(document: Any) -> dict[str, str]:
    """Footnote id -> text, from the package's footnotes part (none when it has none)."""
    from xml.etree import ElementTree

    notes: dict[str, str] = {}
    for part in document.part.package.iter_parts():
        if str(part.partname) != "/word/footnotes.xml":
            continue
        root = ElementTree.fromstring(part.blob)
        for note in root.iter(f"{_W}footnote"):
            label = note.get(f"{_W}id")
            if label is None or note.get(f"{_W}type") in ("separator", "continuationSeparator"):
                continue
            text = " ".join(_paragraph_text(p) for p in note.iter(f"{_W}p"))
            notes[label] = " ".join(text.replace(f"[^{label}]", "").split())
    return notes
