"""Builds the spaCy pipeline for a language: blank tokenizer, normaliser, sentence splitter,
entity ruler fed from the lexicons, regex matchers, person rules and event triggers."""

from __future__ import annotations

import gc
import warnings
from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.util import compile_infix_regex

import graph.nlp.components.accurate_entities
import graph.nlp.sentences  # noqa: F401  (registers graph_sentencizer)
from graph.nlp import NER_MODES
from graph.nlp.components import TextKeepingTokenizer  # importing registers the factories
from graph.nlp.lexicon import load_lexicon
from graph.nlp.models import load_model, load_ner

SUPPORTED_LANGS = ("ar", "en")


def ruler_patterns() -> list[dict]:
    """Phrase patterns for every lexicon term, both scripts in both pipelines. The ruler matches
    them on NORM with a PhraseMatcher; spaCy runs the pattern texts through the components
    before the ruler, so patterns are normalised exactly as documents are. The names matched
    only as written (`exact_terms`: "Telegraph", "the Sun") are token patterns on ORTH."""
    patterns = []
    seen = set()
    for term, label, entry_id in load_lexicon().terms:
        key = (term, label, entry_id)
        if key in seen or not term.strip():
            continue
        seen.add(key)
        pattern = {"label": label, "pattern": term}
        if entry_id:
            pattern["id"] = entry_id
        patterns.append(pattern)
    for form, label, entry_id in load_lexicon().exact_terms:
        words = form.split()
        tokens: list[dict] = [{"ORTH": word} for word in words]
        if len(words) == 1:  # "Mail" but not "Mail is ..." opening a sentence
            tokens[0]["IS_SENT_START"] = False
        patterns.append({"label": label, "pattern": tokens, "id": entry_id})
    return patterns


GLUED_QUOTE = r"(?<=\w)[“”«»„\"](?=\w)"


def build_pipeline(
    lang: str, *, model: bool = True, rules: bool = True, ner: str = "fast", ner_model: Path | None = None
) -> Language:
    """A fresh pipeline for `lang` ('ar' or 'en'): the trained NER model (`ner`: one of
    NER_MODES), then the rules, which win where both find something. `model=False` or
    `rules=False` leave one out (for measuring each alone); `ner_model` takes another fast
    model folder than the shipped one (for comparing models, benchmarks/ner_models.py)."""
    if lang not in SUPPORTED_LANGS:
        raise ValueError(f"unsupported language {lang!r}; supported: {SUPPORTED_LANGS}")
    if ner not in NER_MODES:
        raise ValueError(f"unknown NER mode {ner!r}; known: {', '.join(NER_MODES)}")
    nlp = spacy.blank(lang)
    # a quotation mark glued between two words is a token of its own (المتهمة”أندرين بول”)
    nlp.tokenizer.infix_finditer = compile_infix_regex([*nlp.Defaults.infixes, GLUED_QUOTE]).finditer
    nlp.tokenizer = TextKeepingTokenizer(nlp.tokenizer)
    nlp.add_pipe("graph_normaliser")
    nlp.add_pipe("graph_sentencizer")
    if model and ner == "accurate":
        nlp.add_pipe("graph_accurate_ner")
    elif model:
        fast = load_ner(lang) if ner_model is None else load_model(ner_model)
        with warnings.catch_warnings():
            # W113: the model's static vectors stay out of this pipeline's vocab on purpose; its
            # layer reads them from the table `load_model` registered (graph.nlp.models)
            warnings.filterwarnings("ignore", message=r"\[W113\]")
            nlp.add_pipe("tok2vec", source=fast)
            nlp.add_pipe("ner", source=fast)
    if model:
        nlp.add_pipe("graph_model_entities")
        nlp.add_pipe("graph_model_evidence")
    if not rules:
        return nlp
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "NORM", "overwrite_ents": True})
    ruler.add_patterns(ruler_patterns())
    if model:
        nlp.add_pipe("graph_model_names")
    nlp.add_pipe("graph_patterns")
    nlp.add_pipe("graph_places")
    nlp.add_pipe("graph_organisations")
    nlp.add_pipe("graph_persons")
    nlp.add_pipe("graph_groups")
    nlp.add_pipe("graph_triggers")
    # A pipeline lives as long as the process, and its lexicons, gazetteer and matchers are
    # hundreds of thousands of objects: out of the garbage collector's sight, its full
    # collections (which the model's allocations trigger) no longer walk them all each time.
    gc.freeze()
    return nlp


@cache
def get_pipeline(lang: str, *, model: bool = True, rules: bool = True, ner: str = "fast") -> Language:
    """The pipeline for `lang`, built once per process."""
    return build_pipeline(lang, model=model, rules=rules, ner=ner)
