"""A large library under a search load: parallel `citex search` loops while `citex add` runs.

    python bench/bench_load.py [--docs 1000] [--pages 5] [--clients 8] [--seconds 60] [--extra 20]
                               [--workdir DIR]

1. Generates `--docs` PDFs of `--pages` pages (bench/corpus_gen.py, seeded; kept in --workdir
   and reused) and adds them to a library of its own with `citex add` (cache and data under
   --workdir, never the user's own).
2. Runs `--clients` loops of whole `citex search QUERY` processes for `--seconds` with nothing
   else (the baseline), then again for `--seconds` with, from a few seconds in, one `citex add`
   of `--extra` PDFs new to the library at the same time.
3. Reports, per phase: errors (exit 2, or a `citex: error`/warning line or a traceback on
   stderr), wrong answers ("nothing found", exit 1, for a query that matches: every query but
   the last), latency p50/p95/max of the whole processes; the add's exit code and time; then
   checks the library: every PDF listed, and passages of the added ones verified exact.

Prints a summary and writes it as JSON to --workdir/load.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from corpus_gen import _chain, _write, generate_library, report_sentences, sample_passages  # noqa: E402

REPORT = ROOT / "explorer" / "data" / "connection-denied.pdf"
CITEX = [str(Path(sys.executable).with_name("citex"))]
"""The citex command of this interpreter's environment."""
QUERIES = [
    "government",
    "surveillance",
    "border",
    '"mobile phones"',
    "radio OR television",
    "inform*",
    "phones NOT china",
    "in:body border",
    "security AND authorities",
    "zorkaqua",
]
"""What the clients search for (the last one is found nowhere)."""
NOWHERE = QUERIES[-1]
ADD_AFTER = 5.0
"""Seconds into the load when the concurrent `citex add` starts."""
TRACE_AFTER = 10.0
"""With --trace: a search still running after this many seconds writes where it is."""


@dataclass
class Call:
    """One `citex search` of a client."""

    start: float
    """When it started (seconds since the load began)."""
    seconds: float
    """How long the whole process took."""
    code: int
    """Its exit code."""
    stderr: str
    """What it printed on stderr."""


@dataclass
class Load:
    """What the clients and the add did."""

    calls: list[Call] = field(default_factory=list)
    add_window: tuple[float, float] = (0.0, 0.0)
    add_code: int | None = None
    add_stderr: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)


def run(args: list[str], env: dict[str, str], timeout: float = 900) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CITEX, *args], env=env, capture_output=True, text=True, timeout=timeout)


TRACED = """
import faulthandler, sys
faulthandler.dump_traceback_later(float(sys.argv[1]), exit=False, file=open(sys.argv[2], "w"))
from explorer.cli import main
sys.argv = ["citex", *sys.argv[3:]]
main()
"""
"""A `citex` that writes its threads' stacks to a file if it runs past a number of seconds (--trace)."""


def client(
    seed: int, until: float, began: float, env: dict[str, str], load: Load, trace: Path | None
) -> None:
    rng = random.Random(seed)
    n = 0
    while time.monotonic() < until:
        query = rng.choice(QUERIES)
        start = time.monotonic()
        if trace is None:
            done = run(["search", "--limit", "5", query], env)
        else:
            n += 1
            stacks = trace / f"client{seed}-{n}.txt"
            args = [
                sys.executable,
                "-c",
                TRACED,
                str(TRACE_AFTER),
                str(stacks),
                "search",
                "--limit",
                "5",
                query,
            ]
            done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=900)
            if not stacks.stat().st_size:
                stacks.unlink()
        call = Call(start - began, time.monotonic() - start, done.returncode, done.stderr)
        with load.lock:
            load.calls.append(call)


def error(call: Call) -> bool:
    """A search that failed, or warned."""
    said = call.stderr
    return call.code not in (0, 1) or "citex: error" in said or "warning" in said or "Traceback" in said


def wrong(call: Call) -> bool:
    """ "Nothing found" for a query that matches (all but the last of QUERIES)."""
    return call.code == 1 and NOWHERE not in call.stderr


def percentiles(samples: list[float]) -> dict[str, float]:
    if not samples:
        return {}
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return {"p50": statistics.median(ordered), "p95": p95, "max": ordered[-1], "n": len(ordered)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=1000, help="PDFs in the library.")
    parser.add_argument("--pages", type=int, default=5, help="Pages per generated PDF.")
    parser.add_argument("--clients", type=int, default=8, help="Parallel `citex search` loops.")
    parser.add_argument("--seconds", type=float, default=60.0, help="How long the load runs.")
    parser.add_argument("--extra", type=int, default=20, help="PDFs the concurrent `citex add` adds.")
    parser.add_argument(
        "--trace", action="store_true", help="Write the stacks of slow searches to --workdir/traces."
    )
    parser.add_argument("--no-baseline", action="store_true", help="Only the phase with the add.")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "citex-load")
    args = parser.parse_args()
    work: Path = args.workdir
    work.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "CITEX_CACHE_DIR": str(work / "cache"),
        "CITEX_DATA_DIR": str(work / "data"),
        "PYTHONDONTWRITEBYTECODE": "",
    }
    summary: dict[str, object] = {"docs": args.docs, "pages": args.pages, "clients": args.clients}

    start = time.monotonic()
    sentences = report_sentences(REPORT)
    paths = generate_library(work / "library", args.docs, args.pages, sentences)
    extra_dir = work / "extra"
    extra_dir.mkdir(exist_ok=True)
    chain = _chain(sentences)
    listed_now = {line.split("\t")[0] for line in run(["list"], env).stdout.splitlines()}
    extra: list[Path] = []
    i = args.docs
    while len(extra) < args.extra:  # PDFs new to the library (a second run adds others)
        path = extra_dir / f"gen-{i:04d}.pdf"
        if str(path) not in listed_now:
            extra.append(_write((path, i, args.pages, chain)))
        i += 1
    summary["generate_s"] = round(time.monotonic() - start, 1)
    print(f"generated {len(paths)} + {len(extra)} PDFs in {summary['generate_s']} s", flush=True)

    start = time.monotonic()
    added = run(["add", str(work / "library")], env, timeout=7200)
    summary["first_add"] = {"code": added.returncode, "seconds": round(time.monotonic() - start, 1)}
    print(f"first add: exit {added.returncode} in {summary['first_add']}", flush=True)
    if added.returncode != 0:
        print(added.stderr[-2000:], file=sys.stderr)
        sys.exit(2)
    listed = run(["list"], env).stdout.splitlines()
    summary["listed_before"] = len(listed)
    before = {line.split("\t")[0] for line in listed}

    trace = work / "traces" if args.trace else None
    if trace is not None:
        trace.mkdir(exist_ok=True)
    for phase in ("with_add",) if args.no_baseline else ("baseline", "with_add"):
        load = Load()
        began = time.monotonic()
        until = began + args.seconds

        def adder(load: Load = load, began: float = began) -> None:
            time.sleep(ADD_AFTER)
            t = time.monotonic()
            done = run(["add", *map(str, extra)], env, timeout=3600)
            load.add_window = (t - began, time.monotonic() - began)
            load.add_code, load.add_stderr = done.returncode, done.stderr

        threads = [
            threading.Thread(target=client, args=(seed, until, began, env, load, trace))
            for seed in range(args.clients)
        ]
        if phase == "with_add":
            threads.append(threading.Thread(target=adder))
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        a, b = load.add_window
        codes = sorted({c.code for c in load.calls})
        figures: dict[str, object] = {
            "searches": len(load.calls),
            "exit_codes": {str(k): sum(c.code == k for c in load.calls) for k in codes},
            "errors": sum(map(error, load.calls)),
            "wrong_nothing_found": sum(map(wrong, load.calls)),
            "samples": sorted({c.stderr.strip()[:160] for c in load.calls if error(c) or wrong(c)})[:8],
            "latency_s": percentiles([c.seconds for c in load.calls]),
        }
        if phase == "with_add":
            during = [c.seconds for c in load.calls if c.start < b and c.start + c.seconds > a]
            figures["latency_during_add_s"] = percentiles(during)
            figures["add"] = {
                "code": load.add_code,
                "window_s": [round(a, 1), round(b, 1)],
                "stderr": load.add_stderr[-500:],
            }
        summary[phase] = figures
        print(phase, json.dumps(figures), flush=True)

    listed = run(["list"], env).stdout.splitlines()
    summary["listed_after"] = len(listed)
    wanted = before | {str(p) for p in extra}  # every PDF there before, and those added
    summary["all_listed"] = {line.split("\t")[0] for line in listed} == wanted
    os.environ.update(CITEX_CACHE_DIR=env["CITEX_CACHE_DIR"], CITEX_DATA_DIR=env["CITEX_DATA_DIR"])
    verified = 0
    passages = sample_passages(extra, min(len(extra), 10))
    for passage in passages:
        done = run(["verify", passage], env)
        verified += done.returncode == 0 and "exact" in done.stdout
    summary["extra_verified_exact"] = f"{verified} of {len(passages)}"
    (work / "load.json").write_text(json.dumps(summary, indent=2))
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
