"""Time until the TUI's first screen shows the report, in a real terminal (tmux), beside a
minimal Textual app measured the same way; then keypress to results, on the report and on a
generated library.

Usage: python bench/bench_tui_paint.py [--runs N] [--library 50] [--keys-only]

First paint: each run starts a tmux session of 120x40, polls `tmux capture-pane` every 20 ms
until the expected text shows, and reports the median. The cache is warmed first.

Keypress to results: in one tmux session, the query is typed one key at a time; after each
key the clock runs until the results pane's title names the query typed so far (the pane says
which query its hits answer, `explorer.widgets.search.title_line`), polled every 5 ms. The
median is over every key of every run. The library is `--library` PDFs of 10 pages made by
bench/corpus_gen.py (distinct text), added to a library first (not timed).
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HELLO = (
    "from textual.app import App\nfrom textual.widgets import Static\n\nclass H(App):\n"
    "    def compose(self):\n        yield Static('HELLO WORLD')\n\nH().run()\n"
)


def paint_time(command: str, expect: str, env: dict[str, str]) -> float:
    subprocess.run(["tmux", "kill-session", "-t", "citex-bench"], stderr=subprocess.DEVNULL, check=False)
    start = time.perf_counter()
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", "citex-bench", "-x", "120", "-y", "40", command],
        env=env,
        check=True,
    )
    try:
        while time.perf_counter() - start < 20:
            shown = subprocess.run(
                ["tmux", "capture-pane", "-p", "-t", "citex-bench"],
                capture_output=True,
                text=True,
                check=False,
            ).stdout
            if expect in shown:
                return time.perf_counter() - start
            time.sleep(0.02)
        raise RuntimeError(f"{expect!r} never showed")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", "citex-bench"], stderr=subprocess.DEVNULL, check=False)


SESSION = "citex-bench-keys"
QUERY = "mobile phones"
"""Typed one key at a time (its words are in the report and in the generated library's text)."""
SETTLE = 0.6
"""Seconds between two keys: each search finishes before the next key (so each is timed alone)."""


def capture(session: str) -> str:
    return subprocess.run(
        ["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True, check=False
    ).stdout


def wait_for_text(session: str, expect: str, limit: float, poll: float = 0.005) -> float:
    """Seconds until `expect` is on screen (RuntimeError past `limit`)."""
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        if expect in capture(session):
            return time.perf_counter() - start
        time.sleep(poll)
    raise RuntimeError(f"{expect!r} never showed; the screen was:\n{capture(session)}")


def keypress_times(command: str, first_screen: str, env: dict[str, str], runs: int) -> list[float]:
    """Seconds from each key of QUERY to the results of the query typed so far, over `runs` sessions."""
    times: list[float] = []
    for _ in range(runs):
        subprocess.run(["tmux", "kill-session", "-t", SESSION], stderr=subprocess.DEVNULL, check=False)
        subprocess.run(
            ["tmux", "new-session", "-d", "-s", SESSION, "-x", "120", "-y", "40", command],
            env=env,
            check=True,
        )
        try:
            wait_for_text(SESSION, first_screen, 30, 0.05)
            # the index opens after the first paint: a first query, not timed, waits for it
            subprocess.run(["tmux", "send-keys", "-t", SESSION, "/"], check=True)
            time.sleep(SETTLE)
            subprocess.run(["tmux", "send-keys", "-t", SESSION, "z"], check=True)
            wait_for_text(SESSION, "full text: z", 60, 0.05)
            subprocess.run(["tmux", "send-keys", "-t", SESSION, "BSpace"], check=True)
            time.sleep(SETTLE)
            for i, key in enumerate(QUERY):
                typed = QUERY[: i + 1]
                subprocess.run(["tmux", "send-keys", "-t", SESSION, "-l", key], check=True)
                sent = time.perf_counter()
                if typed.endswith(" "):
                    time.sleep(SETTLE)  # the same query as without the space: nothing new to wait for
                    continue
                wait_for_text(SESSION, f"full text: {typed}", 10)
                times.append(time.perf_counter() - sent)
                time.sleep(SETTLE)
        finally:
            subprocess.run(["tmux", "kill-session", "-t", SESSION], stderr=subprocess.DEVNULL, check=False)
    return times


def make_library(work: Path, env: dict[str, str], docs: int) -> None:
    """`docs` generated PDFs added to the library under `work` (not timed)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from corpus_gen import generate_library, report_sentences

    pdfs = generate_library(
        work / "library-pdfs", docs, 10, report_sentences(ROOT / "explorer/data/connection-denied.pdf")
    )
    subprocess.run(
        [str(Path(sys.executable).with_name("citex")), "add", *map(str, pdfs)],
        env=env,
        capture_output=True,
        check=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--library", type=int, default=50, help="PDFs in the library (0: skip it).")
    parser.add_argument("--keys-only", action="store_true", help="Only keypress to results.")
    parser.add_argument(
        "--against", default=None, help="Another build's citex, whose first paint is timed too."
    )
    parser.add_argument("--paint-only", action="store_true", help="Only the first paint.")
    args = parser.parse_args()
    if not shutil.which("tmux"):
        sys.exit("bench_tui_paint: tmux is needed (apt-get install tmux)")
    work = Path(tempfile.mkdtemp(prefix="citex-paint-"))
    env = dict(
        os.environ,
        CITEX_CACHE_DIR=str(work / "cache"),
        CITEX_DATA_DIR=str(work / "data"),
        CITEX_CONFIG_DIR=str(work / "config"),
    )
    hello = work / "hello.py"
    hello.write_text(HELLO)
    python = shlex.quote(sys.executable)
    citex = shlex.quote(str(Path(sys.executable).with_name("citex")))
    subprocess.run(
        [str(Path(sys.executable).with_name("citex")), "info"], env=env, capture_output=True, check=True
    )
    rows = [
        ("citex (warm cache): the report's first page", f"{citex}", "CONNECTION DENIED"),
        ("minimal Textual app (reference)", f"{python} {shlex.quote(str(hello))}", "HELLO WORLD"),
    ]
    if args.against:
        rows.insert(1, (f"{args.against} (the other build)", shlex.quote(args.against), "CONNECTION DENIED"))
    print(f"{'what':48} {'median s':>9} {'min s':>7}")
    for name, command, expect in [] if args.keys_only else rows:
        times = [paint_time(command, expect, env) for _ in range(args.runs)]
        print(f"{name:48} {statistics.median(times):9.3f} {min(times):7.3f}")
    if args.paint_only:
        shutil.rmtree(work, ignore_errors=True)
        return
    report = str(ROOT / "explorer/data/connection-denied.pdf")
    keys = keypress_times(f"{citex} {shlex.quote(report)}", "CONNECTION DENIED", env, args.runs)
    print(
        f"{'keypress to results: the report':48} {statistics.median(keys):9.3f} {min(keys):7.3f}  (max {max(keys):.3f}, {len(keys)} keys)"
    )
    if args.library:
        lib_env = dict(env, CITEX_DATA_DIR=str(work / "library-data"))
        make_library(work, lib_env, args.library)
        keys = keypress_times(citex, "(1/", lib_env, args.runs)
        name = f"keypress to results: {args.library}-PDF library"
        print(
            f"{name:48} {statistics.median(keys):9.3f} {min(keys):7.3f}  (max {max(keys):.3f}, {len(keys)} keys)"
        )
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
