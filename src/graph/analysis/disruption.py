"""Disruption analysis: remove actors by a strategy (strategies.py: a measure in its static or
sequential form, a key-player set, or random removal) and record, after each removal, the
damage (damage.py: largest component, components, global efficiency, fragmentation, robustness R)
and who was removed; or ask what removing a chosen set of actors ("what if we arrest these
people") would do."""

from __future__ import annotations

import random
import statistics
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graph.analysis.centrality import EXACT_LIMIT
from graph.analysis.communities import louvain
from graph.analysis.damage import NetworkState, network_state, robustness
from graph.analysis.keyplayer import key_player_sets
from graph.analysis.matrices import one_blas_thread
from graph.analysis.strategies import (
    GROUPS,
    Ranking,
    RankOptions,
    StrategyError,
    catalogue,
    load_config,
    ranking,
    resolve,
    weighted_twin,
)

Node = Hashable
STRATEGIES = tuple(catalogue())
EFFICIENCY_LIMIT = 1000


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
    """The damage after each removal of one strategy; index 0 is the intact network.

    `removed` is the removal order (for a key-player strategy, the largest set) and
    `removed_at[q - 1]` the actors removed at step q (for a key-player strategy, the whole set
    of size q). `lcc_fraction` is the largest component over the intact network's largest
    component (Cavallaro et al.'s normalisation); `robustness()` is Schneider's R, over all
    `nodes` actors. For `random` the values are means over runs, with the LCC's standard
    deviation alongside and no removal order."""

    strategy: str
    removed: list[Node]
    lcc_fraction: list[float]
    components: list[float]
    efficiency: list[float] | None
    lcc_fraction_std: list[float] | None = None
    params: dict[str, Any] = field(default_factory=dict)
    lcc: list[float] = field(default_factory=list)
    fragmentation: list[float] = field(default_factory=list)
    removed_at: list[list[Node]] = field(default_factory=list)
    nodes: int = 0
    form: str = ""
    measure: str = ""
    weighted: bool = False

    def auc(self, steps: int | None = None) -> float:
        """Mean LCC fraction over removals 1..steps (all by default): the normalised area under
        the curve; lower means the strategy fragments the network faster."""
        values = self.lcc_fraction[1 : (steps + 1 if steps is not None else None)]
        return statistics.fmean(values) if values else 1.0

    def robustness(self) -> list[float]:
        """Schneider's R accumulated to each step (damage.robustness)."""
        return robustness(self.lcc, self.nodes)


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


@one_blas_thread
def attack(
    graph: nx.Graph,
    strategy: str,
    *,
    steps: int | None = None,
    seed: int = 0,
    weighted: bool = False,
    efficiency: bool | None = None,
    partition: Mapping[Node, int] | None = None,
    radius: int | None = None,
    katz_alpha: float | None = None,
    distance: str = "inverse",
    exact_limit: int = EXACT_LIMIT,
    k: int | None = None,
    runs: int | None = None,
    tie_order: Sequence[Node] | None = None,
    recompute_every: int | None = None,
) -> AttackCurve:
    """Remove up to `steps` actors (all by default) by `strategy` and record the damage after each.

    A ``_static`` strategy ranks once on the intact network, a ``_sequential`` one re-ranks after
    every removal (`recompute_every` re-ranks every that many removals instead: 5 is Cavallaro
    et al.'s "block" removal); ``kpp_*_set`` finds a key-player set per size up to
    etl/disruption.yaml's max_k; ``random`` averages `runs` seeded orders. `weighted` picks the
    weighted variant of a measure (strength for degree, 1/weight as length for betweenness).
    Collective influence's ball has radius `radius` and Katz the attenuation `katz_alpha`
    (defaults from etl/disruption.yaml); above `exact_limit` nodes betweenness is sampled from
    `k` sources. Ties go to the actor earlier in `tie_order`, else the smaller id as text.
    Efficiency defaults to on up to 1000 nodes. Earlier names (``betweenness_recomputed``) are
    accepted."""
    if strategy in GROUPS:
        raise StrategyError(f"{strategy!r} is a group of strategies; name one (see strategies.resolve)")
    name = resolve([strategy])[0]
    if weighted:
        name = weighted_twin(name)
    config = load_config()
    if name == "random":
        return random_attack(
            graph, steps=steps, runs=runs or config.random_runs, seed=seed, efficiency=efficiency
        )
    chosen = catalogue(config)[name]
    steps = _steps(graph, steps)
    efficiency = _efficiency(graph, efficiency)
    params: dict[str, Any] = {"steps": steps, "weighted": chosen.weighted, "seed": seed, "form": chosen.form}
    if chosen.form == "set":
        return _key_player_curve(graph, chosen.name, chosen.measure, steps, efficiency, params)
    if chosen.measure.startswith("community_bridges") and partition is None:
        partition = louvain(graph, seed=seed).partition
    options = RankOptions(
        seed=seed,
        exact_limit=exact_limit,
        k=k,
        partition=partition,
        katz_alpha=katz_alpha if katz_alpha is not None else config.katz_alpha,
        katz_bound_share=config.katz_bound_share,
        radius=radius if radius is not None else config.radius,
        distance=distance,
        tie_order=tie_order,
    )
    every = recompute_every if recompute_every is not None else (1 if chosen.form == "sequential" else None)
    removed = _run(graph, ranking(chosen.measure, options), steps, every)
    params.update(_measure_params(chosen.measure, options))
    if every not in (None, 1):
        params["recompute_every"] = every
    return _attack_curve(graph, chosen.name, removed, [[n] for n in removed], efficiency, params)


@one_blas_thread
def random_attack(
    graph: nx.Graph,
    *,
    steps: int | None = None,
    runs: int = 50,
    seed: int = 0,
    efficiency: bool | None = None,
) -> AttackCurve:
    """Mean damage over `runs` random removal orders (seeds seed..seed+runs-1), with the LCC's
    standard deviation: the baseline a targeted strategy has to beat."""
    steps = _steps(graph, steps)
    efficiency = _efficiency(graph, efficiency)
    nodes = sorted(graph, key=str)
    states = [_states(graph, random.Random(seed + r).sample(nodes, steps), efficiency) for r in range(runs)]
    by_step = list(zip(*states, strict=True))

    def mean(attribute: str) -> list[float]:
        return [statistics.fmean(float(getattr(s, attribute) or 0.0) for s in step) for step in by_step]

    return AttackCurve(
        "random",
        [],
        mean("lcc_fraction"),
        mean("components"),
        mean("efficiency") if efficiency else None,
        [statistics.pstdev(s.lcc_fraction for s in step) for step in by_step],
        {"steps": steps, "runs": runs, "seed": seed, "form": "random"},
        lcc=mean("largest_component"),
        fragmentation=mean("fragmentation"),
        nodes=graph.number_of_nodes(),
        form="random",
        measure="random",
    )


def compare_strategies(
    graph: nx.Graph, strategies: Iterable[str] | None = None, **options: Any
) -> dict[str, AttackCurve]:
    """Every strategy's curve on the same network with the same options (see `attack`); by
    default every strategy that applies to the network (strategies.resolve)."""
    names = resolve(strategies, graph)
    if any(n.startswith("community_bridges") for n in names) and options.get("partition") is None:
        options["partition"] = louvain(graph, seed=options.get("seed", 0)).partition
    return {name: attack(graph, name, **options) for name in names}


def _measure_params(measure: str, options: RankOptions) -> dict[str, Any]:
    """The parameters of a measure worth recording with its curve."""
    if measure.startswith("katz"):
        return {"katz_alpha": options.katz_alpha, "katz_bound_share": options.katz_bound_share}
    if measure.startswith("collective_influence"):
        return {"radius": options.radius}
    if measure == "betweenness_weighted":
        return {"distance": options.distance}
    return {}


def _run(graph: nx.Graph, rank: Ranking, steps: int, every: int | None) -> list[Node]:
    """The removal order: the ranking of the intact network (every=None), or re-ranked on what
    is left after every `every` removals."""
    current = graph.copy()
    removed: list[Node] = []
    queue: list[Node] = []
    since = 0
    while len(removed) < steps:
        if not queue or (every is not None and since >= every):
            queue, since = rank(current), 0
        node = queue.pop(0)
        current.remove_node(node)
        removed.append(node)
        since += 1
    return removed


def _key_player_curve(
    graph: nx.Graph, name: str, measure: str, steps: int, efficiency: bool, params: dict[str, Any]
) -> AttackCurve:
    config = load_config()
    settings, limit = config.key_players, config.key_player_max_nodes[measure]
    params.update(settings)
    if graph.number_of_nodes() > limit:
        params["skipped"] = f"over {limit} nodes (etl/disruption.yaml key_players.max_nodes)"
        return _attack_curve(graph, name, [], [], efficiency, params)
    found = key_player_sets(
        graph,
        min(steps, settings["max_k"]),
        measure=measure,
        candidates=settings["candidates"],
        max_passes=settings["max_passes"],
    )
    params["scores"] = [round(s.score, 6) for s in found]
    sets = [s.members for s in found]
    return _attack_curve(graph, name, sets[-1] if sets else [], sets, efficiency, params)


def _attack_curve(
    graph: nx.Graph,
    name: str,
    removed: list[Node],
    removed_at: list[list[Node]],
    efficiency: bool,
    params: dict[str, Any],
) -> AttackCurve:
    """The curve of one strategy: the damage after each step's removals (cumulative for an order,
    the step's own set for a key-player strategy)."""
    strategy = catalogue()[name]
    if strategy.form == "set":
        initial = len(_largest_component(graph))
        states = [network_state(graph, initial, efficiency)]
        for members in removed_at:
            remaining = graph.copy()
            remaining.remove_nodes_from(members)
            states.append(network_state(remaining, initial, efficiency))
    else:
        states = _states(graph, removed, efficiency)
    return AttackCurve(
        name,
        removed,
        [s.lcc_fraction for s in states],
        [float(s.components) for s in states],
        [s.efficiency or 0.0 for s in states] if efficiency else None,
        params=params,
        lcc=[float(s.largest_component) for s in states],
        fragmentation=[s.fragmentation for s in states],
        removed_at=removed_at,
        nodes=graph.number_of_nodes(),
        form=strategy.form,
        measure=strategy.measure,
        weighted=strategy.weighted,
    )


def _states(graph: nx.Graph, order: list[Node], efficiency: bool) -> list[NetworkState]:
    """The network's state before and after each removal of `order`."""
    initial = len(_largest_component(graph))
    current = graph.copy()
    states = [network_state(current, initial, efficiency)]
    for node in order:
        current.remove_node(node)
        states.append(network_state(current, initial, efficiency))
    return states


def _largest_component(graph: nx.Graph) -> set[Node]:
    return max(nx.connected_components(graph), key=len, default=set())


def _steps(graph: nx.Graph, steps: int | None) -> int:
    n = graph.number_of_nodes()
    return n if steps is None else max(0, min(steps, n))


def _efficiency(graph: nx.Graph, efficiency: bool | None) -> bool:
    return graph.number_of_nodes() <= EFFICIENCY_LIMIT if efficiency is None else efficiency


def _at(values: Sequence[float], step: int) -> float | str:
    return values[step] if step < len(values) else ""
