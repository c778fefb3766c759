"""Cypher export: one script that rebuilds the whole graph, documents and `MENTIONS` included:
batches of `UNWIND [{...}, ...] AS row MERGE (n:Label {id: row.id}) SET n += row`, then
relationships merged on their `key` as the store itself does, statements separated by ";\\n".
Labels and types come only from the ontology (checked); values are literals from
`cypher_literal`, which escapes backslashes, quotes and line breaks, so no value can end a string
or a statement (NUL, which neither store can hold in a literal, is dropped; NaN and infinities
become null). Open the target with `graph` first (or run `cypher/schema.cypher`) so that the id
constraints exist before loading a large script."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from graph.report.exports.common import ExportSummary, Snapshot, read_snapshot
from graph.report.files import atomic_write
from graph.store.base import GraphStore

CYPHER_BATCH = 500
IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
STRING_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
STRING_SPECIALS = re.compile("[\\\\'\n\r\t\b\f\x00]")


def cypher_string(text: str) -> str:
    """A Cypher string literal that reads back as `text` on Neo4j and FalkorDB: backslash, quote
    and control escapes only (FalkorDB has no \\u escapes); NUL, which neither can hold, dropped."""
    return "'" + STRING_SPECIALS.sub(lambda m: STRING_ESCAPES.get(m.group(0), ""), text) + "'"


def cypher_name(name: str) -> str:
    """A property key as Cypher: bare when it is an identifier, else back-quoted."""
    return name if IDENTIFIER.match(name) else "`" + name.replace("`", "``") + "`"


def cypher_literal(value: Any) -> str:
    """A Python value as a Cypher literal: strings escaped, numbers, booleans, null, lists, maps."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # Cypher writes no '+' in an exponent: 1e+16 is read as 1e16 only without it
        return repr(value).replace("e+", "e") if math.isfinite(value) else "null"
    if isinstance(value, str):
        return cypher_string(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{cypher_name(str(k))}: {cypher_literal(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"no Cypher literal for {type(value).__name__}: {value!r}")


def _unwind(rows: list[dict[str, Any]], body: str) -> str:
    """One statement that runs `body` for every row of `rows`, given as a literal list."""
    items = ",\n".join(cypher_literal(row) for row in rows)
    return f"UNWIND [\n{items}\n] AS row\n{body}"


def cypher_script(store: GraphStore, snapshot: Snapshot | None = None) -> tuple[str, Snapshot]:
    """The Cypher script that rebuilds the graph (all labels and types), and what it holds."""
    ontology = store.ontology
    snapshot = snapshot or read_snapshot(store)
    statements = []
    by_label: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for node in snapshot.nodes:
        by_label[ontology.check_label(node.label)].append(node.props)
    for label, rows in by_label.items():
        for i in range(0, len(rows), CYPHER_BATCH):
            body = f"MERGE (n:{label} {{id: row.id}})\nSET n += row"
            statements.append(_unwind(rows[i : i + CYPHER_BATCH], body))
    by_type: dict[tuple[str, str, str, bool], list[dict[str, Any]]] = defaultdict(list)
    for edge in snapshot.edges:
        ontology.check_relation(edge.type, edge.source_label, edge.target_label)
        keyed = edge.props.get("key") is not None
        row = {"s": edge.source, "t": edge.target, "key": edge.props.get("key"), "props": edge.props}
        by_type[(edge.type, edge.source_label, edge.target_label, keyed)].append(row)
    for (rel_type, source, target, keyed), rows in by_type.items():
        pattern = f"[r:{rel_type} {{key: row.key}}]" if keyed else f"[r:{rel_type}]"
        body = (
            f"MATCH (a:{source} {{id: row.s}})\nMATCH (b:{target} {{id: row.t}})\n"
            f"MERGE (a)-{pattern}->(b)\nSET r += row.props"
        )
        for i in range(0, len(rows), CYPHER_BATCH):
            statements.append(_unwind(rows[i : i + CYPHER_BATCH], body))
    header = (
        f"// graph export: {len(snapshot.nodes)} nodes and {len(snapshot.edges)} relationships.\n"
        "// Rebuilds the graph with MERGE on ids (safe to run twice). Statements end with ';'.\n"
        "// Neo4j: cypher-shell -f this.cypher (apply cypher/schema.cypher first for speed).\n"
    )
    return header + "".join(f"{s};\n" for s in statements), snapshot


def cypher_statements(script: str) -> list[str]:
    """The statements of a script written by `export_cypher`, without the leading comments: a
    literal never holds a raw line break, so every ';' at a line end ends a statement."""
    out = []
    for chunk in script.split(";\n"):
        # split on "\n" only: str.splitlines() would also break at \x0b, \x1c or \u2028 in a literal
        lines = [line for line in chunk.strip().split("\n") if line.strip()]
        while lines and lines[0].lstrip().startswith("//"):
            lines.pop(0)
        if lines:
            out.append("\n".join(lines))
    return out


def export_cypher(store: GraphStore, path: Path) -> ExportSummary:
    """Write a Cypher script that rebuilds the whole graph in another Neo4j or embedded store."""
    script, snapshot = cypher_script(store)
    with atomic_write(path) as handle:
        handle.write(script)
    return ExportSummary("cypher", path, len(snapshot.nodes), len(snapshot.edges), [path])
