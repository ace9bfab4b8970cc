"""Header fields that OCR read with low confidence: null and said so, never a wrong number.

A scanned report's number and day are often written by hand on the printed form after
signing; Tesseract reads them poorly. A doubtful reading is moved to `document.uncertain`
(`{"number": {"read": "1?58", "confidence": 0.41}}`) and a warning names it, so an officer
checks the page instead of acting on a made-up number (spec/output.md).
"""

from __future__ import annotations

from typing import Any

from vanban.extract.flags import Flag, make_flag
from vanban.extract.header_fields import blank_marks, field_regions
from vanban.extract.model import Document


def mark_uncertain(doc: Document, header: dict[str, Any]) -> list[Flag]:
    """Null the header fields OCR could not read or read badly; return their `uncertain_field` flags.

    The header already set aside what stands where a hand writes (`header["uncertain"]`, raw
    readings); here a clean-looking number or day resting on a word Tesseract doubted joins them,
    and each gets its confidence. A field holding only what a blank line leaves (`ngày - tháng 11`,
    the dash read at 0%) is a blank one (`blank_date`, `blank_number`), whatever OCR's confidence;
    but where a hand wrote the number, it wrote the day too (a clerk fills both as the document is
    registered: a handwritten 6 read `_` at 33%), so a doubted mark where the day stands is its.
    """
    raw: dict[str, str] = dict(header.get("uncertain") or {})
    regions = field_regions(doc.text)
    found: dict[str, dict[str, Any]] = {}
    for name, (lo, hi) in regions.items():
        conf = doc.confidence_at(lo, hi) if hi > lo else None
        read = raw.get(name) or (" ".join(doc.text[lo:hi].split()) if conf is not None else "")
        if blank_marks(read) and not (name == "date" and ("number" in found or "number" in raw)):
            continue                            # a blank line's dash OCR doubted: still a blank
        if read:
            found[name] = {"read": read, "confidence": conf}
    for name, read in raw.items():
        found.setdefault(name, {"read": read, "confidence": None})
    if not found:
        header.pop("uncertain", None)
        return []
    if "number" in found:
        header.update(number=None, number_blank=False)
        if "canonical" in header:
            header["canonical"] = None
    if "date" in found and header.get("date"):
        header["date_partial"], header["date"] = header["date"][:7], None
    header["uncertain"] = found
    page = doc.page_at(min((lo for lo, _ in regions.values()), default=0))
    return [_flag(name, u, page) for name, u in found.items()]


def _flag(name: str, u: dict[str, Any], page: int | None) -> Flag:
    """The warning for one field. A reading without a word confidence (the junk a hand left where the
    number stands, or a text layer, not OCR) says neither a made-up confidence ("?") nor that OCR read
    it: `uncertain_field_unrated` says it could not be read clearly."""
    if u["confidence"] is None:
        return make_flag("uncertain_field", "uncertain_field_unrated", field=name, read=u["read"], page=page)
    return make_flag("uncertain_field", field=name, read=u["read"], page=page, confidence=f"{u['confidence']:.0%}")


def low_confidence_pages(doc: Document, threshold: float) -> list[Flag]:
    """One warning naming the pages OCR read with a mean word confidence below `threshold`."""
    bad = [p for p in doc.page_list if p.method == "ocr" and p.confidence is not None and p.confidence < threshold]
    if not bad:
        return []
    pages = ", ".join(str(p.page) for p in bad)
    worst = min(p.confidence for p in bad if p.confidence is not None)
    return [make_flag("ocr_low_confidence", pages=pages, confidence=f"{worst:.0%}")]
