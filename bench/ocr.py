"""OCR speed and word accuracy, against raw Tesseract on the same page images in the same run.

    python bench/ocr.py [--pages N] [--quick] [--workers 1,2]

a) pages/min end to end (render + OCR + extraction: `extract_file` with an `Ocr()` without
   cache) with 1 and 2 worker processes, beside `tesseract IMG - -l vie` on the same page images
   with the same process counts; the ratio is ours over raw.
b) word accuracy on ../shared/corpus/scan against ../shared/corpus/txt: 1 - word error rate,
   where word error = word-level Levenshtein edits / reference words, on whitespace tokens after
   NFC with punctuation stripped from each token's ends, case kept. The reference is the whole
   text and the pages read are its start, so the alignment ends anywhere in the reference.
   Raw Tesseract, vanban's OCR lines, + syllable correction, + correction in context, and the
   preprocessing variants (Otsu binarisation, 200 dpi).
c) hand transcripts of real scans ($VANBAN_WILD_TRANSCRIPTS, default /work/wild-transcripts,
   `<pdf stem>-p<N>.txt`, the first lines of page N; never in the repo: the files may not be
   republished): the same figures, the transcript being the start of the page.
d) tesserocr (model loaded once a process) against pytesseract (a `tesseract` run a page).
OCR text of the accuracy runs is cached in $VANBAN_BENCH_CACHE (default /tmp/vanban-bench-ocr).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

os.environ["OMP_THREAD_LIMIT"] = "1"

import pypdfium2 as pdfium
import regex
from PIL import Image

from vanban.extract.ocr import OcrSettings, recognise
from vanban.extract.ocr_cache import Ocr
from vanban.extract.pages import ocr_lines
from vanban.extract.read_pdf import scan_dpi
from vanban.extract.record import extract_file
from vanban.extract.spelling import correct_line

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus"
TRANSCRIPTS = Path(os.environ.get("VANBAN_WILD_TRANSCRIPTS", "/work/wild-transcripts"))
CACHE = Path(os.environ.get("VANBAN_BENCH_CACHE", "/tmp/vanban-bench-ocr"))
_EDGE = regex.compile(r"^\p{P}+|\p{P}+$")


# -- pages -----------------------------------------------------------------------------------------

def render(pdf: Path, index: int, dpi: int) -> Image.Image:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return doc[index].render(scale=dpi / 72, grayscale=True).to_pil()
    finally:
        doc.close()


def otsu(image: Image.Image) -> Image.Image:
    """Global Otsu binarisation (numpy, no OpenCV): the preprocessing variant measured."""
    import numpy as np

    a = np.asarray(image.convert("L"))
    hist = np.bincount(a.ravel(), minlength=256).astype(float)
    w = hist.cumsum()
    mu = (hist * np.arange(256)).cumsum()
    total = w[-1]
    between = (mu[-1] * w - mu * total) ** 2 / np.maximum(w * (total - w), 1)
    return Image.fromarray(((a > between.argmax()) * 255).astype("uint8"))


# -- OCR workers (module level: they run in worker processes) -------------------------------------

def _e2e(path: str) -> int:
    """One file end to end: render, OCR (no cache), extraction; its OCR'd pages."""
    rec = extract_file(path, ocr=Ocr())
    return len(rec.get("page_list") or [])


def _raw_cli(image_path: str) -> str:
    return subprocess.run(["tesseract", image_path, "-", "-l", "vie"], capture_output=True, text=True,
                          check=True).stdout


def _ours(image_path: str, dpi: int) -> str:
    page = recognise(Image.open(image_path), OcrSettings(dpi=dpi))
    return "\n".join(line.text for line in page.lines)


def _own_dpi(pdf: Path, index: int) -> int:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return scan_dpi(doc[index], OcrSettings().dpi)
    finally:
        doc.close()


def _vanban(image_path: str, dpi: int) -> str:
    """What the pipeline makes of the page: Tesseract, then repair and syllable correction."""
    page = recognise(Image.open(image_path), OcrSettings(dpi=dpi))
    return "\n".join(line.text for line in ocr_lines(page, 1))


def _cached(kind: str, image_path: str, dpi: int) -> str:
    """OCR text of one image by `kind` ("raw" or "ours"), from the bench cache when there."""
    digest = hashlib.sha256(Path(image_path).read_bytes()).hexdigest()[:24]
    out = CACHE / f"{digest}-{kind}-{dpi}.txt"
    if out.exists():
        return out.read_text(encoding="utf-8")
    text = {"raw": _raw_cli, "ours": _ours, "vanban": _vanban}[kind](image_path, *(() if kind == "raw" else (dpi,)))
    CACHE.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    return text


def _pool_map(workers: int, fn: Callable[..., Any], *args: Iterable[Any]) -> list[Any]:
    with ProcessPoolExecutor(workers) as pool:
        return list(pool.map(fn, *args))


# -- word error ------------------------------------------------------------------------------------

def words(text: str) -> list[str]:
    out = []
    for tok in unicodedata.normalize("NFC", text).split():
        tok = _EDGE.sub("", tok)
        if tok:
            out.append(tok)
    return out


def word_errors(ref: list[str], hyp: list[str], *, free: str) -> tuple[int, int]:
    """Edits and reference words of the best alignment where one side may end early:
    `free="ref"`: hyp covers the start of ref; `free="hyp"`: ref covers the start of hyp."""
    if free == "ref":
        ref = ref[: int(len(hyp) * 1.5) + 50]
    else:
        hyp = hyp[: int(len(ref) * 1.5) + 50]
    prev = list(range(len(hyp) + 1))
    rows_end = [prev[-1]]
    for i, r in enumerate(ref, 1):
        cur = [i] + [0] * len(hyp)
        for j, h in enumerate(hyp, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (r != h))
        prev = cur
        rows_end.append(cur[-1])
    if free == "ref":                      # the ref may end anywhere: best row at hyp's end
        i = min(range(len(rows_end)), key=lambda k: (rows_end[k], -k))
        return rows_end[i], max(i, 1)
    return min(prev), len(ref)             # hyp may end anywhere


def accuracy(pairs: list[tuple[str, str]], free: str) -> float:
    edits = total = 0
    for ref, hyp in pairs:
        e, n = word_errors(words(ref), words(hyp), free=free)
        edits += e
        total += n
    return 1 - edits / max(total, 1)


# -- the runs --------------------------------------------------------------------------------------

def _warm() -> None:
    """A worker's one-off start (imports, Tesseract's model, the syllable set), not timed:
    an ingest pool pays it once for thousands of pages."""
    from PIL import ImageDraw

    from vanban.extract import syllables

    image = Image.new("L", (400, 60), 255)
    ImageDraw.Draw(image).text((10, 20), "Viet Nam 2025", fill=0)
    recognise(image, OcrSettings())
    syllables.candidates("nguoi")


def speed(scans: list[Path], pages: int, workers: list[int], tmp: Path) -> None:
    """One job a page both sides (a file of one page for ours), so two workers share evenly."""
    files, images = [], []
    for pdf in scans:
        src = pdfium.PdfDocument(str(pdf))
        for i in range(min(pages, len(src))):
            out = pdfium.PdfDocument.new()
            out.import_pages(src, [i])
            path = tmp / f"{pdf.stem}-{i + 1}.pdf"
            out.save(str(path))
            out.close()
            files.append(str(path))
            image = tmp / f"{pdf.stem}-{i + 1}.png"
            render(pdf, i, OcrSettings().dpi).save(image)
            images.append(str(image))
        src.close()
    n = len(images)
    print(f"\n## a) speed: {n} pages of {len(scans)} scans, end to end (render + OCR + extraction) "
          "vs raw `tesseract IMG - -l vie` on the same images")
    print(f"{'workers':>8} {'ours p/min':>11} {'raw p/min':>10} {'ratio':>6}")
    for w in workers:
        with ProcessPoolExecutor(w, initializer=_warm) as pool:
            list(pool.map(time.sleep, [0.5] * w))            # every worker started and warm
            start = time.perf_counter()
            list(pool.map(_e2e, files))
            ours = n / (time.perf_counter() - start) * 60
        with ProcessPoolExecutor(w) as pool:
            list(pool.map(time.sleep, [0.5] * w))
            start = time.perf_counter()
            list(pool.map(_raw_cli, images))
            raw = n / (time.perf_counter() - start) * 60
        print(f"{w:>8} {ours:>11.1f} {raw:>10.1f} {ours / raw:>6.2f}")


def ocr_variants(pdf: Path, index: int, tmp: Path, variants: list[str], workers: int) -> dict[str, str]:
    """OCR text of one page under each variant: raw@300, ours@300, ours@200, ours-otsu@300, ours@400,
    and vanban@scan: the pipeline as it runs (the scan's own resolution, repair, correction)."""
    jobs = []
    for v in variants:
        kind, _, rest = v.partition("@")
        dpi = int(rest) if rest != "scan" else _own_dpi(pdf, index)
        image = render(pdf, index, dpi)
        if kind.endswith("-otsu"):
            image = otsu(image)
        path = tmp / f"{pdf.stem}-{index}-{v}.png"
        image.save(path)
        jobs.append(("ours" if kind.startswith("ours") else kind, str(path), dpi))
    texts = _pool_map(workers, _cached, *zip(*jobs, strict=True))
    return dict(zip(variants, texts, strict=True))


def report(title: str, per_page: list[tuple[str, dict[str, str]]], free: str) -> None:
    """Accuracy of every variant (and of ours + correction) over the pages, and error ratios."""
    variants = list(per_page[0][1])
    rows: dict[str, list[tuple[str, str]]] = {}
    for ref, texts in per_page:
        for v in variants:
            rows.setdefault(v, []).append((ref, texts[v]))
            if v.startswith("ours"):
                rows.setdefault(f"{v} +syll", []).append((ref, correct_line(texts[v])))
                rows.setdefault(f"{v} +syll+ctx", []).append((ref, correct_line(texts[v], context=True)))
    raw_err = {v: 1 - accuracy(rows[v], free) for v in rows if v.startswith("raw")}
    print(f"\n## {title}: word accuracy (1 - WER), {len(per_page)} pages; "
          "raw err / err: raw Tesseract at 300 dpi, and at the variant's own dpi")
    print(f"{'variant':<26} {'accuracy':>9} {'vs raw@300':>11} {'same dpi':>9}")
    for v, pairs in rows.items():
        err = max(1 - accuracy(pairs, free), 1e-9)
        same = raw_err.get("raw@" + v.split("@")[1].split()[0].replace("scan", "200"))
        print(f"{v:<26} {1 - err:>9.4f} {raw_err['raw@300'] / err:>11.2f} "
              f"{'' if same is None else f'{same / err:.2f}':>9}")


def tesserocr_vs_pytesseract(images: list[str]) -> None:
    import pytesseract
    import tesserocr

    from vanban.extract.ocr import tessdata_dir

    print(f"\n## d) binding, one process, {len(images)} pages")
    start = time.perf_counter()
    with tesserocr.PyTessBaseAPI(path=f"{tessdata_dir()}/", lang="vie") as api:
        for p in images:
            api.SetImageFile(p)
            api.GetUTF8Text()
    a = (time.perf_counter() - start) / len(images)
    start = time.perf_counter()
    for p in images:
        pytesseract.image_to_string(Image.open(p), lang="vie")
    b = (time.perf_counter() - start) / len(images)
    print(f"tesserocr {a:.2f} s/page, pytesseract {b:.2f} s/page (model loaded per call): ratio {b / a:.2f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=2, help="pages read from each scan (default 2)")
    ap.add_argument("--quick", action="store_true", help="1 page a scan, fewer variants, no binding run")
    ap.add_argument("--workers", default="1,2")
    args = ap.parse_args(argv)
    if not (SHARED / "scan").is_dir():
        print(f"skipped: {SHARED} is absent (the shared corpus is not beside this checkout)")
        return 0
    pages = 1 if args.quick else args.pages
    workers = [int(w) for w in args.workers.split(",")]
    scans = sorted((SHARED / "scan").glob("*.pdf"))
    variants = ["raw@300", "raw@200", "vanban@scan", "ours@300"] + (
        [] if args.quick else ["ours@200", "ours-otsu@300", "ours@400"])
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        speed(scans, pages, workers, tmp)
        per_page = []
        for pdf in scans:
            ref = (SHARED / "txt" / f"{pdf.stem}.txt").read_text(encoding="utf-8")
            texts = [ocr_variants(pdf, i, tmp, variants, max(workers)) for i in range(pages)]
            per_page.append((ref, {v: "\n".join(t[v] for t in texts) for v in variants}))
        report("b) shared scans vs corpus/txt", per_page, free="ref")
        wild = sorted(TRANSCRIPTS.glob("*-p*.txt")) if TRANSCRIPTS.is_dir() else []
        wild_pages = []
        for t in wild:
            stem, _, page = t.stem.rpartition("-p")
            pdf = SHARED / "wild" / f"{stem}.pdf"
            if pdf.exists():
                wild_pages.append((t.read_text(encoding="utf-8"),
                                   ocr_variants(pdf, int(page) - 1, tmp, variants, max(workers))))
        if wild_pages:
            report("c) real scans vs hand transcripts", wild_pages, free="hyp")
        else:
            print(f"\nc) skipped: no transcripts in {TRANSCRIPTS}")
        if not args.quick:
            tesserocr_vs_pytesseract(sorted(str(p) for p in tmp.glob("*-1.png"))[:3])
    return 0


if __name__ == "__main__":
    sys.exit(main())
