"""The Whoosh index of one document: its schema, building it atomically, opening it.

Layout: `entry_dir(sha)/whoosh/` beside `document.json` (see `source.cache`). The index
is written to a temp directory, then renamed into place, so a reader never sees half an
index. The index's name carries INDEX_VERSION: an index of another version is rebuilt.

Fields (one Whoosh document per unit, see `index.units`):

- `text`: stemmed (BM25F ranking, plain words); `exact`: unstemmed with positions (phrases);
- `page`: the printed label (`page:22`); `section`: the heading (`section:methodology`),
  indexed, not stored;
- `in`: "body" or "notes" (`in:notes`); `kind`: body, quote, heading, note;
- `notes`: labels of the notes whose markers fall inside (`notes:25`), not stored (the marks are);
- stored only: `doc`, `seq`, `pageno`, `span`, and when the unit has them `marks`, `note`,
  `breaks` (where a sentence that runs on across a page break crosses it); `title` on the first
  unit of a section, `secback` on the others (see `index.units.stored_fields`).
"""

from __future__ import annotations

import functools
import gc
import importlib
import os
import shutil
import sys
import tempfile
import types
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from index.units import Unit, stored_fields

if TYPE_CHECKING:
    from index.whoosh_types import Analyzer, Index, Schema

INDEX_VERSION = 5
"""Bump when the schema or the units change: older indexes are rebuilt."""
INDEX_NAME = f"citex{INDEX_VERSION}"
"""Name of the index inside its directory (Whoosh's `indexname`)."""
_WRITER_MB = 128
LENGTH_ROUNDING = 1.1
"""Whoosh stores each field length of a unit as one byte that decodes to the length or a little more
(at most 1.091 times it): the decoded lengths of a segment add up to its recorded total and at most
this many times it, else the field-length column is damaged."""
LENGTH_FIELDS = ("text", "exact", "section")
"""The scored fields, whose field-length columns `check_index` checks."""


WHOOSH_MODULES = ("whoosh.analysis", "whoosh.fields", "whoosh.searching")
"""What `import_whoosh` imports: what opening, searching and writing an index need."""
PARSER_MODULES = ("whoosh.qparser",)
"""What `import_whoosh(parser=True)` imports too: Whoosh's query parser (a query of plain words does
without it: `index.query.plain_query`)."""


def import_whoosh(parser: bool = False) -> None:
    """Import Whoosh (with its query parser if `parser`) without the modules it imports but Citex
    never uses, and without the garbage collector running while it loads.

    whoosh.compat imports urllib.request (for a download helper) and html (to escape the output
    of Whoosh's HTML highlighter, which Citex does not use; html.entities is a table of 2,000
    names), cached_property imports asyncio (for coroutine properties) and whoosh.query.terms imports
    whoosh.lang.morph_en (for the Variations query Citex never builds, whose import compiles
    a page of regular expressions): a third of Whoosh's import time, paid by every `citex
    search`. Empty stand-ins take their place while Whoosh is imported and are removed from
    sys.modules afterwards; the four names Whoosh keeps (urlretrieve, asyncio, variations, escape)
    import the real module if ever used. Importing makes thousands of objects, all kept (modules,
    classes, functions): the collector, which would look through them several times and free
    nothing, is paused meanwhile (as `explorer.launch` pauses it while the CLI is imported).
    """
    wanted = WHOOSH_MODULES + PARSER_MODULES if parser else WHOOSH_MODULES
    if all(name in sys.modules for name in wanted):
        return
    stand_ins = {
        name: types.ModuleType(name)
        for name in ("urllib.request", "asyncio", "whoosh.lang.morph_en", "html")
        if name not in sys.modules
    }
    if "urllib.request" in stand_ins:
        stand_ins["urllib.request"].urlretrieve = _urlretrieve  # type: ignore[attr-defined]
    if "html" in stand_ins:
        stand_ins["html"].escape = _html_escape  # type: ignore[attr-defined]
    if "whoosh.lang.morph_en" in stand_ins:
        stand_ins["whoosh.lang.morph_en"].variations = _variations  # type: ignore[attr-defined]
    sys.modules.update(stand_ins)
    collecting = gc.isenabled()
    gc.disable()
    try:
        for name in wanted:
            importlib.import_module(name)
    finally:
        if collecting:
            gc.enable()
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
    holder = sys.modules.get("cached_property")
    if holder is not None and getattr(holder, "asyncio", None) is stand_ins.get("asyncio"):
        holder.asyncio = _AsyncioStandIn()  # type: ignore[attr-defined]


class _AsyncioStandIn:
    """What cached_property asks of asyncio, answered without importing it (anything else imports it)."""

    @staticmethod
    def iscoroutinefunction(func: Any) -> bool:
        code = getattr(func, "__code__", None)
        return bool(code is not None and code.co_flags & _CO_COROUTINE)

    def __getattr__(self, attr: str) -> Any:
        import asyncio

        return getattr(asyncio, attr)


_CO_COROUTINE = 0x80


def _variations(word: str) -> Any:
    from whoosh.lang.morph_en import variations

    return variations(word)


def _html_escape(*args: Any, **kwargs: Any) -> Any:
    from html import escape

    return escape(*args, **kwargs)


def _urlretrieve(*args: Any, **kwargs: Any) -> Any:
    from urllib.request import urlretrieve

    return urlretrieve(*args, **kwargs)


@functools.cache
def analyzers() -> tuple[Analyzer, Analyzer]:
    """(stemming analyzer for ranking, unstemmed analyzer for phrases); both fold case and accents."""
    import_whoosh()
    from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
    from whoosh.support.charset import accent_map

    exact = RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)
    stemmed = RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map) | StopFilter() | StemFilter()
    return stemmed, exact


def schema() -> Schema:
    """The schema of every Citex index (see the module docstring)."""
    import_whoosh()
    from whoosh.analysis import IDAnalyzer
    from whoosh.fields import ID, KEYWORD, STORED
    from whoosh.fields import Schema as WhooshSchema

    from index.fastfields import FastText  # TEXT, indexed without Whoosh's token stream (same terms)

    stemmed, exact = analyzers()
    result: Schema = WhooshSchema(
        doc=ID(stored=True),
        seq=STORED(),
        pageno=STORED(),
        page=ID(stored=True, analyzer=IDAnalyzer(lowercase=True)),
        section=FastText(analyzer=stemmed),
        title=STORED(),
        secback=STORED(),
        kind=ID(stored=True),
        notes=KEYWORD(lowercase=True),
        text=FastText(analyzer=stemmed, stored=True, phrase=False),
        exact=FastText(analyzer=exact, phrase=True),
        span=STORED(),
        marks=STORED(),
        note=STORED(),
        breaks=STORED(),
        **{"in": KEYWORD()},
    )
    return result


def fill(ix: Index, units: Iterable[Unit]) -> None:
    """Add units to an index in one commit."""
    writer = ix.writer(limitmb=_WRITER_MB)
    try:
        for fields in stored_fields(units):
            writer.add_document(**fields)
    except BaseException:
        writer.cancel()
        raise
    writer.commit()


def memory_index(units: Iterable[Unit]) -> Index:
    """An index held in memory only (a document that must not be cached, or a read-only cache).

    Whoosh's RamStorage writes its temporary files (posting runs, stored fields) to
    `<tmp>/<indexname>.tmp`, one directory shared by every process, which one writer deletes
    while another uses it, and which would put a protected PDF's text on disk: here the
    temporary files stay in memory too."""
    import_whoosh()
    from whoosh.filedb.filestore import RamStorage

    class InMemory(RamStorage):  # type: ignore[misc]
        def temp_storage(self, name: str | None = None) -> RamStorage:
            return RamStorage()

    ix: Index = InMemory().create_index(schema(), indexname=INDEX_NAME)
    fill(ix, units)
    return ix


def open_index(directory: Path) -> Index | None:
    """The index in this directory, or None if there is none of this version, or it is damaged (a
    segment file missing or unreadable, a TOC that does not parse: see `check_index`). Damage is
    noticed (`source.cache.notice`): the caller rebuilds the index from the cached documents. A
    failure while another process commits (the index moved on meanwhile) is no damage: the newer
    snapshot is opened instead (`index.snapshot`); one while a writer holds the index's lock is not
    called damage either (None, no notice: see `libindex.Writer`)."""
    if not any(directory.glob(f"_{INDEX_NAME}_*.toc")):
        return None
    import_whoosh()
    import time

    from whoosh.filedb.filestore import FileStorage

    from index.snapshot import SNAPSHOT_PAUSE, SNAPSHOT_WAIT, generation, writer_active

    until = time.monotonic() + SNAPSHOT_WAIT
    while True:
        storage = FileStorage(str(directory))
        seen = generation(storage)
        try:
            ix = cast("Index", storage.open_index(INDEX_NAME))
            check_index(ix)
            return ix
        except Exception as exc:  # noqa: BLE001 - a damaged index is rebuilt
            if generation(storage) != seen and time.monotonic() < until:
                time.sleep(SNAPSHOT_PAUSE)  # a writer committed meanwhile (see `index.snapshot`)
                continue
            if writer_active(storage):
                return None  # its writer's, mid-commit: the caller waits for it or says it is busy
            from source.cache import notice

            why = exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__
            if isinstance(exc, DamagedIndex):
                why = str(exc)
            notice(f"the cached index {directory} was damaged ({why}): it is rebuilt")
            return None


class DamagedIndex(ValueError):
    """A segment whose files are there but do not agree with one another (see `check_lengths`)."""


def check_index(ix: Index) -> None:
    """Touch every file of every segment (terms, postings, stored fields, field lengths): raises
    when one is missing or does not parse. Reads a few bytes of each, not the index, but for the
    field-length columns (one byte per unit each): see `check_lengths`."""
    with ix.reader() as reader:
        for leaf, _ in reader.leaf_readers():
            count = leaf.doc_count_all()
            if not count:
                continue
            stored = leaf.stored_fields(count - 1)
            if not isinstance(stored, dict) or "doc" not in stored:
                raise ValueError("stored fields unreadable")
            for name in LENGTH_FIELDS:
                check_lengths(leaf, name)
            term = next(iter(leaf.lexicon("doc")), None)
            if term is None:
                raise ValueError("no document key in a segment")
            leaf.postings("doc", term).all_ids()
            next(iter(leaf.lexicon("text")), None)


def check_lengths(leaf: Any, name: str) -> None:
    """Raise DamagedIndex when the field-length column of `name` in this segment (`leaf`, a Whoosh
    SegmentReader) is missing, longer than one byte per unit, or does not add up to the segment's
    recorded total length of the field (see LENGTH_ROUNDING): a removed, truncated, zeroed or
    garbled lengths file. Whoosh itself reads a missing or short column as zero lengths and ranks
    with them, silently."""
    from whoosh.util.numeric import byte_to_length

    total = leaf.field_length(name)
    column = f"_{name}_len"  # whoosh.codec.whoosh3._lenfield
    perdoc = leaf._perdoc  # the W3 per-document reader: Whoosh has no public way to the raw column
    if not perdoc.has_column(column):
        if total:
            raise DamagedIndex(f"the field lengths of {name!r} are missing")
        return
    colfile, offset, size = perdoc._get_column_file(column)
    try:
        if size > leaf.doc_count_all():
            raise DamagedIndex(f"the field lengths of {name!r} are longer than the segment")
        counts = Counter(colfile.get(offset, size))
    finally:
        colfile.close()
    decoded = sum(byte_to_length(byte) * n for byte, n in counts.items())
    if not total <= decoded <= total * LENGTH_ROUNDING:
        raise DamagedIndex(f"the field lengths of {name!r} do not add up ({decoded} for {total})")


def build_index(units: Iterable[Unit], directory: Path) -> Index:
    """Write an index of these units to `directory`, atomically (temp directory, then rename)."""
    import_whoosh()
    from whoosh.filedb.filestore import FileStorage

    from source.cache import sweep, temp_prefix

    directory.parent.mkdir(parents=True, exist_ok=True)
    sweep(directory.parent)
    tmp = Path(tempfile.mkdtemp(prefix=temp_prefix(directory.name), suffix=".tmp", dir=directory.parent))
    try:
        fill(FileStorage(str(tmp)).create_index(schema(), indexname=INDEX_NAME), units)
        _swap_in(tmp, directory)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    ix = open_index(directory)
    if ix is None:
        raise OSError(f"the index written to {directory} cannot be opened")
    return ix


def _swap_in(tmp: Path, directory: Path) -> None:
    """Rename `tmp` to `directory`; an older index there is replaced, a current one kept."""
    try:
        os.rename(tmp, directory)
        return
    except OSError:
        if not directory.exists():
            raise
    if open_index(directory) is not None:
        return  # another process built it first
    from source.cache import temp_prefix

    old = Path(tempfile.mkdtemp(prefix=temp_prefix(directory.name), suffix=".old", dir=directory.parent))
    os.rename(directory, old / directory.name)
    os.rename(tmp, directory)
    shutil.rmtree(old, ignore_errors=True)
