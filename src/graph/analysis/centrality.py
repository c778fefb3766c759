"""Centrality of actors: degree, weighted betweenness (exact or sampled by size), eigenvector per
component, articulation points and the participation coefficient across communities."""

from __future__ import annotations

import random
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graph.analysis.accelerate import betweenness_igraph, engine_for

Node = Hashable
DISTANCE = "_distance"
DISTANCES = ("inverse", "weight")
EXACT_LIMIT = 5000
SAMPLE_SIZE = 1000
DENSE_EIGEN_LIMIT = 5000


@dataclass(frozen=True)
class Scores:
    """Per-node values of one measure and how they were computed (for the write-back's provenance)."""

    measure: str
    values: dict[Node, float]
    params: dict[str, Any] = field(default_factory=dict)


def with_distance(graph: nx.Graph, weight: str = "weight", distance: str = "inverse") -> nx.Graph:
    """A copy of `graph` whose edges carry `_distance`: 1/weight (``inverse``, the default: a
    weight is a tie strength, so a strong tie is a short path), or the weight itself
    (``weight``: a weight that is a length, or Cavallaro et al.'s convention, who passed call
    and meeting counts to NetworkX as lengths). Missing weights count as 1."""
    if distance not in DISTANCES:
        raise ValueError(f"unknown distance {distance!r}; choose one of {', '.join(DISTANCES)}")
    invert = distance == "inverse"
    distances = nx.Graph()
    distances.add_nodes_from(graph)
    distances.add_edges_from(
        (u, v, {DISTANCE: 1.0 / d.get(weight, 1.0) if invert else float(d.get(weight, 1.0))})
        for u, v, d in graph.edges(data=True)
    )
    return distances


def degree(graph: nx.Graph) -> Scores:
    """Degree centrality: the share of other actors each actor is directly tied to."""
    return Scores("degree", nx.degree_centrality(graph))


def strength(graph: nx.Graph, weight: str = "weight") -> Scores:
    """Weighted degree: the summed strength of an actor's ties."""
    return Scores("strength", {n: float(s) for n, s in graph.degree(weight=weight)}, {"weight": weight})


def betweenness(
    graph: nx.Graph,
    *,
    weight: str | None = "weight",
    exact_limit: int = EXACT_LIMIT,
    k: int | None = None,
    seed: int = 0,
    normalized: bool = True,
    distance: str = "inverse",
    engine: str = "auto",
) -> Scores:
    """Betweenness over shortest paths with distance 1/weight (hop count if weight is None; the
    weight itself with ``distance="weight"``, see `with_distance`): exact up to `exact_limit`
    nodes, above it (or whenever `k` < nodes is given) estimated from `k` seeded source nodes
    (default 1000); `params` records which, so a sample is never mistaken for exact. The
    sources are NetworkX's own draw for the seed, whichever engine runs (accelerate.py: igraph
    from 500 nodes where installed, the same values)."""
    n = graph.number_of_nodes()
    if k is None and n > exact_limit:
        k = min(SAMPLE_SIZE, n)
    if k is not None and k >= n:
        k = None
    target = with_distance(graph, weight, distance) if weight is not None else graph
    length = DISTANCE if weight is not None else None
    runs_on = engine_for(graph, engine)
    if runs_on == "igraph":
        sources = None if k is None else random.Random(seed).sample(list(graph), k)
        values = betweenness_igraph(target, length=length, sources=sources, normalized=normalized)
    else:
        values = nx.betweenness_centrality(
            target, k=k, normalized=normalized, weight=length, seed=seed if k is not None else None
        )
    params = {"exact": k is None, "k": k, "seed": seed if k is not None else None, "weight": weight}
    if weight is not None and distance != "inverse":
        params["distance"] = distance
    if runs_on != "networkx":
        params["engine"] = runs_on
    return Scores("betweenness", values, params)


def eigenvector(
    graph: nx.Graph, *, weight: str | None = "weight", max_iter: int = 1000, tol: float = 1e-8
) -> Scores:
    """Eigenvector centrality computed per connected component (power iteration, falling back to a
    dense eigensolver if it does not converge) and scaled by the component's leading eigenvalue over
    the largest one, so small cliques do not outrank the core; equals NetworkX's on a connected graph."""
    values: dict[Node, float] = {}
    fallbacks = 0
    components = [graph.subgraph(c) for c in nx.connected_components(graph)]
    spectra: list[tuple[float, dict[Node, float]]] = []
    for component in components:
        if component.number_of_edges() == 0:
            values.update(dict.fromkeys(component, 0.0))
            continue
        try:
            vector = nx.eigenvector_centrality(component, max_iter=max_iter, tol=tol, weight=weight)
        except nx.PowerIterationFailedConvergence:
            vector = _dense_eigenvector(component, weight)
            fallbacks += 1
        spectra.append((_rayleigh(component, vector, weight), vector))
    largest = max((value for value, _ in spectra), default=1.0) or 1.0
    for value, vector in spectra:
        values.update({n: x * value / largest for n, x in vector.items()})
    params = {"weight": weight, "components": len(components), "dense_fallbacks": fallbacks}
    return Scores("eigenvector", values, params)


def articulation_points(graph: nx.Graph) -> list[Node]:
    """Actors whose removal alone splits their component: single points of failure, sorted by id."""
    return sorted(nx.articulation_points(graph), key=str)


def participation(graph: nx.Graph, partition: dict[Node, int], weight: str | None = "weight") -> Scores:
    """Guimerà-Amaral participation coefficient 1 - Σ_s (k_is / k_i)^2: 0 for an actor whose ties
    all stay in one community, near 1 for brokers spread over many. Isolated actors get 0."""
    values: dict[Node, float] = {}
    for node in graph:
        per_community: dict[int, float] = {}
        for neighbour, data in graph[node].items():
            share = data.get(weight, 1.0) if weight is not None else 1.0
            per_community[partition[neighbour]] = per_community.get(partition[neighbour], 0.0) + share
        total = sum(per_community.values())
        values[node] = 1.0 - sum((s / total) ** 2 for s in per_community.values()) if total else 0.0
    return Scores("participation", values, {"weight": weight})


def external_communities(graph: nx.Graph, partition: dict[Node, int]) -> dict[Node, int]:
    """How many other communities each actor has a tie into (0 for actors inside one group)."""
    return {node: len({partition[n] for n in graph[node]} - {partition[node]}) for node in graph}


# The measures `centrality_table` gives each node, by the names they are written back under.
MEASURES = ("degree", "strength", "betweenness", "eigenvector", "participation")


def centrality_table(
    graph: nx.Graph,
    partition: dict[Node, int] | None = None,
    *,
    weight: str | None = "weight",
    exact_limit: int = EXACT_LIMIT,
    k: int | None = None,
    seed: int = 0,
) -> tuple[dict[Node, dict[str, Any]], dict[str, Any]]:
    """All measures per node, ready for the write-back, and the parameters they were computed with."""
    measures = [
        degree(graph),
        strength(graph, weight or "weight"),
        betweenness(graph, weight=weight, exact_limit=exact_limit, k=k, seed=seed),
        eigenvector(graph, weight=weight),
    ]
    if partition is not None:
        measures.append(participation(graph, partition, weight))
    cuts = set(articulation_points(graph))
    table = {
        node: {**{m.measure: m.values[node] for m in measures}, "articulation_point": node in cuts}
        for node in graph
    }
    return table, {m.measure: m.params for m in measures if m.params}


def _rayleigh(graph: nx.Graph, vector: dict[Node, float], weight: str | None) -> float:
    """Leading eigenvalue estimate x'Ax / x'x for an eigenvector x."""
    numerator = sum(
        2 * (d.get(weight, 1.0) if weight else 1.0) * vector[u] * vector[v]
        for u, v, d in graph.edges(data=True)
    )
    denominator = sum(x * x for x in vector.values())
    return numerator / denominator if denominator else 0.0


def _dense_eigenvector(graph: nx.Graph, weight: str | None) -> dict[Node, float]:
    """Leading eigenvector from numpy's symmetric solver, for components where power iteration stalls."""
    if graph.number_of_nodes() > DENSE_EIGEN_LIMIT:
        raise nx.PowerIterationFailedConvergence(graph.number_of_nodes())
    import numpy as np  # only here: NetworkX needs it for the matrix, spaCy already installs it

    nodes = list(graph)
    matrix = nx.to_numpy_array(graph, nodelist=nodes, weight=weight)
    _, vectors = np.linalg.eigh(matrix)
    leading = np.abs(vectors[:, -1])
    leading /= np.linalg.norm(leading) or 1.0
    return dict(zip(nodes, leading.tolist(), strict=True))
