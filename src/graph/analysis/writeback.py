"""Writes analysis results back onto the analysed nodes, with when and how they were computed."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import UTC, datetime
from typing import Any

import networkx as nx

from graph.store.base import GraphStore, WriteStats


def write_node_results(
    store: GraphStore,
    graph: nx.Graph,
    results: dict[str, dict[str, Any]],
    params: dict[str, Any],
    *,
    stamp: tuple[str, str] = ("analysed_at", "analysis_params"),
) -> WriteStats:
    """Set `results[node]` (e.g. community, scores) on each node, plus when and with which
    parameters they were computed (under the names in `stamp`), so an investigator can tell
    which run produced a value and one kind of run never overwrites the stamp of another."""
    when, how = stamp
    stamp_values = {
        when: datetime.now(UTC).isoformat(timespec="seconds"),
        how: json.dumps(params, sort_keys=True),
    }
    by_label: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for node, props in results.items():
        # a node that stands for a SAME_AS cluster writes its result onto every member
        for member in graph.nodes[node].get("merged", [node]):
            by_label[graph.nodes[node]["label"]].append({"id": member, "props": {**props, **stamp_values}})
    stats = WriteStats()
    for label, rows in by_label.items():
        stats.add(store.set_properties(label, rows))
    return stats
