"""The TUI's adapter to the search engine (index/): search, find and verify over open documents.

`Engine.prepare()` builds or opens the Whoosh index of each document (through the cache);
when index/ cannot be used, every mode falls back to a plain word search over the
documents' sentences, so that the reader still works. Headless: no Textual.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from index.results import Hit, Span, Verification
from index.units import label_range
from source.model import Document, Sentence

if TYPE_CHECKING:
    from index.corpus import Corpus

Mode = Literal["search", "find", "verify"]
MODES: tuple[Mode, ...] = ("search", "find", "verify")
"""The search bar's modes, in the order the mode key cycles them."""
MODE_NAMES: dict[Mode, str] = {"search": "full text", "find": "find quote", "verify": "verify"}
"""What the search bar shows for each mode."""

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Outcome:
    """What one run of the search bar found."""

    mode: Mode
    """The mode it ran in."""
    query: str
    """The query as typed."""
    hits: tuple[Hit, ...] = ()
    """Best first."""
    message: str = ""
    """A note for the user (a query read as plain words, a verdict, a suggestion)."""
    verification: Verification | None = field(default=None)
    """For verify: the verdict."""


class Engine:
    """Search, find and verify over a set of Documents."""

    def __init__(self, documents: Sequence[Document], *, cache: bool = True) -> None:
        self.documents = {d.id: d for d in documents}
        self.cache = cache
        """False for documents opened with a password: their indexes stay in memory."""
        self._corpus: Corpus | None = None
        self.fallback = True
        """True while searches run over sentences without the index."""

    def prepare(self) -> None:
        """Open or build the indexes (slow the first time: call from a worker)."""
        try:
            from index.documents import corpus_of

            self._corpus = corpus_of(self.documents.values(), cache=self.cache)
            self.fallback = False
        except Exception:  # noqa: BLE001 - any failure: the plain search still works
            self._corpus = None
            self.fallback = True

    def run(self, mode: Mode, query: str, limit: int = 50) -> Outcome:
        """Run one query in `mode`; never raises for a bad query."""
        query = query.strip()
        if not query:
            return Outcome(mode, query)
        if self._corpus is not None:
            try:
                return self._run_index(mode, query, limit)
            except Exception as exc:  # noqa: BLE001 - fall back rather than fail the UI
                outcome = self._run_plain(mode, query, limit)
                return Outcome(mode, query, outcome.hits, f"search engine error ({exc}); plain search")
        return self._run_plain(mode, query, limit)

    def _run_index(self, mode: Mode, query: str, limit: int) -> Outcome:
        corpus = self._corpus
        assert corpus is not None
        if mode == "search":
            result = corpus.search(query, limit=limit)
            message = result.message
            if not result.hits and result.suggestion:
                message = f"nothing found; did you mean: {result.suggestion}"
            return Outcome(mode, query, tuple(result.hits), message)
        if mode == "find":
            return Outcome(mode, query, tuple(corpus.find(query, limit=limit)))
        verification = corpus.verify(query)
        hits = (verification.hit,) if verification.hit is not None else ()
        return Outcome(mode, query, hits, verdict_line(verification), verification)

    def _run_plain(self, mode: Mode, query: str, limit: int) -> Outcome:
        words = [w.lower() for w in _WORD.findall(query)]
        hits: list[Hit] = []
        for document in self.documents.values():
            for sentence in document.sentences:
                text = document.sentence_text(sentence)
                lowered = text.lower()
                if words and all(w in lowered for w in words):
                    hits.append(_plain_hit(document, sentence, text, words))
                    if len(hits) >= limit:
                        break
        if mode == "verify":
            verdict = (
                "exact"
                if hits and " ".join(words) in " ".join(_WORD.findall(hits[0].text.lower()))
                else ("absent")
            )
            verification = Verification(
                verdict, 100.0 if verdict == "exact" else 0.0, query, hits[0] if hits else None
            )
            return Outcome(mode, query, tuple(hits[:1]), verdict_line(verification), verification)
        return Outcome(mode, query, tuple(hits), "plain word search (no index)")


def _plain_hit(document: Document, sentence: Sentence, text: str, words: list[str]) -> Hit:
    blk = document.block(sentence.page, sentence.block)
    notes = tuple(
        m.label
        for page, block, start, end in document.sentence_parts(sentence)
        for m in document.block(page, block).markers
        if start < m.offset <= end or (m.offset == 0 and (page, block) != (sentence.page, sentence.block))
    )
    snippet = text
    for word in sorted(set(words), key=len, reverse=True):
        snippet = re.sub(rf"(?i)(?<!\[)({re.escape(word)})", r"[[\1]]", snippet)
    return Hit(
        document=document.path,
        doc_id=document.id,
        page=sentence.page,
        page_label=label_range(
            document.display_label(sentence.page), document.display_label(sentence.end_page)
        ),
        score=0.0,
        text=text,
        kind="body",
        notes=notes,
        snippet=snippet,
        section=blk.section,
        span=Span(
            sentence.page, sentence.block, sentence.start, sentence.end_page, sentence.end_block, sentence.end
        ),
    )


def verdict_line(verification: Verification) -> str:
    """One line that says the verdict: "exact (100) on p. 22", "near (91) …", "absent"."""
    if verification.hit is None or verification.verdict == "absent":
        return f"absent: not in the document (best score {verification.score:.0f})"
    line = f"{verification.verdict} ({verification.score:.0f}) on p. {verification.hit.page_label}"
    changes = [d for d in verification.diff]
    if changes:
        parts = [_diff_text(d) for d in changes[:3]]
        line += ": " + "; ".join(parts)
    return line


def _diff_text(op: Any) -> str:
    if op.op == "replace":
        return f"“{op.quote}” → “{op.source}”"
    if op.op == "delete":
        return f"extra “{op.quote}”"
    return f"missing “{op.source}”"
