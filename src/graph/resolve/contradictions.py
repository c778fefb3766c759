"""Contradictions: facts that should have one value (a person's nationality, a prison
sentence, a sentencing date, an age, the price asked for each person) read with two. Both values
stay in the graph, each on its own relationship (or its own report's mention) with its own
documents; the node is flagged (`contradicted`) and lists each value with the reports that give
it (`contradictions`). A node's twin in the other script (SAME_AS) counts as the node. The facts
are data (`etl/rules/contradictions.yaml`); one statement per kind of fact
(`cypher/write/flag_contradictions.cypher`, `flag_stated_contradictions.cypher`,
`flag_price_contradictions.cypher`) checks each fact for the nodes a batch wrote, and again for
the nodes linked across scripts once resolution has run."""

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
# The nodes some reports mention that are linked across scripts, and their twins.
LINKED_IN_DOCUMENTS = (
    "MATCH (d:Document)-[:MENTIONS]->(n)-[:SAME_AS]-(o) WHERE d.id IN $docs "
    "UNWIND [n, o] AS t WITH DISTINCT t WHERE t.id > $after AND head(labels(t)) IN $labels "
    "RETURN t.id AS id, head(labels(t)) AS label ORDER BY id LIMIT $page"
)
# The nodes of one label linked across scripts or flagged.
LINKED_OR_FLAGGED = (
    "MATCH (t:{label}) WHERE t.id > $after OPTIONAL MATCH (t)-[s:SAME_AS]-() "
    "WITH t, count(s) AS links WHERE links > 0 OR t.contradicted = true "
    "RETURN t.id AS id, $label AS label ORDER BY id LIMIT $page"
)


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

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.label,)

    def params(self) -> dict[str, Any]:
        return {"name": self.name, "kind": self.kind, "precision": self.precision, "sep": SEPARATOR}

    def statement_for(self, label: str) -> str:  # its one label
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

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.label,)

    def statement_for(self, label: str) -> str:  # its one label
        return (
            statement("flag_stated_contradictions")
            .replace("{label}", self.label)
            .replace("{value}", self.stated)
        )

    def params(self) -> dict[str, Any]:
        return {"name": self.name, "tolerance": self.tolerance, "sep": SEPARATOR}


@dataclass(frozen=True)
class AskedPrice:
    """A price for each person that reports say an actor of `labels` asks (a crossing's fare:
    a Payment whose `asked` property is true, RECEIVED by the actor). Each report's prices in one
    currency are one claim; two reports at most `years` apart contradict where none of one's
    prices comes within `tolerance` (a share) of any of the other's: "£3,000" and "£3,200"
    agree, "between £1,500 and £3,500" and "£3,000" agree, "£3,000" and "£6,000" do not."""

    name: str
    labels: tuple[str, ...]
    asked: str
    tolerance: float = 0.1
    years: int = 1

    def statement_for(self, label: str) -> str:
        return statement("flag_price_contradictions").replace("{label}", label).replace("{asked}", self.asked)

    def params(self) -> dict[str, Any]:
        return {"name": self.name, "tolerance": self.tolerance, "years": self.years, "sep": SEPARATOR}


# Each kind of fact gives the labels it is checked on (`labels`), the statement that checks
# nodes of one of them (`statement_for`), and that statement's parameters (`params`).
Fact = SingleValued | StatedValue | AskedPrice


def check(fact: Fact, ontology: Ontology) -> Fact:
    """The fact, if the ontology allows its pattern and gives its target (or the mentions of
    its label, or the price) the property."""
    if isinstance(fact, AskedPrice):
        for label in fact.labels:
            ontology.check_relation("RECEIVED", "Payment", label)
        if fact.asked not in ontology.properties("Payment"):
            raise OntologyError(f"contradictions: Payment has no property {fact.asked!r}")
        return fact
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


def fact_of(spec: dict[str, Any]) -> Fact:
    """One fact of `contradictions.yaml` as the kind its keys say."""
    if "asked" in spec:
        return AskedPrice(**{**spec, "labels": tuple(spec["labels"])})
    return StatedValue(**spec) if "stated" in spec else SingleValued(**spec)


@cache
def single_valued() -> tuple[Fact, ...]:
    """The facts of `etl/rules/contradictions.yaml`, checked against the ontology."""
    with open(etl_dir() / "rules" / "contradictions.yaml", encoding="utf-8") as handle:
        facts = yaml.safe_load(handle)["facts"]
    ontology = load_ontology()
    return tuple(check(fact_of(spec), ontology) for spec in facts)


def check_statements(ids_by_label: dict[str, list[str]]) -> list[tuple[str, dict[str, Any]]]:
    """The statements that check every fact for the nodes `ids_by_label` names."""
    out = []
    for fact in single_valued():
        for label in fact.labels:
            if ids := ids_by_label.get(label):
                out.append((fact.statement_for(label), {"ids": ids, **fact.params()}))
    return out


def flag_statements(batch: GraphBatch) -> list[tuple[str, dict[str, Any]]]:
    """The statements that check every fact for the nodes `batch` writes (run after it)."""
    ids: dict[str, set[str]] = {}
    for node in batch.nodes:
        ids.setdefault(node.label, set()).add(node.id)
    return check_statements({label: sorted(found) for label, found in ids.items()})


def checked_labels() -> list[str]:
    """The labels some fact is checked on."""
    return sorted({label for fact in single_valued() for label in fact.labels})


def recheck(store: GraphStore, rows: list[dict[str, Any]]) -> int:
    """Check every fact again for the nodes of `rows` (each an `id` and its `label`); how many."""
    for start in range(0, len(rows), store.batch_size):
        ids: dict[str, list[str]] = {}
        for row in rows[start : start + store.batch_size]:
            ids.setdefault(row["label"], []).append(row["id"])
        store.write_batch(GraphBatch(), then=check_statements(ids))
    return len(rows)


def recheck_linked(store: GraphStore, doc_ids: list[str]) -> int:
    """Check again the nodes `doc_ids` mention that are linked across scripts, and their twins:
    a fact told in Arabic and in English is compared once the two are one (run after
    resolution); how many nodes."""
    rows = store.read_paged(LINKED_IN_DOCUMENTS, {"docs": doc_ids, "labels": checked_labels()})
    return recheck(store, rows)


def recheck_all_linked(store: GraphStore) -> int:
    """Check again every node linked across scripts and every node flagged (after links are
    made, split or undone by hand, which may make or unmake a contradiction); how many."""
    rows = []
    for label in checked_labels():  # from the ontology (checked by `single_valued`)
        rows += store.read_paged(LINKED_OR_FLAGGED.replace("{label}", label), {"label": label})
    return recheck(store, rows)


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
