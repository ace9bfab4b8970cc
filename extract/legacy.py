"""Legacy 8-bit Vietnamese encodings (TCVN3/ABC and VNI): detect them and convert to Unicode."""

from __future__ import annotations

import regex

# Words that are common in every administrative text, as TCVN3 and VNI bytes read as cp1252.
_TCVN3_WORDS = regex.compile(r"(?:n¨m|c¸c|hµnh|chÝnh|ViÖt|ngµy|th¸ng|cña|Sè|viÖc|Céng|hoµ|x· héi)")
_VNI_WORDS = regex.compile(r"(?:naêm|Soá|thaùng|ngaøy|vieäc|cuûa|COÄNG|HOØA|Vieät)")


def detect(text: str) -> str | None:
    """'tcvn3' or 'vni' when the text reads as one of them, else None."""
    sample = text[:20000]
    t = len(_TCVN3_WORDS.findall(sample))
    v = len(_VNI_WORDS.findall(sample))
    if t >= 3 and t > v:
        return "tcvn3"
    if v >= 3:
        return "vni"
    return None


def encoding_of_font(font: str) -> str | None:
    """The legacy encoding a font name implies: .VnTime and kin are TCVN3, VNI-* are VNI."""
    name = font.strip().lstrip(".").lower()
    if name.startswith("vni"):
        return "vni"
    if name.startswith("vn") and not name.startswith("vn "):
        return "tcvn3"
    return None


def fix(text: str) -> tuple[str, str | None]:
    """`text` converted to Unicode when it is in a legacy encoding, and that encoding's name."""
    enc = detect(text)
    return (convert(text, enc), enc) if enc else (text, None)


def convert(text: str, encoding: str) -> str:
    """Unicode text for `text` in `encoding`; not available yet, so the reader reports it."""
    raise NotImplementedError(encoding)
