"""The limits' defaults and what each does: what the CLI needs to build its --max-... flags.

Apart from `source.limits` (the Limits dataclass, the Budget that checks them), so that a
command builds its flags without creating the dataclass, and a command given none of them
(a search reads no PDF when its index is cached) never imports source.limits. `Limits` takes
its defaults from here; tests/test_limits.py checks that DEFAULTS and HELP name its fields, in
order, with their defaults.
"""

from __future__ import annotations

DEFAULT_MAX_PAGES = 5_000
"""Pages a PDF may have; one with more is refused before any page is read."""
DEFAULT_MAX_PAGE_OPERATORS = 500_000
"""Content-stream operators interpreted on one page, forms included (each held in memory while the
page is read: 500,000 take ~1.5 s and ~120 MB)."""
DEFAULT_MAX_OPERATORS = 20_000_000
"""Content-stream operators interpreted in one document."""
DEFAULT_MAX_PAGE_RUNS = 50_000
"""Text runs on one page (a dense page set glyph by glyph has ~10^4); bounds the layout work."""
DEFAULT_MAX_RUNS = 1_000_000
"""Text runs in one document (a 2,000-page book has ~4 x 10^5); bounds memory."""
DEFAULT_MAX_PAGE_FORMS = 10_000
"""Form XObjects drawn on one page, counting every invocation (fan-out: forms that draw forms)."""
DEFAULT_MAX_FORM_DEPTH = 8
"""How deep forms may nest; a form deeper is not drawn (this ends a cycle of forms)."""
DEFAULT_MAX_STREAM_MB = 50.0
"""Megabytes one stream may decompress to (passed to pypdf's decoders, which stop there)."""
DEFAULT_MAX_DOCUMENT_MB = 500.0
"""Megabytes of content streams interpreted in one document (a form counts each time it is drawn)."""
DEFAULT_TIME_BUDGET = 300.0
"""Seconds of wall time reading one PDF may take."""
HELP = {
    "max_pages": "Refuse a PDF with more pages than this.",
    "max_page_operators": "Stop after this many content operators on one page.",
    "max_operators": "Stop after this many content operators in one PDF.",
    "max_page_runs": "Stop after this many text runs on one page.",
    "max_runs": "Stop after this many text runs in one PDF.",
    "max_page_forms": "Stop after drawing this many forms on one page.",
    "max_form_depth": "Do not draw forms nested deeper than this.",
    "max_stream_mb": "Stop when one stream decompresses past this many MB.",
    "max_document_mb": "Stop after this many MB of content streams in one PDF.",
    "time_budget": "Stop after this many seconds on one PDF.",
}
"""What each limit does, in a line (the CLI's help for its flag)."""
DEFAULTS: dict[str, int | float] = {
    "max_pages": DEFAULT_MAX_PAGES,
    "max_page_operators": DEFAULT_MAX_PAGE_OPERATORS,
    "max_operators": DEFAULT_MAX_OPERATORS,
    "max_page_runs": DEFAULT_MAX_PAGE_RUNS,
    "max_runs": DEFAULT_MAX_RUNS,
    "max_page_forms": DEFAULT_MAX_PAGE_FORMS,
    "max_form_depth": DEFAULT_MAX_FORM_DEPTH,
    "max_stream_mb": DEFAULT_MAX_STREAM_MB,
    "max_document_mb": DEFAULT_MAX_DOCUMENT_MB,
    "time_budget": DEFAULT_TIME_BUDGET,
}
"""Each limit's default, by its Limits field (an int or a float, as the field is)."""
