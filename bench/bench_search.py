"""Benchmarks of search, find and verify, side by side with pdfgrep; figures go to bench/RESULTS.md.

    .venv/bin/python bench/bench_search.py            # the bundled report, and a library of 50 PDFs
    .venv/bin/python bench/bench_search.py --scale    # also a library of 1,000 PDFs (~50,000 pages)

1. In-process p50/p95 of search, find and verify on the bundled report (warm: index open).
2. Whole process, warm cache: `citex search PHRASE report.pdf` vs `pdfgrep -n PHRASE report.pdf`
   (hyperfine); then a library of 50 PDFs: `citex search PHRASE` vs `pdfgrep -r -n PHRASE dir`.
3. --scale: a generated library of N PDFs (default 1,000 x 50 pages): ingest pages/s, size on
   disk, in-process search and find p95.

Everything is written under --workdir (cache, library, PDFs), never the user's own cache.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from corpus_gen import (  # noqa: E402
    generate_library,
    misremember,
    report_copies,
    report_sentences,
    sample_passages,
)

from index.corpus import SEARCH_TIME  # noqa: E402

REPORT = ROOT / "explorer" / "data" / "connection-denied.pdf"
_EXE = Path(sys.executable).with_name("citex")
CITEX = [str(_EXE)] if _EXE.exists() else [sys.executable, "-m", "explorer.cli"]
"""The `citex` command (the installed script, else the module)."""
PHRASE = "mobile phones"
SEARCHES = [
    '"mobile phones" AND border',
    "surveillance",
    "inminban",
    "page:22 surveillance",
    "in:notes Gause",
    "(radio OR television) NOT china",
    "smuggl*",
    "section:methodology interview",
    "bribe*",
    "SIM cards",
]
ABSENT = [
    "North Korean authorities have banned all foreign newspapers since the famine of the 1990s.",
    "The leader of the country wields limited power and shares it with an elected parliament.",
    "People caught with foreign films are usually given a warning and released the same day.",
]


def percentiles(samples: Sequence[float]) -> tuple[float, float]:
    """(p50, p95) in milliseconds."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return statistics.median(ordered) * 1000, p95 * 1000


def timed(
    call: Callable[[str], Any],
    inputs: Sequence[str],
    rounds: int,
    clock: Callable[[], float] = time.perf_counter,
) -> tuple[float, float]:
    for text in inputs:  # warm up: first use of each code path
        call(text)
    samples = []
    for _ in range(rounds):
        for text in inputs:
            start = clock()
            call(text)
            samples.append(clock() - start)
    return percentiles(samples)


def hyperfine(commands: Sequence[Sequence[str]], runs: int, workdir: Path) -> list[float]:
    """Mean wall time (ms) of each command, warm (hyperfine -N, 3 warm-up runs)."""
    out = workdir / "hyperfine.json"
    args = [
        "hyperfine",
        "-N",
        "-i",
        "--warmup",
        "3",
        "--runs",
        str(runs),
        "--export-json",
        str(out),
        *[shlex.join(c) for c in commands],
    ]
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return [r["mean"] * 1000 for r in json.loads(out.read_text())["results"]]


def peak_rss_mb(command: Sequence[str]) -> float:
    """Peak resident memory (MB) of one run of a command, as /usr/bin/time reports it (a child forked
    from this big process would count this process's pages until it execs)."""
    out = subprocess.run(
        ["/usr/bin/time", "-f", "%M", *command], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    return int(out.stderr.strip().splitlines()[-1]) / 1024


def report_quotes(rng: random.Random) -> tuple[list[str], list[str]]:
    """(verbatim, misremembered) passages of the bundled report."""
    sentences = [s for s in report_sentences(REPORT) if len(s.split()) >= 14]
    verbatim = []
    for s in rng.sample(sentences, 20):
        words = s.split()
        start = rng.randrange(0, len(words) - 12)
        verbatim.append(" ".join(words[start : start + rng.randint(12, 25)]))
    return verbatim, [misremember(q, rng) for q in verbatim]


def same_place(a: Sequence[Any], b: Sequence[Any]) -> bool:
    """True when the top hits of two finds overlap (same document, overlapping spans)."""
    if not a or not b or a[0].doc_id != b[0].doc_id or a[0].span is None or b[0].span is None:
        return False
    x, y = a[0].span, b[0].span
    return (x.page, x.block, x.start) < (y.end_page, y.end_block, y.end) and (y.page, y.block, y.start) < (
        x.end_page,
        x.end_block,
        x.end,
    )


def bench_report(rounds: int, workdir: Path) -> dict[str, Any]:
    from index import open_corpus

    rng = random.Random(1)
    verbatim, misremembered = report_quotes(rng)
    quotes = verbatim + misremembered
    start = time.perf_counter()
    corpus = open_corpus([REPORT])  # reads and indexes the report the first time
    first = time.perf_counter() - start
    figures: dict[str, Any] = {"first open (read + index)": f"{first:.2f} s"}
    figures["search"] = timed(lambda q: corpus.search(q, 10), SEARCHES, rounds)
    figures["find"] = timed(lambda q: corpus.find(q, 5), quotes, max(1, rounds // 4))
    figures["verify"] = timed(corpus.verify, quotes + ABSENT, max(1, rounds // 4))
    right = sum(
        same_place(corpus.find(v, 1), corpus.find(m, 1)) for v, m in zip(verbatim, misremembered, strict=True)
    )
    exact = sum(corpus.verify(v).verdict == "exact" for v in verbatim)
    absent = sum(corpus.verify(a).verdict == "absent" for a in ABSENT)
    figures["accuracy"] = (
        f"verbatim exact {exact}/{len(verbatim)}; misremembered (two edits each) found at the "
        f"same place {right}/{len(verbatim)}; "
        f"invented absent {absent}/{len(ABSENT)}"
    )
    corpus.close()
    whole = hyperfine(
        [
            [*CITEX, "search", PHRASE, str(REPORT)],
            ["pdfgrep", "-n", PHRASE, str(REPORT)],
            [*CITEX, "find", misremembered[0], str(REPORT)],
        ],
        20,
        workdir,
    )
    figures["process"] = whole
    return figures


def bench_library(n: int, workdir: Path) -> dict[str, Any]:
    from index import Library

    folder = workdir / "copies"
    paths = report_copies(REPORT, n, folder)
    library = Library(workdir / "data" / "library.json")
    start = time.perf_counter()
    library.add(paths)
    ingest = time.perf_counter() - start
    figures: dict[str, Any] = {"ingest": f"{ingest:.1f} s for {n} PDFs ({n * 52 / ingest:.0f} pages/s)"}
    figures["search"] = timed(lambda q: library.search(q, 10), SEARCHES, 10)
    rng = random.Random(2)
    verbatim, misremembered = report_quotes(rng)
    figures["find"] = timed(lambda q: library.find(q, 5), verbatim + misremembered, 2)
    library.close()
    figures["process"] = hyperfine(
        [[*CITEX, "search", PHRASE], ["pdfgrep", "-r", "-n", PHRASE, str(folder)]], 5, workdir
    )
    return figures


def disk_usage(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def bench_scale(docs: int, pages: int, workdir: Path) -> dict[str, Any]:
    from index import Library

    folder = workdir / "generated"
    there = len(list(folder.glob("gen-*.pdf"))) if folder.is_dir() else 0
    start = time.perf_counter()
    paths = generate_library(folder, docs, pages, report_sentences(REPORT))
    took = time.perf_counter() - start
    figures: dict[str, Any] = {
        "generate": f"{took:.0f} s" + (f" ({there} were already there)" if there else "")
    }
    library = Library(workdir / "scale-library.json")
    done = [0]

    def progress(d: int, total: int, path: str) -> None:
        if d - done[0] >= 50 or d == total:
            done[0] = d
            print(f"  ingest {d}/{total} ({time.perf_counter() - start:.0f} s)", file=sys.stderr, flush=True)

    start = time.perf_counter()
    added = library.add(paths, progress=progress).added
    ingest = time.perf_counter() - start
    total_pages = sum(e.pages for e in added)
    figures["ingest"] = (
        f"{total_pages} pages in {ingest:.0f} s: {total_pages / ingest:.0f} pages/s (2 workers)"
        if added
        else "not measured: the library in --workdir was already read"
    )
    cache = Path(os.environ["CITEX_CACHE_DIR"])
    assert library.index_dir is not None
    figures["disk"] = (
        f"library index {disk_usage(library.index_dir) / 1e6:.0f} MB; per-document indexes and "
        f"document.json {(disk_usage(cache) - disk_usage(library.index_dir)) / 1e6:.0f} MB; "
        f"PDFs {disk_usage(folder) / 1e6:.0f} MB"
    )
    start = time.perf_counter()
    corpus = library.corpus()
    figures["open"] = f"{(time.perf_counter() - start) * 1000:.0f} ms, {corpus.unit_count()} units"
    words = [
        "government",
        "surveillance",
        "border",
        "radio",
        "phones",
        "interview",
        "authorities",
        "security",
    ]
    queries = [
        *words,
        '"mobile phones"',
        '"human rights" AND border',
        "inform*",
        "radio OR television",
        "phones NOT china",
        "in:notes border",
    ]
    figures["search"] = timed(lambda q: library.search(q, 10), queries, 5)
    figures["search_cpu"] = timed(lambda q: library.search(q, 10), queries, 5, time.thread_time)
    slowest = max(queries, key=lambda q: timed(lambda x: library.search(x, 10), [q], 3, time.thread_time)[1])
    figures["slowest"] = slowest
    partial = [q for q in queries if not library.search(q, 10).complete]
    figures["partial"] = f"{len(partial)} of {len(queries)}" + (f" ({', '.join(partial)})" if partial else "")
    rng = random.Random(3)
    verbatim = sample_passages(paths, 15)
    quotes = verbatim + [misremember(q, rng) for q in verbatim]
    figures["find"] = timed(lambda q: library.find(q, 5), quotes, 2)
    figures["verify"] = timed(library.verify, quotes, 1)
    library.close()
    data = workdir / "scale-data"  # the CLI reads data/library.json: point it at this library
    data.mkdir(exist_ok=True)
    if not (data / "library.json").exists():
        (data / "library.json").symlink_to(library.file.resolve())
    os.environ["CITEX_DATA_DIR"] = str(data)
    try:
        figures["process"] = hyperfine([[*CITEX, "search", PHRASE], [*CITEX, "find", quotes[-1]]], 5, workdir)
        figures["rss"] = [peak_rss_mb([*CITEX, "search", PHRASE]), peak_rss_mb([*CITEX, "find", quotes[-1]])]
        figures["rss_slowest"] = peak_rss_mb([*CITEX, "search", slowest])
    finally:
        os.environ["CITEX_DATA_DIR"] = str(workdir / "data")
    start = time.perf_counter()
    subprocess.run(["pdfgrep", "-r", "-n", PHRASE, str(folder)], stdout=subprocess.DEVNULL, check=False)
    figures["pdfgrep"] = (time.perf_counter() - start) * 1000
    found = sum(library.verify(q).verdict == "exact" for q in verbatim)
    right = sum(same_place(library.find(v, 1), library.find(misremember(v, rng), 1)) for v in verbatim)
    figures["accuracy"] = (
        f"Accuracy on {len(verbatim)} random passages: verbatim verified exact {found}; "
        f"misremembered (two edits each) found at the same place {right}"
    )
    library.close()
    return figures


def write_section(results: Path, name: str, body: str) -> None:
    """Replace (or add) one section of RESULTS.md, keeping the others."""
    text = results.read_text(encoding="utf-8") if results.exists() else "# Benchmark results\n"
    begin, end = f"<!-- {name} -->", f"<!-- /{name} -->"
    block = f"{begin}\n{body.rstrip()}\n{end}"
    if begin in text and end in text:
        text = text[: text.index(begin)] + block + text[text.index(end) + len(end) :]
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    results.write_text(text, encoding="utf-8")


def fmt(p: tuple[float, float]) -> str:
    return f"p50 {p[0]:.1f} ms, p95 {p[1]:.1f} ms"


def machine() -> str:
    cpus = os.cpu_count()
    return f"{cpus} CPUs, Python {sys.version.split()[0]}, {time.strftime('%Y-%m-%d')}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=20, help="Rounds of the in-process report timings.")
    parser.add_argument("--library", type=int, default=50, help="PDFs in the small library (0: skip).")
    parser.add_argument("--scale", action="store_true", help="Also the large generated library.")
    parser.add_argument("--docs", type=int, default=1000, help="PDFs in the large library.")
    parser.add_argument("--pages", type=int, default=50, help="Pages per generated PDF.")
    parser.add_argument("--only-scale", action="store_true", help="Only the large library.")
    parser.add_argument("--workdir", type=Path, default=None, help="Where PDFs, cache and library go.")
    parser.add_argument("--results", type=Path, default=ROOT / "bench" / "RESULTS.md")
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="citex-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    os.environ["CITEX_CACHE_DIR"] = str(workdir / "cache")
    os.environ["CITEX_DATA_DIR"] = str(workdir / "data")
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # `citex` as installed: bytecode cached
    if not shutil.which("hyperfine") or not shutil.which("pdfgrep"):
        raise SystemExit("needs hyperfine and pdfgrep on PATH")
    command = "python bench/bench_search.py " + " ".join(sys.argv[1:])
    if not args.only_scale:
        r = bench_report(args.rounds, workdir)
        citex_ms, pdfgrep_ms, find_ms = r["process"]
        body = f"""## The bundled report (52 pages)

Measured {machine()} with `{command.strip()}`.

| what | figure | target |
|---|---|---|
| search, in-process | {fmt(r["search"])} | p95 <= 10 ms |
| find, in-process | {fmt(r["find"])} | p95 <= 50 ms |
| verify, in-process | {fmt(r["verify"])} | |
| first open of the report (read + index, once) | {r["first open (read + index)"]} | |
| `citex search "{PHRASE}" report.pdf`, whole process, warm | {citex_ms:.0f} ms | <= 3 x pdfgrep |
| `pdfgrep -n "{PHRASE}" report.pdf` | {pdfgrep_ms:.0f} ms | |
| ratio citex / pdfgrep | {citex_ms / pdfgrep_ms:.2f} | <= 3 |
| `citex find QUOTE report.pdf`, whole process, warm | {find_ms:.0f} ms | |

Accuracy on 20 random passages of the report: {r["accuracy"]}.
"""
        write_section(args.results, "report", body)
        print(body)
        if args.library:
            lib = bench_library(args.library, workdir)
            citex_ms, pdfgrep_ms = lib["process"]
            body = f"""## A library of {args.library} PDFs (copies of the report, each with its own sha256)

| what | figure |
|---|---|
| add (2 worker processes) | {lib["ingest"]} |
| search, in-process | {fmt(lib["search"])} |
| find, in-process | {fmt(lib["find"])} |
| `citex search "{PHRASE}"` (the library), whole process, warm | {citex_ms:.0f} ms |
| `pdfgrep -r -n "{PHRASE}" dir` | {pdfgrep_ms:.0f} ms |
| ratio citex / pdfgrep | {citex_ms / pdfgrep_ms:.3f} |
"""
            write_section(args.results, "library", body)
            print(body)
    if args.scale or args.only_scale:
        s = bench_scale(args.docs, args.pages, workdir)
        body = f"""## A generated library of {args.docs} PDFs x {args.pages} pages (`--scale`)

Text from a word-bigram chain trained on the report, with a long tail of rare made-up words.
Measured {machine()}, load average {os.getloadavg()[0]:.1f} at the end (a machine shared with
other work), with `{command.strip()}`.

| what | figure | target |
|---|---|---|
| generate the PDFs (reportlab) | {s["generate"]} | |
| add: read and index | {s["ingest"]} | |
| on disk | {s["disk"]} | |
| open the library's corpus | {s["open"]} | |
| search, in-process (wall clock) | {fmt(s["search"])} | p95 <= 100 ms |
| search, in-process (this thread's CPU time: the work, whatever the machine's load) | \
{fmt(s["search_cpu"])} | |
| searches stopped by the time bound (ranked over the matches reached in {SEARCH_TIME * 1000:.0f} ms) | \
{s["partial"]} | |
| find, in-process (Whoosh seeds, then rapidfuzz) | {fmt(s["find"])} | p95 <= 500 ms |
| verify, in-process | {fmt(s["verify"])} | |
| `citex search "{PHRASE}"` (the library), whole process, warm | {s["process"][0]:.0f} ms, \
peak RSS {s["rss"][0]:.0f} MB | |
| `citex search '{s["slowest"]}'` (the slowest query in CPU), whole process: peak RSS | \
{s["rss_slowest"]:.0f} MB | |
| `citex find QUOTE` (the library), whole process, warm | {s["process"][1]:.0f} ms, \
peak RSS {s["rss"][1]:.0f} MB | |
| `pdfgrep -r -n "{PHRASE}" dir` (one run) | {s["pdfgrep"] / 1000:.0f} s | |

{s["accuracy"]}.
"""
        write_section(args.results, "scale", body)
        print(body)


if __name__ == "__main__":
    main()
