"""Extraction speed per format, against pypdfium2's raw reading of the same pages in the same run.

    python bench/extract.py [--repeat N] [--also FILE.pdf ...] [--plumber] [CORPUS_DIR]

Prints pages/s and MB/s of full extraction (read, normalise, citations, header, figures, tables,
sections, flags) for the txt, docx and pdf renditions of the corpus, in one process. The floor is
pypdfium2 alone opening each PDF and reading every page's text (`get_textpage().get_text_range()`):
no extractor built on it can be faster, and the target is full extraction within 2× of it (and at
least 250 pages/s). `--also` adds PDFs measured the same way, each on its own line (a 170-page
decision with tables: ../shared/corpus/wild/byt-qd-2093-qd-byt-2025-cong-bo-tthc.pdf). The first
pass is shown apart from the mean of the repeats: per-word and per-line caches are warm after it.
`--plumber` adds the older baseline, pdfplumber's `extract_text()` and `extract_tables()` on every
page, with the citations both find compared. Last, the throughput of citation finding alone.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium

from vanban.extract.citations import find_citations
from vanban.extract.normalise import normalise_text
from vanban.extract.read import read
from vanban.extract.record import build_record

ROOT = Path(__file__).resolve().parents[1]


def _full_keys(citations: list) -> set[str]:
    return {c["canonical"] if isinstance(c, dict) else c.canonical for c in citations
            if (c["kind"] if isinstance(c, dict) else c.kind) == "full"}


def run_ours(files: list[Path], repeat: int) -> tuple[float, float, int, int, dict[str, set[str]]]:
    """Seconds of the first pass and mean seconds of the `repeat` passes after it over `files`,
    pages, bytes, and the full citations found per file."""
    found: dict[str, set[str]] = {}
    pages = size = 0
    times = []
    for _ in range(repeat + 1):
        pages = size = 0
        start = time.perf_counter()
        for f in files:
            doc = read(f)
            rec = build_record(doc)
            pages += doc.pages
            size += doc.size
            found[f.stem] = _full_keys(rec["citations"])
        times.append(time.perf_counter() - start)
    return times[0], sum(times[1:]) / max(repeat, 1), pages, size, found


def run_floor(files: list[Path], repeat: int) -> float:
    """Mean seconds of pypdfium2 opening each file and reading every page's text, nothing more."""
    start = time.perf_counter()
    for _ in range(repeat):
        for f in files:
            pdf = pdfium.PdfDocument(f)
            for i in range(len(pdf)):
                page = pdf[i]
                textpage = page.get_textpage()
                textpage.get_text_range()
                textpage.close()
                page.close()
            pdf.close()
    return (time.perf_counter() - start) / repeat


def _pdf_line(label: str, files: list[Path], repeat: int) -> tuple[float, int, dict[str, set[str]]]:
    """Full extraction of `files` beside the pypdfium2 floor on the same pages; prints one line.
    The two run in turns, a pass of each per round, and the ratio is the median of the rounds' ratios:
    this machine's speed drifts by half within a minute (other tenants), which a floor measured
    before all of ours counted as ours."""
    first, _, pages, size, found = run_ours(files, 0)
    ours, floors = [], []
    for _ in range(repeat):
        floors.append(run_floor(files, 1))
        ours.append(run_ours(files, 0)[0])
    secs, floor = statistics.median(ours), statistics.median(floors)
    ratio = statistics.median(o / f for o, f in zip(ours, floors, strict=True))
    print(f"{label:5} {len(files)} files {pages:4d} pages {size / 1e6:6.2f} MB  {pages / secs:8.1f} pages/s "
          f"(first pass {pages / first:.1f})  pypdfium2 floor {pages / floor:7.1f} pages/s  "
          f"ours/floor × {ratio:.2f} (rounds × {min(o / f for o, f in zip(ours, floors, strict=True)):.2f}-"
          f"{max(o / f for o, f in zip(ours, floors, strict=True)):.2f})  (targets: >= 250 pages/s, <= 2×)")
    return secs, pages, found


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
    ap.add_argument("--also", type=Path, nargs="*", default=[], help="more PDFs, each measured on its own line")
    ap.add_argument("--plumber", action="store_true", help="also run the pdfplumber baseline (slow)")
    a = ap.parse_args()
    if hasattr(os, "sched_getaffinity"):
        print(f"cores available: {len(os.sched_getaffinity(0))}; everything below runs in one process")
    read(a.corpus / "txt" / next(p.name for p in (a.corpus / "txt").glob("*.txt")))   # warm caches

    rows = {}
    for fmt in ("txt", "docx", "pdf"):
        files = sorted((a.corpus / fmt).glob(f"*.{fmt}"))
        if not files:
            continue
        if fmt == "pdf":
            secs, pages, found = _pdf_line(fmt, files, a.repeat)
            rows[fmt] = (secs, pages, found)
            continue
        _, secs, pages, size, found = run_ours(files, a.repeat)
        print(f"{fmt:5} {len(files)} files {pages:4d} pages {size / 1e6:6.2f} MB  "
              f"{pages / secs:8.1f} pages/s  {size / 1e6 / secs:6.2f} MB/s  ({secs * 1000:.0f} ms per pass)")
    for extra in a.also:
        _pdf_line(extra.stem[:20], [extra], max(1, a.repeat // 3))

    if "pdf" in rows and a.plumber:
        secs, pages, found = rows["pdf"]
        files = sorted((a.corpus / "pdf").glob("*.pdf"))
        base_secs, base_found = run_baseline(files, max(1, a.repeat // 3))
        print(f"pdfplumber extract_text()+extract_tables() on every page: {pages / base_secs:8.1f} pages/s; "
              f"full vanban extraction × {base_secs / secs:.1f} faster")
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
