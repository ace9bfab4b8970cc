"""What a document says of itself: its own `Số:` line and the mentions that name it (citations.md §1).

The header's number is the document's metadata, never a citation; nor is a mention in its body of
its own type and number (`Biểu của QĐ 144 đính kèm` in Quyết định 144/2002/QĐ/BTC). Numbers restart
every year (domain.md §1.1) and many units share a symbol (`BC-TTYT`): a mention of the same number
that states another date or year (`Báo cáo số 15/BC-TTYT ngày 12/12/2024`, last year's) is another
document, and a citation.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from vanban.extract import dates
from vanban.extract.catalogue import issuer_code
from vanban.extract.header_fields import mend_left_out, number_and_date
from vanban.extract.symbols import find_symbols, type_from_symbol


def own_line(text: str) -> tuple[int, int] | None:
    """The span of the header's `Số:` line as the header reads it (`number_and_date`, cached for the
    text), however OCR spelled `Số` and mangled the number (`só:4#12 /SYT-TCCB`): what stands in it is
    the document's own number (citations.md §1)."""
    num, _ = number_and_date(text)
    return num.span() if num else None


# a year stated right after a mention, in place of its date: "Báo cáo số 15/BC-TTYT năm 2024"
_YEAR_AFTER = regex.compile(r"[ \t]*,?[ \t]*(?:của[ \t]+)?năm[ \t]+(?P<y>(?:19|20)\d\d)(?!\d)")


def is_itself(cited_date: str | None, own_when: str | None, text: str = "", end: int | None = None) -> bool:
    """A mention with the document's own key (number, symbol) is the document itself unless it states
    another date (`cited_date`, ISO) or, right after it (`end`), another year than its own: `own_when` is
    its header's date, or the month (`2025-12`) or year it fills in when the day is left blank."""
    if not own_when:
        return True
    if cited_date:
        return cited_date.startswith(own_when) or own_when.startswith(cited_date)
    year = _YEAR_AFTER.match(text, end) if end is not None else None
    return year is None or year.group("y") == own_when[:4]


def own_when(text: str) -> str | None:
    """The date of the header's place-and-date line as written in figures (`2025-03-05`), or its month
    (`2025-03`) or year when the day or month is left blank: what a mention of the document itself agrees with."""
    _, pd = number_and_date(text)
    if pd is None or not pd.group("y"):
        return None
    day, month, year = pd.group("d"), pd.group("m"), pd.group("y")
    if day and month:
        return dates.make(year, month, day)
    return f"{year}-{int(month):02d}" if month and 1 <= int(month) <= 12 else year


@dataclass(frozen=True)
class Own:
    """The document's own header symbol as a partial mention would name it."""

    doc_type: str | None
    number: str                 # without leading zeros
    issuer: str | None          # the catalogue's name of its issuer code, when known
    when: str | None = None     # its header's date (or month, or year), as `own_when` reads it

    def named_by(self, doc_type: str | None, number: str, issuer: str | None, date: str | None = None) -> bool:
        """A partial with the own type and number is the document itself (`Biểu của QĐ 144` in Quyết
        định 144), unless it names an issuer that is known to be another (`Quyết định 144 của Bộ Công
        an` in a decision of Bộ Tài chính) or states another date (`is_itself`)."""
        if (doc_type, number.lstrip("0")) != (self.doc_type, self.number) or not is_itself(date, self.when):
            return False
        return issuer is None or self.issuer is None or self.issuer.casefold() in issuer.casefold()


def own_symbol(text: str) -> Own | None:
    """The document's own header symbol (`Số: 144 /2002/QĐ/BTC`: Quyết định 144 of Bộ Tài chính)."""
    own = own_line(text)
    found = find_symbols(mend_left_out(text[own[0]:own[1]])) if own else []
    if not found:
        return None
    codes = [entry["name"] for g in found[0].groups if (entry := issuer_code(g))]
    return Own(type_from_symbol(found[0]), found[0].number.lstrip("0"), codes[0] if codes else None,
               own_when(text))
