"""The project's spaCy components, one module each, registered as factories so that the
pipeline is built (and described by `nlp.analyze_pipes`) the spaCy way:

`graph_normaliser` (regex matches, clitic and punctuation splits), `graph_accurate_ner` (the
accurate mode's fine-tuned encoder, in place of the fast model), `graph_model_entities`,
`graph_model_evidence` and `graph_model_names` (the NER model's entities), `graph_patterns`
(regex matches as entities), `graph_places` (the gazetteer's places), `graph_organisations`
(organisations named by their head noun), `graph_persons`, `graph_groups` and
`graph_triggers` (rules). Importing the package registers
them all; the tokenizer and the helpers they share are in `tokenizer` and `helpers`.

Each reads its lexicons and rules (`etl/`, through the cached `load_lexicon`) when it is
constructed: the pipeline is assembled with `add_pipe` and never initialised, since
`nlp.initialize` would reset the NER model the pipeline sources.
"""

from __future__ import annotations

from graph.nlp.components.evidence import ModelEvidence
from graph.nlp.components.groups import GroupRules
from graph.nlp.components.helpers import (
    add_rule_spans,
    covered_tokens,
    from_model,
    matches_near,
    norms_of,
    pattern_doc,
    rule_entity_tokens,
    split_tokens_at,
    use_matching_norms,
)
from graph.nlp.components.model_entities import ModelEntities
from graph.nlp.components.model_names import ModelNames, add_model_spans
from graph.nlp.components.normaliser import Normaliser, find_patterns
from graph.nlp.components.organisations import OrganisationNames
from graph.nlp.components.patterns import PatternSpans
from graph.nlp.components.persons import PersonRules
from graph.nlp.components.places import PlaceNames
from graph.nlp.components.tokenizer import TextKeepingTokenizer, doc_text
from graph.nlp.components.triggers import EventTriggers

__all__ = [
    "EventTriggers",
    "GroupRules",
    "ModelEntities",
    "ModelEvidence",
    "ModelNames",
    "Normaliser",
    "OrganisationNames",
    "PatternSpans",
    "PersonRules",
    "PlaceNames",
    "TextKeepingTokenizer",
    "add_model_spans",
    "add_rule_spans",
    "covered_tokens",
    "doc_text",
    "find_patterns",
    "from_model",
    "matches_near",
    "norms_of",
    "pattern_doc",
    "rule_entity_tokens",
    "split_tokens_at",
    "use_matching_norms",
]
