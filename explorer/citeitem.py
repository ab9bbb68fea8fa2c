"""What a citation says about a document: its CSL-JSON item and its citation key.

Headless. `citation_item(document)` is the ONE place a citation reads a document's metadata
(every style, machine format, the CLI and the TUI go through it), so a corrected or
provenance-marked metadata plugs in here. `citation_key(item)` gives the key every format
shares ("amnesty2016connection"): the first author's (or body's) first word, the year, the
title's first word that is not an article, lower case ASCII; stable for the same item.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from explorer.csl import report_item
from source.model import META_FIELDS, Document, Metadata

SKIPPED_TITLE_WORDS = frozenset("a an the of on in and for to la le les el los das der die".split())
"""Title words a citation key passes over to take the first significant one."""
SHORT_TITLE_SEPARATORS = (": ", " \u2013 ", " \u2014 ", " - ")
"""Where a short title ends (MLA's in-text "(Connection Denied 15)"): the first of these in the title."""


def citation_item(document: Document) -> dict[str, Any]:
    """The CSL-JSON item for a document, with its citation key as "id" (a report when it has a report
    number, else a book); the metadata as the document gives it (see the module docstring)."""
    return item_of(document.metadata)


def item_of(metadata: Metadata) -> dict[str, Any]:
    """The CSL-JSON item for a document's metadata, keyed by `citation_key`."""
    item = report_item(metadata, url=str(getattr(metadata, "url", "") or ""))
    title = item.get("title", "")
    short = short_title(title)
    if short != title:
        item["title-short"] = short
    item["id"] = citation_key(item)
    return item


def short_title(title: str) -> str:
    """The title up to its subtitle: "Connection Denied" of "Connection Denied: Restrictions on…"."""
    cut = [title.find(s) for s in SHORT_TITLE_SEPARATORS if title.find(s) > 0]
    return title[: min(cut)] if cut else title


def _ascii_words(text: str) -> list[str]:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.findall(r"[a-z0-9]+", plain.lower())


def citation_key(item: dict[str, Any]) -> str:
    """The key shared by every format: author + year + first title word ("amnesty2016connection");
    "anon" for no author, "nd" for no year, nothing for no title."""
    authors = item.get("author") or []
    first = authors[0] if authors else {}
    who = _ascii_words(str(first.get("family") or first.get("literal") or ""))
    parts = (item.get("issued") or {}).get("date-parts") or [[]]
    year = str(parts[0][0]) if parts and parts[0] else "nd"
    words = [w for w in _ascii_words(str(item.get("title", ""))) if w not in SKIPPED_TITLE_WORDS]
    return f"{who[0] if who else 'anon'}{year}{words[0] if words else ''}"


def guessed_fields(metadata: Metadata) -> dict[str, str]:
    """The citation's metadata values that are only guesses ({field: value}): a citation built on
    them must say so (the one promise), and how to correct them."""
    return {
        f: str(getattr(metadata, f)) for f in META_FIELDS if getattr(metadata, f) and metadata.is_guess(f)
    }
