"""Warm whole-process `citex search WORD` on the bundled report: wall time, peak memory, and where
the time goes (imports by package, from `python -X importtime`, and the rest).

    python bench/bench_start.py [--runs 21] [--word border] [--against OTHER/.venv/bin/citex]

The cache (CITEX_CACHE_DIR) is a fresh temp folder, filled by one first run; then `--runs`
warm runs. Bytecode is written (PYTHONDONTWRITEBYTECODE is unset), as for an installed citex.
Reference: `python -c pass` (the interpreter's own start-up) and `grep -c WORD` over the
report's text as pdftotext prints it, in the same run. The interpreter, this build and the
--against build run in turn, one run of each at a time, and each gets its median wall time and
median CPU time (user + system): on a shared machine the CPU time is the steadier figure. The
import breakdown is one `python -X importtime -m explorer.launch` run (the `citex` script).
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
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "explorer" / "data" / "connection-denied.pdf"
_EXE = Path(sys.executable).with_name("citex")
CITEX = [str(_EXE)] if _EXE.exists() else [sys.executable, "-m", "explorer.cli"]
GROUPS = ("click", "whoosh", "platformdirs", "explorer", "index", "source")
"""Top-level packages shown on their own; everything else is "stdlib and other"."""


Job = tuple[list[str], dict[str, str]]
"""A command and its environment."""


def interleaved(jobs: list[Job], runs: int) -> list[tuple[float, float, float]]:
    """(median wall ms, median CPU ms, largest peak RSS MB) of each job, run `runs` times in turn
    (one run of each, then again), so that a load on the shared machine weighs on all of them alike.
    The CPU time (user + system) barely grows with the load, while the wall time waits for a core."""
    walls: list[list[float]] = [[] for _ in jobs]
    cpus: list[list[float]] = [[] for _ in jobs]
    rss = [0.0 for _ in jobs]
    for _ in range(runs):
        for i, (command, env) in enumerate(jobs):
            start = time.perf_counter()
            child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            _, _, usage = os.wait4(child.pid, 0)
            walls[i].append((time.perf_counter() - start) * 1000)
            cpus[i].append((usage.ru_utime + usage.ru_stime) * 1000)
            child.returncode = 0
            rss[i] = max(rss[i], usage.ru_maxrss / 1024)
    return [(statistics.median(w), statistics.median(c), r) for w, c, r in zip(walls, cpus, rss)]


def median_ms(command: list[str], runs: int, env: dict[str, str]) -> tuple[float, float]:
    """(median wall time in milliseconds, largest peak RSS in MB) of `runs` runs of a command."""
    wall, _, rss = interleaved([(command, env)], runs)[0]
    return wall, rss


def import_breakdown(command: list[str], env: dict[str, str]) -> dict[str, float]:
    """Self import time (ms) by top-level package, from one `python -X importtime` run."""
    python = [sys.executable, "-X", "importtime"]
    args = (
        [*python, "-m", "explorer.launch", *command[1:]]
        if command[0].endswith("citex")
        else [*python, *command[1:]]
    )
    err = subprocess.run(args, env=env, capture_output=True, text=True, check=False).stderr
    totals: dict[str, float] = defaultdict(float)
    for line in err.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        own, _, name = (part.strip() for part in line[len("import time:") :].split("|"))
        if not own.isdigit():
            continue
        top = name.split(".")[0]
        totals[top if top in GROUPS else "stdlib and other"] += int(own) / 1000
    return dict(totals)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--word", default="border")
    parser.add_argument(
        "--against",
        type=Path,
        default=None,
        help="another build of Citex timed in the same runs, in turn with this one: its `citex` script "
        "(another venv's bin/citex), or a checkout (run as python -m explorer.cli with it on PYTHONPATH)",
    )
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="citex-bench-start-"))
    env = {**os.environ, "CITEX_CACHE_DIR": str(work / "cache"), "CITEX_DATA_DIR": str(work / "data")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    command = [*CITEX, "search", args.word, str(REPORT)]
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, check=True)  # reads and indexes it once
    jobs: list[Job] = [([sys.executable, "-c", "pass"], env), (command, env)]
    if args.against is not None:
        other = {**env, "CITEX_CACHE_DIR": str(work / "other-cache")}
        if args.against.is_dir():
            other["PYTHONPATH"] = str(args.against)
            then_command = [sys.executable, "-m", "explorer.cli", *command[1:]]
        else:
            then_command = [str(args.against), *command[1:]]
        subprocess.run(then_command, env=other, stdout=subprocess.DEVNULL, check=True)
        jobs.append((then_command, other))
    timings = interleaved(jobs, args.runs)
    (bare, bare_cpu, _), (citex, cpu, rss) = timings[:2]
    text = work / "report.txt"
    grep = None
    if shutil.which("pdftotext"):
        subprocess.run(["pdftotext", "-layout", str(REPORT), str(text)], check=True)
        grep, _ = median_ms(["grep", "-c", args.word, str(text)], args.runs, env)
    imports = import_breakdown(command, env)
    print(
        f"warm `citex search {args.word} report.pdf`, median of {args.runs}: {citex:.0f} ms (target <= 80 ms),"
        f" CPU {cpu:.0f} ms"
    )
    if args.against is not None:
        then, then_cpu, then_rss = timings[2]
        print(
            f"  {args.against}, in turn with it: {then:.0f} ms, CPU {then_cpu:.0f} ms, peak RSS {then_rss:.0f} MB"
        )
    print(f"  python -c pass (interpreter start-up, site): {bare:.0f} ms, CPU {bare_cpu:.0f} ms")
    if grep is not None:
        print(f"  grep -c {args.word} over pdftotext's text: {grep:.1f} ms")
    print(f"  peak RSS of a warm search: {rss:.0f} MB")
    print(f"  imports (self time, one -X importtime run, total {sum(imports.values()):.0f} ms):")
    for name, ms in sorted(imports.items(), key=lambda item: -item[1]):
        print(f"    {name:18} {ms:5.1f} ms")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
