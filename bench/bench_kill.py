"""kill -9 at random moments of `citex add`, N times; after each kill, the library is checked.

    python bench/bench_kill.py [--runs N] [--count 10] [--seed S] [--keep-cache] [PDF_OR_DIR...]

Each run starts from an empty library (and, unless --keep-cache, an empty cache), starts
`citex add` of the PDFs in a subprocess, kills it with SIGKILL after a random delay (up to
the time a whole add took), and checks:

- the library file reads without a warning, and lists only PDFs given;
- nothing half-added: every listed PDF is in the library's index (read directly, without the
  repair a search would make) and a word of its own finds it (`Library.search`, paths=[it]);
- no orphan worker: every process the killed add had started is gone a moment later;
- no leftover: after the next start (`citex list`, which sweeps), no temp file or directory
  is left in the cache or data directory (Whoosh's own temp directory included, which the
  next writer removes: checked after the resumed add);
- the resumed `citex add` ends with every PDF listed and searchable.

Prints one row per run and a summary. Default PDFs: tests/corpus/made and tests/corpus/real
(the first --count of them, by name).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = [ROOT / "tests" / "corpus" / "made", ROOT / "tests" / "corpus" / "real"]
CITEX = [str(Path(sys.executable).with_name("citex"))]
"""The citex command of this interpreter's environment."""
SETTLE = 1.0
"""Seconds after the kill before the workers are looked for (the kernel's SIGKILL is not instant)."""


@dataclass
class Outcome:
    """What one kill left."""

    delay: float
    """Seconds from the start of `citex add` to the kill."""
    listed: int = 0
    """PDFs the library listed after the kill."""
    problems: list[str] = field(default_factory=list)
    """What was wrong (none: the kill lost nothing and left nothing)."""
    workers: int = 0
    """Worker processes the add had started when it was killed."""
    orphans: int = 0
    """Worker processes still alive after the kill."""
    leftovers: int = 0
    """Temp files or directories left after the next start."""
    resumed: float = 0.0
    """Seconds the resumed add took."""


def pdfs_under(paths: list[Path], count: int) -> list[Path]:
    found: list[Path] = []
    for p in paths:
        found.extend(sorted(p.rglob("*.pdf")) if p.is_dir() else [p])
    return [q.resolve() for q in found if q.is_file()][:count]


def env_for(work: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["CITEX_CACHE_DIR"] = str(work / "cache")
    env["CITEX_DATA_DIR"] = str(work / "data")
    env.pop("CITEX_DEBUG", None)
    return env


def children_of(pid: int) -> set[int]:
    """The pids of the processes whose parent is `pid` (from /proc)."""
    found: set[int] = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def leftovers(work: Path) -> list[Path]:
    """Temp files and directories anywhere under the cache and data directories."""
    return [
        p
        for p in work.rglob("*")
        if p.name.endswith((".tmp", ".old")) or ".toc." in p.name or p.name.endswith(".ctmp")
    ]


def check_library(work: Path, pdfs: list[Path]) -> tuple[int, list[str]]:
    """(PDFs listed, problems) of the library in `work`, checked in a fresh interpreter."""
    code = f"""
import json, os, sys
sys.path.insert(0, {str(ROOT)!r})
from index import Library
from index.libindex import indexed_documents
from index.store import open_index
from index.units import doc_key
from source.opening import open_document
import re
given = set(json.loads(sys.argv[1]))
lib = Library(os.path.join(os.environ["CITEX_DATA_DIR"], "library.json"))
problems = []
entries = lib.list()
problems += ["warning: " + w for w in lib.warnings]
ix = open_index(lib.index_dir) if entries else None
have = indexed_documents(ix) if ix is not None else set()
for e in entries:
    if e.path not in given:
        problems.append("listed but not given: " + e.path)
    if doc_key(e.sha) not in have:
        problems.append("listed but not in the index: " + e.path)
for e in entries:
    doc = open_document(e.path)
    words = [w for pg in doc.pages for b in pg.blocks if b.kind == "paragraph" for w in re.findall(r"[A-Za-z]{{7,}}", b.text)]
    if words and not lib.search(words[len(words) // 2], paths=[e.path]).hits:
        problems.append("not searchable: " + e.path)
print(json.dumps([len(entries), problems]))
"""
    run = subprocess.run(
        [sys.executable, "-c", code, json.dumps([str(p) for p in pdfs])],
        env=env_for(work),
        capture_output=True,
        text=True,
        check=False,
    )
    if run.returncode != 0:
        return 0, [f"check failed: {run.stderr.strip().splitlines()[-1:]}"]
    listed, problems = json.loads(run.stdout)
    return listed, problems


def one_run(pdfs: list[Path], delay: float, cache: Path | None) -> Outcome:
    """Add, kill -9 after `delay` seconds, check; then resume and check again."""
    out = Outcome(delay)
    work = Path(tempfile.mkdtemp(prefix="citex-kill-"))
    try:
        if cache is not None:
            shutil.copytree(cache, work / "cache")
        env = env_for(work)
        proc = subprocess.Popen(
            [*CITEX, "add", *map(str, pdfs)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        workers: set[int] = set()
        end = time.monotonic() + delay
        while time.monotonic() < end and proc.poll() is None:
            workers |= children_of(proc.pid)
            time.sleep(0.02)
        workers |= children_of(proc.pid)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        proc.wait()
        time.sleep(SETTLE)
        out.workers = len(workers)
        out.orphans = sum(alive(pid) for pid in workers)
        if out.orphans:
            out.problems.append(f"{out.orphans} worker(s) alive after the kill")
            for pid in workers:
                if alive(pid):
                    os.kill(pid, signal.SIGKILL)
        out.listed, problems = check_library(work, pdfs)
        out.problems += problems
        listing = subprocess.run([*CITEX, "list"], env=env, capture_output=True, text=True, check=False)
        if "Traceback" in listing.stderr or listing.returncode not in (0, 1):
            out.problems.append(f"list after the kill: {listing.stderr.strip()}")
        began = time.monotonic()
        resumed = subprocess.run(
            [*CITEX, "add", *map(str, pdfs)], env=env, capture_output=True, text=True, check=False
        )
        out.resumed = time.monotonic() - began
        if resumed.returncode != 0:
            out.problems.append(f"resumed add: exit {resumed.returncode}: {resumed.stderr.strip()}")
        listed, problems = check_library(work, pdfs)
        if listed != len(pdfs):
            out.problems.append(f"after the resumed add {listed} of {len(pdfs)} listed")
        out.problems += [f"after resuming: {p}" for p in problems]
        left = leftovers(work)
        out.leftovers = len(left)
        if left:
            out.problems.append(f"left behind: {', '.join(p.name for p in left[:3])}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return out


def full_add_seconds(pdfs: list[Path]) -> tuple[float, Path]:
    """Seconds a whole `citex add` takes from an empty cache, and that cache (for --keep-cache)."""
    work = Path(tempfile.mkdtemp(prefix="citex-kill-ref-"))
    began = time.monotonic()
    subprocess.run([*CITEX, "add", *map(str, pdfs)], env=env_for(work), capture_output=True, check=True)
    return time.monotonic() - began, work / "cache"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=DEFAULT)
    parser.add_argument("--runs", type=int, default=16)
    parser.add_argument("--count", type=int, default=10)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--keep-cache", action="store_true", help="kill adds that read from a warm cache")
    args = parser.parse_args()
    pdfs = pdfs_under(args.paths, args.count)
    rng = random.Random(args.seed)
    whole, cache = full_add_seconds(pdfs)
    print(f"{len(pdfs)} PDFs; a whole add takes {whole:.1f} s; {args.runs} kills at random moments in it")
    print(
        f"{'run':>3} {'kill at':>8} {'listed':>6} {'workers':>7} {'orphans':>7} {'left':>4} {'resume':>7}  problems"
    )
    outcomes = []
    for run in range(1, args.runs + 1):
        o = one_run(pdfs, rng.uniform(0.05, whole), cache if args.keep_cache else None)
        outcomes.append(o)
        print(
            f"{run:>3} {o.delay:>7.2f}s {o.listed:>6} {o.workers:>7} {o.orphans:>7} {o.leftovers:>4} {o.resumed:>6.1f}s  "
            + ("; ".join(o.problems) or "-")
        )
    shutil.rmtree(cache.parent, ignore_errors=True)
    bad = [o for o in outcomes if o.problems]
    kept = sum(o.listed for o in outcomes)
    print(
        f"{len(outcomes) - len(bad)} of {len(outcomes)} runs clean; {kept} PDFs kept across the kills "
        f"(mean {kept / max(len(outcomes), 1):.1f} per kill)"
    )
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
