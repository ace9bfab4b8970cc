"""Extraction speed per format, against a same-run pdfplumber baseline.

    python bench/extract.py [--repeat N] [CORPUS_DIR]

Prints pages/s and MB/s of full extraction (read, normalise, citations, header, figures,
tables) for the txt, docx and pdf renditions of the corpus; the baseline reads every PDF page
with pdfplumber (`extract_text()` and `extract_tables()`), as a pdfplumber-only extractor
would; the ratio is ours over the baseline, with the citations both find compared. Then the
throughput of citation finding alone on the normalised text, on one core.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

import pdfplumber

from vanban.extract.citations import find_citations
from vanban.extract.normalise import normalise_text
from vanban.extract.read import read
from vanban.extract.record import build_record

ROOT = Path(__file__).resolve().parents[1]


def _full_keys(citations: list) -> set[str]:
    return {c["canonical"] if isinstance(c, dict) else c.canonical for c in citations
            if (c["kind"] if isinstance(c, dict) else c.kind) == "full"}


def run_ours(files: list[Path], repeat: int) -> tuple[float, int, int, dict[str, set[str]]]:
    """Seconds per pass over `files`, pages, bytes, and the full citations found per file."""
    found: dict[str, set[str]] = {}
    pages = size = 0
    start = time.perf_counter()
    for _ in range(repeat):
        pages = size = 0
        for f in files:
            doc = read(f)
            rec = build_record(doc)
            pages += doc.pages
            size += doc.size
            found[f.stem] = _full_keys(rec["citations"])
    return (time.perf_counter() - start) / repeat, pages, size, found


def run_baseline(files: list[Path], repeat: int) -> tuple[float, dict[str, set[str]]]:
    """pdfplumber on every page: text and tables; citations found in its text."""
    found: dict[str, set[str]] = {}
    start = time.perf_counter()
    for _ in range(repeat):
        for f in files:
            texts = []
            with pdfplumber.open(f) as pdf:
                for page in pdf.pages:
                    texts.append(page.extract_text() or "")
                    page.extract_tables()
                    page.close()
            found[f.stem] = _full_keys(find_citations(normalise_text("\n".join(texts)).text))
    return (time.perf_counter() - start) / repeat, found


def citation_throughput(files: list[Path], seconds: float = 2.0) -> tuple[float, int]:
    """MB/s of `find_citations` alone over the normalised texts, and citations per pass."""
    texts = [read(f).text for f in files]
    size = sum(len(t.encode("utf-8")) for t in texts)
    passes = 0
    n = 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        n = sum(len(find_citations(t)) for t in texts)
        passes += 1
    elapsed = time.perf_counter() - start
    return size * passes / elapsed / 1e6, n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", type=Path, default=ROOT / "corpus")
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    if hasattr(os, "sched_getaffinity"):
        print(f"cores available: {len(os.sched_getaffinity(0))}; everything below runs in one process")
    read(a.corpus / "txt" / next(p.name for p in (a.corpus / "txt").glob("*.txt")))   # warm caches

    rows = {}
    for fmt in ("txt", "docx", "pdf"):
        files = sorted((a.corpus / fmt).glob(f"*.{fmt}"))
        if not files:
            continue
        secs, pages, size, found = run_ours(files, a.repeat)
        rows[fmt] = (secs, pages, size, found)
        print(f"{fmt:5} {len(files)} files {pages:4d} pages {size / 1e6:6.2f} MB  "
              f"{pages / secs:8.1f} pages/s  {size / 1e6 / secs:6.2f} MB/s  ({secs * 1000:.0f} ms per pass)")

    if "pdf" in rows:
        secs, pages, size, found = rows["pdf"]
        files = sorted((a.corpus / "pdf").glob("*.pdf"))
        base_secs, base_found = run_baseline(files, max(1, a.repeat // 3))
        print(f"baseline: pdfplumber extract_text()+extract_tables() on every page: "
              f"{pages / base_secs:8.1f} pages/s  {size / 1e6 / base_secs:6.2f} MB/s")
        print(f"ratio (full vanban extraction of the PDFs / baseline): {base_secs / secs:.1f}x  (target >= 5x)")
        same = all(found[k] == base_found.get(k) for k in found)
        print(f"same full citations found by both: {same}")
        for k in sorted(found):
            if found[k] != base_found.get(k):
                print(f"  {k}: only vanban {sorted(found[k] - base_found[k])}, "
                      f"only baseline {sorted(base_found[k] - found[k])}")

    mbs, n = citation_throughput(sorted((a.corpus / "txt").glob("*.txt")))
    print(f"citation finding alone: {mbs:.2f} MB/s on one core ({n} citations per pass; target >= 2 MB/s)")


if __name__ == "__main__":
    main()
