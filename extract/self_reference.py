"""What a document says of itself: its own `Số:` line and the mentions that name it (citations.md §1).

The header's number is the document's metadata, never a citation; nor is a mention in its body of
its own type and number (`Biểu của QĐ 144 đính kèm` in Quyết định 144/2002/QĐ/BTC).
"""

from __future__ import annotations

from dataclasses import dataclass

from vanban.extract.catalogue import issuer_code
from vanban.extract.header_fields import mend_left_out, number_and_date
from vanban.extract.symbols import find_symbols, type_from_symbol


def own_line(text: str) -> tuple[int, int] | None:
    """The span of the header's `Số:` line as the header reads it (`number_and_date`, cached for the
    text), however OCR spelled `Số` and mangled the number (`só:4#12 /SYT-TCCB`): what stands in it is
    the document's own number (citations.md §1)."""
    num, _ = number_and_date(text)
    return num.span() if num else None


@dataclass(frozen=True)
class Own:
    """The document's own header symbol as a partial mention would name it."""

    doc_type: str | None
    number: str                 # without leading zeros
    issuer: str | None          # the catalogue's name of its issuer code, when known

    def named_by(self, doc_type: str | None, number: str, issuer: str | None) -> bool:
        """A partial with the own type and number is the document itself (`Biểu của QĐ 144` in Quyết
        định 144), unless it names an issuer that is known to be another (`Quyết định 144 của Bộ Công
        an` in a decision of Bộ Tài chính)."""
        if (doc_type, number.lstrip("0")) != (self.doc_type, self.number):
            return False
        return issuer is None or self.issuer is None or self.issuer.casefold() in issuer.casefold()


def own_symbol(text: str) -> Own | None:
    """The document's own header symbol (`Số: 144 /2002/QĐ/BTC`: Quyết định 144 of Bộ Tài chính)."""
    own = own_line(text)
    found = find_symbols(mend_left_out(text[own[0]:own[1]])) if own else []
    if not found:
        return None
    codes = [entry["name"] for g in found[0].groups if (entry := issuer_code(g))]
    return Own(type_from_symbol(found[0]), found[0].number.lstrip("0"), codes[0] if codes else None)
