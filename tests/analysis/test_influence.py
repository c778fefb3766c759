"""Collective influence with the ball's radius as a parameter, unweighted and with strength."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.analysis.influence import collective_influence


def test_values_by_radius():
    path = nx.path_graph(5)
    assert collective_influence(path, radius=2).values == {0: 0.0, 1: 1.0, 2: 0.0, 3: 1.0, 4: 0.0}
    star_of_stars = nx.Graph([(0, 1), (0, 2), (1, 3), (1, 4), (2, 5), (2, 6)])
    assert collective_influence(star_of_stars, radius=2).values[0] == 1 * (0 + 0 + 0 + 0)
    assert collective_influence(star_of_stars, radius=1).values[0] == 1 * (2 + 2)
    assert collective_influence(star_of_stars).params == {"radius": 1, "weight": None}
    with pytest.raises(ValueError, match="radius"):
        collective_influence(path, radius=0)


def test_radius_one_matches_the_ball_definition(siren):
    fast = collective_influence(siren, radius=1).values
    for node in siren:
        k = siren.degree(node)
        expected = (k - 1) * sum(siren.degree(j) - 1 for j in siren[node]) if k > 1 else 0.0
        assert fast[node] == expected


def test_weighted_uses_strength_but_counts_the_ball_in_ties():
    graph = nx.Graph()
    graph.add_weighted_edges_from([("a", "b", 3), ("b", "c", 1), ("b", "d", 2), ("c", "e", 0.5)])
    values = collective_influence(graph, weight="weight").values
    # b: strength 6; neighbours a (3), c (1.5), d (2): (6 - 1) * (2 + 0.5 + 1)
    assert values["b"] == pytest.approx(5 * 3.5)
    assert values["e"] == 0.0  # strength 0.5: floored, never negative
