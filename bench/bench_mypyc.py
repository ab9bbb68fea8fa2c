"""Reading CPU of a mypyc-compiled build of `source` beside this checkout's pure Python (issue 8).

    python bench/bench_mypyc.py [--rounds 1] [--keep DIR] [--fetched N] [PDF_OR_DIR...]

An experiment, not a build of Citex: nothing here is installed or used by `citex`. The checkout
as committed (`git archive HEAD`) is unpacked into a scratch directory (a temporary one, or
--keep DIR, kept for `bench_cpu.py --against DIR`, `bench_add.py --against DIR` or the test suite
run from there), the modules in COMPILED are compiled in place there with mypyc (the mypy
package in .venv; needs gcc and the Python headers), then:

1. every PDF is read by both builds and the digests of their Documents (as
   tests/update_digests.py computes them) are compared: the compiled build must make the
   same Documents, byte for byte;
2. `bench/bench_cpu.py --against` the scratch directory: reading CPU of both builds and of
   pdftotext -layout over the same PDFs, in the same run.

Default PDFs: those of bench_cpu.py (../shared/corpus/real-world, tests/corpus/real); with
--fetched N, the N fetched manuals `bench_add.py --fetch --sample N` adds (bench/.pdfs must hold
them already).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import bench_cpu  # noqa: E402 - the bench scripts are not a package

NOT_COMPILED = ("__init__.py", "version.py", "errors.py", "cache.py", "deadline.py", "cleaning.py")
"""source/ modules left as Python: deadline.py's `Deadline.__thread` is a C keyword once mypyc
names the attribute; cleaning.py makes its patterns on first use through a module `__getattr__`,
which a compiled module does not honour (the compiled read crashed, SIGSEGV); the others are
not read-time code."""
DIGESTS = (
    "import sys, dataclasses, hashlib, json\n"
    "from source.opening import quiet_pypdf, read_pdf\n"
    "quiet_pypdf()\n"
    "for path in sys.argv[1:]:\n"
    "    try:\n"
    "        d = read_pdf(path)\n"
    "    except Exception as e:\n"
    "        print(path, 'error', type(e).__name__); continue\n"
    "    data = {k: v for k, v in dataclasses.asdict(d).items() if k not in ('path', 'version')}\n"
    "    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(',', ':'))\n"
    "    print(path, hashlib.sha256(text.encode('utf-8')).hexdigest())\n"
)
"""Each PDF's Document digest (tests/update_digests.document_digest), one line per PDF."""


def compiled_modules(root: Path) -> list[str]:
    """The source/ modules compiled (all but NOT_COMPILED), relative to root."""
    return [f"source/{p.name}" for p in sorted((root / "source").glob("*.py")) if p.name not in NOT_COMPILED]


def build(root: Path) -> float:
    """Unpack HEAD into root and compile it there; the CPU seconds the compile took."""
    root.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(["git", "archive", "HEAD"], cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(root)], input=archive, check=True)
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(
        [sys.executable, "-m", "mypyc", *compiled_modules(root)], cwd=root, capture_output=True, text=True
    )
    if done.returncode != 0:
        sys.exit(f"mypyc failed:\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def digests(pdfs: list[str], code_root: Path) -> dict[str, str]:
    """Each PDF's Document digest, read with the code in code_root."""
    out = subprocess.run(
        [sys.executable, "-c", DIGESTS, *pdfs],
        env={**os.environ, "PYTHONPATH": str(code_root)},
        capture_output=True,
        text=True,
        check=True,
        cwd=tempfile.gettempdir(),  # `-c` puts the working directory before PYTHONPATH
    )
    return dict(line.rsplit(" ", 1) for line in out.stdout.splitlines())


def fetched(sample: int) -> list[str]:
    """The fetched manuals bench_add.py --fetch --sample adds (without fetching anything)."""
    import bench_add

    found = [str(p) for p in bench_add.pdfs_under([bench_add.FETCH_DIR / "x"], 100_000)]
    step = max(1, len(found) // max(1, sample))
    return found[::step][:sample]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--keep", type=Path, default=None, help="build here and keep it")
    parser.add_argument("--fetched", type=int, default=0, help="the N fetched manuals of bench_add.py")
    args = parser.parse_args()
    pdfs = fetched(args.fetched) if args.fetched else bench_cpu.pdfs_under(args.paths or bench_cpu.DEFAULT)
    if shutil.which("cc") is None and shutil.which("gcc") is None:
        print("no C compiler (cc, gcc): nothing compiled, nothing measured")
        return
    root = args.keep if args.keep is not None else Path(tempfile.mkdtemp(prefix="citex-mypyc-"))
    began = time.perf_counter()
    cpu = build(root)
    print(
        f"compiled {len(compiled_modules(root))} modules in {root}: {time.perf_counter() - began:.0f} s wall, {cpu:.0f} s CPU"
    )
    ours, theirs = digests(pdfs, ROOT), digests(pdfs, root)
    differ = [p for p in pdfs if ours.get(p) != theirs.get(p)]
    print(
        f"Documents: {len(pdfs) - len(differ)} of {len(pdfs)} PDFs identical"
        + (": differ:" if differ else "")
    )
    for p in differ:
        print("  ", p)
    sys.argv = [sys.argv[0], "--against", str(root), "--rounds", str(args.rounds), *pdfs]
    bench_cpu.main()


if __name__ == "__main__":
    main()
