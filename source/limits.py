"""Bounds on the work reading one PDF may take, so that no file can hang Citex or eat its memory.

A 4 KB PDF can ask for 10^8 text runs (forms that each draw the next ten times), a few
kilobytes can decompress to gigabytes, and a page tree can claim a million pages. Every
read goes through a `Budget` built from `Limits`: the walker counts what it does (content
operators, text runs, form invocations, decompressed bytes, pages, time) and stops with a
`LimitError` (one line, naming the command-line flag that raises the limit) the moment a
count passes its limit.

Every limit stops the read with an error; none returns part of a document, because a
Document read in part would be cached, indexed and searched as if whole, and "not found"
would then say with confidence what is not so. The one exception is `max_form_depth`: a
form nested deeper is not drawn (as a cycle of forms drawing themselves ends), as before.

The limits in force are, in order: those passed to `read_pdf(..., limits=)`; else those set
by `use_limits` (the CLI's flags); else the environment variables (`ENV_PREFIX` + the
field name in capitals, e.g. CITEX_MAX_PAGES=20000, which worker processes inherit); else
the defaults (in `source.limitflags`, with each flag's help, so that the CLI builds its flags
without this module). Each default is far above what any real PDF of the test corpora needs
(the largest there: 6,351 operators, 1,314 runs and 6 form invocations on one page).

A caller that reads in a thread (the TUI) can watch and stop the read: `watching(cancel,
progress)` makes every Budget built in that thread call `progress(page, pages)` as each page
starts and stop with a CancelledError once `cancel` is set (checked wherever the time is).
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from source.errors import CancelledError, LimitError
from source.limitflags import (
    DEFAULT_MAX_PAGES,
    DEFAULT_MAX_PAGE_OPERATORS,
    DEFAULT_MAX_OPERATORS,
    DEFAULT_MAX_PAGE_RUNS,
    DEFAULT_MAX_RUNS,
    DEFAULT_MAX_PAGE_FORMS,
    DEFAULT_MAX_FORM_DEPTH,
    DEFAULT_MAX_STREAM_MB,
    DEFAULT_MAX_DOCUMENT_MB,
    DEFAULT_TIME_BUDGET,
    HELP as HELP,
)

ENV_PREFIX = "CITEX_"
"""Environment variables CITEX_MAX_PAGES, CITEX_TIME_BUDGET, ... set the limits (see `Limits.from_env`)."""
MB = 1_000_000
"""Bytes in a megabyte, as the limits count them."""


@dataclass(frozen=True)
class Limits:
    """The bounds on reading one PDF; each field is a command-line flag (`--max-pages` for max_pages)."""

    max_pages: int = DEFAULT_MAX_PAGES
    """Pages a PDF may have (`--max-pages`)."""
    max_page_operators: int = DEFAULT_MAX_PAGE_OPERATORS
    """Content operators on one page (`--max-page-operators`)."""
    max_operators: int = DEFAULT_MAX_OPERATORS
    """Content operators in one document (`--max-operators`)."""
    max_page_runs: int = DEFAULT_MAX_PAGE_RUNS
    """Text runs on one page (`--max-page-runs`)."""
    max_runs: int = DEFAULT_MAX_RUNS
    """Text runs in one document (`--max-runs`)."""
    max_page_forms: int = DEFAULT_MAX_PAGE_FORMS
    """Form invocations on one page (`--max-page-forms`)."""
    max_form_depth: int = DEFAULT_MAX_FORM_DEPTH
    """Form nesting depth (`--max-form-depth`); deeper forms are not drawn."""
    max_stream_mb: float = DEFAULT_MAX_STREAM_MB
    """Decompressed megabytes of one stream (`--max-stream-mb`)."""
    max_document_mb: float = DEFAULT_MAX_DOCUMENT_MB
    """Decompressed megabytes of content streams in one document (`--max-document-mb`)."""
    time_budget: float = DEFAULT_TIME_BUDGET
    """Seconds of wall time for one PDF (`--time-budget`)."""

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Limits:
        """The defaults, with any set by environment variables (CITEX_MAX_PAGES, ...); bad values ignored."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}  # each an int or a float, as its field is
        for field in dataclasses.fields(cls):
            raw = env.get(ENV_PREFIX + field.name.upper())
            if raw is None:
                continue
            kind = int if field.type in ("int", int) else float
            try:
                value = kind(raw)
            except ValueError:
                continue
            if value > 0:
                values[field.name] = value
        return cls(**values)

    def env(self) -> dict[str, str]:
        """The environment variables that set these limits (for worker processes)."""
        return {ENV_PREFIX + f.name.upper(): str(getattr(self, f.name)) for f in dataclasses.fields(self)}


_current: Limits | None = None


def current_limits() -> Limits:
    """The limits in force: those set by `use_limits`, else the environment's, else the defaults."""
    return _current if _current is not None else Limits.from_env()


@contextlib.contextmanager
def use_limits(limits: Limits) -> Iterator[Limits]:
    """Make `limits` the ones in force (here and in worker processes started meanwhile), then restore."""
    global _current
    saved_limits = _current
    names = limits.env()
    saved_env = {name: os.environ.get(name) for name in names}
    _current = limits
    os.environ.update(names)
    try:
        yield limits
    finally:
        _current = saved_limits
        for name, value in saved_env.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


Progress = Callable[[int, int], None]
"""Called with (page, pages) as each page of a PDF starts to be read."""
_watch = threading.local()


@contextlib.contextmanager
def watching(cancel: threading.Event | None = None, progress: Progress | None = None) -> Iterator[None]:
    """In this thread, while inside: reads report their pages to `progress` and stop (CancelledError)
    once `cancel` is set. Output is unchanged: a read either finishes whole or raises."""
    saved = getattr(_watch, "hooks", None)
    _watch.hooks = (cancel, progress)
    try:
        yield
    finally:
        _watch.hooks = saved


class Budget:
    """The work done so far reading one PDF, checked against its Limits (raises LimitError)."""

    def __init__(self, limits: Limits, name: str) -> None:
        self.limits = limits
        """The limits checked."""
        self.name = name
        """The file's name, for the error line."""
        self.deadline = time.monotonic() + limits.time_budget
        """When the time budget runs out (monotonic clock)."""
        self.page = 0
        """The page being read (1-based; 0 before the first)."""
        self.page_operators = 0
        self.operators = 0
        self.runs = 0
        self.page_forms = 0
        self.content_bytes = 0
        self.page_count = 0
        """Pages in the PDF (0 before they are counted)."""
        hooks = getattr(_watch, "hooks", None) or (None, None)
        self.cancel: threading.Event | None = hooks[0]
        """Set by the caller to stop the read (`watching`)."""
        self.progress: Progress | None = hooks[1]
        """Told of each page as it starts (`watching`)."""

    def _stop(self, what: str, flag: str) -> LimitError:
        where = f" on page {self.page}" if self.page else ""
        return LimitError(f"{self.name}: stopped{where} after {what}: raise --{flag} to read further")

    def pages(self, count: int) -> None:
        """Check the number of pages, before any is read."""
        self.page_count = count
        if count > self.limits.max_pages:
            raise LimitError(
                f"{self.name} has {count:,} pages, more than the limit of {self.limits.max_pages:,}: "
                "raise --max-pages to read it"
            )

    def start_page(self, index: int) -> None:
        """A new page (1-based) starts: its counts start again."""
        self.page = index
        self.page_operators = 0
        self.page_forms = 0
        self.check_time()
        if self.progress is not None and index:
            self.progress(index, self.page_count)

    def check_time(self) -> None:
        """Raise when the time budget is spent (between steps; `source.deadline` holds it within one)
        or the caller cancelled the read."""
        if self.cancel is not None and self.cancel.is_set():
            raise CancelledError(f"{self.name}: reading cancelled")
        if time.monotonic() > self.deadline:
            raise self.out_of_time()

    def out_of_time(self) -> LimitError:
        """The error for a read past its time budget."""
        return self._stop(f"{self.limits.time_budget:g} seconds", "time-budget")

    def allowed_operators(self) -> int:
        """How many more operators may be read now (on this page and in the document)."""
        return min(
            self.limits.max_page_operators - self.page_operators, self.limits.max_operators - self.operators
        )

    def add_operators(self, count: int) -> None:
        """Count operators read; raise past a limit."""
        self.page_operators += count
        self.operators += count
        if self.page_operators > self.limits.max_page_operators:
            raise self._stop(f"{self.limits.max_page_operators:,} content operators", "max-page-operators")
        if self.operators > self.limits.max_operators:
            raise self._stop(f"{self.limits.max_operators:,} content operators in all", "max-operators")

    def add_bytes(self, count: int) -> None:
        """Count decompressed content bytes read (one stream's); raise past a limit."""
        if count > self.limits.max_stream_mb * MB:
            raise self.stream_too_big()
        self.content_bytes += count
        if self.content_bytes > self.limits.max_document_mb * MB:
            raise self._stop(f"{self.limits.max_document_mb:g} MB of content streams", "max-document-mb")
        self.check_time()

    def stream_too_big(self) -> LimitError:
        """The error for a stream that decompresses past max_stream_mb."""
        return self._stop(f"a stream decompressed to {self.limits.max_stream_mb:g} MB", "max-stream-mb")

    def add_form(self) -> None:
        """Count a form invocation; raise past the limit."""
        self.page_forms += 1
        if self.page_forms > self.limits.max_page_forms:
            raise self._stop(f"drawing {self.limits.max_page_forms:,} forms", "max-page-forms")

    def add_runs(self, count: int) -> None:
        """Count the text runs of a page; raise past a limit."""
        self.runs += count
        if count > self.limits.max_page_runs:
            raise self._stop(f"{self.limits.max_page_runs:,} text runs", "max-page-runs")
        if self.runs > self.limits.max_runs:
            raise self._stop(f"{self.limits.max_runs:,} text runs in all", "max-runs")

    def pypdf_overrides(self) -> dict[str, int]:
        """pypdf Configuration values that make its own decoders stop at these limits."""
        stream = int(self.limits.max_stream_mb * MB)
        return {
            "zlib_maximum_output_length": stream,
            "lzw_maximum_output_length": stream,
            "run_length_maximum_output_length": stream,
            "array_based_stream_maximum_output_length": stream,
            "brotli_maximum_output_length": stream,
            "stream_decoding_work_maximum_length": 4 * stream,
            "stream_parsing_work_maximum_count": 4 * self.limits.max_page_operators,
            "xform_maximum_invocations_per_extraction": self.limits.max_page_forms,
        }


def default_budget(name: str = "") -> Budget:
    """A budget with the limits in force (for callers that read pages outside read_pdf)."""
    return Budget(current_limits(), name)
