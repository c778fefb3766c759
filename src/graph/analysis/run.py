"""The analyses behind `graph analyse` and `graph disrupt`: one network in (a projection of the
store, or a file), communities with their stability, centrality and brokerage, removal
strategies; results as plain values the CLI prints and the store receives."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from graph.analysis import centrality, communities, disruption
from graph.analysis.io import read_network
from graph.analysis.projection import project
from graph.analysis.summary import CommunitySummary, summarise
from graph.analysis.writeback import write_node_results
from graph.nlp.normalise import normalise
from graph.store.base import GraphStore


def load_network(
    store: GraphStore | None,
    input_file: Path | None,
    projection: str = "actors",
    since: str | None = None,
    until: str | None = None,
    half_life_days: float | None = None,
) -> nx.Graph:
    """The network to analyse: a file (edge list or GraphML) or a projection of the store."""
    if input_file is not None:
        graph = read_network(input_file)
        for node in graph:
            graph.nodes[node].setdefault("label", "Node")
            graph.nodes[node].setdefault("name", str(node))
        return graph
    if store is None:
        raise ValueError("no store and no --input file to analyse")
    return project(store, projection, since=since, until=until, half_life_days=half_life_days)


@dataclass
class AnalysisResult:
    graph: nx.Graph
    partition: dict[Any, int]
    confidence: dict[Any, float]
    modularity: float
    second_opinion: dict[str, float]  # other methods' modularity and NMI to the consensus
    scores: dict[Any, dict[str, Any]]
    params: dict[str, Any]
    summaries: list[CommunitySummary] = field(default_factory=list)


def analyse_network(
    graph: nx.Graph,
    *,
    method: str = "louvain",
    runs: int = 20,
    seed: int = 42,
    resolution: float = 1.0,
    exact_limit: int = 5000,
    k: int | None = None,
) -> AnalysisResult:
    """Communities (consensus of `runs` seeds, with per-node confidence), a second opinion from
    label propagation, and the centrality table, on the undirected view of `graph`."""
    undirected = graph.to_undirected() if graph.is_directed() else graph
    params: dict[str, Any] = {
        "method": method,
        "runs": runs,
        "seed": seed,
        "resolution": resolution,
        "projection": graph.graph.get("projection", "file"),
    }
    if undirected.number_of_nodes() == 0:
        return AnalysisResult(graph, {}, {}, 0.0, {}, {}, params)
    kwargs = {"resolution": resolution} if method in ("louvain", "leiden") else {}
    stable = communities.stability(undirected, method=method, runs=runs, seed=seed, **kwargs)
    partition = stable.consensus.partition
    others = {}
    for other in ("label_propagation", "leiden"):
        if other == method or (other == "leiden" and not communities.leiden_available()):
            continue
        result = communities.detect(undirected, other, seed=seed)
        others[f"{other}_modularity"] = round(result.modularity, 4)
        others[f"{other}_nmi"] = round(communities.nmi(result.partition, partition), 4)
    scores, centrality_params = centrality.centrality_table(
        undirected, partition, exact_limit=exact_limit, k=k, seed=seed
    )
    for node, value in stable.confidence.items():
        scores.setdefault(node, {})["community_confidence"] = round(value, 4)
    for node, community in partition.items():
        scores.setdefault(node, {})["community"] = community
    params.update(centrality=centrality_params, mean_modularity=round(stable.mean_modularity, 4))
    return AnalysisResult(
        graph,
        partition,
        stable.confidence,
        communities.modularity(undirected, partition),
        others,
        scores,
        params,
        summarise(graph, partition),
    )


def write_results(store: GraphStore, result: AnalysisResult) -> int:
    """Write community, confidence and centrality scores back onto the analysed nodes."""
    rows = {
        node: {k: v for k, v in props.items() if isinstance(v, int | float | str | bool)}
        for node, props in result.scores.items()
    }
    write_node_results(store, result.graph, rows, result.params)
    return len(rows)


def find_nodes(graph: nx.Graph, names: list[str]) -> tuple[list[Any], list[str]]:
    """Nodes named (by id, or by name in either script, letter variants folded; a node that
    stands for a SAME_AS cluster answers to every member's name)."""

    def labels(node: Any) -> list[str]:
        data = graph.nodes[node]
        return [normalise(str(x)) for x in data.get("names", [data.get("name", "")])]

    found, missing = [], []
    for name in names:
        key = normalise(name)
        matches = [n for n in graph if str(n) == name or key in labels(n)]
        if not matches:
            matches = [n for n in graph if key and any(key in label for label in labels(n))]
        if matches:
            found.extend(sorted(matches, key=str)[:1])
        else:
            missing.append(name)
    return found, missing


def disrupt(
    graph: nx.Graph,
    strategies: list[str],
    *,
    steps: int | None,
    seed: int = 0,
    weighted: bool = False,
    runs: int = 50,
) -> dict[str, disruption.AttackCurve]:
    """Removal curves for the strategies asked for, on the undirected view of `graph`."""
    undirected = graph.to_undirected() if graph.is_directed() else graph
    partition = (
        communities.louvain(undirected, seed=seed).partition if "community_bridges" in strategies else None
    )
    return {
        s: disruption.attack(
            undirected, s, steps=steps, seed=seed, weighted=weighted, partition=partition, runs=runs
        )
        for s in strategies
    }


def write_disruption_ranks(store: GraphStore, graph: nx.Graph, curve: disruption.AttackCurve) -> int:
    ranks = {
        node: {"disruption_rank": rank, "disruption_strategy": curve.strategy}
        for rank, node in enumerate(curve.removed, start=1)
    }
    write_node_results(store, graph, ranks, {"strategy": curve.strategy, **curve.params})
    return len(ranks)
