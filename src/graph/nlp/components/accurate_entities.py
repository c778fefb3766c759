"""`graph_accurate_ner`: the accurate mode's entities (a fine-tuned multilingual e5-small,
`graph.nlp.accurate`) in place of the fast model's, each with the tagger's probability."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.util import filter_spans, minibatch

from graph.nlp.accurate.tagger import Entity, load_accurate_tagger
from graph.nlp.models import accurate_weights_path

if not Doc.has_extension("model_probabilities"):
    # [start_char, end_char, probability] of each entity the model found, before any trimming
    Doc.set_extension("model_probabilities", default=None)


@Language.factory(
    "graph_accurate_ner",
    assigns=["doc.ents", "token.ent_iob", "token.ent_type", "doc._.model_probabilities"],
    requires=["token.is_sent_start"],
    default_config={},
)
class AccurateEntities:
    """Sets `doc.ents` from the accurate tagger, sentence by sentence (spaces are no words to
    it), and records each entity's probability by its characters, which survive the later
    components' token splits (`model_probability`)."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.tagger = load_accurate_tagger(str(accurate_weights_path()))

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        """Tags the sentences of `batch_size` documents at once (the encoder batches segments
        of similar length across them)."""
        for batch in minibatch(docs, size=batch_size):
            sentences = [[[t for t in s if not t.is_space] for s in doc.sents] for doc in batch]
            found = iter(self.tagger([[t.text for t in words] for doc in sentences for words in doc]))
            for doc, words_of_doc in zip(batch, sentences, strict=True):
                set_entities(doc, words_of_doc, [next(found) for _ in words_of_doc])
                yield doc


def set_entities(doc: Doc, sentences: list[list[Token]], found: list[list[Entity]]) -> None:
    """The tagger's entities of each sentence as the Doc's, with their probabilities."""
    spans, probabilities = [], []
    for words, entities in zip(sentences, found, strict=True):
        for start, end, label, probability in entities:
            span = doc[words[start].i : words[end - 1].i + 1]
            spans.append(doc.char_span(span.start_char, span.end_char, label=label))
            probabilities.append([span.start_char, span.end_char, round(probability, 4)])
    doc.ents = filter_spans([s for s in spans if s is not None])
    doc._.model_probabilities = probabilities


def model_probability(doc: Doc, start_char: int, end_char: int) -> float | None:
    """The model's probability for the entity that holds these characters (None where the
    model gave none: the fast model, or an entity the model did not find)."""
    for start, end, probability in doc._.model_probabilities or ():
        if start <= start_char and end_char <= end:
            return probability
    return None
