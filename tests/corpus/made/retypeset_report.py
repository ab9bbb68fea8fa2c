"""Re-typeset the report (from Citex's own reading of it) as a LibreOffice document with real footnotes."""

import html
import sys
from source import read_pdf

doc = read_pdf("explorer/data/connection-denied.pdf")  # run from the repository root
body_size, note_size, two_col = sys.argv[1], sys.argv[2], sys.argv[3] == "2"
parts = []
for page in doc.pages[1:-1]:
    for b in page.blocks:
        text = b.text
        out, last = [], 0
        for m in b.markers:
            out.append(html.escape(text[last : m.offset]))
            n = doc.notes[m.note]
            out.append(
                f'<text:note text:id="n{n.label}" text:note-class="footnote"><text:note-citation>{n.label}</text:note-citation><text:note-body><text:p text:style-name="Footnote">{html.escape(n.text)}</text:p></text:note-body></text:note>'
            )
            last = m.offset
        out.append(html.escape(text[last:]))
        inner = "".join(out)
        if b.kind == "heading":
            parts.append(
                f'<text:h text:style-name="H{min(b.level, 2)}" text:outline-level="{b.level}">{inner}</text:h>'
            )
        elif b.continues and parts and parts[-1].startswith('<text:p text:style-name="Body">'):
            parts[-1] = parts[-1][: -len("</text:p>")] + " " + inner + "</text:p>"
        else:
            style = "Quote" if b.kind == "quote" else "Body"
            parts.append(f'<text:p text:style-name="{style}">{inner}</text:p>')
cols = '<style:columns fo:column-count="2" fo:column-gap="0.8cm"/>' if two_col else ""
fodt = f'''<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
<office:styles>
<style:style style:name="Standard" style:family="paragraph"><style:text-properties style:font-name="Liberation Serif" fo:font-family="'Liberation Serif'" fo:font-size="{body_size}pt"/></style:style>
<style:style style:name="Body" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:margin-bottom="0.2cm" fo:text-align="justify"/></style:style>
<style:style style:name="Quote" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:margin-left="1cm" fo:margin-right="1cm" fo:margin-bottom="0.2cm"/><style:text-properties fo:font-style="italic"/></style:style>
<style:style style:name="H1" style:family="paragraph"><style:paragraph-properties fo:margin-top="0.4cm" fo:margin-bottom="0.2cm"/><style:text-properties fo:font-size="16pt" fo:font-weight="bold"/></style:style>
<style:style style:name="H2" style:family="paragraph"><style:paragraph-properties fo:margin-top="0.3cm" fo:margin-bottom="0.15cm"/><style:text-properties fo:font-size="12.5pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Footnote" style:family="paragraph"><style:text-properties fo:font-size="{note_size}pt"/></style:style>
<style:style style:name="Header" style:family="paragraph"><style:text-properties fo:font-size="8pt"/></style:style>
</office:styles>
<office:automatic-styles><style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="2cm" fo:margin-right="2cm">{cols}</style:page-layout-properties><style:header-style/><style:footer-style/></style:page-layout></office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1">
<style:header><text:p text:style-name="Header">Connection Denied — Amnesty International</text:p></style:header>
<style:footer><text:p text:style-name="Header">Index: ASA 24/3373/2016 — <text:page-number text:select-page="current">1</text:page-number></text:p></style:footer>
</style:master-page></office:master-styles>
<office:body><office:text>{"".join(parts)}</office:text></office:body></office:document>'''
open(sys.argv[4], "w").write(fodt)
