"""What the signature pass (extract/ocr_signature.py) costs, against the page OCR of the same pages.

    python bench/ocr_signature.py [SCAN.pdf ...]

For every page of the scans (default: corpus/scan and ../shared/corpus/wild/*scan*.pdf): the check
that decides whether the pass runs (`region`, on every page), and on the pages where it runs the
second reading with an empty cache (the region really read) beside Tesseract's reading of the whole
page. Pages come from the OCR page cache ($VANBAN_OCR_CACHE or ~/.cache/vanban/ocr): the first run
reads them.
"""

from __future__ import annotations

import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import pypdfium2 as pdfium

from vanban.extract import ocr_signature
from vanban.extract.ocr import recognise
from vanban.extract.ocr_cache import FolderCache, Ocr, default_cache_dir
from vanban.extract.read_pdf import scan_dpi

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str]) -> int:
    scans = [Path(a) for a in argv] or sorted((ROOT / "corpus" / "scan").glob("*.pdf")) + \
        sorted((ROOT.parent / "shared" / "corpus" / "wild").glob("*scan*.pdf"))
    cached = Ocr(cache=FolderCache(default_cache_dir()))
    pages = triggered = readings = 0
    check = again = whole = 0.0
    for path in scans:
        pdf = pdfium.PdfDocument(str(path))
        for i in range(len(pdf)):
            page = pdf[i]
            dpi = scan_dpi(page, cached.settings.dpi)
            image = page.render(scale=dpi / 72, grayscale=True).to_pil()
            read = cached.page(image, dpi=dpi)
            pages += 1
            start = time.perf_counter()
            box = ocr_signature.region(read)
            check += time.perf_counter() - start
            if box is None:
                continue
            triggered += 1
            with tempfile.TemporaryDirectory() as tmp:
                start = time.perf_counter()
                out = ocr_signature.reread(Ocr(cache=FolderCache(tmp)), image, read, dpi)
                took = time.perf_counter() - start
                n = len(list(Path(tmp).rglob("*.json.gz")))
            start = time.perf_counter()
            recognise(image, replace(cached.settings, dpi=dpi))
            whole += time.perf_counter() - start
            again += took
            readings += n
            print(f"{path.name[:44]:44} p{i + 1:<3} {n} reading(s) {took:5.2f} s, {len(out.lines) - len(read.lines)} "
                  "line(s) added")
        pdf.close()
    print(f"\n{pages} pages: the check {check * 1000:.1f} ms in all ({check / max(pages, 1) * 1000:.2f} ms a page)")
    print(f"the pass ran on {triggered} pages: {readings} region readings in {again:.1f} s; the same pages' own "
          f"OCR {whole:.1f} s (ratio {again / max(whole, 1e-9):.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
