"""A faster path for the measures where NetworkX is far slower than compiled code: betweenness,
Louvain, Leiden and the ball boundaries of collective influence (radius 2 and more) through
igraph (python-igraph, C core, GPL-2.0-or-later), behind the same functions
(`centrality.betweenness`, `communities.louvain`/`leiden`, `influence.collective_influence`),
with the same results where both are exact. Label propagation stays NetworkX's: igraph's
collapses scale-free networks into one community (benchmarks/analysis.py).

benchmarks/analysis.py measures NetworkX at 20-70 times igraph's time on betweenness and
Louvain, and breadth-first search in Python at about 5 times igraph's on the balls (see the
README's analysis section). igraph is optional: where it is installed, ``engine="auto"`` uses it
from `MIN_NODES` actors up (below, NetworkX is fast enough and its results are the reference);
where it is not, NetworkX runs. Betweenness through igraph equals NetworkX's (the same sampled
sources, the same normalisation) on hop counts; on lengths 1/weight, igraph takes two paths
whose lengths differ only by rounding (1/3 + 2/3 against 1) as equally short and NetworkX does
not, so values can differ from the fourth decimal (igraph's count is the exact one). Louvain
through igraph is the same method with another random order, so its partition can differ from
NetworkX's for the same seed (its modularity is as high: tests/analysis/test_accelerate.py);
so can Leiden's, randomised in both engines.
"""

from __future__ import annotations

import math
import random
from collections.abc import Hashable, Iterable, Sequence
from functools import cache
from importlib import import_module
from typing import Any

import networkx as nx

Node = Hashable
ENGINES = ("auto", "networkx", "igraph")
MIN_NODES = 500


@cache
def igraph_available() -> bool:
    """Whether python-igraph can be imported."""
    try:
        import_module("igraph")
    except ImportError:
        return False
    return True


def engine_for(graph: nx.Graph, engine: str = "auto") -> str:
    """The engine that runs on `graph`: igraph when asked for, or under ``auto`` when it is
    installed and the network has `MIN_NODES` actors or more; else NetworkX.

    Examples
    --------
    >>> engine_for(nx.path_graph(3))
    'networkx'
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    if engine == "igraph" and not igraph_available():
        raise ValueError("engine 'igraph' asked for, but python-igraph is not installed")
    if engine == "auto":
        use = igraph_available() and graph.number_of_nodes() >= MIN_NODES
        return "igraph" if use else "networkx"
    return engine


def to_igraph(graph: nx.Graph, attributes: Sequence[str] = ()) -> tuple[Any, list[Node]]:
    """The network as an undirected igraph Graph (vertex i = the i-th node of `graph`) with the
    given edge attributes copied (1.0 where absent), and the node list."""
    ig = import_module("igraph")
    nodes = list(graph)
    position = {node: i for i, node in enumerate(nodes)}
    edges = [(position[u], position[v]) for u, v in graph.edges() if u != v]
    converted = ig.Graph(n=len(nodes), edges=edges)
    for name in attributes:
        converted.es[name] = [float(w) for u, v, w in graph.edges(data=name, default=1.0) if u != v]
    return converted, nodes


def betweenness_igraph(
    graph: nx.Graph, *, length: str | None, sources: Sequence[Node] | None, normalized: bool
) -> dict[Node, float]:
    """NetworkX's `betweenness_centrality` (endpoints excluded) computed by igraph: paths from
    every node, or from `sources` only, lengths from the edge attribute `length` (hops if None)."""
    converted, nodes = to_igraph(graph, [length] if length else [])
    position = {node: i for i, node in enumerate(nodes)}
    chosen = None if sources is None else [position[s] for s in sources]
    raw = converted.betweenness(directed=False, weights=length, sources=chosen)
    # igraph counts each unordered pair once; NetworkX accumulates ordered pairs, then rescales
    accumulated = [2.0 * value for value in raw]
    n = len(nodes) - 1  # NetworkX's N without endpoints
    if n < 2:
        return dict.fromkeys(nodes, 0.0)
    if sources is None:
        scale = 1 / (n * (n - 1)) if normalized else 1 / 2
        return {node: accumulated[i] * scale for i, node in enumerate(nodes)}
    k = len(sources)
    if normalized:
        source_scale = 1 / ((k - 1) * (n - 1)) if k > 1 else math.nan
        other_scale = 1 / (k * (n - 1))
    else:
        source_scale = n / ((k - 1) * 2) if k > 1 else math.nan
        other_scale = n / (k * 2)
    picked = set(sources)
    return {
        node: accumulated[i] * (source_scale if node in picked else other_scale)
        for i, node in enumerate(nodes)
    }


def louvain_igraph(
    graph: nx.Graph, *, weight: str | None, resolution: float, seed: int
) -> tuple[list[frozenset[Node]], float]:
    """Louvain communities by igraph's multilevel method, its random order seeded by `seed`, and
    their modularity (resolution 1, as NetworkX's `modularity` gives it), computed by igraph."""
    return _communities(graph, weight, seed, "community_multilevel", weights=weight, resolution=resolution)


def leiden_igraph(
    graph: nx.Graph, *, weight: str | None, resolution: float, seed: int
) -> tuple[list[frozenset[Node]], float]:
    """Leiden communities maximising modularity by igraph's C implementation, iterated until
    the partition no longer changes (as NetworkX's `leiden_communities` does), seeded by `seed`,
    and their modularity."""
    return _communities(
        graph,
        weight,
        seed,
        "community_leiden",
        objective_function="modularity",
        weights=weight,
        resolution=resolution,
        n_iterations=-1,
    )


def _communities(
    graph: nx.Graph, weight: str | None, seed: int, method: str, **options: Any
) -> tuple[list[frozenset[Node]], float]:
    """The communities igraph's `method` finds on `graph` (its random numbers drawn from a
    generator seeded by `seed`), and their modularity (resolution 1) computed by igraph."""
    ig = import_module("igraph")
    converted, nodes = to_igraph(graph, [weight] if weight else [])
    ig.set_random_number_generator(random.Random(seed))
    try:
        found = getattr(converted, method)(**options)
    finally:
        ig.set_random_number_generator(random)
    groups: dict[int, set[Node]] = {}
    for i, label in enumerate(found.membership):
        groups.setdefault(label, set()).add(nodes[i])
    quality = converted.modularity(found.membership, weights=weight) if converted.ecount() else 0.0
    return [frozenset(group) for group in groups.values()], quality


def modularity_igraph(graph: nx.Graph, communities: Sequence[Iterable[Node]], weight: str | None) -> float:
    """Newman modularity (resolution 1) of a partition of `graph`, computed by igraph: the
    same value as NetworkX's `modularity` on a network without self-loops (`to_igraph` leaves
    them out), in C instead of Python."""
    converted, nodes = to_igraph(graph, [weight] if weight else [])
    position = {node: i for i, node in enumerate(nodes)}
    membership = [0] * len(nodes)
    for number, members in enumerate(communities):
        for node in members:
            membership[position[node]] = number
    return converted.modularity(membership, weights=weight) if converted.ecount() else 0.0


def ball_boundaries_igraph(graph: nx.Graph, radius: int) -> list[list[int]]:
    """For the i-th node of `graph`, the positions of the nodes exactly `radius` ties away."""
    converted, _ = to_igraph(graph)
    return converted.neighborhood(order=radius, mindist=radius)
