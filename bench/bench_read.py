"""Time `citex notes --json` on a PDF, cold (empty cache) and warm, beside `pdftotext`.

Usage: python bench/bench_read.py [PDF ...] [--runs N] [--against OTHER_CITEX] [--real-world]

Each figure is the wall time of a whole process (start-up included), the median of
N runs, measured in the same run as the reference tool on the same file. `--against`
times another build's `citex` (an earlier checkout's .venv/bin/citex) cold on the same
files in the same run, to compare versions; `--real-world` adds tests/corpus/real-world.
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


def _time(cmd: list[str], env: dict[str, str], before: object = None, check: bool = True) -> float:
    if callable(before):
        before()
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=check)
    return time.perf_counter() - start if done.returncode in (0, 1) else float("nan")  # 1: no notes found


def bench(pdf: Path, runs: int, against: Path | None = None) -> list[tuple[str, float]]:
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
        if against is not None:
            other = [str(against), "notes", "--json", str(pdf)]
            rows.append(
                (
                    f"{against.parent.parent.parent.name} citex (cold)",
                    statistics.median([_time(other, env, empty_cache, check=False) for _ in range(runs)]),
                )
            )
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
    parser.add_argument("--against", type=Path, default=None, help="another build's citex, timed cold beside")
    parser.add_argument("--real-world", action="store_true", help="also every PDF in tests/corpus/real-world")
    args = parser.parse_args()
    pdfs = list(args.pdfs)
    if args.real_world:
        pdfs += sorted((ROOT / "tests" / "corpus" / "real-world").glob("*.pdf"))
    print(f"{'file':32} {'command':30} {'median s':>9}")
    for pdf in pdfs:
        for name, seconds in bench(pdf, args.runs, args.against):
            print(f"{pdf.name[:32]:32} {name:30} {seconds:9.3f}")


if __name__ == "__main__":
    main()
