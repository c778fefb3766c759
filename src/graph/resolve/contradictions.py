"""Contradictions: facts that should have one value (a person's nationality, a prison
sentence, a sentencing date, an age) read with two. Both values stay in the graph, each on its
own relationship (or its own report's mention) with its own documents; the node is flagged
(`contradicted`) and lists each value with the reports that give it (`contradictions`). The
facts are data (`etl/rules/contradictions.yaml`); one statement per kind of fact
(`cypher/write/flag_contradictions.cypher`, `flag_stated_contradictions.cypher`) checks each
fact for the nodes a batch wrote."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import yaml

from graph.model import GraphBatch
from graph.ontology import Ontology, OntologyError, load_ontology
from graph.paths import etl_dir
from graph.store.base import GraphStore, statement
from graph.store.library import load_queries

# Between a fact's name, its value and its documents in an entry of `contradictions` (the
# named query `contradictions` splits on it).
SEPARATOR = "\t"


@dataclass(frozen=True)
class SingleValued:
    """A fact a node should have one value of: `label -[relation]-> target`, compared by the
    target's `value` property (and shown by its `shown` one), only for targets of `kind`."""

    name: str
    label: str
    relation: str
    target: str
    value: str
    shown: str = ""  # the value's own property where empty
    kind: str | None = None
    precision: str | None = None  # only targets whose date is given to this precision

    def params(self) -> dict[str, Any]:
        return {"name": self.name, "kind": self.kind, "precision": self.precision, "sep": SEPARATOR}

    def statement(self) -> str:
        return (
            statement("flag_contradictions")
            .replace("{label}", self.label)
            .replace("{relation}", self.relation)
            .replace("{target}", self.target)
            .replace("{value}", self.value)
            .replace("{shown}", self.shown or self.value)
        )


@dataclass(frozen=True)
class StatedValue:
    """A value each report states on its own mention of a node (`stated`: a MENTIONS property,
    a person's age), compared as the year it implies (the report's year minus the value): two
    years more than `tolerance` apart contradict ("34" in 2024 and "35" in 2025 agree)."""

    name: str
    label: str
    stated: str
    tolerance: int = 1

    def statement(self) -> str:
        return (
            statement("flag_stated_contradictions")
            .replace("{label}", self.label)
            .replace("{value}", self.stated)
        )

    def params(self) -> dict[str, Any]:
        return {"name": self.name, "tolerance": self.tolerance, "sep": SEPARATOR}


def check(fact: SingleValued | StatedValue, ontology: Ontology) -> SingleValued | StatedValue:
    """The fact, if the ontology allows its pattern and gives its target (or the mentions of
    its label) the property."""
    if isinstance(fact, StatedValue):
        ontology.check_label(fact.label)
        if fact.stated not in ontology.relations["MENTIONS"].properties:
            raise OntologyError(f"contradictions: MENTIONS has no property {fact.stated!r}")
        return fact
    ontology.check_relation(fact.relation, fact.label, fact.target)
    for name in (fact.value, fact.shown or fact.value):
        if name not in ontology.properties(fact.target):
            raise OntologyError(f"contradictions: {fact.target} has no property {name!r}")
    return fact


@cache
def single_valued() -> tuple[SingleValued | StatedValue, ...]:
    """The facts of `etl/rules/contradictions.yaml`, checked against the ontology."""
    with open(etl_dir() / "rules" / "contradictions.yaml", encoding="utf-8") as handle:
        facts = yaml.safe_load(handle)["facts"]
    ontology = load_ontology()
    return tuple(
        check(StatedValue(**fact) if "stated" in fact else SingleValued(**fact), ontology) for fact in facts
    )


def flag_statements(batch: GraphBatch) -> list[tuple[str, dict[str, Any]]]:
    """The statements that check every fact for the nodes `batch` writes (run after it)."""
    out = []
    for fact in single_valued():
        ids = sorted({node.id for node in batch.nodes if node.label == fact.label})
        if ids:
            out.append((fact.statement(), {"ids": ids, **fact.params()}))
    return out


def read_contradictions(store: GraphStore, fact: str = "") -> list[dict[str, Any]]:
    """Every value of every contradicted fact (of `fact` alone where given), through the named
    query `contradictions`: what the report and `graph run` show."""
    query = load_queries()["contradictions"]
    return store.read(query.cypher, query.bind({"fact": fact})).records()


def entry(text: str) -> tuple[str, str, list[str]]:
    """An entry of `contradictions` as (fact, value, documents).

    >>> entry("nationality\\tloc:IQ\\td1,d2")
    ('nationality', 'loc:IQ', ['d1', 'd2'])
    """
    fact, value, docs = text.split(SEPARATOR)
    return fact, value, [d for d in docs.split(",") if d]
