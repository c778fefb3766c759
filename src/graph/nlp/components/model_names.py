"""`graph_model_names`: a model entity put back where it holds the ruler's matches and its
label outranks theirs (`model_keeps` in `etl/rules/ner.yaml`)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from graph.nlp.models import ner_settings


@Language.factory(
    "graph_model_names",
    assigns=["doc.ents", "token.ent_iob", "token.ent_type", "token.ent_id"],
    requires=["doc.ents", "doc._.model_spans"],
    default_config={},
)
class ModelNames:
    """Runs right after the entity ruler: puts back a model entity that strictly holds the
    ruler's matches when `model_keeps` in `etl/rules/ner.yaml` says its label outranks
    theirs (an ORG holding a NORP: "Italian police")."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.keeps = {label: set(inner) for label, inner in ner_settings().get("model_keeps", {}).items()}

    def __call__(self, doc: Doc) -> Doc:
        restored = []
        ents = None
        for key, label in (doc._.model_spans or {}).items():
            if label not in self.keeps:
                continue
            start, end = (int(x) for x in key.split(":"))
            span = doc.char_span(start, end, label=label)
            if span is None:
                continue
            ents = list(doc.ents) if ents is None else ents
            inside = [e for e in ents if e.start < span.end and span.start < e.end]
            if (
                inside
                and all(span.start <= e.start and e.end <= span.end for e in inside)
                and all(e.label_ in self.keeps[label] for e in inside)
                and (len(inside) > 1 or len(inside[0]) < len(span))
            ):
                restored.append(span)
        if restored:
            add_model_spans(doc, restored)
        return doc


def add_model_spans(doc: Doc, spans: list[Span]) -> None:
    """Put model entities back in place of the entities they hold, without the lexicon ids
    those left on their tokens (an entity's id is read from its tokens)."""
    kept = [e for e in doc.ents if not any(s.start <= e.start and e.end <= s.end for s in spans)]
    doc.ents = filter_spans(kept + spans)
    for span in spans:
        for token in span:
            token.ent_id_ = ""
