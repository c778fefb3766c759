"""A network as numpy arrays for the measures computed by sparse algebra (Katz, collective
influence, spectral bounds, efficiency of small networks): numpy only, since NetworkX's own
matrix functions need SciPy, which the project does not install.

Both directions of every undirected tie are kept (`rows`, `cols`, `values`), so a product with
the adjacency matrix is one `numpy.bincount`, linear in the number of ties.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import ParamSpec, TypeVar

import networkx as nx
import numpy as np
from threadpoolctl import threadpool_limits

Node = Hashable
P = ParamSpec("P")
R = TypeVar("R")


@dataclass(frozen=True)
class Indexed:
    """The nodes of a network in a fixed order and its ties as index arrays.

    Attributes
    ----------
    nodes : list
        The nodes, in the graph's order; node ``nodes[i]`` is row ``i``.
    rows, cols : numpy.ndarray
        The two ends of every tie, each undirected tie listed both ways.
    values : numpy.ndarray
        The tie's weight (1.0 everywhere when unweighted), aligned with `rows` and `cols`.
    """

    nodes: list[Node]
    rows: np.ndarray
    cols: np.ndarray
    values: np.ndarray

    @property
    def size(self) -> int:
        """How many nodes."""
        return len(self.nodes)

    def matvec(self, vector: np.ndarray) -> np.ndarray:
        """The product ``A @ vector`` with the (weighted) adjacency matrix ``A``.

        Examples
        --------
        >>> import numpy as np
        >>> triangle = indexed(nx.cycle_graph(3))
        >>> triangle.matvec(np.array([1.0, 2.0, 3.0])).tolist()
        [5.0, 4.0, 3.0]
        """
        return np.bincount(self.rows, weights=self.values * vector[self.cols], minlength=self.size)

    def strength(self) -> np.ndarray:
        """Each node's summed tie weight (its degree when unweighted)."""
        return np.bincount(self.rows, weights=self.values, minlength=self.size)

    def dense(self) -> np.ndarray:
        """The adjacency matrix as a dense array (for small networks)."""
        matrix = np.zeros((self.size, self.size))
        np.add.at(matrix, (self.rows, self.cols), self.values)
        return matrix


def indexed(graph: nx.Graph, weight: str | None = None) -> Indexed:
    """The network as index arrays, weighted by the edge attribute `weight` (1.0 where absent).

    Parameters
    ----------
    graph : networkx.Graph
        An undirected simple graph; self-loops are ignored.
    weight : str or None
        The edge attribute holding tie strength; None counts every tie as 1.

    Returns
    -------
    Indexed

    Examples
    --------
    >>> path = indexed(nx.path_graph(3))
    >>> path.nodes, path.strength().tolist()
    ([0, 1, 2], [1.0, 2.0, 1.0])
    """
    nodes = list(graph)
    position = {node: i for i, node in enumerate(nodes)}
    edges = list(graph.edges(data=weight, default=1.0)) if weight else list(graph.edges())
    count = len(edges)
    first = np.fromiter((position[e[0]] for e in edges), np.int64, count)
    second = np.fromiter((position[e[1]] for e in edges), np.int64, count)
    values = np.fromiter((float(e[2]) for e in edges), float, count) if weight else np.ones(count)
    keep = first != second  # self-loops are no ties between actors
    first, second, values = first[keep], second[keep], values[keep]
    return Indexed(
        nodes,
        np.concatenate([first, second]),
        np.concatenate([second, first]),
        np.concatenate([values, values]),
    )


def one_blas_thread(function: Callable[P, R]) -> Callable[P, R]:
    """Run `function` with BLAS limited to one thread (threadpoolctl, as the ETL workers do):
    the matrices here are small, and on a busy machine BLAS threads made the products of a
    100-actor network ten times slower than one thread. Decorate the entry points (a whole
    removal run), not the inner measures, as setting the limit costs about half a millisecond."""

    @functools.wraps(function)
    def limited(*args: P.args, **kwargs: P.kwargs) -> R:
        with threadpool_limits(limits=1, user_api="blas"):
            return function(*args, **kwargs)

    return limited
