"""`graph_patterns`: the normaliser's regex matches (URLs, phones, handles, money, dates,
counts) as entities."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

from graph.nlp.components.helpers import covered_tokens


@Language.factory(
    "graph_patterns",
    assigns=["doc.ents", "token.ent_iob", "token.ent_type"],
    requires=["doc._.pattern_matches"],
    default_config={},
)
class PatternSpans:
    """Turns the normaliser's regex matches into entities; they win over lexicon matches."""

    def __init__(self, nlp: Language, name: str) -> None:
        pass

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for match in doc._.pattern_matches or []:
            span = doc.char_span(match["start"], match["end"], label=match["label"], alignment_mode="expand")
            if span is not None:
                spans.append(span)
        covered = covered_tokens(doc, spans)
        keep = [e for e in doc.ents if not covered[e.start : e.end].any()]
        doc.ents = filter_spans(spans + keep)
        return doc
