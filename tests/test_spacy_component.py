"""The citation finder as a spaCy component on a real blank Vietnamese pipeline."""

from __future__ import annotations

import spacy

from tests.conftest import CORPUS
from vanban.extract.citations import find_citations
from vanban.extract.read import read


def test_component_fills_doc_spans() -> None:
    nlp = spacy.blank("vi")
    nlp.add_pipe("vanban_citations")
    text = read(CORPUS / "docx" / "001_c8d032cd6b35c309.docx").text
    doc = nlp(text)
    spans = doc.spans["citations"]
    expected = find_citations(text)
    assert expected and len(spans) == len(expected)
    for span, c in zip(spans, expected, strict=True):
        assert span.label_ == c.kind
        assert span.start_char <= c.span[0] and span.end_char >= c.span[1]
        assert span._.citation["canonical"] == c.canonical


def test_component_unifies_dashes_without_moving_offsets() -> None:
    nlp = spacy.blank("vi")
    nlp.add_pipe("vanban_citations", config={"spans_key": "cites"})
    doc = nlp("theo Công văn số 27/UBND – KGVX ngày 19/1/2022 của UBND tỉnh")
    [span] = doc.spans["cites"]
    assert span._.citation["canonical"] == "27/UBND-KGVX"
    assert span.text.startswith("Công văn số 27/UBND – KGVX")
