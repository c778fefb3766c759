"""Disruption analysis: remove actors one by one by a strategy (degree, betweenness, collective
influence, community bridges, random) and track how the network fragments, or ask what removing
a chosen set of actors ("what if we arrest these people") would do."""

from __future__ import annotations

import csv
import random
import statistics
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import networkx as nx

from graph.analysis.centrality import EXACT_LIMIT, betweenness, external_communities, participation
from graph.analysis.communities import louvain

Node = Hashable
STRATEGIES = (
    "degree",
    "betweenness",
    "betweenness_recomputed",
    "collective_influence",
    "community_bridges",
    "random",
)
EFFICIENCY_LIMIT = 1000
Chooser = Callable[[nx.Graph], Node]


@dataclass(frozen=True)
class NetworkState:
    """Size and cohesion of a network at one moment; `lcc_fraction` is relative to the largest
    component of the network before any removal."""

    nodes: int
    edges: int
    components: int
    largest_component: int
    lcc_fraction: float
    efficiency: float | None


@dataclass(frozen=True)
class RemovalImpact:
    """Before/after of removing a set of actors, and who got cut off from the main component."""

    removed: list[Node]
    not_found: list[Node]
    before: NetworkState
    after: NetworkState
    detached: set[Node]


@dataclass(frozen=True)
class AttackCurve:
    """Metrics after each removal of one strategy; index 0 is the intact network. For `random`
    the values are means over runs, with standard deviations alongside and no removal order."""

    strategy: str
    removed: list[Node]
    lcc_fraction: list[float]
    components: list[float]
    efficiency: list[float] | None
    lcc_fraction_std: list[float] | None = None
    params: dict[str, Any] = field(default_factory=dict)

    def auc(self, steps: int | None = None) -> float:
        """Mean LCC fraction over removals 1..steps (all by default): the normalised area under
        the curve; lower means the strategy fragments the network faster."""
        values = self.lcc_fraction[1 : (steps + 1 if steps is not None else None)]
        return statistics.fmean(values) if values else 1.0


def network_state(graph: nx.Graph, initial_lcc: int, efficiency: bool = True) -> NetworkState:
    """Node and edge counts, component count, largest component (absolute and as a fraction of
    `initial_lcc`) and, if asked, global efficiency (quadratic in nodes, so optional)."""
    sizes = [len(c) for c in nx.connected_components(graph)]
    largest = max(sizes, default=0)
    return NetworkState(
        nodes=graph.number_of_nodes(),
        edges=graph.number_of_edges(),
        components=len(sizes),
        largest_component=largest,
        lcc_fraction=largest / initial_lcc if initial_lcc else 0.0,
        efficiency=nx.global_efficiency(graph) if efficiency else None,
    )


def simulate_removal(graph: nx.Graph, nodes: Iterable[Node], *, efficiency: bool = True) -> RemovalImpact:
    """What removing `nodes` would do: metrics before and after, and the remaining actors that were
    in the largest component before but are not in it after. Unknown ids are listed, not fatal."""
    wanted = list(dict.fromkeys(nodes))
    removed = [n for n in wanted if n in graph]
    largest_before = _largest_component(graph)
    remaining = graph.copy()
    remaining.remove_nodes_from(removed)
    largest_after = _largest_component(remaining)
    return RemovalImpact(
        removed=removed,
        not_found=[n for n in wanted if n not in graph],
        before=network_state(graph, len(largest_before), efficiency),
        after=network_state(remaining, len(largest_before), efficiency),
        detached=largest_before - largest_after - set(removed),
    )


def collective_influence(graph: nx.Graph, radius: int = 2) -> dict[Node, float]:
    """Morone-Makse collective influence CI_l(i) = (k_i - 1) Σ_{j at distance l} (k_j - 1): high
    for actors whose removal cuts many paths in their neighbourhood."""
    scores: dict[Node, float] = {}
    for node in graph:
        k = graph.degree(node)
        if k <= 1:
            scores[node] = 0.0
            continue
        distances = nx.single_source_shortest_path_length(graph, node, cutoff=radius)
        frontier = sum(graph.degree(j) - 1 for j, d in distances.items() if d == radius)
        scores[node] = float((k - 1) * frontier)
    return scores


def attack(
    graph: nx.Graph,
    strategy: str,
    *,
    steps: int | None = None,
    seed: int = 0,
    weighted: bool = False,
    efficiency: bool | None = None,
    partition: Mapping[Node, int] | None = None,
    radius: int = 2,
    exact_limit: int = EXACT_LIMIT,
    k: int | None = None,
    runs: int = 50,
) -> AttackCurve:
    """Remove up to `steps` actors (all by default) by `strategy` and record the metrics after each.
    `degree`, `betweenness` and `community_bridges` rank once on the intact network;
    `betweenness_recomputed` and `collective_influence` re-rank after every removal; `random`
    averages `runs` seeded orders. Betweenness uses hop counts and degree counts ties unless
    `weighted` (distance 1/weight, strength); above `exact_limit` nodes betweenness is sampled
    from `k` sources (see centrality.betweenness). Ties go to the smallest node id as text.
    Efficiency defaults to on up to 1000 nodes."""
    if strategy == "random":
        return random_attack(graph, steps=steps, runs=runs, seed=seed, efficiency=efficiency)
    if strategy not in STRATEGIES:
        raise ValueError(f"unknown strategy {strategy!r}; choose one of {', '.join(STRATEGIES)}")
    steps = _steps(graph, steps)
    efficiency = _efficiency(graph, efficiency)
    weight = "weight" if weighted else None
    chooser = _chooser(graph, strategy, weight, seed, partition, radius, exact_limit, k)
    removed = _run(graph, chooser, steps)
    curve = _curve(graph, removed, efficiency)
    params = {"steps": steps, "weighted": weighted, "seed": seed}
    if strategy == "collective_influence":
        params["radius"] = radius
    return AttackCurve(strategy, removed, *curve, params=params)


def random_attack(
    graph: nx.Graph,
    *,
    steps: int | None = None,
    runs: int = 50,
    seed: int = 0,
    efficiency: bool | None = None,
) -> AttackCurve:
    """Mean and standard deviation of the metrics over `runs` random removal orders (seeds
    seed..seed+runs-1): the baseline a targeted strategy has to beat."""
    steps = _steps(graph, steps)
    efficiency = _efficiency(graph, efficiency)
    nodes = sorted(graph, key=str)
    curves = [_curve(graph, random.Random(seed + r).sample(nodes, steps), efficiency) for r in range(runs)]
    lcc = [statistics.fmean(values) for values in zip(*(c[0] for c in curves), strict=True)]
    lcc_std = [statistics.pstdev(values) for values in zip(*(c[0] for c in curves), strict=True)]
    components = [statistics.fmean(values) for values in zip(*(c[1] for c in curves), strict=True)]
    eff = (
        [statistics.fmean(values) for values in zip(*(c[2] or [] for c in curves), strict=True)]
        if efficiency
        else None
    )
    params = {"steps": steps, "runs": runs, "seed": seed}
    return AttackCurve("random", [], lcc, components, eff, lcc_std, params)


def compare_strategies(
    graph: nx.Graph, strategies: Iterable[str] = STRATEGIES, **options: Any
) -> dict[str, AttackCurve]:
    """Every strategy's curve on the same network with the same options (see `attack`)."""
    strategies = tuple(strategies)
    if "community_bridges" in strategies and options.get("partition") is None:
        options["partition"] = louvain(graph, seed=options.get("seed", 0)).partition
    return {strategy: attack(graph, strategy, **options) for strategy in strategies}


def lcc_table(curves: Mapping[str, AttackCurve]) -> list[dict[str, Any]]:
    """Rows of the disruption table: one per removal step (0 = intact), one LCC-fraction column per
    strategy, plus `random_std` when the random baseline is present; blank where a curve ended."""
    length = max((len(c.lcc_fraction) for c in curves.values()), default=0)
    rows = []
    for step in range(length):
        row: dict[str, Any] = {"step": step}
        for name, curve in curves.items():
            row[name] = _at(curve.lcc_fraction, step)
            if curve.lcc_fraction_std is not None:
                row[f"{name}_std"] = _at(curve.lcc_fraction_std, step)
        rows.append(row)
    return rows


def write_lcc_csv(curves: Mapping[str, AttackCurve], target: str | Path | TextIO) -> None:
    """Write `lcc_table(curves)` as CSV to a path or an open text stream."""
    rows = lcc_table(curves)
    if isinstance(target, str | Path):
        with open(target, "w", encoding="utf-8", newline="") as handle:
            _write_rows(rows, handle)
    else:
        _write_rows(rows, target)


def _chooser(
    graph: nx.Graph,
    strategy: str,
    weight: str | None,
    seed: int,
    partition: Mapping[Node, int] | None,
    radius: int,
    exact_limit: int,
    k: int | None,
) -> Chooser:
    """A function giving the next actor to remove from the current network."""

    def between(current: nx.Graph) -> dict[Node, float]:
        return betweenness(current, weight=weight, exact_limit=exact_limit, k=k, seed=seed).values

    if strategy == "betweenness_recomputed":
        return lambda current: _ranked(between(current))[0]
    if strategy == "collective_influence":
        return lambda current: _ranked(collective_influence(current, radius))[0]
    if strategy == "degree":
        order = _ranked({n: float(d) for n, d in graph.degree(weight=weight)})
    elif strategy == "betweenness":
        order = _ranked(between(graph))
    else:  # community_bridges
        groups = dict(partition) if partition is not None else louvain(graph, seed=seed).partition
        scores = participation(graph, groups, weight).values
        links, degrees = external_communities(graph, groups), dict(graph.degree())
        order = sorted(graph, key=lambda n: (-round(scores[n], 10), -links[n], -degrees[n], str(n)))
    remaining = iter(order)
    return lambda current: next(remaining)


def _run(graph: nx.Graph, chooser: Chooser, steps: int) -> list[Node]:
    current = graph.copy()
    removed = []
    for _ in range(steps):
        node = chooser(current)
        current.remove_node(node)
        removed.append(node)
    return removed


def _curve(
    graph: nx.Graph, order: list[Node], efficiency: bool
) -> tuple[list[float], list[float], list[float] | None]:
    """LCC fractions, component counts and efficiencies along a removal order."""
    initial = len(_largest_component(graph))
    current = graph.copy()
    states = [network_state(current, initial, efficiency)]
    for node in order:
        current.remove_node(node)
        states.append(network_state(current, initial, efficiency))
    return (
        [s.lcc_fraction for s in states],
        [float(s.components) for s in states],
        [s.efficiency or 0.0 for s in states] if efficiency else None,
    )


def _ranked(scores: Mapping[Node, float]) -> list[Node]:
    """Nodes by descending score; rounding makes float noise a tie, and ties go to the smaller id text."""
    return sorted(scores, key=lambda n: (-round(scores[n], 10), str(n)))


def _largest_component(graph: nx.Graph) -> set[Node]:
    return max(nx.connected_components(graph), key=len, default=set())


def _steps(graph: nx.Graph, steps: int | None) -> int:
    n = graph.number_of_nodes()
    return n if steps is None else max(0, min(steps, n))


def _efficiency(graph: nx.Graph, efficiency: bool | None) -> bool:
    return graph.number_of_nodes() <= EFFICIENCY_LIMIT if efficiency is None else efficiency


def _at(values: list[float], step: int) -> float | str:
    return values[step] if step < len(values) else ""


def _write_rows(rows: list[dict[str, Any]], handle: TextIO) -> None:
    if not rows:
        return
    writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
