"""Names a query uses that the graph has never held. A misspelt label, relationship type or
property key is no error to either store: the query answers nothing. `unknown_names` says so
before the answer is taken for "nothing there", naming the nearest name the graph holds. A
warning only: what a query may do is decided by its plan (store/plan.py), never by its text."""

from __future__ import annotations

from dataclasses import dataclass

from graph.nlp.normalise import nearest
from graph.store.base import GraphStore
from graph.store.cypher_text import schema_names

# What the graph holds, asked of the store itself (the same procedures on FalkorDB and Neo4j).
HELD = {
    "label": "CALL db.labels() YIELD label RETURN label AS name",
    "relationship type": "CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType AS name",
    "property": "CALL db.propertyKeys() YIELD propertyKey RETURN propertyKey AS name",
}


@dataclass(frozen=True)
class UnknownName:
    kind: str  # label, relationship type or property
    name: str
    nearest: tuple[str, ...]

    def __str__(self) -> str:
        hint = f" (did you mean {', '.join(repr(n) for n in self.nearest)}?)" if self.nearest else ""
        return f"the graph holds no {self.kind} {self.name!r}{hint}: it matches nothing"


def held_names(store: GraphStore) -> dict[str, set[str]]:
    """Every label, relationship type and property key the store holds."""
    return {kind: {row[0] for row in store.read(cypher).rows} for kind, cypher in HELD.items()}


def unknown_names(store: GraphStore, query: str) -> list[UnknownName]:
    """The labels, relationship types and property keys `query` names that the store has
    never held, each with the nearest ones it holds."""
    used = schema_names(query)
    held = held_names(store)
    out = []
    asked = {"label": used.labels, "relationship type": used.types, "property": used.properties}
    for kind, names in asked.items():
        for name in sorted(names - held[kind]):
            out.append(UnknownName(kind, name, tuple(nearest(name, sorted(held[kind]), limit=1))))
    return out
