"""Cavallaro et al. (2020) reproduced: their published largest-component curves and the rules
their code follows (its tie order, weights as path lengths), so that the tests and
`tools/reproduce_cavallaro.py` put our removal curves beside theirs in one way.

The published curves are a CSV of network, weights, removal, centrality, removed, lcc_fraction
(tests/data/networks/cavallaro2020_lcc.csv); docs/reproductions.md reads the method from the
authors' code.
"""

from __future__ import annotations

import csv
import statistics
from collections import defaultdict
from pathlib import Path
from typing import Any

import networkx as nx

from graph.analysis.disruption import attack

# the paper's centralities as our strategies, unweighted and weighted
STRATEGIES = {
    ("degree", False): "degree",
    ("degree", True): "strength",
    ("betweenness", False): "betweenness",
    ("betweenness", True): "betweenness_weighted",
    ("katz", False): "katz",
    ("katz", True): "katz_weighted",
    ("collective_influence", False): "collective_influence",
    ("collective_influence", True): "collective_influence_weighted",
}
CENTRALITIES = ("degree", "betweenness", "katz", "collective_influence")


def published_curves(path: Path) -> dict[tuple[str, str, str, str], dict[int, float]]:
    """(network, weights, removal, centrality) -> {actors removed: published LCC share}."""
    curves: dict[tuple[str, str, str, str], dict[int, float]] = defaultdict(dict)
    with open(path, encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            key = (row["network"], row["weights"], row["removal"], row["centrality"])
            curves[key][int(row["removed"])] = float(row["lcc_fraction"])
    return dict(curves)


def paper_ties(graph: nx.Graph, centrality: str) -> list[Any]:
    """The order in which the paper's code breaks ties: the actor read last wins (a stable
    ascending sort whose last item is taken), for collective influence (a numpy sort by value,
    then id) the largest number."""
    if centrality == "collective_influence":
        return sorted(graph, key=int, reverse=True)
    return list(reversed(list(graph)))


def removal_curve(
    graph: nx.Graph, centrality: str, weighted: bool, removal: str, steps: int, *, paper: bool
) -> list[float]:
    """Our sequential (or, for removal 'block', five at a time) LCC-share curve for one of the
    paper's settings, with our rules or with the paper's (its ties, counts as path lengths)."""
    curve = attack(
        graph,
        STRATEGIES[(centrality, weighted)] + "_sequential",
        steps=steps,
        efficiency=False,
        recompute_every=5 if removal == "block" else None,
        tie_order=paper_ties(graph, centrality) if paper else None,
        distance="weight" if paper else "inverse",
    )
    return curve.lcc_fraction


def mean_absolute_difference(curve: list[float], published: dict[int, float], points: list[int]) -> float:
    """How far our curve lies from the published one at the published points.

    >>> mean_absolute_difference([1.0, 0.75, 0.5], {1: 0.5, 2: 0.5}, [1, 2])
    0.125
    """
    return statistics.fmean(abs(curve[q] - published[q]) for q in points)
