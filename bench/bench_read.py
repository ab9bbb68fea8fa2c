"""Time `citex notes --json` on a PDF, cold (empty cache) and warm, beside `pdftotext`.

Usage: python bench/bench_read.py [PDF ...] [--runs N]

Each figure is the wall time of a whole process (start-up included), the median of
N runs, measured in the same run as the reference tool on the same file.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "explorer" / "data" / "connection-denied.pdf"


def _citex() -> list[str]:
    exe = Path(sys.executable).with_name("citex")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "explorer.cli"]


def _time(cmd: list[str], env: dict[str, str], before: object = None) -> float:
    if callable(before):
        before()
    start = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def bench(pdf: Path, runs: int) -> list[tuple[str, float]]:
    cache = Path(tempfile.mkdtemp(prefix="citex-bench-"))
    env = dict(os.environ, CITEX_CACHE_DIR=str(cache))
    citex = [*_citex(), "notes", "--json", str(pdf)]

    def empty_cache() -> None:
        shutil.rmtree(cache, ignore_errors=True)
        cache.mkdir()

    try:
        cold = [_time(citex, env, empty_cache) for _ in range(runs)]
        warm = [_time(citex, env) for _ in range(runs)]
        rows = [
            ("citex notes --json (cold)", statistics.median(cold)),
            ("citex notes --json (warm)", statistics.median(warm)),
        ]
        if shutil.which("pdftotext"):
            ref = [_time(["pdftotext", str(pdf), "-"], env) for _ in range(runs)]
            rows.append(("pdftotext PDF -", statistics.median(ref)))
            ref_layout = [_time(["pdftotext", "-layout", str(pdf), "-"], env) for _ in range(runs)]
            rows.append(("pdftotext -layout PDF -", statistics.median(ref_layout)))
        return rows
    finally:
        shutil.rmtree(cache, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("pdfs", nargs="*", type=Path, default=[REPORT])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(f"{'file':32} {'command':30} {'median s':>9}")
    for pdf in args.pdfs:
        for name, seconds in bench(pdf, args.runs):
            print(f"{pdf.name[:32]:32} {name:30} {seconds:9.3f}")


if __name__ == "__main__":
    main()
