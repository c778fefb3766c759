"""Projects the stored graph into a NetworkX graph as `etl/projections.yaml` defines it:
which labels are actors, which links join them, and how links are weighted by kind,
evidence and recency."""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any

import networkx as nx
import yaml

from graph.paths import etl_dir
from graph.store.base import GraphStore

ALL_TIME = ("0000", "9999")


@cache
def projections() -> dict[str, dict[str, Any]]:
    with open(etl_dir() / "projections.yaml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _day(value: str | None) -> date | None:
    """An ISO date at any precision (2024, 2024-05, 2024-05-17) as its first day."""
    if not value or not value[:4].isdigit():
        return None
    parts = [int(p) for p in value[:10].split("-") if p.isdigit()]
    try:
        return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return None


def recency_factor(last: str | None, newest: date | None, half_life_days: float | None) -> float:
    """0.5 ** (age / half-life); 1 when there is no date or no half-life."""
    when = _day(last)
    if not half_life_days or when is None or newest is None:
        return 1.0
    return 0.5 ** (max((newest - when).days, 0) / half_life_days)


def project(
    store: GraphStore,
    name: str = "actors",
    *,
    since: str | None = None,
    until: str | None = None,
    half_life_days: float | None = None,
) -> nx.Graph:
    """The weighted network of projection `name` (directed for `money`), limited to links seen
    between `since` and `until`. Node attributes: label, name, first_seen, last_seen; edge
    attributes: weight, and the evidence per link kind."""
    spec = projections().get(name)
    if spec is None:
        raise KeyError(f"no projection {name!r}; defined: {sorted(projections())}")
    params = {**spec.get("params", {}), "since": since or ALL_TIME[0], "until": until or ALL_TIME[1]}
    half_life = spec.get("half_life_days") if half_life_days is None else half_life_days
    graph: nx.Graph = nx.DiGraph(projection=name) if spec.get("directed") else nx.Graph(projection=name)
    # Sorted, so that the graph (and a seeded algorithm on it) is the same whichever store
    # returned the rows, in whatever order.
    nodes = sorted(store.read(spec["nodes"], params).records(), key=lambda r: r["id"])
    for record in nodes:
        graph.add_node(record.pop("id"), **record)
    links = []
    for kind, edge_spec in spec["edges"].items():
        records = store.read(edge_spec["cypher"], params).records()
        links += [
            (kind, edge_spec["weight"], r) for r in sorted(records, key=lambda r: (r["source"], r["target"]))
        ]
    dates = [d for _, _, r in links if (d := _day(r.get("last")))]
    newest = max(dates) if dates else None
    for kind, kind_weight, record in links:
        source, target = record["source"], record["target"]
        if source not in graph or target not in graph or source == target:
            continue
        data = graph.get_edge_data(source, target) or {"weight": 0.0}
        data[kind] = data.get(kind, 0) + record["evidence"]
        data["weight"] += (
            kind_weight * record["evidence"] * recency_factor(record.get("last"), newest, half_life)
        )
        graph.add_edge(source, target, **data)
    if spec.get("same_as"):
        _contract_same_as(graph, store.read(spec["same_as"], params).records())
    if since or until:  # a period's network holds the actors active in it
        graph.remove_nodes_from([n for n in list(graph) if graph.degree(n) == 0])
    return graph


def _contract_same_as(graph: nx.Graph, links: list[dict]) -> None:
    """Fold each SAME_AS cluster into one node (the smallest id), summing edge weights and
    keeping the members' ids in `merged` and names in `names`, so one person named in two
    scripts is one actor."""
    clusters = nx.Graph()
    clusters.add_edges_from(
        (r["source"], r["target"]) for r in links if r["source"] in graph and r["target"] in graph
    )
    for members in nx.connected_components(clusters):
        keep, *others = sorted(members)
        graph.nodes[keep]["names"] = sorted({str(graph.nodes[m].get("name")) for m in members})
        for other in others:
            neighbours = (
                list(graph.succ[other].items()) + list(graph.pred[other].items())
                if graph.is_directed()
                else list(graph[other].items())
            )
            for neighbour, data in neighbours:
                if neighbour == keep:
                    continue
                pair = (
                    (keep, neighbour)
                    if not graph.is_directed() or graph.has_edge(other, neighbour)
                    else (neighbour, keep)
                )
                merged = graph.get_edge_data(*pair) or {"weight": 0.0}
                for key, value in data.items():
                    merged[key] = merged.get(key, 0) + value
                graph.add_edge(*pair, **merged)
            graph.remove_node(other)
        graph.nodes[keep]["merged"] = sorted(members)
