"""The one place where the embedded store's Cypher dialect differs from Neo4j's: schema
statements and investigator queries are rewritten here, by rule."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from graph.ontology import Ontology, load_ontology
from graph.paths import cypher_dir
from graph.store.cypher_text import return_columns

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


NEO4J_FULLTEXT = re.compile(
    r"CREATE\s+FULLTEXT\s+INDEX\s+\w+\s+IF\s+NOT\s+EXISTS\s+FOR\s+\(\w+:(?P<labels>[\w|]+)\)\s+"
    r"ON\s+EACH\s+\[(?P<props>[^\]]+)\].*",
    re.IGNORECASE | re.DOTALL,
)


def falkordb_schema(statements: list[str], ontology: Ontology) -> list[str]:
    """FalkorDB has no named indexes and no IF NOT EXISTS: `CREATE INDEX FOR (n:L) ON (n.p)`,
    with 'already indexed' answers ignored by the caller; an exact-match index on every id;
    a full-text index is one `db.idx.fulltext.createNodeIndex` call per label."""
    out = [f"CREATE INDEX FOR (n:{label}) ON (n.id)" for label in ontology.labels]
    for statement in statements:
        if match := NEO4J_INDEX.fullmatch(statement.strip()):
            var, label, var2, prop = match.groups()
            out.append(f"CREATE INDEX FOR ({var}:{ontology.check_label(label)}) ON ({var2}.{prop})")
        elif match := NEO4J_FULLTEXT.fullmatch(statement.strip()):
            props = ", ".join(f"'{p.strip().split('.')[-1]}'" for p in match["props"].split(","))
            for label in match["labels"].split("|"):
                out.append(f"CALL db.idx.fulltext.createNodeIndex('{ontology.check_label(label)}', {props})")
        else:
            raise ValueError(f"no FalkorDB rewrite for schema statement: {statement}")
    return out


# Neo4j: MATCH p = shortestPath((a)-[:T1|T2*..6]-(b))
SHORTEST_PATH = re.compile(
    r"MATCH\s+(?P<path>\w+)\s*=\s*shortestPath\(\s*\((?P<a>\w+)\)\s*(?P<left><)?-\[\s*"
    r":?(?P<types>[\w|]*)\s*\*\s*(?:1)?\.\.(?P<max>\d+)\s*\]-(?P<right>>)?\s*\((?P<b>\w+)\)\s*\)",
    re.IGNORECASE,
)


# The library and function of cypher/falkordb/ that searches for a shortest path.
SHORTEST_PATH_FUNCTION = "graph_paths.shortest"


def _shortest_path(match: re.Match[str]) -> str:
    """FalkorDB's shortestPath() follows outgoing relationships only and its `algo.SPpaths`
    lists every path up to the length, which never ends around a hub; the match becomes a call
    to `graph_paths.shortest` (cypher/falkordb/graph_paths.js), a breadth-first search from
    both ends whose value is the list of the path's nodes, or null where there is none."""
    types = [t for t in match["types"].split("|") if t]  # word characters only, by the pattern
    direction = "incoming" if match["left"] else "outgoing" if match["right"] else "both"
    rel_types = ", ".join(f"'{t}'" for t in types)
    path = match["path"]
    return (
        f"WITH *, {SHORTEST_PATH_FUNCTION}({match['a']}, {match['b']}, [{rel_types}], {int(match['max'])}, "
        f"'{direction}') AS {path} WHERE {path} IS NOT NULL WITH *"
    )


def _path_functions(query: str, path: str) -> str:
    """On the embedded store a shortest path is the list of its nodes: `length(p)` becomes
    `size(p) - 1` and `nodes(p)` becomes `p`; its relationships are not there to be had."""
    if re.search(rf"\b(?:relationships|rels)\(\s*{path}\s*\)", query, re.IGNORECASE):
        raise ValueError(
            f"on the embedded store a shortestPath gives the nodes of its path, not its "
            f"relationships: use nodes({path}) or length({path}), not relationships({path})"
        )
    query = re.sub(rf"\blength\(\s*{path}\s*\)", f"(size({path}) - 1)", query, flags=re.IGNORECASE)
    return re.sub(rf"\bnodes\(\s*{path}\s*\)", path, query, flags=re.IGNORECASE)


# Neo4j: CALL db.index.fulltext.queryNodes('index', $term) YIELD node AS x
FULLTEXT_QUERY = re.compile(
    r"CALL\s+db\.index\.fulltext\.queryNodes\(\s*'(?P<index>\w+)'\s*,\s*(?P<term>\$\w+)\s*\)"
    r"\s+YIELD\s+node\s+AS\s+(?P<var>\w+)",
    re.IGNORECASE,
)
# The variable that walks the labels of a full-text index on the embedded store.
FULLTEXT_LABEL = "graph_fulltext_label"


@cache
def fulltext_labels() -> dict[str, tuple[str, ...]]:
    """The labels of each full-text index of `cypher/schema.cypher`, checked against the
    ontology."""
    ontology = load_ontology()
    text = (cypher_dir() / "schema.cypher").read_text(encoding="utf-8")
    pattern = re.compile(r"CREATE\s+FULLTEXT\s+INDEX\s+(\w+)\s+IF\s+NOT\s+EXISTS\s+FOR\s+\(\w+:([\w|]+)\)")
    return {
        name: tuple(ontology.check_label(label) for label in labels.split("|"))
        for name, labels in pattern.findall(text)
    }


def _fulltext_query(match: re.Match[str]) -> str:
    """FalkorDB keeps one full-text index per label, queried by label: a Neo4j index over
    several labels becomes the same call once per label of it."""
    labels = fulltext_labels().get(match["index"])
    if labels is None:
        raise ValueError(f"no full-text index {match['index']!r} in cypher/schema.cypher")
    listed = ", ".join(f"'{label}'" for label in labels)
    return (
        f"UNWIND [{listed}] AS {FULLTEXT_LABEL} "
        f"CALL db.idx.fulltext.queryNodes({FULLTEXT_LABEL}, {match['term']}) YIELD node AS {match['var']}"
    )


def falkordb_query(query: str) -> str:
    """Rewrite an investigator query written for Neo4j into FalkorDB's dialect, rule by rule;
    ValueError for what the embedded store cannot answer."""
    for path in {match["path"] for match in SHORTEST_PATH.finditer(query)}:
        query = _path_functions(query, path)
    query = SHORTEST_PATH.sub(_shortest_path, query)
    return FULLTEXT_QUERY.sub(_fulltext_query, query)


# The parameter that carries the row limit of a wrapped investigator query.
LIMIT_PARAM = "graph_row_limit"


def falkordb_limited(query: str, params: dict[str, Any], limit: int) -> tuple[str, dict[str, Any]]:
    """FalkorDB sends a result whole, so the limit is put into the query: wrapped in a
    subquery, at most `limit` rows are made on the server, whatever the query returns."""
    if LIMIT_PARAM in params:
        raise ValueError(f"the parameter ${LIMIT_PARAM} is reserved for the row limit")
    body = query.rstrip().removesuffix(";")
    return f"CALL {{\n{body}\n}}\nRETURN * LIMIT ${LIMIT_PARAM}", {**params, LIMIT_PARAM: limit}


def falkordb_column_order(query: str, header: list[str]) -> list[int]:
    """Positions of `header` (the sorted columns of `RETURN *`) in the order the query returns
    them; the sorted order where the query's own columns cannot be told apart."""
    columns = return_columns(query)
    if columns is None or sorted(columns) != sorted(header) or len(set(columns)) != len(columns):
        return list(range(len(header)))
    return [header.index(name) for name in columns]
