"""An elided quote whose parts stand farther apart than find's windows reach (an ellipsis standing for
whole sentences): each part is found on its own, and the source's text from the first part to the last
is read from the Document, so that the ellipses can be checked against what they leave out.

`stitched(corpus, segments, docs, load)` gives a Match over that text (the Hit's page is the first
part's, its label runs to the last part's page), or None when the parts are not each found word for
word (or at least near, NEAR), in order, in one document, within ELISION_PAGES pages. `load(path)` returns the Document
(None when it cannot be read: the stitched match is then not made).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from index.fuzzy import NEAR, Match, find
from index.results import Hit, Span
from index.text import quote_words, words_with_offsets

if TYPE_CHECKING:
    from index.corpus import Corpus
    from source.model import Document

ELISION_PAGES = 2
"""The parts of an elided quote may stand at most this many pages apart."""
PART_CANDIDATES = 3
"""How many passages find proposes for each part."""

Loader = Callable[[str], "Document | None"]


def stitched(
    corpus: Corpus, segments: Sequence[str], docs: Iterable[str] | None, load: Loader
) -> Match | None:
    """The source's passage from the first part of an elided quote to its last (see the module docstring)."""
    docs = None if docs is None else list(docs)
    firsts = _parts(corpus, segments[0], docs)
    lasts = _parts(corpus, segments[-1], docs)
    for first in firsts:
        for last in lasts:
            a, b = first.hit.span, last.hit.span
            if a is None or b is None or first.hit.doc_id != last.hit.doc_id:
                continue
            if (b.page, b.block, b.start) <= (
                a.end_page,
                a.end_block,
                a.end,
            ) or b.page - a.page > ELISION_PAGES:
                continue
            document = load(first.hit.document)
            if document is None or document.id != first.hit.doc_id:
                continue
            text = _text_between(document, a, b)
            words, spans = words_with_offsets(text)
            surface = tuple(text[s:e] for s, e in spans)
            span = Span(a.page, a.block, a.start, b.end_page, b.end_block, b.end)
            first_label = document.display_label(a.page)
            last_label = document.display_label(b.end_page)
            label = first_label if first_label == last_label else f"{first_label}-{last_label}"
            hit = Hit(
                document=first.hit.document,
                doc_id=first.hit.doc_id,
                page=a.page,
                page_label=label,
                score=min(first.hit.score, last.hit.score) - 1,
                text=text,
                kind=first.hit.kind,
                notes=tuple(dict.fromkeys((*first.hit.notes, *last.hit.notes))),
                section=first.hit.section,
                span=span,
            )
            return Match(hit, tuple(words), surface)
    return None


def _parts(corpus: Corpus, segment: str, docs: list[str] | None) -> list[Match]:
    """find's passages for one part scoring NEAR or more, those holding its words exactly first."""
    wanted = quote_words(segment)[0]
    found = [m for m in find(corpus, segment, PART_CANDIDATES, docs) if m.hit.score >= NEAR]
    return sorted(found, key=lambda m: list(m.source_words) != wanted)


def _text_between(document: Document, a: Span, b: Span) -> str:
    """The body text from the start of span a to the end of span b, blocks joined as printed."""
    from source.sentences import joint

    out = ""
    previous = ""
    for page in range(a.page, b.end_page + 1):
        blocks = document.page(page).blocks
        for index, block in enumerate(blocks):
            if (page, index) < (a.page, a.block) or (page, index) > (b.end_page, b.end_block):
                continue
            start = a.start if (page, index) == (a.page, a.block) else 0
            end = b.end if (page, index) == (b.end_page, b.end_block) else len(block.text)
            if previous:
                out += joint(previous, block.text) or ("" if out.endswith(" ") else " ")
            out += block.text[start:end]
            previous = block.text
    return out
