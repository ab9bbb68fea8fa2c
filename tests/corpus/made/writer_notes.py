"""Write LibreOffice Writer documents (flat ODT) that test note layouts from a real word processor.

    python writer_notes.py endnotes-roman OUT.fodt    endnotes, Writer's default i, ii, iii, at the end
    python writer_notes.py endnotes-arabic OUT.fodt   endnotes numbered 1, 2, 3, at the end
    python writer_notes.py columns3 OUT.fodt          three columns, footnotes, hyphenation on
    python writer_notes.py samesize OUT.fodt          footnotes set in the body's own size (11 pt)

then `soffice --headless --convert-to pdf OUT.fodt`. The prose is generated (seeded) and
ours; the expected notes are in the text itself ("Source N: ...").
"""

from __future__ import annotations

import random
import sys
from xml.sax.saxutils import escape

SUBJECTS = (
    "The survey office",
    "The provincial court",
    "The irrigation board",
    "The standing committee",
    "An independent observer",
    "The harbour master",
    "A retired ferryman",
    "The district archive",
)
VERBS = ("measured", "catalogued", "questioned", "summarised", "described", "reconsidered", "documented")
OBJECTS = (
    "the height of the winter floods",
    "the cost of repairing the weir",
    "the condition of the old canals",
    "the rules for sharing the reservoir",
    "the boundary stones along the ridge",
    "the accounts of the cattle drovers",
    "the extraordinarily complicated arrangements",
)
TAILS = (
    "with the help of local guides",
    "long after the events themselves",
    "on the basis of older records",
    "for the benefit of later readers",
    "in considerable administrative detail",
)


def sentence(rng: random.Random) -> str:
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(TAILS)}."


def note(kind: str, number: int, rng: random.Random) -> str:
    body = escape(f"Source {number}: {sentence(rng)}")
    return (
        f'<text:note text:id="n{number}" text:note-class="{kind}"><text:note-citation>{number}'
        f'</text:note-citation><text:note-body><text:p text:style-name="Note">{body}</text:p>'
        f"</text:note-body></text:note>"
    )


def paragraphs(kind: str, count: int, rng: random.Random) -> str:
    out = []
    number = 0
    for index in range(count):
        sentences = [escape(sentence(rng)) for _ in range(5)]
        if index % 2 == 0:
            number += 1
            sentences[2] = sentences[2] + note(kind, number, rng)
        out.append(f'<text:p text:style-name="Body">{" ".join(sentences)}</text:p>')
    return "".join(out)


def document(variant: str) -> str:
    rng = random.Random(variant)
    kind = "footnote" if variant in ("columns3", "samesize") else "endnote"
    numbering = ' style:num-format="1"' if variant == "endnotes-arabic" else ' style:num-format="i"'
    columns = '<style:columns fo:column-count="3" fo:column-gap="0.5cm"/>' if variant == "columns3" else ""
    hyphenate = ' fo:hyphenate="true" fo:hyphenation-remain-char-count="2" fo:hyphenation-push-char-count="2"'
    body = paragraphs(kind, 26 if kind == "footnote" else 12, rng)
    note_size = "11pt" if variant == "samesize" else "9pt"
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
<office:styles>
<style:style style:name="Standard" style:family="paragraph"><style:text-properties fo:font-size="11pt" fo:language="en" fo:country="US"{hyphenate}/></style:style>
<style:style style:name="Body" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:margin-bottom="0.2cm" fo:text-align="justify"/></style:style>
<style:style style:name="Title" style:family="paragraph"><style:text-properties fo:font-size="18pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Note" style:family="paragraph"><style:text-properties fo:font-size="{note_size}" fo:language="en" fo:country="US"/></style:style>
<text:notes-configuration text:note-class="endnote"{numbering}/>
</office:styles>
<office:automatic-styles><style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2cm" fo:margin-right="2cm">{columns}</style:page-layout-properties></style:page-layout></office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1"/></office:master-styles>
<office:body><office:text><text:p text:style-name="Title">Notes on the river towns</text:p>{body}</office:text></office:body></office:document>
"""


if __name__ == "__main__":
    with open(sys.argv[2], "w", encoding="utf-8") as out:
        out.write(document(sys.argv[1]))
