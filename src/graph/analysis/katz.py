"""Katz centrality with the attenuation factor kept inside its convergence bound.

Katz (1953) counts every walk that reaches an actor, a walk of length ``t`` discounted by
``alpha ** t``: ``x = beta * (1 + alpha A 1 + alpha**2 A**2 1 + ...)``, which is the solution of
``(I - alpha A) x = beta 1``. The series converges only while ``alpha < 1 / lambda_max``, the
inverse of the adjacency matrix's spectral radius; beyond it ``(I - alpha A)`` can still be
solved, but the answer counts nothing (it turns negative) and ranks actors arbitrarily.

`katz` therefore computes an upper bound of ``lambda_max`` on the network it is given (exact for
components up to `DENSE_COMPONENT_LIMIT` nodes, a Collatz-Wielandt bound from power iteration
above) and uses ``min(alpha, bound_share / lambda_max)``: the requested factor where it is
valid, else the given share of the bound. Removing actors never raises ``lambda_max`` (a
principal submatrix of a non-negative matrix has no larger spectral radius), and a disconnected
network's ``lambda_max`` is its largest component's, so recomputing on every step of a removal
sequence respects the bound on every step, including after the network falls apart.

The default ``alpha = 0.1`` is NetworkX's default and the value Cavallaro et al. (2020) used: it
reproduces their published curves, and on sparse social networks (``lambda_max`` below 10) it
is within the bound, weighing a tie of a tie a tenth as much as a direct tie. On networks
weighted by counts (calls, meetings) ``lambda_max`` is often above 10, and the bound applies.

The linear system is solved by conjugate gradients (``I - alpha A`` is symmetric positive
definite inside the bound), with products by the adjacency matrix in numpy: linear in the ties
per iteration, without SciPy.
"""

from __future__ import annotations

from collections.abc import Hashable

import networkx as nx
import numpy as np

from graph.analysis.centrality import Scores
from graph.analysis.matrices import Indexed, indexed

Node = Hashable
DEFAULT_ALPHA = 0.1
BOUND_SHARE = 0.9
DENSE_COMPONENT_LIMIT = 400
# alpha * lambda_max within this of 1 counts as at the bound: the eigenvalue is known to rounding,
# and the system is too ill-conditioned there to count walks
BOUND_MARGIN = 1e-6


def spectral_radius(graph: nx.Graph, weight: str | None = None, *, tol: float = 1e-9) -> float:
    """An upper bound of the largest eigenvalue of the network's adjacency matrix.

    Exact (to rounding) for every component up to `DENSE_COMPONENT_LIMIT` nodes; for a larger
    component, the Collatz-Wielandt bound ``max_i (A x)_i / x_i`` of the power-iteration vector
    ``x`` of ``A + I``, which is never below the true value and reaches it as ``x`` converges.

    Parameters
    ----------
    graph : networkx.Graph
        Undirected, with non-negative weights.
    weight : str or None
        Edge attribute of tie strength; None for an unweighted network.
    tol : float
        Relative gap between the upper bound and the Rayleigh quotient at which iteration stops.

    Returns
    -------
    float
        0.0 for a network without ties.

    Examples
    --------
    >>> round(spectral_radius(nx.complete_graph(5)), 6)
    4.0
    >>> round(spectral_radius(nx.disjoint_union(nx.path_graph(2), nx.star_graph(4))), 6)
    2.0
    """
    return _spectral_radius(graph, indexed(graph, weight), tol)


def _spectral_radius(graph: nx.Graph, network: Indexed, tol: float) -> float:
    """`spectral_radius` on the network's arrays: components taken as slices of the arrays, in
    order of their largest strength, and skipped once that cannot beat the radius found."""
    if not len(network.rows):
        return 0.0
    position = {node: i for i, node in enumerate(network.nodes)}
    label = np.empty(network.size, dtype=np.int64)
    for number, component in enumerate(nx.connected_components(graph)):
        label[[position[node] for node in component]] = number
    strength = network.strength()
    top = np.zeros(label.max() + 1)
    np.maximum.at(top, label, strength)
    node_order = np.argsort(label, kind="stable")
    node_starts = np.searchsorted(label[node_order], np.arange(len(top) + 1))
    edge_label = label[network.rows]
    edge_order = np.argsort(edge_label, kind="stable")
    edge_starts = np.searchsorted(edge_label[edge_order], np.arange(len(top) + 1))
    local = np.empty(network.size, dtype=np.int64)
    radius = 0.0
    for number in np.argsort(-top, kind="stable"):
        if top[number] <= radius:  # Gershgorin: no later component can beat the radius
            break
        members = node_order[node_starts[number] : node_starts[number + 1]]
        ties = edge_order[edge_starts[number] : edge_starts[number + 1]]
        local[members] = np.arange(len(members))
        part = Indexed(
            [network.nodes[i] for i in members],
            local[network.rows[ties]],
            local[network.cols[ties]],
            network.values[ties],
        )
        if part.size <= DENSE_COMPONENT_LIMIT:
            value = float(np.linalg.eigvalsh(part.dense())[-1])
        else:
            value = _collatz_wielandt(part, tol)
        radius = max(radius, value)
    return radius


def katz(
    graph: nx.Graph,
    alpha: float = DEFAULT_ALPHA,
    *,
    beta: float = 1.0,
    weight: str | None = None,
    bound_share: float = BOUND_SHARE,
    tol: float = 1e-12,
) -> Scores:
    """Katz centrality, normalised to unit length as NetworkX's, with ``alpha`` kept in bound.

    Parameters
    ----------
    graph : networkx.Graph
        Undirected network (possibly disconnected).
    alpha : float
        Attenuation per step of a walk; used as given while below ``1 / lambda_max`` (by more
        than `BOUND_MARGIN`, relatively).
    beta : float
        Weight every actor receives on its own (the walks of length 0).
    weight : str or None
        Edge attribute of tie strength; None for the unweighted network.
    bound_share : float
        Where ``alpha`` is at or above ``1 / lambda_max``, ``bound_share / lambda_max`` is used
        instead (0 < bound_share < 1).
    tol : float
        Relative residual at which conjugate gradients stop.

    Returns
    -------
    Scores
        ``values``: node -> centrality; ``params``: the alpha asked for and the one used,
        ``spectral_radius``, ``clamped`` (whether the bound applied) and ``weight``.

    Examples
    --------
    >>> star = nx.star_graph(3)
    >>> scores = katz(star)
    >>> round(scores.values[0], 4), round(scores.values[1], 4)
    (0.5636, 0.4769)
    >>> heavy = nx.Graph([(0, 1, {"weight": 30.0}), (1, 2, {"weight": 30.0})])
    >>> katz(heavy, weight="weight").params["clamped"]
    True
    """
    if not 0 < bound_share < 1:
        raise ValueError(f"bound_share must be between 0 and 1, got {bound_share}")
    if alpha <= 0:
        raise ValueError(f"alpha must be positive, got {alpha}")
    network = indexed(graph, weight)
    radius = _spectral_radius(graph, network, 1e-9)
    used = alpha if alpha * radius < 1 - BOUND_MARGIN else bound_share / radius
    params = {
        "alpha": alpha,
        "alpha_used": used,
        "spectral_radius": radius,
        "clamped": used != alpha,
        "weight": weight,
    }
    if graph.number_of_nodes() == 0:
        return Scores("katz", {}, params)
    solution = _conjugate_gradient(network, used, np.full(network.size, float(beta)), tol)
    solution /= np.sign(solution.sum()) * np.linalg.norm(solution)
    return Scores("katz", dict(zip(network.nodes, solution.tolist(), strict=True)), params)


def _collatz_wielandt(network: Indexed, tol: float, max_iter: int = 2000) -> float:
    """Upper bound of a connected network's spectral radius from power iteration on ``A + I``."""
    vector = np.ones(network.size)
    upper = float(network.strength().max())
    for _ in range(max_iter):
        product = network.matvec(vector)
        upper = min(upper, float(np.max(product / vector)))
        lower = float(vector @ product / (vector @ vector))
        if upper - lower <= tol * max(upper, 1.0):
            break
        shifted = product + vector  # A + I: positive diagonal, so the iterate stays positive
        vector = shifted / shifted.max()
    return upper


def _conjugate_gradient(network: Indexed, alpha: float, rhs: np.ndarray, tol: float) -> np.ndarray:
    """Solve ``(I - alpha A) x = rhs`` for symmetric positive definite ``I - alpha A``."""
    solution = rhs.copy()
    residual = rhs - (solution - alpha * network.matvec(solution))
    direction = residual.copy()
    squared = float(residual @ residual)
    target = (tol * float(np.linalg.norm(rhs))) ** 2
    for _ in range(10 * network.size + 100):
        if squared <= target:
            break
        applied = direction - alpha * network.matvec(direction)
        curvature = float(direction @ applied)
        if curvature <= 0:  # only at the bound, which katz() keeps alpha away from
            break
        step = squared / curvature
        solution += step * direction
        residual -= step * applied
        previous, squared = squared, float(residual @ residual)
        direction = residual + (squared / previous) * direction
    return solution
