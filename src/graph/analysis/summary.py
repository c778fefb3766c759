"""Community detection on a projection and the per-community summary investigators read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import networkx as nx


@dataclass
class CommunitySummary:
    community: int
    size: int
    labels: dict[str, int]
    top_members: list[str]
    first_seen: str | None
    last_seen: str | None


def louvain_partition(graph: nx.Graph, seed: int = 42, resolution: float = 1.0) -> dict[str, int]:
    """Louvain communities (weighted, fixed seed), numbered by size, largest first; isolated
    nodes get a community of their own."""
    if graph.number_of_nodes() == 0:
        return {}
    communities = nx.community.louvain_communities(graph, weight="weight", seed=seed, resolution=resolution)
    ordered = sorted(communities, key=lambda c: (-len(c), min(c)))
    return {node: number for number, members in enumerate(ordered) for node in members}


def summarise(graph: nx.Graph, partition: dict[str, int], top: int = 5) -> list[CommunitySummary]:
    degree = dict(graph.degree(weight="weight"))
    groups: dict[int, list[str]] = {}
    for node, community in partition.items():
        groups.setdefault(community, []).append(node)
    out = []
    for community, members in sorted(groups.items()):
        labels: dict[str, int] = {}
        for node in members:
            labels[graph.nodes[node]["label"]] = labels.get(graph.nodes[node]["label"], 0) + 1
        ranked = sorted(members, key=lambda n: (-degree.get(n, 0), n))
        firsts = [graph.nodes[n].get("first_seen") for n in members if graph.nodes[n].get("first_seen")]
        lasts = [graph.nodes[n].get("last_seen") for n in members if graph.nodes[n].get("last_seen")]
        out.append(
            CommunitySummary(
                community,
                len(members),
                labels,
                [str(graph.nodes[n].get("name") or n) for n in ranked[:top]],
                min(firsts) if firsts else None,
                max(lasts) if lasts else None,
            )
        )
    return out


def modularity(graph: nx.Graph, partition: dict[str, int]) -> float:
    if graph.number_of_edges() == 0:
        return 0.0
    groups: dict[int, set[Any]] = {}
    for node, community in partition.items():
        groups.setdefault(community, set()).add(node)
    return nx.community.modularity(graph, groups.values(), weight="weight")
