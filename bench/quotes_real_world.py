"""True quotes on the real-world set: does `verify` find every one, exact, on its page?

    python bench/quotes_real_world.py                       # the committed quotes.json
    python bench/quotes_real_world.py --sample --per-file 15 --seed 7
    python bench/quotes_real_world.py --sample --write tests/corpus/real-world/quotes.json

The quotes are taken by poppler's pdftotext (bench/truequotes.py), not by Citex's reader.
Each is verified in process with `index.open_corpus([pdf]).verify(quote)`, with
CITEX_CACHE_DIR set to a fresh temporary directory, so every PDF is read and indexed cold.
Printed: per PDF, exact / near / absent, right page, and the time of Citex's cold read and
index beside `pdftotext -layout` on the same file; then every quote that is not exact on
its page, with Citex's verdict, its page and its best text.

With --write, the sampled quotes are written as JSON; a quote already in that file keeps
its `failure` (the class a person gave it) and its `checked` flag.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus" / "real-world"
QUOTES = CORPUS / "quotes.json"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def pdftotext_seconds(path: Path, runs: int = 3) -> float:
    """Median wall time of `pdftotext -layout PDF -` on the whole file."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(["pdftotext", "-q", "-layout", str(path), "-"], capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def sample_quotes(per_file: int, seed: int) -> list[dict[str, Any]]:
    """Fresh true quotes from every PDF of the set."""
    from truequotes import take_quotes

    paths = sorted(CORPUS.glob("*.pdf"))
    return [asdict(q) for q in take_quotes(paths, per_file=per_file, seed=seed)]


def verify_all(quotes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each quote with Citex's verdict, score, page and best text, and the timings per file."""
    os.environ["CITEX_CACHE_DIR"] = tempfile.mkdtemp(prefix="citex-quotes-")
    from index import open_corpus

    results = []
    for name in sorted({q["file"] for q in quotes}):
        path = CORPUS / name
        start = time.perf_counter()
        corpus = open_corpus([path])
        opened = time.perf_counter() - start
        for q in (q for q in quotes if q["file"] == name):
            t0 = time.perf_counter()
            v = corpus.verify(q["quote"])
            took = time.perf_counter() - t0
            hit = v.hit
            results.append(
                {
                    **q,
                    "verdict": v.verdict,
                    "score": round(v.score, 1),
                    "got_page": hit.page if hit else None,
                    "got_text": hit.text if hit else "",
                    "got_kind": hit.kind if hit else "",
                    "diff": [(d.op, d.quote, d.source) for d in v.diff],
                    "seconds": took,
                    "open_seconds": opened,
                }
            )
        corpus.close()
    return results


def table(results: list[dict[str, Any]]) -> str:
    """The per-file table (Markdown)."""
    rows = [
        "| file | quotes | exact | near | absent | exact, right page | wrong page | citex read+index (cold) "
        "| verify p50 | pdftotext -layout |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    total = {"n": 0, "exact": 0, "near": 0, "absent": 0, "ok": 0, "wrong": 0}
    for name in sorted({r["file"] for r in results}):
        mine = [r for r in results if r["file"] == name]
        n = len(mine)
        counts = {v: sum(r["verdict"] == v for r in mine) for v in ("exact", "near", "absent")}
        ok = sum(r["verdict"] == "exact" and r["got_page"] == r["page"] for r in mine)
        wrong = sum(r["verdict"] != "absent" and r["got_page"] != r["page"] for r in mine)
        p50 = statistics.median(r["seconds"] for r in mine) * 1000
        rows.append(
            f"| {name} | {n} | {counts['exact']} | {counts['near']} | {counts['absent']} | {ok} | {wrong} "
            f"| {mine[0]['open_seconds']:.2f} s | {p50:.0f} ms | {pdftotext_seconds(CORPUS / name):.3f} s |"
        )
        for key, value in (("n", n), ("ok", ok), ("wrong", wrong), *counts.items()):
            total[key] += value
    rows.append(
        f"| **all** | {total['n']} | {total['exact']} | {total['near']} | {total['absent']} | {total['ok']} "
        f"| {total['wrong']} | | | |"
    )
    return "\n".join(rows)


def failures(results: list[dict[str, Any]]) -> str:
    """Every quote not exact on its own page, with what Citex found."""
    out = []
    for r in results:
        if r["verdict"] == "exact" and r["got_page"] == r["page"]:
            continue
        label = r.get("failure") or "(unclassified)"
        out.append(
            f"- {r['file']} p.{r['page']} [{r['kind']}] -> {r['verdict']} {r['score']} p.{r['got_page']} "
            f"({label})\n    quote:  {r['quote']}\n    citex:  {r['got_text'][:400]}\n    diff:   {r['diff']}"
        )
    return "\n".join(out)


def write(path: Path, quotes: list[dict[str, Any]]) -> None:
    """The quotes as JSON, keeping the classes already given to quotes that were in the file."""
    old: dict[tuple[str, str], dict[str, Any]] = {}
    if path.exists():
        old = {(q["file"], q["quote"]): q for q in json.loads(path.read_text(encoding="utf-8"))["quotes"]}
    kept = []
    for q in quotes:
        entry = {k: q[k] for k in ("file", "page", "end_page", "kind", "quote", "repair")}
        before = old.get((q["file"], q["quote"]), {})
        for key in ("failure", "checked"):
            if key in before:
                entry[key] = before[key]
        kept.append(entry)
    doc = {
        "about": "True quotes from tests/corpus/real-world, taken by pdftotext (bench/truequotes.py), "
        "checked by hand against the page; page = 1-based physical page where the quote starts. "
        "failure = why Citex does not find it exact on that page today (a strict xfail).",
        "quotes": kept,
    }
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sample", action="store_true", help="take fresh quotes instead of quotes.json")
    parser.add_argument("--per-file", type=int, default=15, help="quotes per file; 0: every candidate")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--write", type=Path, help="write the sampled quotes to this JSON file")
    parser.add_argument("--json", type=Path, help="also write every result to this file")
    args = parser.parse_args()
    if args.sample:
        quotes = sample_quotes(args.per_file, args.seed)
    else:
        quotes = json.loads(QUOTES.read_text(encoding="utf-8"))["quotes"]
    if args.write:
        write(args.write, quotes)
    results = verify_all(quotes)
    print(table(results))
    print()
    print(failures(results))
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
