"""Time until the TUI's first screen shows the report, in a real terminal (tmux), beside a
minimal Textual app measured the same way.

Usage: python bench/bench_tui_paint.py [--runs N]

Each run starts a tmux session of 120x40, polls `tmux capture-pane` every 20 ms until the
expected text shows, and reports the median. The cache is warmed first.
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not shutil.which("tmux"):
        sys.exit("bench_tui_paint: tmux is needed (apt-get install tmux)")
    work = Path(tempfile.mkdtemp(prefix="citex-paint-"))
    env = dict(os.environ, CITEX_CACHE_DIR=str(work / "cache"), CITEX_DATA_DIR=str(work / "data"))
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
    print(f"{'what':48} {'median s':>9} {'min s':>7}")
    for name, command, expect in rows:
        times = [paint_time(command, expect, env) for _ in range(args.runs)]
        print(f"{name:48} {statistics.median(times):9.3f} {min(times):7.3f}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
