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
    return graph
