"""GraphML export of the entity graph (Gephi, yEd, Cytoscape, NetworkX), and the NetworkX entity
graph with scalar attributes that the GEXF export also writes.

Node attributes are `label` (the ontology label), `name` (the caption where a node has no name)
and every other property but the internal lookup field `search`; lists are joined with " | "
because GraphML and GEXF only allow scalar attributes; None is dropped; an attribute has one type
across the file (mixed int/float become float, anything else mixed becomes text). Edge attributes
are `type`, `key` and every relationship property (role, provenance, ...)."""

from __future__ import annotations

import io
import json
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import networkx as nx

from graph.report.exports.common import (
    INTERNAL_PROPERTIES,
    LIST_SEPARATOR,
    ExportSummary,
    Snapshot,
    display_name,
    node_keys,
    read_entity_graph,
)
from graph.report.files import atomic_write
from graph.store.base import GraphStore

XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_text(text: str) -> str:
    """`text` without the characters XML 1.0 cannot hold (dropped, not fatal)."""
    return XML_INVALID.sub("", text)


def scalar(value: Any) -> str | int | float | bool | None:
    """A value as a GraphML/GEXF attribute: lists joined, maps as JSON, text XML-safe."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return None
    if isinstance(value, bool | int | float):
        return value
    if isinstance(value, list | tuple):
        items = [scalar(v) for v in value]
        return xml_text(LIST_SEPARATOR.join(str(v) for v in items if v is not None))
    if isinstance(value, dict):
        return xml_text(json.dumps(value, ensure_ascii=False, sort_keys=True))
    return xml_text(str(value))


def _as_text(value: Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def _unify_types(items: Iterable[dict[str, Any]]) -> None:
    """Give each attribute one type across all items, since both formats declare a type per key:
    int and float mix to float, any other mix to text (bool is not a number here)."""
    items = list(items)
    kinds: dict[str, set[type]] = defaultdict(set)
    for data in items:
        for key, value in data.items():
            kinds[key].add(type(value))
    for key, seen in kinds.items():
        if len(seen) < 2:
            continue
        cast: Callable[[Any], Any] = float if seen <= {int, float} else _as_text
        for data in items:
            if key in data:
                data[key] = cast(data[key])


def entity_graph(store: GraphStore, snapshot: Snapshot | None = None) -> nx.MultiDiGraph:
    """The entity graph as a NetworkX MultiDiGraph with scalar attributes (see the module notes);
    node keys are ids (label-prefixed where two labels share one), edge keys `TYPE:key`; text is
    kept XML-safe, as both formats are XML."""
    snapshot = snapshot or read_entity_graph(store)
    graph = nx.MultiDiGraph(name="graph entity export")
    keys = {ident: xml_text(key) for ident, key in node_keys(snapshot.nodes).items()}
    for node in snapshot.nodes:
        data: dict[str, Any] = {"label": node.label, "name": xml_text(display_name(node, store.ontology))}
        for prop, value in node.props.items():
            if prop in ("id", "label", "name") or prop in INTERNAL_PROPERTIES:
                continue
            if (attribute := scalar(value)) is not None:
                data[prop] = attribute
        graph.add_node(keys[(node.label, node.id)], **data)
    for edge in snapshot.edges:
        data = {"type": edge.type}
        for prop, value in edge.props.items():
            if prop != "type" and (attribute := scalar(value)) is not None:
                data[prop] = attribute
        key = xml_text(f"{edge.type}:{edge.props.get('key', '')}")
        source, target = keys[(edge.source_label, edge.source)], keys[(edge.target_label, edge.target)]
        graph.add_edges_from([(source, target, key, data)])  # `key` is also a property name
    _unify_types(data for _, data in graph.nodes(data=True))
    _unify_types(data for _, _, data in graph.edges(data=True))
    return graph


def export_graphml(store: GraphStore, path: Path) -> ExportSummary:
    """Write the entity graph as GraphML (Gephi, yEd, Cytoscape, NetworkX)."""
    graph = entity_graph(store)
    # in memory first: lxml's incremental writer, left by a write that failed (a full disk), crashes
    # the interpreter when it is collected
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer, encoding="utf-8")
    with atomic_write(path, binary=True) as handle:
        handle.write(buffer.getbuffer())
    return ExportSummary("graphml", path, graph.number_of_nodes(), graph.number_of_edges(), [path])
