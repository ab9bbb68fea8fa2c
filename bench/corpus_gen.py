"""Generate PDFs for the benchmarks: copies of the bundled report, or a large library of new text.

- `report_copies(report, n, folder)`: n copies of a PDF, each with one metadata byte
  changed so that each has its own sha256 (the library reads and indexes each one).
- `generate_library(folder, docs, pages)`: `docs` distinct PDFs of `pages` pages each, set
  with reportlab. The text comes from a word-bigram chain trained on the bundled report,
  with 3% of the words drawn from a Zipf-distributed vocabulary of 200,000 made-up words
  (a long tail of rare words, as a real library has). Seeded: the same arguments give the
  same PDFs.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ren",
    "sa",
    "tor",
    "vi",
    "dun",
    "pel",
    "qua",
    "zor",
    "ne",
    "bri",
    "hal",
    "us",
    "ge",
]
TAIL_WORDS = 200_000
TAIL_RATE = 0.03


def report_copies(report: Path, n: int, folder: Path) -> list[Path]:
    """n copies of `report` under `folder`, each differing in one metadata byte (so in sha256)."""
    folder.mkdir(parents=True, exist_ok=True)
    data = report.read_bytes()
    marker = b"/Creator (anonymous)"
    if marker not in data:
        raise SystemExit(f"{report}: no {marker!r} to vary; cannot make distinct copies")
    paths = []
    for i in range(n):
        path = folder / f"report-{i:03d}.pdf"
        if not path.exists():  # same length, so that the cross-reference offsets stay right
            path.write_bytes(data.replace(marker, f"/Creator (anon{i:05d})".encode()))
        paths.append(path)
    return paths


def _chain(sentences: Sequence[str]) -> dict[str, list[str]]:
    follows: dict[str, list[str]] = defaultdict(list)
    for sentence in sentences:
        words = ["<s>", *sentence.split(), "</s>"]
        for a, b in zip(words, words[1:], strict=False):
            follows[a].append(b)
    return dict(follows)


def _tail_word(rng: random.Random) -> str:
    rank = min(TAIL_WORDS, int(rng.paretovariate(1.1)))
    local = random.Random(rank)
    return "".join(local.choice(SYLLABLES) for _ in range(2 + rank % 3))


def _sentence(chain: dict[str, list[str]], rng: random.Random) -> str:
    words: list[str] = []
    word = "<s>"
    while len(words) < 60:
        word = rng.choice(chain[word])
        if word == "</s>":
            break
        words.append(_tail_word(rng) if rng.random() < TAIL_RATE else word)
    return " ".join(words)


def _write(args: tuple[Path, int, int, dict[str, list[str]]]) -> Path:
    import textwrap

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    path, seed, pages, chain = args
    if path.exists():
        return path
    rng = random.Random(seed)
    tmp = path.with_suffix(".tmp")
    canvas = Canvas(str(tmp), pagesize=A4, invariant=1)
    canvas.setTitle(f"Generated report {seed}")
    for page in range(pages):
        canvas.setFont("Helvetica", 10)
        y = 790.0
        while y > 90:
            paragraph = " ".join(_sentence(chain, rng) for _ in range(rng.randint(2, 6)))
            for line in textwrap.wrap(paragraph, 95):
                if y <= 90:
                    break
                canvas.drawString(56, y, line)
                y -= 13
            y -= 8
        canvas.setFont("Helvetica", 9)
        canvas.drawString(290, 40, str(page + 1))
        canvas.showPage()
    canvas.save()
    tmp.rename(path)
    return path


def report_sentences(report: Path) -> list[str]:
    """The bundled report's sentences (as read by source), for training the chain."""
    from source.opening import open_document

    document = open_document(report)
    return [re.sub(r"\s+", " ", document.sentence_text(s)) for s in document.sentences]


def generate_library(
    folder: Path, docs: int, pages: int, sentences: Sequence[str], workers: int = 2
) -> list[Path]:
    """`docs` distinct PDFs of `pages` pages under `folder` (existing ones are kept)."""
    folder.mkdir(parents=True, exist_ok=True)
    chain = _chain(sentences)
    jobs = [(folder / f"gen-{i:04d}.pdf", i, pages, chain) for i in range(docs)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(_write, jobs, chunksize=4))


def sample_passages(paths: Sequence[Path], n: int, seed: int = 7) -> list[str]:
    """n passages of 12-25 words taken verbatim from the given PDFs' sentences (via the cache)."""
    from source.opening import open_document

    rng = random.Random(seed)
    passages: list[str] = []
    while len(passages) < n:
        document = open_document(rng.choice(list(paths)))
        texts = [document.sentence_text(s) for s in document.sentences]
        long = [t for t in texts if len(t.split()) >= 14]
        if not long:
            continue
        words = rng.choice(long).split()
        start = rng.randrange(0, len(words) - 12)
        passages.append(" ".join(words[start : start + rng.randint(12, 25)]))
    return passages


def misremember(quote: str, rng: random.Random) -> str:
    """The quote with two edits: a word dropped, two words swapped or a word changed."""
    words = quote.split()
    for _ in range(2):
        if len(words) < 6:
            break
        k = rng.randrange(1, len(words) - 2)
        edit = rng.choice("dsc")
        if edit == "d":
            del words[k]
        elif edit == "s":
            words[k], words[k + 1] = words[k + 1], words[k]
        else:
            words[k] = rng.choice(["several", "many", "various", "certain", "official"])
    return " ".join(words)
