"""Centrality measures: strength as short distance, exact versus sampled betweenness, eigenvector
on disconnected graphs, articulation points and participation across communities."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.analysis import centrality as ce


def test_betweenness_treats_weight_as_tie_strength():
    graph = nx.Graph()
    graph.add_edge("a", "b", weight=10)
    graph.add_edge("b", "c", weight=10)
    graph.add_edge("a", "c", weight=1)  # a weak direct tie: the strong route through b is shorter
    assert ce.betweenness(graph).values["b"] == 1.0
    assert ce.betweenness(graph, weight=None).values["b"] == 0.0


def test_betweenness_exact_below_the_limit_sampled_above():
    graph = nx.powerlaw_cluster_graph(200, 3, 0.1, seed=1)
    exact = ce.betweenness(graph, exact_limit=500)
    assert exact.params == {"exact": True, "k": None, "seed": None, "weight": "weight"}
    assert exact.values == pytest.approx(nx.betweenness_centrality(graph))
    sampled = ce.betweenness(graph, exact_limit=100, k=50, seed=3)
    assert sampled.params == {"exact": False, "k": 50, "seed": 3, "weight": "weight"}
    assert sampled == ce.betweenness(graph, exact_limit=100, k=50, seed=3)
    top = max(exact.values, key=exact.values.get)
    assert max(sampled.values, key=sampled.values.get) == top


def test_eigenvector_matches_networkx_on_a_connected_graph(siren):
    assert ce.eigenvector(siren).values == pytest.approx(nx.eigenvector_centrality(siren, tol=1e-8), abs=1e-6)


def test_eigenvector_on_a_disconnected_graph_ranks_the_core_first():
    graph = nx.disjoint_union(nx.complete_graph(6), nx.path_graph(2))
    graph.add_node(99)
    values = ce.eigenvector(graph).values
    assert values[99] == 0.0
    assert values[0] > values[6] > 0  # the dyad's leading eigenvalue is 1, the clique's 5
    assert values[6] == pytest.approx(values[0] * (1 / 5) * (2**-0.5) / (6**-0.5))


def test_eigenvector_falls_back_when_power_iteration_stalls():
    graph = nx.karate_club_graph()  # weighted by the number of contexts two members shared
    scores = ce.eigenvector(graph, max_iter=2)
    assert scores.params["dense_fallbacks"] == 1
    assert scores.values == pytest.approx(nx.eigenvector_centrality(graph, weight="weight"), abs=1e-5)


def test_siren_articulation_points_and_top_broker(siren):
    assert ce.articulation_points(siren) == ["1", "11", "15"]
    between = ce.betweenness(siren).values
    assert max(between, key=between.get) == "1"
    assert between["1"] == pytest.approx(0.798, abs=0.001)


def test_participation_and_external_communities():
    graph = nx.Graph([("hub", "a"), ("hub", "b"), ("hub", "c"), ("hub", "d"), ("a", "b")])
    partition = {"hub": 0, "a": 0, "b": 0, "c": 1, "d": 2}
    values = ce.participation(graph, partition).values
    assert values["hub"] == pytest.approx(1 - (0.5**2 + 0.25**2 + 0.25**2))
    assert values["a"] == 0.0
    assert ce.external_communities(graph, partition) == {"hub": 2, "a": 0, "b": 0, "c": 1, "d": 1}


def test_centrality_table_for_the_write_back(siren):
    table, params = ce.centrality_table(siren, {n: 0 for n in siren})
    assert set(table) == set(siren)
    assert set(table["1"]) == {
        "degree",
        "strength",
        "betweenness",
        "eigenvector",
        "participation",
        "articulation_point",
    }
    assert table["1"]["articulation_point"] and not table["2"]["articulation_point"]
    assert params["betweenness"]["exact"]
