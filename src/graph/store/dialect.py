"""The one place where the embedded store's Cypher dialect differs from Neo4j's: schema
statements and investigator queries are rewritten here, by rule."""

from __future__ import annotations

import re

from graph.ontology import Ontology

NEO4J_INDEX = re.compile(
    r"CREATE\s+INDEX\s+\w+\s+IF\s+NOT\s+EXISTS\s+FOR\s+\((\w+):(\w+)\)\s+ON\s+\((\w+)\.(\w+)\)",
    re.IGNORECASE,
)


def neo4j_schema(statements: list[str], ontology: Ontology) -> list[str]:
    """Uniqueness constraints on every label's id (from the ontology), then `schema.cypher`."""
    constraints = [
        f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"
        for label in ontology.labels
    ]
    return constraints + statements


def falkordb_schema(statements: list[str], ontology: Ontology) -> list[str]:
    """FalkorDB has no named indexes and no IF NOT EXISTS: `CREATE INDEX FOR (n:L) ON (n.p)`,
    with 'already indexed' answers ignored by the caller; an exact-match index on every id."""
    out = [f"CREATE INDEX FOR (n:{label}) ON (n.id)" for label in ontology.labels]
    for statement in statements:
        match = NEO4J_INDEX.fullmatch(statement.strip())
        if match is None:
            raise ValueError(f"no FalkorDB rewrite for schema statement: {statement}")
        var, label, var2, prop = match.groups()
        out.append(f"CREATE INDEX FOR ({var}:{ontology.check_label(label)}) ON ({var2}.{prop})")
    return out
