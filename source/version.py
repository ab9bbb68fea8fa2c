"""The parser's version: the one number to bump whenever what `source` produces changes.

Cached documents and indexes live under it (`source.cache`), so a new number makes every PDF be
read again. It is here, on its own, rather than in `source.model` (which imports it and keeps the
name): finding a PDF's cached index is all a warm `citex search` asks of `source`, and importing
the model's frozen dataclasses for this one number was a tenth of that search's time.
"""

from __future__ import annotations

PARSER_VERSION = 20
"""Bump whenever the reader's output changes: cached documents of older versions are rebuilt."""
