"""vanban's citation finder as a spaCy pipeline component.

    nlp = spacy.blank("vi")
    nlp.add_pipe("vanban_citations")
    doc = nlp(text)
    doc.spans["citations"]      # one span per citation, label full|partial|named

The regex offsets stay the source of truth (spec/tech-notes.md): pyvi tokenises `1492/KH-SYT`
into several tokens and glues a final period to an all-caps token, so a span is made with
`alignment_mode="expand"` and the citation's fields are kept on the span (`span._.citation`).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from vanban.extract.citations import find_citations
from vanban.extract.normalise import unify_chars

if not Span.has_extension("citation"):
    Span.set_extension("citation", default=None)


class CitationFinder:
    """Fills `doc.spans[spans_key]` with the citations found in `doc.text`."""

    def __init__(self, spans_key: str = "citations") -> None:
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        text = doc.text
        # spaCy text is not normalised by vanban's reader: unify dashes and odd spaces in place
        # (one character for one, so offsets still match) before finding citations.
        for c in find_citations(unify_chars(text)):
            span = doc.char_span(c.span[0], c.span[1], label=c.kind, alignment_mode="expand")
            if span is not None:
                span._.citation = c.to_dict()
                spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc


@Language.factory("vanban_citations", default_config={"spans_key": "citations"})
def make_citation_finder(nlp: Language, name: str, spans_key: str) -> CitationFinder:
    return CitationFinder(spans_key)
