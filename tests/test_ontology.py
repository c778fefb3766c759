"""The ontology file is the only list of labels and relationship types, and it is enforced."""

import re
from pathlib import Path

import pytest

from graph.ontology import OntologyError, load_ontology

SRC = Path(__file__).resolve().parents[1] / "src" / "graph"


def test_design_labels_and_relationships_are_defined():
    ontology = load_ontology()
    for label in (
        "Document",
        "Person",
        "Organisation",
        "Platform",
        "Account",
        "Vessel",
        "Equipment",
        "Payment",
        "Location",
        "Event",
    ):
        assert label in ontology.labels
    for rel in (
        "MENTIONS",
        "PARTICIPATED_IN",
        "CONTROLS",
        "HOSTED_ON",
        "MEMBER_OF",
        "WORKS_FOR",
        "ASSOCIATED_WITH",
        "PAID",
        "RECEIVED",
        "OPERATES",
        "OWNS",
        "SEIZED",
        "LOCATED_IN",
        "NATIONAL_OF",
        "SAME_AS",
    ):
        assert rel in ontology.relations
    for field in ("doc_id", "start", "end", "sentence", "extractor", "confidence", "first_seen", "last_seen"):
        assert field in ontology.provenance


def test_disallowed_relationships_are_clear_errors():
    ontology = load_ontology()
    ontology.check_relation("HOSTED_ON", "Account", "Platform")
    with pytest.raises(OntologyError, match=r"Platform -\[HOSTED_ON\]-> Account is not allowed"):
        ontology.check_relation("HOSTED_ON", "Platform", "Account")
    with pytest.raises(OntologyError, match="not in the ontology"):
        ontology.check_relation("KNOWS", "Person", "Person")
    with pytest.raises(OntologyError, match="label 'Suspect' is not in the ontology"):
        ontology.check_label("Suspect")


def test_no_second_list_of_labels_in_python():
    """Python code may name a label where its meaning matters, but never lists them all."""
    labels = set(load_ontology().labels)
    for path in SRC.rglob("*.py"):
        for line in path.read_text(encoding="utf-8").splitlines():
            named = {w for w in re.findall(r'"(\w+)"', line) if w in labels}
            assert len(named) < 5, f"{path.name}: looks like a list of labels: {line.strip()}"


def test_every_mention_label_becomes_an_ontology_label():
    ontology = load_ontology()
    assert ontology.mention_labels, "etl/ontology.yaml has no mention_labels"
    for pipeline_label, label in ontology.mention_labels.items():
        assert ontology.check_label(label) == label, pipeline_label
    assert ontology.mention_label("DATE") is None
