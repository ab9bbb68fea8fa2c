"""`citex add` of a library of real PDFs beside `pdftotext` over the same files, in the same run.

    python bench/bench_add.py [--fetch] [--workers N] [PDF_OR_DIR...]

Default PDFs: tests/corpus (real, made) and ../shared/corpus. With --fetch, TeX Live and R
manuals are fetched first with `apt-get download` (texlive-*-doc, r-doc-*) into
bench/.pdfs/ and unpacked there (dpkg-deb -x), and --sample of them (default 60, every n-th
by path, so from every package) join the library: 50 or more varied PDFs. Prints: pages, pdftotext on one core, `citex add` (one process per worker: WORKERS=1 is
one core), pages/s, the split between reading (parse + units, in the workers) and indexing
(the one writer), the cache's size (Document JSON + index) against the PDFs', and the peak
memory (max RSS) of each process.
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--fetch", action="store_true")
    parser.add_argument("--workers", type=int, default=1, help="citex worker processes (1: one core)")
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

    began = time.perf_counter()
    for p in pdfs:
        subprocess.run(["pdftotext", "-layout", str(p), os.devnull], capture_output=True, check=False)
    reference = time.perf_counter() - began
    reference_rss = child_rss_mb()

    work = Path(tempfile.mkdtemp(prefix="citex-bench-add-"))
    env = {**os.environ, "CITEX_CACHE_DIR": str(work / "cache"), "CITEX_DATA_DIR": str(work / "data")}
    code = (
        "import sys, time, resource, index.library as L\n"
        f"L.WORKERS = {args.workers}\n"
        "from index import Library\n"
        "t = time.perf_counter(); lib = Library(sys.argv[1]); r = lib.add(sys.argv[2:]); t = time.perf_counter() - t\n"
        "print(t, len(r.added), len(r.failed), r.read_seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,"
        " resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(work / "data" / "library.json"), *map(str, pdfs)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    took, added, failed, read, rss, workers_rss = out.stdout.split()
    took_s, read_s = float(took), float(read)
    cache = du(work / "cache")
    docs = sum(f.stat().st_size for f in (work / "cache").rglob("document.json"))
    print(f"PDFs: {len(pdfs)} ({added} added, {failed} failed), {total_pages} pages, {size / 1e6:.1f} MB")
    print(
        f"pdftotext -layout (one core):   {reference:6.2f} s  {total_pages / reference:6.0f} pages/s"
        f"  peak RSS {reference_rss:.0f} MB"
    )
    print(
        f"citex add ({args.workers} worker{'s' if args.workers > 1 else ''}):        {took_s:6.2f} s"
        f"  {total_pages / took_s:6.0f} pages/s  = {took_s / reference:.1f}x pdftotext;"
        f" peak RSS main {float(rss):.0f} MB, worker {float(workers_rss):.0f} MB"
    )
    print(
        f"  split: reading (parse + units, in the workers) {read_s:.2f} s;"
        f" indexing (the one writer, the rest) {max(0.0, took_s - read_s / args.workers):.2f} s"
    )
    print(
        f"cache: {cache / 1e6:.1f} MB = {cache / size:.2f}x the PDFs "
        f"(Document JSON {docs / 1e6:.1f} MB, index {(cache - docs) / 1e6:.1f} MB)"
    )
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
