"""Key-player sets (Borgatti 2006, KPP-Neg): the k actors whose removal together fragments the
network most, found greedily and improved by swaps.

Two measures of the network left after removing the set: fragmentation F, the share of pairs
that can no longer reach each other, and distance-weighted fragmentation D_F, which also counts
how far apart the still-connected pairs are (``1 - global efficiency``). Unlike an attack
strategy, the best set of k + 1 need not contain the best set of k: `key_player_sets` finds one
set per size, each started from the previous one (one greedy addition) and then improved.

Borgatti's procedure: add, one at a time, the actor that raises the measure most; then, while
some swap of a member for a non-member raises it, make the best such swap. The search runs over
every actor on networks up to `candidates` actors; on larger ones over a pool of the
`candidates` actors of highest degree plus as many articulation points (actors whose removal
alone splits the network, whatever their degree), which bounds the cost of each round.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass

import networkx as nx
import numpy as np

from graph.analysis.damage import DENSE_EFFICIENCY_LIMIT, dense_efficiency, fragmentation_of
from graph.analysis.matrices import indexed, one_blas_thread

Node = Hashable
MEASURES = ("fragmentation", "distance_fragmentation")
IMPROVEMENT = 1e-12


@dataclass(frozen=True)
class KeyPlayerSet:
    """One set of key players.

    Attributes
    ----------
    measure : str
        ``fragmentation`` or ``distance_fragmentation``.
    members : list
        The actors, in the order they entered the set (a swapped-in actor takes its
        predecessor's place).
    score : float
        The measure on the network without them.
    swaps : int
        Swaps made after the greedy additions.
    evaluations : int
        How many candidate sets were scored.
    """

    measure: str
    members: list[Node]
    score: float
    swaps: int
    evaluations: int


def key_players(
    graph: nx.Graph,
    k: int,
    *,
    measure: str = "fragmentation",
    candidates: int | None = None,
    start: Sequence[Node] = (),
    max_passes: int = 50,
) -> KeyPlayerSet:
    """The set of `k` actors whose removal fragments the network most (KPP-Neg).

    Parameters
    ----------
    graph : networkx.Graph
        Undirected network.
    k : int
        Size of the set (at most the number of actors).
    measure : {"fragmentation", "distance_fragmentation"}
        What the set maximises on the network left without it.
    candidates : int or None
        Size of the search pool on large networks (None: every actor).
    start : sequence
        Actors to start from (a smaller set, e.g. the best set of ``k - 1``).
    max_passes : int
        Most rounds of swaps.

    Returns
    -------
    KeyPlayerSet

    Examples
    --------
    >>> barbell = nx.barbell_graph(4, 1)  # two cliques of 4 joined through actor 4
    >>> best = key_players(barbell, 1)
    >>> best.members, round(best.score, 3)
    ([4], 0.571)
    """
    if measure not in MEASURES:
        raise ValueError(f"unknown key-player measure {measure!r}; choose one of {', '.join(MEASURES)}")
    k = max(0, min(k, graph.number_of_nodes()))
    score = _scorer(graph, measure)
    pool = candidate_pool(graph, candidates)
    members = [n for n in start if n in graph][:k]
    evaluations = 0

    def best_of(options: Iterable[Node], base: list[Node]) -> tuple[float, Node | None]:
        nonlocal evaluations
        best_value, best_node = -1.0, None
        for node in options:
            evaluations += 1
            value = score(set(base) | {node})
            if value > best_value + IMPROVEMENT:
                best_value, best_node = value, node
        return best_value, best_node

    while len(members) < k:
        _, chosen = best_of((n for n in pool if n not in members), members)
        if chosen is None:  # the pool is spent: take the next actors in id order
            chosen = next(n for n in sorted(graph, key=str) if n not in members)
        members.append(chosen)
    current, swaps = score(set(members)), 0
    for _ in range(max_passes):
        best = (current, -1, None)
        for index in range(len(members)):
            others = members[:index] + members[index + 1 :]
            value, node = best_of((n for n in pool if n not in members), others)
            if node is not None and value > best[0] + IMPROVEMENT:
                best = (value, index, node)
        if best[2] is None:
            break
        current, members[best[1]] = best[0], best[2]
        swaps += 1
    return KeyPlayerSet(measure, members, current, swaps, evaluations)


@one_blas_thread
def key_player_sets(
    graph: nx.Graph,
    k_max: int,
    *,
    measure: str = "fragmentation",
    candidates: int | None = None,
    max_passes: int = 50,
) -> list[KeyPlayerSet]:
    """The key-player sets of sizes 1 to `k_max`, each search started from the previous set.

    Examples
    --------
    >>> sets = key_player_sets(nx.path_graph(7), 2)
    >>> [sorted(s.members) for s in sets]
    [[3], [1, 4]]
    """
    found: list[KeyPlayerSet] = []
    members: list[Node] = []
    for k in range(1, max(0, min(k_max, graph.number_of_nodes())) + 1):
        result = key_players(
            graph, k, measure=measure, candidates=candidates, start=members, max_passes=max_passes
        )
        found.append(result)
        members = result.members
    return found


def candidate_pool(graph: nx.Graph, candidates: int | None) -> list[Node]:
    """The actors the search may choose, in id order: all of them, or on a network larger than
    `candidates`, the `candidates` of highest degree and as many articulation points (those of
    highest degree first).

    Examples
    --------
    >>> candidate_pool(nx.star_graph(5), 2)
    [0, 1]
    """
    nodes = sorted(graph, key=str)
    if candidates is None or candidates >= len(nodes):
        return nodes

    def by_degree(pool: Iterable[Node]) -> list[Node]:
        return sorted(pool, key=lambda n: (-graph.degree(n), str(n)))[:candidates]

    chosen = set(by_degree(nodes)) | set(by_degree(nx.articulation_points(graph)))
    return [n for n in nodes if n in chosen]


def _scorer(graph: nx.Graph, measure: str) -> Callable[[set[Node]], float]:
    """A function from a removed set to the measure on the network left."""
    if measure == "fragmentation":
        return lambda removed: fragmentation_of(_component_sizes(graph, removed))
    if graph.number_of_nodes() <= DENSE_EFFICIENCY_LIMIT:
        network = indexed(graph)
        adjacency = (network.dense() > 0).astype(np.float32)
        position = {node: i for i, node in enumerate(network.nodes)}

        def dense(removed: set[Node]) -> float:
            keep = np.ones(network.size, dtype=bool)
            keep[[position[n] for n in removed]] = False
            return 1.0 - dense_efficiency(adjacency[np.ix_(keep, keep)])

        return dense
    return lambda removed: 1.0 - nx.global_efficiency(graph.subgraph(set(graph) - removed))


def _component_sizes(graph: nx.Graph, removed: set[Node]) -> list[int]:
    """Sizes of the components of `graph` without `removed` (breadth-first, no copy)."""
    seen = set(removed)
    sizes = []
    adjacency = graph.adj
    for root in graph:
        if root in seen:
            continue
        seen.add(root)
        stack, size = [root], 0
        while stack:
            node = stack.pop()
            size += 1
            for other in adjacency[node]:
                if other not in seen:
                    seen.add(other)
                    stack.append(other)
        sizes.append(size)
    return sizes
