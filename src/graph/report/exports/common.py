"""What every export shares: the graph read from the store with paged read-only queries (so an
export works the same on both stores), the nodes' display names and graph keys, and the summary
an export returns."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.ontology import Ontology
from graph.store.base import GraphStore

NON_ENTITY_TYPES = ("MENTIONS",)
PAGE_SIZE = 5000
LIST_SEPARATOR = " | "
INTERNAL_PROPERTIES = {"search", "search_words", "search_text"}  # lookup keys, not for an analyst


@dataclass
class ExportSummary:
    """What an export wrote: the format, where, how many nodes and relationships, which files."""

    fmt: str
    path: Path
    nodes: int
    relationships: int
    files: list[Path] = field(default_factory=list)
    extra: dict[str, int] = field(default_factory=dict)


@dataclass
class Node:
    """One node as exported: its ontology label and its properties (id included)."""

    label: str
    props: dict[str, Any]

    @property
    def id(self) -> str:
        """The node's id as text."""
        return str(self.props["id"])


@dataclass
class Edge:
    """One relationship as exported: type, endpoints (id and label) and properties."""

    type: str
    source: str
    source_label: str
    target: str
    target_label: str
    props: dict[str, Any]


@dataclass
class Snapshot:
    """The nodes and relationships an export reads, in a stable order (label, id; type, ids, key)."""

    nodes: list[Node]
    edges: list[Edge]


def paged(store: GraphStore, query: str) -> Iterable[dict[str, Any]]:
    """Every row of an ordered read-only query, PAGE_SIZE rows per round trip (fewer where the
    server caps results lower, so that a short page always means the end)."""
    size = store.page_size(PAGE_SIZE)
    skip = 0
    while True:
        result = store.read(f"{query} SKIP $skip LIMIT $page", {"skip": skip, "page": size})
        yield from result.records()
        if len(result.rows) < size:
            return
        skip += size


def own_label(labels: list[str], ontology: Ontology) -> str | None:
    """The first of a node's labels that the ontology defines."""
    return next((label for label in labels if label in ontology.labels), None)


def read_snapshot(
    store: GraphStore, *, labels: Iterable[str] | None = None, types: Iterable[str] | None = None
) -> Snapshot:
    """The nodes of `labels` and the relationships of `types` between them (default: all), read
    label by label and type by type so that every name put into a query is an ontology name."""
    ontology = store.ontology
    wanted_labels = [ontology.check_label(label) for label in (ontology.labels if labels is None else labels)]
    nodes = []
    for label in wanted_labels:
        for row in paged(store, f"MATCH (n:{label}) RETURN n ORDER BY n.id"):
            props = {k: v for k, v in row["n"].items() if k != "_labels" and v is not None}
            nodes.append(Node(label, props))
    kept = {(node.label, node.id) for node in nodes}
    edges = []
    for rel_type in ontology.relations if types is None else types:
        if rel_type not in ontology.relations:
            raise ValueError(f"relationship type {rel_type!r} is not in the ontology")
        query = (
            f"MATCH (a)-[r:{rel_type}]->(b) RETURN a.id AS source, labels(a) AS source_labels, "
            "r AS rel, b.id AS target, labels(b) AS target_labels ORDER BY a.id, b.id, r.key"
        )
        for row in paged(store, query):
            source_label = own_label(row["source_labels"], ontology)
            target_label = own_label(row["target_labels"], ontology)
            if (source_label, row["source"]) not in kept or (target_label, row["target"]) not in kept:
                continue
            props = {k: v for k, v in row["rel"].items() if k != "_type" and v is not None}
            edges.append(
                Edge(rel_type, str(row["source"]), source_label, str(row["target"]), target_label, props)
            )
    return Snapshot(nodes, edges)


def read_entity_graph(store: GraphStore) -> Snapshot:
    """The entity graph: all nodes but the tool's own records (documents, runs, watch list
    entries, alerts: `Ontology.entity_labels`), all relationships between them but MENTIONS. Each
    node's `doc_ids` are the documents that mention it, its first source's among them (the
    store keeps no such list on the node: `graph.store.rows.EDGE_ONLY`), and each node and
    relationship carries its first source's `sentence` as text (the store names it by number)."""
    ontology = store.ontology
    labels = ontology.entity_labels
    types = [name for name in ontology.relations if name not in NON_ENTITY_TYPES]
    snapshot = read_snapshot(store, labels=labels, types=types)
    mentioned = mentioning_documents(store)
    for node in snapshot.nodes:
        found = set(mentioned.get((node.label, node.id), ()))
        found |= {node.props["doc_id"]} if node.props.get("doc_id") else set()
        node.props["doc_ids"] = sorted(found)
    quote_sentences(store, [node.props for node in snapshot.nodes] + [edge.props for edge in snapshot.edges])
    return snapshot


def quote_sentences(store: GraphStore, items: list[dict[str, Any]]) -> None:
    """Give each property map that names its sentence by number (`sentence_no` in the document
    `doc_id`) the sentence's text instead, reading only those documents, a page at a time."""
    numbered = [props for props in items if props.get("sentence_no") is not None and props.get("doc_id")]
    wanted = sorted({str(props["doc_id"]) for props in numbered})
    size = store.page_size(PAGE_SIZE)
    sentences: dict[str, list[str]] = {}
    for at in range(0, len(wanted), size):
        query = "UNWIND $ids AS id MATCH (d:Document {id: id}) RETURN d.id AS id, d.sentences AS sentences"
        for row in store.read(query, {"ids": wanted[at : at + size]}).records():
            sentences[row["id"]] = row["sentences"] or []
    for props in numbered:
        quoted = sentences.get(str(props["doc_id"]), [])
        number = props.pop("sentence_no")
        if isinstance(number, int) and 0 <= number < len(quoted):
            props["sentence"] = quoted[number]


def mentioning_documents(store: GraphStore) -> dict[tuple[str, str], list[str]]:
    """(label, id) of each node a document mentions -> those documents' ids, read in pages."""
    query = (
        "MATCH (d:Document)-[:MENTIONS]->(n) "
        "RETURN DISTINCT n.id AS id, labels(n) AS labels, d.id AS doc ORDER BY id, doc"
    )
    found: dict[tuple[str, str], list[str]] = {}
    for row in paged(store, query):
        label = own_label(row["labels"], store.ontology)
        found.setdefault((str(label), str(row["id"])), []).append(str(row["doc"]))
    return found


def read_documents(store: GraphStore) -> list[Node]:
    """The document nodes, which the CSV and FtM exports list beside the entities."""
    return read_snapshot(store, labels=["Document"], types=[]).nodes


def display_name(node: Node, ontology: Ontology) -> str:
    """The node's name, else its caption fields from the ontology, else its id."""
    if node.props.get("name") not in (None, ""):
        return str(node.props["name"])
    parts = [str(node.props[f]) for f in ontology.caption(node.label) if node.props.get(f) not in (None, "")]
    return " ".join(parts) or node.id


def node_keys(nodes: list[Node]) -> dict[tuple[str, str], str]:
    """Node ids as graph keys; an id held by nodes of two labels is prefixed with the label."""
    labels_of: dict[str, set[str]] = defaultdict(set)
    for node in nodes:
        labels_of[node.id].add(node.label)
    return {
        (node.label, node.id): node.id if len(labels_of[node.id]) == 1 else f"{node.label}:{node.id}"
        for node in nodes
    }
