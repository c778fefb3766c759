"""`graph_triggers`: event trigger phrases in `doc.spans['triggers']`."""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from graph.nlp.components.helpers import pattern_doc, use_matching_norms
from graph.nlp.lexicon import load_lexicon


@Language.factory("graph_triggers", assigns=["doc.spans"], requires=["token.norm"], default_config={})
class EventTriggers:
    """Marks event trigger phrases of `etl/rules/events.yaml` in `doc.spans['triggers']`,
    labelled with the event kind; a PhraseMatcher on NORM, so clitics and letter variants
    don't hide them; the longest trigger wins an overlap."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="NORM")
        use_matching_norms(nlp.vocab)
        for kind, phrases in load_lexicon().event_triggers.items():
            self.matcher.add(kind, [pattern_doc(nlp, p) for p in phrases if p.strip()])

    def __call__(self, doc: Doc) -> Doc:
        spans = [Span(doc, s, e, label=m) for m, s, e in self.matcher(doc)]
        doc.spans["triggers"] = filter_spans(spans)
        return doc
