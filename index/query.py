"""Full-text search: the query language, a plain-words fallback, highlights (offsets) and suggestions.

The language: words (stemmed, all must match), "phrases in quotes" (exact words in
order), AND / OR / NOT and parentheses, prefix*, and the fields `page:LABEL` (the printed
page, or /PageLabels in a PDF that prints none; a page that prints no number is never
matched by a guessed number: the cover guessed as 6 is no `page:6`; every page of a count
that restarts is matched; `page:20-25` for a run of numbered pages), `section:WORD`, `in:notes`, `in:body`,
`notes:LABEL`. A query that does not parse is searched as plain words, and the result
says so (`SearchResult.message`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from index.store import analyzers, import_whoosh

if TYPE_CHECKING:
    from index.whoosh_types import Analyzer, Query, QueryParser, Results, Schema, Searcher, Weighting

FIELDS = ("page", "section", "in", "notes", "kind", "text")
"""The fields a query may name."""
_IN_VALUES = {"notes": "notes", "note": "notes", "body": "body", "text": "body"}
_CURLY = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"'})
_FIELD = re.compile(r"(?<![\w:])([A-Za-z]+):(\S*)")
_PAGE_RUN = re.compile(r"(?<![\w:])page:(\d+)-(\d+)(?!\S)")
_OPERATOR = re.compile(r"(?<!\S)(AND|OR|NOT|ANDNOT|ANDMAYBE)(?!\S)")
_TOKEN = re.compile(r"\w+", re.UNICODE)
_PLAIN = re.compile(r"\s*\w+(?:\s+\w+)*\s*")
"""A query of plain words only (`plain_query`): no quotes, fields, prefixes, parentheses or signs."""
_MAX_PAGE_RUN = 500
_CHECK_EVERY = 16
"""Matches between two looks at the clock in a time-bounded search."""


@dataclass(frozen=True)
class Terms:
    """What to highlight: unstemmed words, stems, prefixes and phrases of a query."""

    words: frozenset[str] = frozenset()
    stems: frozenset[str] = frozenset()
    prefixes: tuple[str, ...] = ()
    phrases: tuple[tuple[str, ...], ...] = ()


@dataclass
class Parsed:
    """A query ready to run: the Whoosh query, what to highlight, and any note on how it was read."""

    query: Query | None
    terms: Terms
    message: str = ""
    problems: list[str] = field(default_factory=list)


def syntax_problem(text: str) -> str:
    """Why a query does not parse ("" when it does): unbalanced quotes or parentheses, a stray operator."""
    if text.count('"') % 2:
        return "a quotation mark is not closed"
    depth = 0
    for ch in re.sub(r'"[^"]*"', "", text):
        depth += (ch == "(") - (ch == ")")
        if depth < 0:
            return "a closing parenthesis has no opening one"
    if depth:
        return "a parenthesis is not closed"
    bare = re.sub(r'"[^"]*"', " PHRASE ", text).replace("(", " ( ").replace(")", " ) ").split()
    previous = "("
    for token in [*bare, ")"]:
        operator = token in ("AND", "OR", "ANDNOT", "ANDMAYBE")
        if operator and previous in ("(", "AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"):
            return f"{token} has nothing on its left"
        if token == ")" and previous in ("AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"):
            return f"{previous} has nothing on its right"
        previous = token
    for m in _FIELD.finditer(re.sub(r'"[^"]*"', " ", text)):
        name, value = m.group(1).lower(), m.group(2)
        if name not in FIELDS:
            return f"there is no field {name}: (use page:, section:, in:notes, in:body or notes:)"
        if not value or value in (")",):
            return f"{name}: is not followed by a value"
        if name == "in" and value.lower().strip(")") not in _IN_VALUES:
            return f"in:{value} is not a place (use in:notes or in:body)"
    return ""


def _rewrite(text: str) -> str:
    """Normalise what the parser reads: straight quotes, page runs, in: values, lowercase field names."""
    text = text.translate(_CURLY)

    def run(m: re.Match[str]) -> str:
        first, last = int(m.group(1)), int(m.group(2))
        if last < first or last - first > _MAX_PAGE_RUN:
            return m.group(0)
        return "(" + " OR ".join(f"page:{n}" for n in range(first, last + 1)) + ")"

    text = _PAGE_RUN.sub(run, text)

    def fieldname(m: re.Match[str]) -> str:
        name, value = m.group(1).lower(), m.group(2)
        if name == "in":
            value = _IN_VALUES.get(value.lower().rstrip(")"), value) + ")" * (
                len(value) - len(value.rstrip(")"))
            )
        return f"{name}:{value}"

    return _FIELD.sub(fieldname, text)


def bounded_search(
    searcher: Searcher,
    query: Query,
    limit: int,
    allow: Query | None,
    seconds: float | None,
    weighting: Weighting | None = None,
    mask: Query | None = None,
) -> tuple[Results, bool]:
    """(Whoosh Results, complete): the best `limit` matches found within `seconds` of this thread's CPU
    time (None: no bound), scored by the searcher's weighting (BM25F) or the one given; only units
    matching `allow` (when given) and not `mask` (when given).

    A query matching a large part of a big library (very common words) is ranked over the
    matches reached in time (each segment of the index given its share, so the whole library
    contributes); `complete` is then False. Rare words, phrases and most real queries finish
    long before. The time bound never stops a search before it holds `limit` matches (or all
    there are): on a loaded machine the time can pass before the first match is reached, and
    "nothing found" would then be said of a query that matches much.
    """
    from time import thread_time

    from whoosh.collectors import FilterCollector, WrappingCollector

    class Deadline(WrappingCollector):  # type: ignore[misc]  # Whoosh is untyped (a class of type Any)
        """Gives each segment of the index its share of the time left, in proportion to the units it
        holds: when a segment's share is used up, the search moves on to the next one (so a partial
        ranking draws on the whole library). Equal shares cut a query short in a big segment that the
        whole time would have ranked completely: a library's segments range from one PDF to most of it."""

        def prepare(self, top_searcher: Any, q: Any, context: Any) -> None:
            super().prepare(top_searcher, q, context)
            self.end = thread_time() + (seconds or 0.0)
            self.left = sum(leaf.doc_count_all() for leaf, _ in top_searcher.leaf_searchers())
            self.complete = True
            self.collected = 0

        def collect(self, sub_docnum: int) -> Any:
            self.collected += 1  # what passed the filter (FilterCollector calls this)
            return self.child.collect(sub_docnum)

        def set_subsearcher(self, subsearcher: Any, offset: int) -> None:
            super().set_subsearcher(subsearcher, offset)
            now = thread_time()
            size = subsearcher.doc_count_all()
            self.until = now + max(0.0, self.end - now) * size / max(1, self.left, size)
            self.left -= size

        def matches(self) -> Any:
            for n, docnum in enumerate(self.child.matches()):
                full = self.collected >= limit
                if full and (not n % _CHECK_EVERY or self.collected == limit) and thread_time() > self.until:
                    self.complete = False
                    return
                yield docnum

        def collect_matches(self) -> None:
            collect = self.collect
            for docnum in self.matches():
                collect(docnum)

    top = searcher.collector(limit=limit)
    inner = top if seconds is None else Deadline(top)
    outer = inner if allow is None and mask is None else FilterCollector(inner, allow=allow, restrict=mask)
    context = searcher.context(weighting=weighting) if weighting is not None else None
    searcher.search_with_collector(query, outer, context=context)
    return outer.results(), not isinstance(inner, Deadline) or inner.complete


def make_parser(schema: Schema) -> QueryParser:
    """The query parser: AND by default, phrases on the unstemmed field, no single-quote or range syntax."""
    import_whoosh(parser=True)
    from whoosh.qparser import AndGroup, plugins, syntax
    from whoosh.qparser import QueryParser as WhooshParser

    class ExactPhrases(plugins.Plugin):  # type: ignore[misc]  # Whoosh is untyped (a class of type Any)
        """Send phrases without a field (or on `text`) to the unstemmed `exact` field."""

        def filters(self, parser: QueryParser) -> list[tuple[Any, int]]:
            return [(self.to_exact, 110)]

        def to_exact(self, parser: QueryParser, group: Any) -> Any:
            for node in group:
                if isinstance(node, plugins.PhrasePlugin.PhraseNode) and node.fieldname in (None, "text"):
                    node.set_fieldname("exact", override=True)
                elif isinstance(node, syntax.GroupNode):
                    self.to_exact(parser, node)
            return group

    parser: QueryParser = WhooshParser("text", schema, group=AndGroup)
    parser.remove_plugin_class(plugins.SingleQuotePlugin)
    parser.remove_plugin_class(plugins.RangePlugin)
    parser.add_plugin(ExactPhrases())
    return parser


def parse(parser: QueryParser, text: str) -> Parsed:
    """Parse a query; on a syntax problem, fall back to its plain words and say so."""
    problem = syntax_problem(text.translate(_CURLY))
    if not problem:
        query = parser.parse(_rewrite(text))
        if not _is_null(query):
            return Parsed(query, terms_of(query))
    words = [w for w in _TOKEN.findall(text.translate(_CURLY)) if not _OPERATOR.fullmatch(w)]
    if not words:
        return Parsed(None, Terms(), f"could not read the query: {problem}" if problem else "")
    query = plain_words(parser.schema, words)
    message = (
        f"could not parse the query ({problem}); searched for the words: {' '.join(words)}" if problem else ""
    )
    return Parsed(query, terms_of(query), message)


def plain_query(schema: Schema, text: str) -> Parsed | None:
    """The parse of a query of plain words ("mobile phones"), built without Whoosh's query parser, or
    None when the query is anything else (the parser reads it: `parse`).

    What the parser makes of such a query is a Term of the word's stem on `text` (its position in the
    query as startchar and endchar, which `suggest` uses), and the And of those of several words;
    this builds the same (tests/test_plain_query.py compares the two on thousands of queries), so that
    the commonest query costs neither the parser's import nor the compiling of its patterns. A query
    with an operator (AND, OR, NOT...) or a stop word ("the") is left to the parser."""
    if not _PLAIN.fullmatch(text):
        return None
    from whoosh.query import And, Term

    field = schema["text"]
    terms = []
    for m in _TOKEN.finditer(text):
        if _OPERATOR.fullmatch(m.group()):
            return None
        stems = list(field.process_text(m.group(), mode="query"))
        if len(stems) != 1:
            return None
        term = Term("text", stems[0])
        term.startchar, term.endchar = m.start(), m.end()
        terms.append(term)
    query = cast("Query", terms[0] if len(terms) == 1 else And(terms))
    return Parsed(query, terms_of(query))


def plain_words(schema: Schema, words: list[str]) -> Query:
    """All these words (stemmed; unstemmed when they are all common words like "to be")."""
    from whoosh.query import And, Term

    stems = [t for w in words for t in schema["text"].process_text(w, mode="query")]
    if stems:
        return cast("Query", And([Term("text", s) for s in stems]))
    return cast(
        "Query", And([Term("exact", t) for w in words for t in schema["exact"].process_text(w, mode="query")])
    )


def _is_null(query: Query | None) -> bool:
    from whoosh.query import NullQuery

    return query is None or query is NullQuery or type(query).__name__ == "_NullQuery"


def terms_of(query: Query) -> Terms:
    """The words a query looks for in the body text (not under NOT)."""
    from whoosh import query as q

    words: set[str] = set()
    stems: set[str] = set()
    prefixes: list[str] = []
    phrases: list[tuple[str, ...]] = []

    def walk(node: Any) -> None:
        if isinstance(node, q.Not):
            return
        if isinstance(node, q.AndNot):
            walk(node.a)
            return
        if isinstance(node, q.Phrase) and node.fieldname in ("exact", "text"):
            phrases.append(tuple(node.words))
        elif isinstance(node, q.Prefix) and node.fieldname in ("exact", "text"):
            prefixes.append(node.text)
        elif isinstance(node, q.Term) and node.fieldname == "text":
            stems.add(node.text)
        elif isinstance(node, q.Term) and node.fieldname == "exact":
            words.add(node.text)
        for child in node.children():
            walk(child)

    walk(query)
    return Terms(frozenset(words), frozenset(stems), tuple(prefixes), tuple(phrases))


def highlight(text: str, terms: Terms, exact: Analyzer | None = None) -> tuple[tuple[int, int], ...]:
    """The (start, end) offsets in `text` of the words a query matched, adjacent ones joined into one
    stretch (so a phrase is one span). Plain offsets: no markup is put into the text. `exact` is the
    unstemmed analyzer (`analyzers`; a search passes the one of its index's schema, the same)."""
    from whoosh.lang.porter import stem

    if exact is None:
        _, exact = analyzers()
    tokens = [(t.text, t.startchar, t.endchar) for t in exact(text, chars=True)]
    marked = [False] * len(tokens)
    for i, (word, _, _) in enumerate(tokens):
        if word in terms.words or any(word.startswith(p) for p in terms.prefixes):
            marked[i] = True
        elif terms.stems and stem(word) in terms.stems:
            marked[i] = True
    for phrase in terms.phrases:
        n = len(phrase)
        for i in range(len(tokens) - n + 1):
            if all(tokens[i + k][0] == phrase[k] for k in range(n)):
                marked[i : i + n] = [True] * n
    runs: list[tuple[int, int]] = []
    for i, (_, start, end) in enumerate(tokens):
        if not marked[i]:
            continue
        if runs and marked[i - 1] and not text[runs[-1][1] : start].strip():
            runs[-1] = (runs[-1][0], end)
        else:
            runs.append((start, end))
    return tuple(runs)


def suggest(searcher: Searcher, parsed: Parsed, text: str) -> str:
    """The query with each unknown word replaced by the closest known one ("" when there is none).

    Words are corrected as typed (not as stems) against the unstemmed field, by Whoosh's
    corrector (edit distance up to 2, first letter kept, the most frequent word wins).
    """
    if parsed.query is None:
        return ""
    try:
        corrector = searcher.corrector("exact")
        replacements: list[tuple[int, int, str]] = []
        for node in parsed.query.leaves():
            start, end = getattr(node, "startchar", None), getattr(node, "endchar", None)
            if start is None or end is None or getattr(node, "fieldname", "") not in ("text", "exact"):
                continue
            for m in _TOKEN.finditer(text, start, end):
                word = m.group().lower()
                if searcher.doc_frequency("exact", word):
                    continue
                found = corrector.suggest(word, limit=1, maxdist=2, prefix=1)
                if found:
                    replacements.append((m.start(), m.end(), found[0]))
    except Exception:  # noqa: BLE001 - a suggestion is a courtesy, never a failure
        return ""
    if not replacements:
        return ""
    out, at = [], 0
    for start, end, word in sorted(set(replacements)):
        out.append(text[at:start] + word)
        at = end
    return "".join(out) + text[at:]
