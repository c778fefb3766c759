"""GEXF 1.2 export of the entity graph, written for Gephi, whose GEXF reader gives some names a
meaning of their own: the node `label` is the name (what Gephi displays) and the ontology label
is the attribute `entity_type`; the edge label and the attribute `rel_type` hold the relationship
type; `key` becomes `rel_key`; the character offsets `start` and `end` become `span_start` and
`span_end` (GEXF reads `start`/`end` as time)."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from graph.report.exports.common import ExportSummary
from graph.report.exports.graphml import entity_graph
from graph.report.files import atomic_write
from graph.store.base import GraphStore

GEXF_NODE_RENAMES = {"label": "entity_type", "start": "span_start", "end": "span_end"}
GEXF_EDGE_RENAMES = {"type": "rel_type", "key": "rel_key", "start": "span_start", "end": "span_end"}


def gexf_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The entity graph with the attribute names GEXF reserves moved aside (module notes), the
    node label set to the name and the edge label to the relationship type, as Gephi shows them."""
    out = nx.MultiDiGraph(name=graph.graph.get("name", ""))
    for node, data in graph.nodes(data=True):
        renamed = {GEXF_NODE_RENAMES.get(k, k): v for k, v in data.items()}
        out.add_node(node, **renamed, label=data["name"])
    for source, target, key, data in graph.edges(keys=True, data=True):
        renamed = {GEXF_EDGE_RENAMES.get(k, k): v for k, v in data.items()}
        out.add_edge(source, target, key=key, **renamed, label=data["type"])
    return out


def export_gexf(store: GraphStore, path: Path) -> ExportSummary:
    """Write the entity graph as GEXF 1.2 for Gephi."""
    graph = gexf_graph(entity_graph(store))
    with atomic_write(path, binary=True) as handle:
        nx.write_gexf(graph, handle, encoding="utf-8")
    return ExportSummary("gexf", path, graph.number_of_nodes(), graph.number_of_edges(), [path])
