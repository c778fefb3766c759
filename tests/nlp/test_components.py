"""The components are spaCy factories that declare what they assign and require, and the
pipeline puts them in an order where every requirement is met."""

import pytest

from graph.nlp.pipeline import build_pipeline, get_pipeline

RULES = [
    "entity_ruler",
    "graph_model_names",
    "graph_patterns",
    "graph_places",
    "graph_organisations",
    "graph_persons",
    "graph_groups",
    "graph_triggers",
]
MODEL = ["tok2vec", "ner", "graph_model_entities", "graph_model_evidence"]


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_pipeline_runs_its_components_in_order(lang):
    assert get_pipeline(lang).pipe_names == ["graph_normaliser", "graph_sentencizer", *MODEL, *RULES]


def test_without_the_model_or_the_rules_their_components_are_left_out():
    assert build_pipeline("en", model=False).pipe_names == [
        "graph_normaliser",
        "graph_sentencizer",
        *(name for name in RULES if name != "graph_model_names"),
    ]
    assert build_pipeline("en", rules=False).pipe_names == ["graph_normaliser", "graph_sentencizer", *MODEL]


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_every_component_declares_what_it_assigns_and_finds_what_it_requires(lang):
    nlp = get_pipeline(lang)
    for name in nlp.pipe_names:
        if name.startswith("graph_"):
            assert nlp.get_pipe_meta(name).assigns, name
    assert not any(nlp.analyze_pipes(pretty=False)["problems"].values())
