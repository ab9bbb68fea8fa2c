"""`citex add` of a library of real PDFs beside `pdftotext` over the same files, in the same run.

    python bench/bench_add.py [--fetch] [--workers 1,2] [--against OTHER_CHECKOUT] [PDF_OR_DIR...]

Default PDFs: tests/corpus (real, made) and ../shared/corpus. With --fetch, TeX Live and R
manuals are fetched first with `apt-get download` (texlive-*-doc, r-doc-*) into
bench/.pdfs/ and unpacked there (dpkg-deb -x), and --sample of them (default 60, every n-th
by path, so from every package) join the library: 50 or more varied PDFs.

pdftotext -layout runs once over the files (one process at a time: one core); then `citex add`
of the same files into a fresh cache, once per --workers value (default 1 and 2), in the same
run. Each citex add is a fresh process; with one worker it is pinned to one CPU
(sched_setaffinity, inherited by the worker), so its wall time is a one-core figure even though
its reader (the worker) and its writer (the main process) are two processes. Prints, for each:
wall time, pages/s, the ratio to pdftotext's wall time, CPU seconds (user + system) of the main
process (the index writer) and of the workers (reading: parse + units) and their sum against
pdftotext's CPU seconds (on a shared machine CPU time is what others' load changes least), the
cache's size (Document JSON + index) against the PDFs', and the peak memory (max RSS) of each
process. With --against, another checkout's add (its code through PYTHONPATH, one worker,
pinned) runs after them on the same files.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = [ROOT / "tests" / "corpus", ROOT.parent / "shared" / "corpus"]
FETCH_DIR = ROOT / "bench" / ".pdfs"
DEBS = ["texlive-latex-base-doc", "texlive-pictures-doc", "texlive-science-doc", "r-doc-pdf"]
"""Debian doc packages with many varied PDF manuals."""


def fetch() -> Path:
    """Download and unpack the doc packages (once); the folder holding their PDFs."""
    FETCH_DIR.mkdir(parents=True, exist_ok=True)
    for deb in DEBS:
        if not list(FETCH_DIR.glob(f"{deb}_*.deb")):
            subprocess.run(["apt-get", "download", deb], cwd=FETCH_DIR, check=False)
    for pkg in FETCH_DIR.glob("*.deb"):
        done = FETCH_DIR / f"{pkg.name}.unpacked"
        if not done.exists():
            subprocess.run(["dpkg-deb", "-x", str(pkg), str(FETCH_DIR / "x")], check=True)
            done.touch()
    return FETCH_DIR / "x"


def pdfs_under(paths: list[Path], limit: int) -> list[Path]:
    found: dict[Path, None] = {}
    for p in paths:
        items = sorted(p.rglob("*.pdf")) if p.is_dir() else [p]
        for q in items:
            if q.is_file() and q.stat().st_size > 0:
                found[q.resolve()] = None
    return list(found)[:limit]


def du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) if path.exists() else 0


def child_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def citex_add(
    pdfs: list[Path], workers: int, one_cpu: int | None, code_root: Path = ROOT
) -> dict[str, float]:
    """One `citex add` of the PDFs into a fresh cache, in a fresh process, with the code in `code_root`."""
    work = Path(tempfile.mkdtemp(prefix="citex-bench-add-"))
    env = {
        **os.environ,
        "CITEX_CACHE_DIR": str(work / "cache"),
        "CITEX_DATA_DIR": str(work / "data"),
        "PYTHONPATH": str(code_root),
    }
    code = (
        "import os, sys, time, resource, index.library as L\n"
        f"L.WORKERS = {workers}\n"
        f"if {one_cpu!r} is not None: os.sched_setaffinity(0, {{{one_cpu!r}}})\n"
        "from index import Library\n"
        "t = time.perf_counter(); lib = Library(sys.argv[1]); r = lib.add(sys.argv[2:]); t = time.perf_counter() - t\n"
        "me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print(t, len(r.added), len(r.failed), r.read_seconds, me.ru_maxrss / 1024, kids.ru_maxrss / 1024,"
        " me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime)\n"
    )
    try:
        out = subprocess.run(
            [sys.executable, "-c", code, str(work / "data" / "library.json"), *map(str, pdfs)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
            cwd=tempfile.gettempdir(),  # not ROOT: `-c` puts the working directory before PYTHONPATH
        )
        names = ("wall", "added", "failed", "read", "rss", "workers_rss", "main_cpu", "workers_cpu")
        figures = dict(zip(names, map(float, out.stdout.split()), strict=True))
        figures["cache"] = du(work / "cache")
        figures["docs"] = sum(f.stat().st_size for f in (work / "cache").rglob("document.json"))
        return figures
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--fetch", action="store_true")
    parser.add_argument(
        "--workers", default="1,2", help="citex worker processes, one add per value (1: pinned to one CPU)"
    )
    parser.add_argument(
        "--against",
        type=Path,
        default=None,
        help="another checkout: its add (1 worker, one CPU) in the same run",
    )
    parser.add_argument("--limit", type=int, default=400)
    parser.add_argument(
        "--sample", type=int, default=60, help="with --fetch: this many of the fetched PDFs, spread evenly"
    )
    args = parser.parse_args()
    pdfs = pdfs_under(args.paths or DEFAULT, args.limit)
    if args.fetch and not args.paths:
        fetched = pdfs_under([fetch()], 100_000)
        step = max(1, len(fetched) // max(1, args.sample))
        pdfs += fetched[::step][: args.sample]
    from pypdf import PdfReader

    pages = {}
    for p in pdfs:
        try:
            pages[p] = len(PdfReader(p).pages)
        except Exception:  # noqa: BLE001 - counted as 0: citex add will say why
            pages[p] = 0
    total_pages = sum(pages.values())
    size = sum(p.stat().st_size for p in pdfs)

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    for p in pdfs:
        subprocess.run(["pdftotext", "-layout", str(p), os.devnull], capture_output=True, check=False)
    reference = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    reference_cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    reference_rss = child_rss_mb()
    load = os.getloadavg()[0]
    one = min(os.sched_getaffinity(0))
    runs = [
        (f"{n} worker{'s' if n > 1 else ''}", n, citex_add(pdfs, n, one if n == 1 else None))
        for n in _counts(args.workers)
    ]
    if args.against is not None:
        runs.append((f"1 worker, {args.against}", 1, citex_add(pdfs, 1, one, args.against)))

    first = runs[0][2]
    print(
        f"PDFs: {len(pdfs)} ({first['added']:.0f} added, {first['failed']:.0f} failed), {total_pages} pages,"
        f" {size / 1e6:.1f} MB; {os.cpu_count()} CPUs, load average {load:.1f} at the start,"
        f" {os.getloadavg()[0]:.1f} at the end"
    )
    print(
        f"pdftotext -layout (one process at a time): {reference:7.2f} s wall  {total_pages / reference:5.0f} pages/s;"
        f"  CPU {reference_cpu:6.2f} s;  peak RSS {reference_rss:.0f} MB"
    )
    for name, n, f in runs:
        cpu = f["main_cpu"] + f["workers_cpu"]
        where = "pinned to one CPU" if n == 1 else "unpinned"
        print(
            f"citex add, {name} ({where}): {f['wall']:7.2f} s wall"
            f"  {total_pages / f['wall']:5.0f} pages/s = {f['wall'] / reference:.1f}x pdftotext's wall;"
            f"  CPU {cpu:6.2f} s = {cpu / reference_cpu:.1f}x pdftotext's CPU"
        )
        print(
            f"  CPU split: reading (the workers: parse + units) {f['workers_cpu']:.2f} s"
            f" ({f['workers_cpu'] / reference_cpu:.1f}x pdftotext);"
            f" indexing (the main process: the one writer, and start-up) {f['main_cpu']:.2f} s"
            f" ({f['main_cpu'] / reference_cpu:.1f}x); workers' own clock for reading {f['read']:.2f} s"
        )
        print(f"  peak RSS: main {f['rss']:.0f} MB, a worker {f['workers_rss']:.0f} MB")
        print(
            f"  cache: {f['cache'] / 1e6:.1f} MB = {f['cache'] / size:.2f}x the PDFs "
            f"(Document JSON {f['docs'] / 1e6:.1f} MB, index {(f['cache'] - f['docs']) / 1e6:.1f} MB)"
        )


def _counts(text: str) -> list[int]:
    return [int(n) for n in text.split(",") if n.strip()]


if __name__ == "__main__":
    main()
