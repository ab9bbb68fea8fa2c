"""CPU seconds of reading PDFs (source.read_pdf, no cache) beside pdftotext -layout, same files, same run.

    python bench/bench_cpu.py [--against OTHER_CHECKOUT] [--rounds 2] [PDF_OR_DIR...]

CPU time, not wall time: on a machine shared with other work the wall clock counts the time
others took. Each round reads every PDF once in a fresh process for this checkout (and, with
--against, for another one, through PYTHONPATH), then runs pdftotext -layout over the same
files; the medians over rounds are printed. Default PDFs: ../shared/corpus/real-world and
tests/corpus/real.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = [ROOT.parent / "shared" / "corpus" / "real-world", ROOT / "tests" / "corpus" / "real"]
READ = (
    "import sys, time\n"
    "from source.opening import quiet_pypdf, read_pdf\n"
    "quiet_pypdf()\n"
    "t = time.process_time(); pages = 0\n"
    "for path in sys.argv[1:]:\n"
    "    pages += len(read_pdf(path).pages)\n"
    "print(pages, time.process_time() - t)\n"
)


def pdfs_under(paths: list[Path]) -> list[str]:
    found: list[str] = []
    for p in paths:
        found += [str(q) for q in (sorted(p.rglob("*.pdf")) if p.is_dir() else [p])]
    return found


def read_cpu(pdfs: list[str], code_root: Path | None) -> tuple[int, float]:
    env = dict(os.environ)
    if code_root is not None:
        env["PYTHONPATH"] = str(code_root)
    out = subprocess.run(  # from elsewhere: `-c` puts the working directory before PYTHONPATH
        [sys.executable, "-c", READ, *pdfs],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=tempfile.gettempdir(),
    )
    pages, seconds = out.stdout.split()
    return int(pages), float(seconds)


def pdftotext_cpu(pdfs: list[str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    for pdf in pdfs:
        subprocess.run(["pdftotext", "-layout", pdf, os.devnull], capture_output=True, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--against", type=Path, default=None)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    pdfs = pdfs_under(args.paths or DEFAULT)
    ours, theirs, reference = [], [], []
    pages = 0
    for _ in range(args.rounds):
        pages, seconds = read_cpu(pdfs, None)
        ours.append(seconds)
        if args.against is not None:
            theirs.append(read_cpu(pdfs, args.against)[1])
        reference.append(pdftotext_cpu(pdfs))
    ref = statistics.median(reference)
    print(f"{len(pdfs)} PDFs, {pages} pages; CPU seconds, median of {args.rounds} rounds")
    print(f"  pdftotext -layout: {ref:6.2f} s  {pages / ref:5.0f} pages/s")
    print(
        f"  read_pdf (this):   {statistics.median(ours):6.2f} s  {pages / statistics.median(ours):5.0f} pages/s"
        f"  = {statistics.median(ours) / ref:.1f}x pdftotext"
    )
    if theirs:
        print(
            f"  read_pdf ({args.against}): {statistics.median(theirs):6.2f} s"
            f"  = {statistics.median(theirs) / ref:.1f}x pdftotext"
        )


if __name__ == "__main__":
    main()
