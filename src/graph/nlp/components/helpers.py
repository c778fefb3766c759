"""What the pipeline's components share: matching forms of phrases, token splitting, windowed
matching, and telling the NER model's entities from the rules' when the rules add theirs."""

from __future__ import annotations

import itertools
from bisect import bisect_left
from collections.abc import Collection

import numpy
from spacy.attrs import ENT_TYPE, IDX, LENGTH, NORM
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans
from spacy.vocab import Vocab

from graph.nlp.normalise import normalise

if not Doc.has_extension("pattern_matches"):
    # the regex matches `graph_normaliser` found, for `graph_patterns`
    Doc.set_extension("pattern_matches", default=None)
if not Doc.has_extension("model_spans"):
    # "start_char:end_char" -> label (string keys: docs cross processes as msgpack)
    Doc.set_extension("model_spans", default=None)


def norms_of(nlp: Language, phrase: str) -> list[str]:
    """The matching forms of a phrase's tokens."""
    return [normalise(t.text) for t in nlp.tokenizer(phrase)]


def pattern_doc(nlp: Language, phrase: str) -> Doc:
    """A phrase for a PhraseMatcher, split into tokens as documents are (the normaliser splits
    المهرب into ال + مهرب when مهرب is a word it knows), so that it matches them."""
    doc = nlp.make_doc(phrase)
    return nlp.get_pipe("graph_normaliser")(doc) if "graph_normaliser" in nlp.pipe_names else doc


def split_tokens_at(doc: Doc, cuts: Collection[int], starts: numpy.ndarray | None = None) -> bool:
    """Split the tokens that have a cut (a character offset) strictly inside them; True if any
    was. `starts` (the tokens' first characters) saves a lookup when the caller has it."""
    if not cuts:
        return False
    if starts is None:
        starts = doc.to_array(IDX).astype(numpy.int64)
    positions = numpy.fromiter(cuts, dtype=numpy.int64, count=len(cuts))
    tokens = numpy.searchsorted(starts, positions, side="right") - 1
    ends = starts + doc.to_array(LENGTH).astype(numpy.int64)
    safe = numpy.maximum(tokens, 0)
    inside_mask = (tokens >= 0) & (starts[safe] < positions) & (positions < ends[safe])
    if not inside_mask.any():
        return False
    inside: dict[int, list[int]] = {}
    for i, cut in zip(tokens[inside_mask].tolist(), positions[inside_mask].tolist(), strict=True):
        inside.setdefault(i, []).append(cut - int(starts[i]))
    sentences = doc.has_annotation("SENT_START")
    with doc.retokenize() as retokenizer:
        for i, offsets in inside.items():
            token = doc[i]
            bounds = [0, *sorted(offsets), len(token.text)]
            orths = [token.text[a:b] for a, b in itertools.pairwise(bounds)]
            retokenizer.split(token, orths, heads=[(token, 0)] * len(orths))
    if sentences:  # a piece of a split token never starts a sentence
        new_starts = doc.to_array(IDX).tolist()
        for cut in positions[inside_mask].tolist():
            doc[bisect_left(new_starts, cut)].is_sent_start = False
    return True


def use_matching_norms(vocab: Vocab) -> None:
    """Make the vocabulary's NORM the matching form of `normalise` for every word, present
    and future, so matchers on NORM see folded letters without a pass over each token."""
    if vocab.lex_attr_getters.get(NORM) is normalise:
        return
    vocab.lex_attr_getters[NORM] = normalise
    for lexeme in vocab:
        lexeme.norm_ = normalise(lexeme.orth_)


def matches_near(
    matcher: Matcher, doc: Doc, anchors: numpy.ndarray, reach: int
) -> list[tuple[int, int, int]]:
    """Run `matcher` only on windows of `reach` tokens around the anchor positions, merged.
    Every pattern given to such a matcher contains an anchor and is at most `reach` tokens
    long, so the matches are those over the whole Doc, at a fraction of the cost."""
    if not len(anchors):
        return []
    found = []
    starts = numpy.maximum(anchors - reach, 0).tolist()
    ends = numpy.minimum(anchors + reach + 1, len(doc)).tolist()
    window_start, window_end = starts[0], ends[0]
    for start, end in [*zip(starts[1:], ends[1:], strict=True), (len(doc) + 1, len(doc) + 1)]:
        if start <= window_end:
            window_end = max(window_end, end)
            continue
        window = matcher(doc[window_start:window_end])
        found += [(m, window_start + a, window_start + b) for m, a, b in window]
        window_start, window_end = start, end
    return found


def from_model(ent: Span, model_spans: dict[str, str] | None = None) -> bool:
    """Whether an entity is the NER model's, unchanged: a rule that matched the same
    characters gives another label or a lexicon id. `model_spans` is the Doc's
    `doc._.model_spans`, for callers that test many entities."""
    if model_spans is None:
        model_spans = ent.doc._.model_spans or {}
    return model_spans.get(f"{ent.start_char}:{ent.end_char}") == ent.label_ and not ent.ent_id_


def covered_tokens(doc: Doc, spans: list[Span]) -> numpy.ndarray:
    """Which tokens lie in one of `spans`."""
    covered = numpy.zeros(len(doc), dtype=bool)
    for span in spans:
        covered[span.start : span.end] = True
    return covered


def rule_entity_tokens(doc: Doc) -> numpy.ndarray:
    """Which tokens lie in an entity found by a rule (not by the NER model, whose entities the
    rules may overrule)."""
    model_spans = doc._.model_spans
    if not model_spans:
        return doc.to_array(ENT_TYPE) != 0
    return covered_tokens(doc, [ent for ent in doc.ents if not from_model(ent, model_spans)])


def add_rule_spans(doc: Doc, spans: list[Span]) -> None:
    """Add entities a rule found: they replace the model's entities they overlap and never
    overlap another rule's (callers check)."""
    kept = list(doc.ents)
    model_spans = doc._.model_spans
    if model_spans:
        covered = covered_tokens(doc, spans)
        kept = [e for e in kept if not covered[e.start : e.end].any() or not from_model(e, model_spans)]
    doc.ents = filter_spans(kept + spans)
