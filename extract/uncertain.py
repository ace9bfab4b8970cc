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
    signer, signer_flags = _doubtful_signer(doc, header, raw)
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
    found.update(signer)
    if not found:
        header.pop("uncertain", None)
        return signer_flags
    if "number" in found:
        header.update(number=None, number_blank=False)
        if "canonical" in header:
            header["canonical"] = None
    if "date" in found and header.get("date"):
        header["date_partial"], header["date"] = header["date"][:7], None
    header["uncertain"] = found
    page = doc.page_at(min((lo for lo, _ in regions.values()), default=0))
    return [_flag(name, u, page) for name, u in found.items() if not name.startswith("signer")] + signer_flags


# A signer's name is checked as a number is not (a family name of people.toml, each word a capitalised
# syllable), so a word of it read at 0.57 stands (corpus/scan: "Tô Thị Mai Hoa", gold); below this it is
# doubted: a name read under a stamp at 0.14-0.46 had lost or garbled a letter ("Nguyễn Trúc Glang").
NAME_DOUBT = 0.45


def _doubtful_signer(doc: Document, header: dict[str, Any],
                     raw: dict[str, str]) -> tuple[dict[str, dict[str, Any]], list[Flag]]:
    """The signer's name read with a word Tesseract doubted (a second reading under a stamp, at 44%),
    and a title whose authority prefix OCR could not read (`signer_title`, set by the header): the
    name is no guess, so the signer is null and the reading kept in `uncertain["signer"]`; a title
    unread leaves the name and a null title. Returns those readings and their flags."""
    out: dict[str, dict[str, Any]] = {}
    signer = header.get("signer") or {}
    at = _name_at(doc.text, signer.get("name") or "")
    if at is not None and doc.weak_spans:
        conf = doc.confidence_at(*at)
        if conf is not None and conf < NAME_DOUBT:
            out["signer"] = {"read": doc.text[at[0]:at[1]], "confidence": conf}
            header["signer"] = None
    if "signer_title" in raw:
        out["signer_title"] = {"read": raw.pop("signer_title"), "confidence": None}
    if not out:
        return out, []
    page = doc.page_at(at[0]) if at else doc.page_at(max(0, len(doc.text) - 1))
    return out, [_flag(name, u, page, "uncertain_signer") for name, u in out.items()]


def _name_at(text: str, name: str) -> tuple[int, int] | None:
    """Where the signer's name stands: its last writing in the text, in any case (a name in capitals
    is shown with its first letters only)."""
    if not name:
        return None
    i = text.lower().rfind(name.lower())
    return (i, i + len(name)) if i >= 0 else None


def _flag(name: str, u: dict[str, Any], page: int | None, message: str = "uncertain_field") -> Flag:
    """The warning for one field. A reading without a word confidence (the junk a hand left where the
    number stands, or a text layer, not OCR) says neither a made-up confidence ("?") nor that OCR read
    it: `uncertain_field_unrated` says it could not be read clearly."""
    if u["confidence"] is None:
        return make_flag("uncertain_field", f"{message}_unrated", field=name, read=u["read"], page=page)
    return make_flag("uncertain_field", message, field=name, read=u["read"], page=page,
                     confidence=f"{u['confidence']:.0%}")


def low_confidence_pages(doc: Document, threshold: float) -> list[Flag]:
    """One warning naming the pages OCR read with a mean word confidence below `threshold`."""
    bad = [p for p in doc.page_list if p.method == "ocr" and p.confidence is not None and p.confidence < threshold]
    if not bad:
        return []
    pages = ", ".join(str(p.page) for p in bad)
    worst = min(p.confidence for p in bad if p.confidence is not None)
    return [make_flag("ocr_low_confidence", pages=pages, confidence=f"{worst:.0%}")]
