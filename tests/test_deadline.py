"""The time budget holds inside one slow call (source.deadline).

`slow_stream_pdf` spends seconds in two single calls (Citex's content parser, then pypdf's),
with no cooperative `Budget.check_time` between them. With those checks switched off, only
the Deadline can stop the read: it must stop within a moment of the budget, in the main
thread (SIGALRM) and in a worker thread (as the TUI reads), with the CLI's one-line error,
and leave no timer, handler or pending exception behind.
"""

from __future__ import annotations

import signal
import threading
import time
from pathlib import Path
from types import FrameType

import pytest
from click.testing import CliRunner
from fixtures import hostile

from explorer.cli import main
from source import LimitError, Limits, read_pdf
from source.deadline import Deadline, TimeUp
from source.limits import Budget

BUDGET = 0.5
"""The time budget given, in seconds."""
LATE = 1.5
"""How long past the budget a stopped read may still take on a loaded machine (the read itself takes
several seconds: 5 s alone on the 2-core machine the figures come from)."""


@pytest.fixture(scope="module")
def slow_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("slow") / "slow.pdf"
    path.write_bytes(hostile.slow_stream_pdf())
    return path


@pytest.fixture
def no_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Switch off the checks between steps: only source.deadline can stop a read now."""
    monkeypatch.setattr(Budget, "check_time", lambda self: None)


def timed_read(path: Path) -> tuple[str, float]:
    start = time.monotonic()
    with pytest.raises(LimitError) as caught:
        read_pdf(str(path), limits=Limits(time_budget=BUDGET))
    return str(caught.value), time.monotonic() - start


def assert_stopped(message: str, elapsed: float, path: Path) -> None:
    assert (
        message == f"{path}: stopped on page 1 after {BUDGET:g} seconds: raise --time-budget to read further"
    )
    assert BUDGET <= elapsed < BUDGET + LATE, elapsed


def test_the_main_thread_stops_inside_one_slow_call(slow_pdf: Path, no_checks: None) -> None:
    message, elapsed = timed_read(slow_pdf)
    assert_stopped(message, elapsed, slow_pdf)
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) == signal.SIG_DFL


def test_a_worker_thread_stops_inside_one_slow_call(slow_pdf: Path, no_checks: None) -> None:
    result: dict[str, object] = {}

    def work() -> None:
        try:
            result["answer"] = timed_read(slow_pdf)
        except BaseException as exc:  # noqa: BLE001 - the test reports whatever came out
            result["answer"] = exc

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(BUDGET + LATE + 5)
    answer = result.get("answer")
    assert isinstance(answer, tuple), answer
    assert_stopped(*answer, slow_pdf)


def test_a_timer_of_someone_else_is_left_alone(slow_pdf: Path, no_checks: None) -> None:
    """With the main thread's timer taken, the thread timer stops the read; the other timer stays."""
    rang: list[int] = []

    def theirs(signum: int, frame: FrameType | None) -> None:
        rang.append(signum)

    old = signal.signal(signal.SIGALRM, theirs)
    try:
        signal.setitimer(signal.ITIMER_REAL, 60)
        assert_stopped(*timed_read(slow_pdf), slow_pdf)
        assert signal.getsignal(signal.SIGALRM) is theirs and signal.getitimer(signal.ITIMER_REAL)[0] > 50
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
    assert not rang


@pytest.mark.parametrize("in_thread", [False, True])
def test_nothing_is_left_behind_after_a_read_in_time(in_thread: bool) -> None:
    """A body that ends before the deadline: nothing is raised later, in that thread or any."""
    errors: list[BaseException] = []

    def work() -> None:
        try:
            with Deadline(Budget(Limits(time_budget=0.2), "x.pdf")):
                sum(range(1000))
            time.sleep(0.4)  # past the deadline
            sum(range(100_000))
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    if in_thread:
        thread = threading.Thread(target=work)
        thread.start()
        thread.join()
    else:
        work()
    assert not errors


def test_a_body_stopped_by_the_deadline_raises_the_budget_error() -> None:
    budget = Budget(Limits(time_budget=0.2), "x.pdf")
    with pytest.raises(LimitError, match=r"^x.pdf: stopped after 0.2 seconds: raise --time-budget"):
        with Deadline(budget):
            while True:  # pure Python, no check: only the deadline ends it
                pass
    with pytest.raises(LimitError):  # a deadline already past: refused at once
        with Deadline(budget):
            raise AssertionError("not run")
    assert not issubclass(TimeUp, Exception)  # pypdf's `except Exception` cannot swallow it


def test_the_cli_gives_one_line(
    slow_pdf: Path, no_checks: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CITEX_CACHE_DIR", str(tmp_path / "cache"))
    start = time.monotonic()
    result = CliRunner().invoke(main, ["info", "--time-budget", str(BUDGET), str(slow_pdf)])
    assert time.monotonic() - start < BUDGET + LATE + 1
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"citex: error: {slow_pdf}: stopped on page 1 after {BUDGET:g} seconds: raise --time-budget to read further"
    ]
