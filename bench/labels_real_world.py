"""Page labels of each real-world PDF against the folio pdftotext shows on the page.

Usage: python bench/labels_real_world.py

The expected folio of each page comes from the corpus README (tests/corpus/real-world):
a rule per file (printed = physical + offset, /PageLabels, or none printed), counted only
where `pdftotext -layout` shows that folio in the page's first or last three lines (else the
page prints none, and the right label is None). "lies" counts pages whose label claims to be
printed but does not stand at the page's edge. Needs pdftotext (poppler-utils).
"""

import re
import subprocess
import sys
from pathlib import Path

import pypdf

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from source import read_pdf  # noqa: E402

RW = str(ROOT / "tests" / "corpus" / "real-world") + "/"
REPORT = str(ROOT / "explorer" / "data" / "connection-denied.pdf")


def ssi(p):
    if 2 <= p <= 5:
        return ["ii", "iii", "v", "vi"][p - 2]
    for lo, hi, off in ((6, 24, -5), (25, 45, -4), (46, 84, -3), (85, 88, -2)):
        if lo <= p <= hi:
            return str(p + off)


UNNUMBERED = {
    ("loc-iraq-word-pdfmaker", 3),
    ("who-hcv-indesign", 26),
}  # README: a note number / 'CHAPTER 1.' at the edge, no folio
RULES = {
    "harvardlr-offprint": lambda p, pl: str(p + 1714),
    "texaslr-word365": lambda p, pl: str(p + 35),
    "gwulr-indesign": lambda p, pl: str(p + 1049),
    "mmwr-table-symbol-notes": lambda p, pl: str(p + 20),
    "loc-iraq-word-pdfmaker": lambda p, pl: str(p - 2) if p > 2 else None,
    "un-emrip-word365": lambda p, pl: str(p),
    "un-upr-word2007-endnotes": lambda p, pl: str(p),
    "ssi-ventura-endnotes": lambda p, pl: ssi(p),
    "who-hcv-indesign": lambda p, pl: pl[p - 1],
    "emnlp-word-twocolumn": lambda p, pl: None,
    "ncsc-opinion-word2013": lambda p, pl: None,
    "connection-denied": lambda p, pl: str(p + 5),
}


def edge_tokens(path, p):
    out = subprocess.run(
        ["pdftotext", "-layout", "-f", str(p), "-l", str(p), path, "-"], capture_output=True, text=True
    ).stdout
    lines = [row for row in out.splitlines() if row.strip()]
    edge = lines[:3] + lines[-3:]
    return {t.strip("|–—-·•()[],.") for row in edge for t in re.split(r"\s+", row)} | {
        t for row in edge for t in re.findall(r"[A-Za-z]*\d+|[ivxlc]+", row)
    }


total_right = total = total_lies = 0
for name, rule in RULES.items():
    path = RW + name + ".pdf" if name != "connection-denied" else REPORT
    pages = [(p.label, p.inferred, p.label_source) for p in read_pdf(path).pages]
    rd = pypdf.PdfReader(path)
    pl = list(rd.page_labels) if "/PageLabels" in rd.trailer["/Root"] else None
    right = lies = 0
    wrong = []
    for p, (label, inferred, source) in enumerate(pages, 1):
        toks = edge_tokens(path, p)
        exp = rule(p, pl)
        truth = exp if exp is not None and exp in toks else None
        if name == "emnlp-word-twocolumn":
            truth = pl[p - 1]  # no folios: /PageLabels
        if (name, p) in UNNUMBERED:
            truth = None
        if source == "printed" and label not in toks:
            lies += 1
        if label == truth:
            right += 1
        else:
            wrong.append((p, label, inferred, truth))
    total += len(pages)
    total_right += right
    total_lies += lies
    print(
        f"{name:28s} {len(pages):4d} pages  right {right:4d} ({100 * right / len(pages):5.1f}%)  printed-but-not-on-page {lies}  wrong: {wrong[:6]}"
    )
print(f"ALL {total} pages right {total_right} ({100 * total_right / total:.1f}%) lies {total_lies}")
