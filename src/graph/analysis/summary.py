"""The per-community summary investigators read: size, labels, key members, first and last seen."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx


@dataclass
class CommunitySummary:
    community: int
    size: int
    labels: dict[str, int]
    top_members: list[str]
    first_seen: str | None
    last_seen: str | None


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
