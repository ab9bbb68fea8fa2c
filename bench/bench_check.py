"""Time `citex check DRAFT` on a ~5,000-word draft with 40 quotations, beside 40 `citex verify` runs.

    python bench/bench_check.py [--runs 5] [--library 50] [--workdir DIR]

The draft is generated (seeded): prose from a word-bigram chain trained on the bundled
report (bench/corpus_gen.py) around 40 quotations of the report's own sentences — 24 verbatim
with their printed page, 4 elided with "…", 4 misremembered (two edits), 4 cited at a wrong
page, 4 made up — each with a "(p. N)" or "(Amnesty International 2016, N)" citation.
Timed as whole processes, warm (the cache holds the report's document and index), the median
of --runs: `citex check draft.md explorer/data/connection-denied.pdf`, and the 40 quotations
one `citex verify QUOTE PDF` process each. With --library N: the same against a library of the
report and N-1 generated PDFs of 10 pages (`citex add`, then `citex check draft.md` with no PDF).
Writes the "check" section of bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
REPORT = ROOT / "explorer" / "data" / "connection-denied.pdf"
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from bench_search import machine, write_section  # noqa: E402
from corpus_gen import _chain, _sentence, generate_library, misremember  # noqa: E402

MADE_UP = [
    "The leader of the country wields limited power and shares it with an elected parliament",
    "Most people who left the country said they had never heard of the internet before arriving",
    "The government distributes free mobile phones to loyal party members in Pyongyang every year",
    "People caught with foreign films are usually given a warning and released the same day",
]


def report_sentences(report: Path) -> list[str]:
    """The report's sentences (corpus_gen.report_sentences imports an opener that moved)."""
    from source.opening import open_document

    document = open_document(report)
    return [re.sub(r"\s+", " ", document.sentence_text(s)) for s in document.sentences]


def citex() -> str:
    exe = Path(sys.executable).with_name("citex")
    return str(exe) if exe.exists() else "citex"


def make_draft(seed: int = 7, words: int = 5000) -> tuple[str, list[str], dict[str, int]]:
    """(draft text, the 40 quotations, how many of each kind)."""
    from source.opening import open_document

    rng = random.Random(seed)
    document = open_document(str(REPORT))
    candidates = []
    for s in document.sentences:
        text = re.sub(r"\s+", " ", document.sentence_text(s)).strip()
        if (
            12 <= len(text.split()) <= 30
            and '"' not in text
            and "\u201c" not in text
            and s.page == s.end_page
        ):
            label = document.page(s.page).label
            if label is not None and label.isdigit():
                candidates.append((text.rstrip("."), label))
    picked = rng.sample(candidates, 36)
    quotes: list[tuple[str, str]] = []
    counts = {"verbatim": 24, "elided": 4, "misremembered": 4, "wrong page": 4, "made up": 4}
    for i, (text, label) in enumerate(picked):
        if i < 24:
            quotes.append((text, label))
        elif i < 28:
            w = text.split()
            quotes.append((" ".join(w[:5]) + " \u2026 " + " ".join(w[8:]), label))
        elif i < 32:
            quotes.append((misremember(text, rng), label))
        else:
            quotes.append((text, str(int(label) + 5)))
    quotes += [(q, "15") for q in MADE_UP]
    rng.shuffle(quotes)
    chain = _chain(report_sentences(REPORT))
    per_gap = (words - sum(len(q.split()) + 8 for q, _ in quotes)) // len(quotes)
    parts: list[str] = ["# A draft on information control in North Korea\n"]
    for i, (quote, label) in enumerate(quotes):
        prose = []
        while sum(len(p.split()) for p in prose) < per_gap:
            prose.append(re.sub('["\u201c\u201d\u2018\u2019\u00ab\u00bb]', "", _sentence(chain, rng)))
        cite = f"(p. {label})" if i % 2 else f"(Amnesty International 2016, {label})"
        parts.append(" ".join(prose) + f' As the report puts it, "{quote}" {cite}.\n')
    return "\n".join(parts), [q for q, _ in quotes], counts


def run(args: list[str], env: dict[str, str]) -> tuple[float, int]:
    start = time.perf_counter()
    done = subprocess.run(args, env=env, capture_output=True, text=True)
    return time.perf_counter() - start, done.returncode


def median_run(args: list[str], env: dict[str, str], runs: int) -> float:
    return statistics.median(run(args, env)[0] for _ in range(runs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="Runs per timing (the median is kept).")
    parser.add_argument("--library", type=int, default=50, help="PDFs in the library (0: skip).")
    parser.add_argument("--workdir", type=Path, default=None, help="Where to keep the generated files.")
    parser.add_argument("--no-write", action="store_true", help="Print, do not write bench/RESULTS.md.")
    opts = parser.parse_args()
    workdir = opts.workdir or Path(tempfile.mkdtemp(prefix="citex-bench-check-"))
    workdir.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, CITEX_CACHE_DIR=str(workdir / "cache"), CITEX_DATA_DIR=str(workdir / "data"))
    os.environ.update(env)
    text, quotes, counts = make_draft()
    draft = workdir / "draft.md"
    draft.write_text(text, encoding="utf-8")
    exe = citex()
    cold, code = run([exe, "check", str(draft), str(REPORT)], env)
    out = subprocess.run([exe, "check", str(draft), str(REPORT)], env=env, capture_output=True, text=True)
    verdicts: dict[str, int] = {}
    pages: dict[str, int] = {}
    for line in out.stdout.splitlines():
        fields = line.split("\t")
        verdicts[fields[1]] = verdicts.get(fields[1], 0) + 1
        check = next(
            (w for w in ("right", "wrong", "not found", "prints no number") if w in fields[2]), "none"
        )
        pages[check] = pages.get(check, 0) + 1
    warm = median_run([exe, "check", str(draft), str(REPORT)], env, opts.runs)
    verify_runs = []
    for _ in range(max(1, opts.runs // 2)):
        start = time.perf_counter()
        for q in quotes:
            subprocess.run([exe, "verify", q, str(REPORT)], env=env, capture_output=True)
        verify_runs.append(time.perf_counter() - start)
    verify_total = statistics.median(verify_runs)
    words = len(text.split())
    rows = [
        f"| draft | {words} words, {len(quotes)} quotations ({', '.join(f'{n} {k}' for k, n in counts.items())}) |",
        f"| verdicts given | {', '.join(f'{n} {k}' for k, n in sorted(verdicts.items()))} (exit {out.returncode}) |",
        f"| page checks | {', '.join(f'{n} {k}' for k, n in sorted(pages.items()))} |",
        f"| `citex check draft.md report.pdf`, cold (reads and indexes the report) | {cold:.2f} s (exit {code}) |",
        f"| `citex check draft.md report.pdf`, warm, median of {opts.runs} | {warm:.2f} s |",
        f"| 40 x `citex verify QUOTE report.pdf`, warm, median of {len(verify_runs)} | {verify_total:.2f} s |",
    ]
    if opts.library:
        lib = workdir / "library"
        generate_library(lib, opts.library - 1, 10, report_sentences(REPORT))
        pdfs = sorted(lib.glob("gen-*.pdf"))[: opts.library - 1]
        start = time.perf_counter()
        subprocess.run([exe, "add", str(REPORT), *map(str, pdfs)], env=env, capture_output=True, check=True)
        added = time.perf_counter() - start
        lib_cold, _ = run([exe, "check", str(draft)], env)
        lib_warm = median_run([exe, "check", str(draft)], env, opts.runs)
        rows += [
            f"| library: `citex add` the report + {len(pdfs)} generated PDFs of 10 pages | {added:.1f} s |",
            f"| `citex check draft.md` (the library), first run | {lib_cold:.2f} s |",
            f"| `citex check draft.md` (the library), warm, median of {opts.runs} | {lib_warm:.2f} s |",
        ]
    body = "\n".join(
        [
            "## Checking a draft (`citex check`, issue 12)",
            "",
            f"Measured with `python bench/bench_check.py --runs {opts.runs} --library {opts.library}` "
            f"({machine()}; whole processes, warm = the cache holds the documents and indexes; other "
            f"engineers' work shared the two cores: load average {os.getloadavg()[0]:.1f} at the end).",
            "",
            "| what | figure |",
            "|---|---|",
            *rows,
            "",
            "Targets (issue 12): at most 2 s against the report and 5 s against a 50-PDF library.",
        ]
    )
    print(body)
    if not opts.no_write:
        write_section(HERE / "RESULTS.md", "check", body)


if __name__ == "__main__":
    main()
