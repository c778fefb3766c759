"""Projects the stored graph into a NetworkX graph as `etl/projections.yaml` defines it."""

from __future__ import annotations

from functools import cache
from typing import Any

import networkx as nx
import yaml

from graph.paths import etl_dir
from graph.store.base import GraphStore


@cache
def projections() -> dict[str, dict[str, Any]]:
    with open(etl_dir() / "projections.yaml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def project(store: GraphStore, name: str = "actors") -> nx.Graph:
    """The undirected, weighted actor network of projection `name`. Node attributes: label,
    name, first_seen, last_seen; edge attributes: weight and the evidence per link kind."""
    spec = projections().get(name)
    if spec is None:
        raise KeyError(f"no projection {name!r}; defined: {sorted(projections())}")
    params = spec.get("params", {})
    graph = nx.Graph(projection=name)
    # Sorted, so that the graph (and a seeded algorithm on it) is the same whichever store
    # returned the rows, in whatever order.
    nodes = sorted(store.query(spec["nodes"], params, limit=10**9).records(), key=lambda r: r["id"])
    for record in nodes:
        graph.add_node(record.pop("id"), **record)
    for kind, edge_spec in spec["edges"].items():
        records = store.query(edge_spec["cypher"], params, limit=10**9).records()
        for record in sorted(records, key=lambda r: (r["source"], r["target"])):
            source, target = record["source"], record["target"]
            if source not in graph or target not in graph or source == target:
                continue
            data = graph.get_edge_data(source, target) or {"weight": 0.0}
            data[kind] = data.get(kind, 0) + record["evidence"]
            data["weight"] += edge_spec["weight"] * record["evidence"]
            graph.add_edge(source, target, **data)
    if spec.get("same_as"):
        _contract_same_as(graph, store.query(spec["same_as"], params, limit=10**9).records())
    return graph


def _contract_same_as(graph: nx.Graph, links: list[dict]) -> None:
    """Fold each SAME_AS cluster into one node (the smallest id), summing edge weights and
    keeping the members' ids in `merged`, so one person named in two scripts is one actor."""
    clusters = nx.Graph()
    clusters.add_edges_from(
        (r["source"], r["target"]) for r in links if r["source"] in graph and r["target"] in graph
    )
    for members in nx.connected_components(clusters):
        keep, *others = sorted(members)
        for other in others:
            for neighbour, data in list(graph[other].items()):
                if neighbour == keep:
                    continue
                merged = graph.get_edge_data(keep, neighbour) or {"weight": 0.0}
                for key, value in data.items():
                    merged[key] = merged.get(key, 0) + value
                graph.add_edge(keep, neighbour, **merged)
            graph.remove_node(other)
        graph.nodes[keep]["merged"] = sorted(members)
