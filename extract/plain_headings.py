"""Main divisions written as bare lines in capitals, with no number ("ĐÁNH GIÁ CHUNG" / "Tốt."): read only
where the document has no numbered heading at all, and only when safe.

A line is such a heading when it stands alone in capitals, short, names an area by its key words (as a
main division: patterns/sections.toml), comes after a line not in capitals (the header's and the title's
lines in capitals run together) and has text under it; and the document has at least `min_plain` of them
(one stray line in capitals is no outline). Lines in lower case under them ("Cải cách thể chế") are not
read: the line folder may have glued them to the sentence below, and a short capitalised line is the start
of a wrapped sentence as often as a heading.
"""

from __future__ import annotations

from vanban.extract.area_words import areas_of
from vanban.extract.catalogue import load
from vanban.extract.line_fold import is_caps, opens_signature
from vanban.extract.model import Document

Span = tuple[int, int]


def plain_headings(doc: Document, doc_type: str | None, end: int,
                   skip: list[Span] | tuple[Span, ...] = ()) -> list[tuple[str, list[str], Span]]:
    """(heading, areas, span) of the bare lines in capitals that are main divisions, before `end`."""
    rules = load("sections")["heading"]
    text, paras = doc.text, doc.paragraphs
    out = []
    for k in range(1, len(paras) - 1):
        ps, pe = paras[k]
        if ps >= end:
            break
        line = text[ps:pe].strip()
        if (not line or len(line) > rules["max_length"] or "\t" in line or line.endswith((".", ";", "!", "?"))
                or any(s <= ps < e for s, e in skip) or not is_caps(line) or opens_signature(line)):
            continue
        before, after = (text[slice(*paras[j])].strip() for j in (k - 1, k + 1))
        if is_caps(before) or is_caps(after) or not after:
            continue
        heading = line.rstrip(" :")
        if areas := areas_of(heading, doc_type, True):
            out.append((heading, areas, (ps, ps + len(heading))))
    return out if len(out) >= rules["min_plain"] else []
