"""How damaged a network is after removals: the largest connected component (absolute, and as a
share of the intact network's largest component, the normalisation of Cavallaro et al. 2020),
the number of components, global efficiency (Latora and Marchiori 2001), fragmentation
(Borgatti 2006) and the robustness R of a removal sequence (Schneider et al. 2011).

Global efficiency is computed by breadth-first search in NetworkX, or, up to
`DENSE_EFFICIENCY_LIMIT` nodes, by products of the adjacency matrix in numpy (the same value,
far faster on the small networks where it is recomputed after every removal).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import networkx as nx
import numpy as np

from graph.analysis.matrices import indexed

DENSE_EFFICIENCY_LIMIT = 300


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
    fragmentation: float = 0.0


def network_state(graph: nx.Graph, initial_lcc: int, efficiency: bool = True) -> NetworkState:
    """Counts, components, the largest component (absolute and as a share of `initial_lcc`),
    fragmentation and, if asked, global efficiency (quadratic in nodes, so optional).

    Examples
    --------
    >>> state = network_state(nx.Graph([(1, 2), (3, 4)]), initial_lcc=4)
    >>> state.components, state.largest_component, state.lcc_fraction, round(state.fragmentation, 3)
    (2, 2, 0.5, 0.667)
    """
    sizes = [len(c) for c in nx.connected_components(graph)]
    largest = max(sizes, default=0)
    return NetworkState(
        nodes=graph.number_of_nodes(),
        edges=graph.number_of_edges(),
        components=len(sizes),
        largest_component=largest,
        lcc_fraction=largest / initial_lcc if initial_lcc else 0.0,
        efficiency=global_efficiency(graph) if efficiency else None,
        fragmentation=fragmentation_of(sizes),
    )


def fragmentation(graph: nx.Graph) -> float:
    """Borgatti's fragmentation F: the share of ordered pairs of actors that cannot reach each
    other, ``1 - sum_k s_k (s_k - 1) / (n (n - 1))`` over component sizes ``s_k``.

    Parameters
    ----------
    graph : networkx.Graph

    Returns
    -------
    float
        0 for a connected network, 1 when no actor can reach another (and for fewer than 2 actors).

    Examples
    --------
    >>> fragmentation(nx.path_graph(4)), fragmentation(nx.empty_graph(3))
    (0.0, 1.0)
    """
    return fragmentation_of([len(c) for c in nx.connected_components(graph)])


def fragmentation_of(sizes: Sequence[int]) -> float:
    """Fragmentation from the component sizes alone (see `fragmentation`).

    Examples
    --------
    >>> fragmentation_of([2, 2])
    0.6666666666666667
    """
    n = sum(sizes)
    if n < 2:
        return 1.0
    return 1.0 - sum(s * (s - 1) for s in sizes) / (n * (n - 1))


def global_efficiency(graph: nx.Graph) -> float:
    """Mean of ``1 / d(i, j)`` over ordered pairs of distinct actors (0 for unreachable pairs),
    distances in ties: NetworkX's `global_efficiency`, by matrix products up to
    `DENSE_EFFICIENCY_LIMIT` nodes. ``1 - global_efficiency`` is Borgatti's distance-weighted
    fragmentation.

    Examples
    --------
    >>> round(global_efficiency(nx.path_graph(3)), 4)
    0.8333
    """
    n = graph.number_of_nodes()
    if n < 2:
        return 0.0
    if n > DENSE_EFFICIENCY_LIMIT:
        return nx.global_efficiency(graph)
    return dense_efficiency((indexed(graph).dense() > 0).astype(np.float32))


def dense_efficiency(adjacency: np.ndarray) -> float:
    """Global efficiency from a dense 0/1 adjacency matrix, by breadth-first search of all
    sources at once (one matrix product per distance).

    Examples
    --------
    >>> import numpy as np
    >>> dense_efficiency(np.array([[0, 1], [1, 0]], dtype=np.float32))
    1.0
    """
    n = adjacency.shape[0]
    if n < 2:
        return 0.0
    reached = np.eye(n, dtype=bool)
    frontier = np.eye(n, dtype=np.float32)
    total, distance = 0.0, 0
    while True:
        distance += 1
        fresh = ((frontier @ adjacency) > 0) & ~reached
        count = int(fresh.sum())
        if not count:
            return total / (n * (n - 1))
        total += count / distance
        reached |= fresh
        frontier = fresh.astype(np.float32)


def robustness(lcc_sizes: Sequence[float], nodes: int) -> list[float]:
    """Schneider's robustness R accumulated step by step: entry ``q`` is
    ``(1/N) sum_{Q=1..q} s(Q)``, with ``s(Q)`` the largest component after ``Q`` removals as a
    share of all ``N`` actors (entry 0, the intact network, is 0). Over all N removals it is R,
    between 1/N and 0.5; lower means the sequence breaks the network faster.

    Parameters
    ----------
    lcc_sizes : sequence of float
        Largest component size after 0, 1, 2, ... removals (index 0 the intact network).
    nodes : int
        N, the number of actors of the intact network.

    Returns
    -------
    list of float

    Examples
    --------
    >>> robustness([4, 3, 1, 1, 0], nodes=4)
    [0.0, 0.1875, 0.25, 0.3125, 0.3125]
    """
    if nodes <= 0:
        return [0.0 for _ in lcc_sizes]
    out, total = [0.0], 0.0
    for size in list(lcc_sizes)[1:]:
        total += size / nodes / nodes
        out.append(total)
    return out
