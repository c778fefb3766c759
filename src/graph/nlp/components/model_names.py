"""`graph_model_names`: a model entity put back where it holds the ruler's matches and its
label outranks theirs (`model_keeps` in `etl/rules/ner.yaml`), or what is left of it after a
lead the ruler matched (`model_trims`)."""

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
        settings = ner_settings()
        self.keeps = {label: set(inner) for label, inner in settings.get("model_keeps", {}).items()}
        self.trims = {label: set(lead) for label, lead in settings.get("model_trims", {}).items()}

    def __call__(self, doc: Doc) -> Doc:
        restored = []
        ents = None
        for key, label in (doc._.model_spans or {}).items():
            if label not in self.keeps and label not in self.trims:
                continue
            start, end = (int(x) for x in key.split(":"))
            span = doc.char_span(start, end, label=label)
            if span is None:
                continue
            ents = list(doc.ents) if ents is None else ents
            inside = [e for e in ents if e.start < span.end and span.start < e.end]
            if (
                label in self.keeps
                and inside
                and all(span.start <= e.start and e.end <= span.end for e in inside)
                and all(e.label_ in self.keeps[label] for e in inside)
                and (len(inside) > 1 or len(inside[0]) < len(span))
            ):
                restored.append(span)
            elif label in self.trims and (rest := trimmed(doc, span, inside, self.trims[label])) is not None:
                restored.append(rest)
        if restored:
            add_model_spans(doc, restored)
        return doc


def trimmed(doc: Doc, span: Span, inside: list[Span], leads: set[str]) -> Span | None:
    """The rest of a model entity whose first words the ruler matched as a lead (`model_trims`:
    "الفلسطيني ياسر عرفات" is a nationality, then a person), when nothing else of it was matched."""
    if not inside or inside[0].label_ not in leads or inside[0].start < span.start:
        return None
    if any(len(token.text) > 2 for token in doc[span.start : inside[0].start]):
        return None  # only a split article or clitic before the lead (ال + فلسطيني)
    cut = inside[0].end
    while cut < span.end and (
        doc[cut].is_punct or (cut < len(doc) and any(e.start == cut and e.label_ in leads for e in inside))
    ):
        cut = next((e.end for e in inside if e.start == cut), cut + 1)
    if cut >= span.end or any(e.start >= cut for e in inside):
        return None
    return Span(doc, cut, span.end, label=span.label_)


def add_model_spans(doc: Doc, spans: list[Span]) -> None:
    """Put model entities back in place of the entities they hold, without the lexicon ids
    those left on their tokens (an entity's id is read from its tokens)."""
    kept = [e for e in doc.ents if not any(s.start <= e.start and e.end <= s.end for s in spans)]
    doc.ents = filter_spans(kept + spans)
    for span in spans:
        for token in span:
            token.ent_id_ = ""
