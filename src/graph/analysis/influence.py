"""Collective influence (Morone and Makse 2015) with the radius of its ball as a parameter.

``CI_l(i) = (k_i - 1) * sum over j on the boundary of the ball of radius l around i of (k_j - 1)``:
an actor scores high when it has ties and the actors ``l`` steps away have ties of their own,
so removing it cuts many paths at once. Morone and Makse use ``l`` of 2 or 3 on large networks.

Cavallaro et al. (2020) sum over the neighbours, which is the boundary of the ball of radius 1:
their published collective-influence curves on the Montagna networks are reproduced with
``radius=1`` (exactly, up to how ties are broken), and not with 2. `DEFAULT_RADIUS` is therefore
1, the radius for comparisons with that literature; ``etl/disruption.yaml`` sets it for
`graph disrupt`.

The weighted variant puts strength (the summed tie weights, e.g. the number of calls) in place
of degree, as Cavallaro et al. do, the ball itself still counted in ties; ``strength - 1`` is
floored at 0, so fractional weights (the store's recency-decayed ties) never make a score
negative. With counts of 1 or more, as in the Montagna data, the floor never applies.
"""

from __future__ import annotations

from collections.abc import Hashable

import networkx as nx
import numpy as np

from graph.analysis.accelerate import ball_boundaries_igraph, engine_for
from graph.analysis.centrality import Scores
from graph.analysis.matrices import indexed

Node = Hashable
DEFAULT_RADIUS = 1


def collective_influence(
    graph: nx.Graph, radius: int = DEFAULT_RADIUS, *, weight: str | None = None, engine: str = "auto"
) -> Scores:
    """Collective influence of every actor for a ball of the given radius.

    Parameters
    ----------
    graph : networkx.Graph
        Undirected network; distances are counted in ties (hops).
    radius : int
        The ball's radius ``l`` (1 or more); the sum runs over the actors exactly ``l`` ties away.
    weight : str or None
        Edge attribute of tie strength; when given, strength replaces degree.
    engine : {"auto", "networkx", "igraph"}
        Who finds the balls' boundaries for a radius of 2 or more: breadth-first search in
        NetworkX, or igraph (accelerate.py; ``auto``: from 500 nodes where it is installed).

    Returns
    -------
    Scores
        node -> CI (0 for actors with at most one tie), with ``radius`` and ``weight`` in params.

    Examples
    --------
    >>> path = nx.path_graph(5)
    >>> collective_influence(path, radius=1).values
    {0: 0.0, 1: 1.0, 2: 2.0, 3: 1.0, 4: 0.0}
    >>> collective_influence(path, radius=2).values
    {0: 0.0, 1: 1.0, 2: 0.0, 3: 1.0, 4: 0.0}
    """
    if radius < 1:
        raise ValueError(f"the radius of collective influence is 1 or more, got {radius}")
    network = indexed(graph)  # the ball is counted in ties, whatever their weight
    strength = indexed(graph, weight).strength() if weight else network.strength()
    excess = np.maximum(strength - 1.0, 0.0)
    if radius == 1:
        frontier = network.matvec(excess)
    elif engine_for(graph, engine) == "igraph":
        boundaries = ball_boundaries_igraph(graph, radius)
        frontier = np.array([excess[ball].sum() if excess[i] else 0.0 for i, ball in enumerate(boundaries)])
    else:
        position = {node: i for i, node in enumerate(network.nodes)}
        frontier = np.zeros(network.size)
        for i, node in enumerate(network.nodes):
            if excess[i] == 0:
                continue
            distances = nx.single_source_shortest_path_length(graph, node, cutoff=radius)
            frontier[i] = sum(excess[position[j]] for j, d in distances.items() if d == radius)
    scores = excess * frontier
    return Scores(
        "collective_influence",
        dict(zip(network.nodes, scores.tolist(), strict=True)),
        {"radius": radius, "weight": weight},
    )
