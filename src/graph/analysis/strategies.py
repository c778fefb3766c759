"""The removal strategies: their names, forms and defaults (read from `etl/disruption.yaml`), and
for each measure the ranking of actors it gives on a network.

A strategy's name is its measure and its form: ``degree_static`` ranks once on the intact
network, ``degree_sequential`` re-ranks after every removal; ``kpp_fragmentation_set`` and
``kpp_distance_fragmentation_set`` are key-player sets (keyplayer.py), and ``random`` the
baseline. Weighted measures (``strength``, ``betweenness_weighted``, ...) are offered where the
network carries weights.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import networkx as nx
import yaml

from graph.analysis.centrality import EXACT_LIMIT, betweenness, external_communities, participation
from graph.analysis.influence import collective_influence
from graph.analysis.katz import katz
from graph.paths import etl_dir

Node = Hashable
Ranking = Callable[[nx.Graph], list[Node]]
GROUPS = ("all", "static", "sequential", "set", "weighted")


class StrategyError(ValueError):
    """A strategy name that is not one, or an `etl/disruption.yaml` that cannot be read."""


@dataclass(frozen=True)
class Strategy:
    """One way of choosing whom to remove: `form` is ``static``, ``sequential``, ``set`` (a
    key-player set per size) or ``random``."""

    name: str
    measure: str
    form: str
    weighted: bool
    description: str


@dataclass(frozen=True)
class DisruptionConfig:
    """What `etl/disruption.yaml` holds, checked."""

    measures: dict[str, dict[str, Any]]
    forms: tuple[str, ...]
    key_player_measures: dict[str, str]
    key_players: dict[str, int]
    key_player_max_nodes: dict[str, int]
    katz_alpha: float
    katz_bound_share: float
    radius: int
    random_runs: int
    aliases: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class RankOptions:
    """How the measures are computed: betweenness sampling (`exact_limit`, `k`, `seed`), the
    partition for community bridges, Katz's attenuation, collective influence's radius, how a
    weight becomes a length for weighted betweenness (`distance`), and `tie_order`: actors
    earlier in it win ties (default: the smaller id as text)."""

    seed: int = 0
    exact_limit: int = EXACT_LIMIT
    k: int | None = None
    partition: Mapping[Node, int] | None = None
    katz_alpha: float = 0.1
    katz_bound_share: float = 0.9
    radius: int = 1
    distance: str = "inverse"
    tie_order: Sequence[Node] | None = None


@cache
def load_config(path: Path | None = None) -> DisruptionConfig:
    """`etl/disruption.yaml`, read once and checked against the measures this module ranks by.

    Examples
    --------
    >>> config = load_config()
    >>> config.katz_alpha, config.radius, config.forms
    (0.1, 1, ('static', 'sequential'))
    """
    path = path or etl_dir() / "disruption.yaml"
    with open(path, encoding="utf-8") as handle:
        data = yaml.safe_load(handle) or {}
    try:
        measures, keys = data["measures"], data["key_players"]
        config = DisruptionConfig(
            measures=measures,
            forms=tuple(data["forms"]),
            key_player_measures=dict(keys["measures"]),
            key_players={name: int(keys[name]) for name in ("max_k", "candidates", "max_passes")},
            key_player_max_nodes={m: int(keys["max_nodes"][m]) for m in keys["measures"]},
            katz_alpha=float(data["katz"]["alpha"]),
            katz_bound_share=float(data["katz"]["bound_share"]),
            radius=int(data["collective_influence"]["radius"]),
            random_runs=int(data["random"]["runs"]),
            aliases=dict(data.get("aliases") or {}),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise StrategyError(f"{path}: missing or malformed {exc}") from None
    unknown = set(config.measures) - set(RANKERS)
    if unknown or set(config.forms) - {"static", "sequential"}:
        raise StrategyError(f"{path}: no ranking for {sorted(unknown)} or unknown forms {config.forms}")
    return config


def catalogue(config: DisruptionConfig | None = None) -> dict[str, Strategy]:
    """Every strategy by name, in the order tables and plots show them.

    Examples
    --------
    >>> names = list(catalogue())
    >>> names[:3]
    ['degree_static', 'degree_sequential', 'strength_static']
    >>> names[-3:]
    ['kpp_fragmentation_set', 'kpp_distance_fragmentation_set', 'random']
    """
    config = config or load_config()
    found: dict[str, Strategy] = {}
    for measure, spec in config.measures.items():
        for form in config.forms:
            name = f"{measure}_{form}"
            found[name] = Strategy(name, measure, form, bool(spec.get("weighted")), spec["description"])
    for measure, description in config.key_player_measures.items():
        name = f"kpp_{measure}_set"
        found[name] = Strategy(name, measure, "set", False, f"key-player set (Borgatti 2006): {description}")
    found["random"] = Strategy("random", "random", "random", False, "random removal, mean over seeded runs")
    return found


def carries_weights(graph: nx.Graph, weight: str = "weight") -> bool:
    """Whether any tie has a weight other than 1 (then the weighted variants say something new).

    Examples
    --------
    >>> carries_weights(nx.path_graph(3)), carries_weights(nx.Graph([(1, 2, {"weight": 3})]))
    (False, True)
    """
    return any(w != 1 for _, _, w in graph.edges(data=weight, default=1))


def resolve(names: Iterable[str] | None, graph: nx.Graph | None = None) -> list[str]:
    """Strategy names from what an analyst typed: names, earlier names (aliases), or a group
    (`GROUPS`: ``all``, ``static``, ``sequential``, ``set``, ``weighted``). Weighted variants are
    part of a group only where `graph` carries weights. Raises StrategyError on an unknown name.

    Examples
    --------
    >>> resolve(["betweenness_recomputed", "random"])
    ['betweenness_sequential', 'random']
    >>> resolve(["sequential"], nx.path_graph(4))[:3]
    ['degree_sequential', 'betweenness_sequential', 'katz_sequential']
    """
    config = load_config()
    known = catalogue(config)
    weighted = graph is None or carries_weights(graph)
    chosen: list[str] = []
    for name in list(names or []) or ["all"]:
        if name in GROUPS:
            members = [
                s.name
                for s in known.values()
                if (weighted or not s.weighted)
                and (name == "all" or s.form == name or (name == "weighted" and s.weighted))
            ]
        elif name in known or name in config.aliases:
            members = [config.aliases.get(name, name)]
        else:
            raise StrategyError(
                f"unknown strategy {name!r}; choose from {', '.join(known)} or a group: {', '.join(GROUPS)}"
            )
        chosen.extend(m for m in members if m not in chosen)
    return chosen


def weighted_twin(name: str) -> str:
    """The weighted variant's name of a strategy (itself when it has none).

    Examples
    --------
    >>> weighted_twin("degree_sequential"), weighted_twin("random")
    ('strength_sequential', 'random')
    """
    strategy = catalogue().get(name)
    if strategy is None or strategy.form not in ("static", "sequential"):
        return name
    twin = load_config().measures[strategy.measure].get("weighted_twin")
    return f"{twin}_{strategy.form}" if twin else name


def ranking(measure: str, options: RankOptions) -> Ranking:
    """A function giving the actors of a network best target first by `measure`."""
    if measure not in RANKERS:
        raise StrategyError(f"no ranking for measure {measure!r}")
    return lambda graph: RANKERS[measure](graph, options)


def ranked(graph: nx.Graph, scores: Mapping[Node, float], options: RankOptions) -> list[Node]:
    """Actors by descending score; scores equal to 10 decimals tie, and ties go to the actor
    earlier in `options.tie_order`, else to the smaller id as text."""
    tie = _tie_key(options.tie_order)
    return sorted(graph, key=lambda n: (-round(scores[n], 10), tie(n)))


def _tie_key(order: Sequence[Node] | None) -> Callable[[Node], tuple[int, str]]:
    if order is None:
        return lambda node: (0, str(node))
    position = {node: i for i, node in enumerate(order)}
    return lambda node: (position.get(node, len(position)), str(node))


def _degree(weight: str | None) -> Callable[[nx.Graph, RankOptions], list[Node]]:
    return lambda graph, options: ranked(graph, dict(graph.degree(weight=weight)), options)


def _betweenness(weight: str | None) -> Callable[[nx.Graph, RankOptions], list[Node]]:
    def rank(graph: nx.Graph, options: RankOptions) -> list[Node]:
        scores = betweenness(
            graph,
            weight=weight,
            exact_limit=options.exact_limit,
            k=options.k,
            seed=options.seed,
            distance=options.distance,
        )
        return ranked(graph, scores.values, options)

    return rank


def _katz(weight: str | None) -> Callable[[nx.Graph, RankOptions], list[Node]]:
    def rank(graph: nx.Graph, options: RankOptions) -> list[Node]:
        scores = katz(graph, options.katz_alpha, weight=weight, bound_share=options.katz_bound_share)
        return ranked(graph, scores.values, options)

    return rank


def _influence(weight: str | None) -> Callable[[nx.Graph, RankOptions], list[Node]]:
    def rank(graph: nx.Graph, options: RankOptions) -> list[Node]:
        return ranked(graph, collective_influence(graph, options.radius, weight=weight).values, options)

    return rank


def _bridges(weight: str | None) -> Callable[[nx.Graph, RankOptions], list[Node]]:
    def rank(graph: nx.Graph, options: RankOptions) -> list[Node]:
        if options.partition is None:
            raise StrategyError("community bridges need a partition of the network")
        groups = {n: options.partition.get(n, -1) for n in graph}
        scores = participation(graph, groups, weight).values
        links, degrees, tie = (
            external_communities(graph, groups),
            dict(graph.degree()),
            _tie_key(options.tie_order),
        )
        return sorted(graph, key=lambda n: (-round(scores[n], 10), -links[n], -degrees[n], tie(n)))

    return rank


RANKERS: dict[str, Callable[[nx.Graph, RankOptions], list[Node]]] = {
    "degree": _degree(None),
    "strength": _degree("weight"),
    "betweenness": _betweenness(None),
    "betweenness_weighted": _betweenness("weight"),
    "katz": _katz(None),
    "katz_weighted": _katz("weight"),
    "collective_influence": _influence(None),
    "collective_influence_weighted": _influence("weight"),
    "community_bridges": _bridges(None),
    "community_bridges_weighted": _bridges("weight"),
}
