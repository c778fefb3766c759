"""The analysis a network already has in the store: the communities and scores that `graph
analyse` wrote back onto its nodes, read into an `AnalysisResult`, so that what the report shows
is what the graph holds. Where the store holds none for the network (never analysed, another
projection, or actors added since), `current_analysis` runs it once and writes it back."""

from __future__ import annotations

import json
from typing import Any

import networkx as nx

from graph.analysis import communities
from graph.analysis.centrality import MEASURES
from graph.analysis.run import AnalysisResult, analyse_network, write_results
from graph.analysis.summary import summarise
from graph.store.base import GraphStore

RESULTS = """
UNWIND $ids AS id
MATCH (n {id: id})
RETURN n.id AS id, n AS props
"""
# What `write_results` puts on a node besides the measures, and how it was computed.
STORED = (*MEASURES, "articulation_point", "community", "community_confidence")


def read_stored(store: GraphStore, graph: nx.Graph) -> AnalysisResult | None:
    """The stored analysis of `graph` (a projection of `store`), or None when any of its nodes
    lacks one, or the nodes hold results of different runs or of another projection."""
    undirected = graph.to_undirected() if graph.is_directed() else graph
    if undirected.number_of_nodes() == 0:
        return None
    first = {node: graph.nodes[node].get("merged", [node])[0] for node in graph}
    rows = store.read(RESULTS, {"ids": sorted(set(first.values()), key=str)}).records()
    props = {row["id"]: row["props"] for row in rows}
    stamps = {
        (props.get(m, {}).get("analysed_at"), props.get(m, {}).get("analysis_params")) for m in first.values()
    }
    if len(stamps) != 1 or None in next(iter(stamps)):
        return None
    analysed_at, params_text = next(iter(stamps))
    params: dict[str, Any] = json.loads(params_text)
    if params.get("projection") != graph.graph.get("projection", "file"):
        return None
    scores = {
        node: {k: props[member][k] for k in STORED if props[member].get(k) is not None}
        for node, member in first.items()
    }
    if any("community" not in s for s in scores.values()):
        return None
    partition = {node: int(s["community"]) for node, s in scores.items()}
    confidence = {node: float(s.get("community_confidence", 1.0)) for node, s in scores.items()}
    return AnalysisResult(
        graph,
        partition,
        confidence,
        communities.modularity(undirected, partition),
        {},
        scores,
        {**params, "analysed_at": analysed_at},
        summarise(graph, partition),
    )


def current_analysis(
    store: GraphStore, graph: nx.Graph, *, runs: int = 20, seed: int = 42
) -> tuple[AnalysisResult, bool]:
    """The stored analysis of `graph`, or a new one written back first; True when it is new."""
    stored = read_stored(store, graph)
    if stored is not None:
        return stored, False
    result = analyse_network(graph, runs=runs, seed=seed)
    if graph.number_of_nodes():
        write_results(store, result)
        result = read_stored(store, graph) or result
    return result, True
