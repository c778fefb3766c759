"""The analyses behind `graph analyse` and `graph disrupt`: one network in (a projection of the
store, or a file), communities with their stability, centrality and brokerage, removal
strategies; results as plain values the CLI prints and the store receives."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from graph.analysis import centrality, communities, disruption
from graph.analysis.evolution import PartitionChange, compare_partitions
from graph.analysis.io import read_network
from graph.analysis.projection import project
from graph.analysis.strategies import resolve, weighted_twin
from graph.analysis.summary import CommunitySummary, summarise
from graph.analysis.writeback import write_node_results
from graph.nlp.normalise import nearest, normalise
from graph.store.base import GraphStore
from graph.store.library import load_queries


def load_network(
    store: GraphStore | None,
    input_file: Path | None,
    projection: str = "actors",
    since: str | None = None,
    until: str | None = None,
    half_life_days: float | None = None,
    duplicates: str = "sum",
) -> nx.Graph:
    """The network to analyse: a file (edge list, GraphML, GEXF, Pajek or UCINET DL; io.py) or
    a projection of the store."""
    if input_file is not None:
        graph = read_network(input_file, duplicates=duplicates)
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

    def mean_confidence(self, community: int) -> float:
        """How stable a community is: its members' mean confidence across the seeds (1 when unknown)."""
        members = [n for n, c in self.partition.items() if c == community]
        return sum(self.confidence.get(n, 1.0) for n in members) / max(len(members), 1)

    def brokers(self, top: int = 10) -> list[tuple[Any, dict[str, Any]]]:
        """The `top` nodes by betweenness, with all their scores; ties broken by node id."""
        ranked = sorted(self.scores.items(), key=lambda item: (-item[1].get("betweenness", 0), str(item[0])))
        return ranked[:top]


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


def community_profiles(store: GraphStore, result: AnalysisResult) -> dict[int, dict[str, Any]]:
    """What each community uses, from the `community_profile` named query: platforms, vessels,
    money out and in."""
    query = load_queries()["community_profile"]
    return {
        s.community: store.read(query.cypher, {"community": s.community}).records()[0]
        for s in result.summaries
    }


@dataclass
class RecordedAnalysis:
    """An analysis as `graph analyse` reports it: the result, each community's profile from the
    store, and how many nodes received the results (both empty for a network file)."""

    result: AnalysisResult
    profiles: dict[int, dict[str, Any]]
    written: int


def analyse_and_record(
    store: GraphStore | None,
    input_file: Path | None,
    *,
    projection: str = "actors",
    since: str | None = None,
    until: str | None = None,
    half_life_days: float | None = None,
    method: str = "louvain",
    runs: int = 20,
    seed: int = 42,
    resolution: float = 1.0,
    exact_limit: int = 5000,
) -> RecordedAnalysis:
    """Analyse a file or a projection of the store and, on the store, write the results back to
    the nodes and read each community's profile."""
    network = load_network(store, input_file, projection, since, until, half_life_days)
    result = analyse_network(
        network, method=method, runs=runs, seed=seed, resolution=resolution, exact_limit=exact_limit
    )
    if store is None:
        return RecordedAnalysis(result, {}, 0)
    written = write_results(store, result)
    return RecordedAnalysis(result, community_profiles(store, result), written)


KEY_MEMBERS = 3  # the members a community is known by in a comparison: its best connected


@dataclass(frozen=True)
class PeriodComparison:
    """Two periods' communities compared, with the names a person reads them by: every node's
    name, and for each community of each period its size and its best-connected members."""

    change: PartitionChange
    names: dict[Any, str]
    sizes: tuple[dict[int, int], dict[int, int]]
    key_members: tuple[dict[int, list[str]], dict[int, list[str]]]


def compare_periods(
    store: GraphStore,
    periods: list[tuple[str | None, str | None]],
    *,
    projection: str = "actors",
    method: str = "louvain",
    seed: int = 42,
) -> PeriodComparison:
    """How the communities changed between two periods (from, to; None is open-ended): each
    period's projection partitioned on its own, then the partitions matched."""
    partitions, names, sizes, key_members = [], {}, [], []
    for start, end in periods:
        network = project(store, projection, since=start, until=end)
        partition = communities.detect(network, method, seed=seed).partition if network else {}
        partitions.append(partition)
        names.update({node: str(network.nodes[node].get("name") or node) for node in network})
        members: dict[int, list[Any]] = {}
        for node, community in partition.items():
            members.setdefault(community, []).append(node)
        sizes.append({c: len(nodes) for c, nodes in members.items()})
        key_members.append(
            {
                c: [
                    names[n]
                    for n in sorted(nodes, key=lambda n: (-network.degree(n), names[n]))[:KEY_MEMBERS]
                ]
                for c, nodes in members.items()
            }
        )
    return PeriodComparison(
        compare_partitions(*partitions), names, (sizes[0], sizes[1]), (key_members[0], key_members[1])
    )


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


def near_names(graph: nx.Graph, name: str, limit: int = 3) -> list[str]:
    """The names of the network nearest to `name` (`normalise.nearest`), to suggest when it
    names nothing.

    >>> g = nx.Graph([("p:1", "p:2")])
    >>> g.nodes["p:1"]["name"], g.nodes["p:2"]["name"] = "Karwan Saleh", "Himen Aziz"
    >>> near_names(g, "Karwan Salih")
    ['Karwan Saleh']
    """
    data = (graph.nodes[node] for node in graph)
    names = sorted({str(n) for d in data for n in d.get("names", [d.get("name")]) if n})
    return nearest(name, names, limit)


def disrupt(
    graph: nx.Graph,
    strategies: list[str] | None,
    *,
    steps: int | None,
    seed: int = 0,
    weighted: bool = False,
    runs: int | None = None,
    partition: dict[Any, int] | None = None,
    **options: Any,
) -> dict[str, disruption.AttackCurve]:
    """Removal curves for the strategies asked for (names, earlier names or groups such as
    ``all``; strategies.resolve), on the undirected view of `graph`; the community strategies
    use `partition` when given (the stored one), else a seeded Louvain. `options` go to
    disruption.attack (radius, katz_alpha, distance, tie_order, ...)."""
    undirected = graph.to_undirected() if graph.is_directed() else graph
    names = resolve(strategies, undirected)
    if weighted:  # each strategy's weighted variant, once
        names = list(dict.fromkeys(weighted_twin(name) for name in names))
    if partition is None and any(name.startswith("community_bridges") for name in names):
        partition = communities.louvain(undirected, seed=seed).partition
    return {
        name: disruption.attack(
            undirected,
            name,
            steps=steps,
            seed=seed,
            partition=partition,
            runs=runs,
            **options,
        )
        for name in names
    }


def removal_impact(graph: nx.Graph, names: list[str]) -> tuple[disruption.RemovalImpact, list[str]]:
    """What removing the named nodes would do to the undirected network, and the names not found."""
    nodes, missing = find_nodes(graph, names)
    undirected = graph.to_undirected() if graph.is_directed() else graph
    return disruption.simulate_removal(undirected, nodes), missing


def fastest_strategy(
    curves: dict[str, disruption.AttackCurve], steps: int | None
) -> disruption.AttackCurve | None:
    """The removal order, random and key-player sets excepted (a set per size is not an order),
    that fragments the network fastest over `steps` removals."""
    return min(
        (c for c in curves.values() if c.form in ("static", "sequential") and c.removed),
        key=lambda c: c.auc(steps),
        default=None,
    )


@dataclass
class RankedTargets:
    """Removal curves of the strategies tried, and the fastest one, whose order ranks the targets."""

    curves: dict[str, disruption.AttackCurve]
    best: disruption.AttackCurve | None


def rank_targets(
    store: GraphStore | None,
    graph: nx.Graph,
    strategies: list[str] | None,
    *,
    steps: int | None,
    seed: int = 0,
    weighted: bool = False,
    **options: Any,
) -> RankedTargets:
    """Run the removal strategies and, on the store, write the fastest one's ranks to the nodes."""
    curves = disrupt(graph, strategies, steps=steps, seed=seed, weighted=weighted, **options)
    best = fastest_strategy(curves, steps)
    if store is not None and best:
        write_disruption_ranks(store, graph, best)
    return RankedTargets(curves, best)


def write_disruption_ranks(store: GraphStore, graph: nx.Graph, curve: disruption.AttackCurve) -> int:
    ranks = {
        node: {"disruption_rank": rank, "disruption_strategy": curve.strategy}
        for rank, node in enumerate(curve.removed, start=1)
    }
    write_node_results(
        store,
        graph,
        ranks,
        {"strategy": curve.strategy, **curve.params},
        stamp=("disrupted_at", "disruption_params"),
    )
    return len(ranks)
