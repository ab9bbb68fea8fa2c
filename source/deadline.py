"""The per-file time budget, held even inside one slow call.

`Budget.check_time` is called between streams, pages and stages; one call that runs long
between two checks (pypdf rebuilding the cross-reference table of a big damaged file, or
parsing one huge content stream, or Citex's own parse of it) would run on past the budget.
`Deadline(budget)` bounds the whole read from outside instead: when the budget's deadline
passes, it raises `TimeUp` into the thread doing the read, wherever that thread is in
Python code, and turns it into the budget's one-line LimitError ("...: stopped after N
seconds: raise --time-budget to read further").

- In the main thread, a SIGALRM timer (`signal.setitimer`) raises it from a signal handler;
  it also cuts short a system call that waits.
- In any other thread (the TUI reads in a worker thread; signals reach only the main thread)
  or when the main thread's real-time timer is taken already (another deadline outside
  Citex: it is left alone), a timer thread raises it asynchronously in the reading thread
  (CPython's PyThreadState_SetAsyncExc).

What is bounded, precisely: Python code, Citex's and pypdf's, stops within a moment of the
deadline (the next bytecode). One call into C code (a regular expression, zlib inflating one
stream) ends first; those are bounded by the other limits (`max_stream_mb`, operator and
byte counts). On an interpreter without `ctypes.pythonapi` (not CPython), a read in a
thread other than the main one is bounded by the cooperative checks only.

`TimeUp` is a BaseException, so that pypdf's own `except Exception` (it recovers from many
errors in a damaged file) does not swallow it; it never leaves `source`.
"""

from __future__ import annotations

import ctypes
import signal
import threading
import time
from types import FrameType, TracebackType

from source.limits import Budget

MIN_DELAY = 0.001
"""The shortest timer set, in seconds (setitimer takes 0 to mean "no timer")."""
REPEAT = 0.05
"""Seconds between one TimeUp and the next while the read goes on: code that swallows every
exception raised in it (a garbage-collector callback, a `__del__`) may take the first one."""


class TimeUp(BaseException):
    """Raised into the reading thread when its time budget is spent; `Deadline` turns it into a LimitError."""


class Deadline:
    """A context in which a read stops at its budget's deadline (see the module docstring).

    Leaving it disarms the timer; a TimeUp raised inside, or raised as it is left, comes out
    as the budget's LimitError."""

    def __init__(self, budget: Budget) -> None:
        self.budget = budget
        """The budget whose deadline is held."""
        self._lock = threading.Lock()
        self._armed = False
        self._fired = False
        self._thread = threading.get_ident()
        self._timer: threading.Thread | None = None
        self._stop = threading.Event()
        self._old_handler: signal.Handlers | object | None = None
        self._signal = False

    def __enter__(self) -> Deadline:
        delay = self.budget.deadline - time.monotonic()
        if delay <= 0:
            raise self.budget.out_of_time()
        self._armed = True
        if self._can_signal():
            self._old_handler = signal.signal(signal.SIGALRM, self._on_signal)
            self._signal = True
            signal.setitimer(signal.ITIMER_REAL, max(delay, MIN_DELAY), REPEAT)
        elif hasattr(ctypes, "pythonapi"):
            self._timer = threading.Thread(target=self._on_timer, args=(delay,), daemon=True)
            self._timer.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        try:
            self._disarm()
        except TimeUp:  # it came as the read ended: the read ran out of time all the same
            kind = TimeUp
            self._disarm()  # again, whole: nothing more is raised now
        if kind is not None and issubclass(kind, TimeUp):
            raise self.budget.out_of_time() from None

    def _can_signal(self) -> bool:
        """Whether SIGALRM is free to use here: the main thread, no timer set, no handler of another."""
        if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
            return False
        if signal.getitimer(signal.ITIMER_REAL)[0] > 0:
            return False
        return signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, signal.SIG_IGN)  # None: set in C code

    def _disarm(self) -> None:
        with self._lock:
            self._armed = False
            fired = self._fired
        if self._signal:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self._old_handler)  # type: ignore[arg-type]
            self._signal = False
        if self._timer is not None:
            self._stop.set()
            self._timer = None
            if fired:  # raised but maybe not yet delivered: take it back
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self._thread), None)

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        if self._armed:
            raise TimeUp()

    def _on_timer(self, delay: float) -> None:
        """The timer thread: at the deadline, and every REPEAT seconds after while armed, raise TimeUp
        in the reading thread."""
        wait = delay
        while not self._stop.wait(wait):
            with self._lock:
                if not self._armed:
                    return
                self._fired = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(
                    ctypes.c_ulong(self._thread), ctypes.py_object(TimeUp)
                )
            wait = REPEAT
