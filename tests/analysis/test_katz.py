"""Katz centrality: NetworkX's values inside the bound, the bound respected on every step of a
shrinking and falling-apart network, and the spectral radius bound itself."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from graph.analysis.katz import DENSE_COMPONENT_LIMIT, katz, spectral_radius


@pytest.mark.parametrize("weight", [None, "weight"])
def test_equals_networkx_inside_the_bound(weight):
    graph = nx.karate_club_graph()  # weighted: contexts two members shared
    ours = katz(graph, 0.04 if weight else 0.1, weight=weight)  # lambda_max 21.7 weighted
    assert not ours.params["clamped"]
    reference = nx.katz_centrality(
        graph, alpha=ours.params["alpha_used"], weight=weight, tol=1e-12, max_iter=10**5
    )
    assert ours.values == pytest.approx(reference, abs=1e-9)


def test_beyond_the_bound_alpha_is_brought_inside():
    graph = nx.complete_graph(20)  # lambda_max 19: alpha 0.1 would diverge
    scores = katz(graph, 0.1)
    assert scores.params["clamped"] and scores.params["spectral_radius"] == pytest.approx(19)
    assert scores.params["alpha_used"] == pytest.approx(0.9 / 19)
    assert scores.values == pytest.approx(dict.fromkeys(graph, 20**-0.5))
    with pytest.raises(ValueError, match="bound_share"):
        katz(graph, bound_share=1.0)


def test_bound_holds_on_every_step_of_a_shrinking_disconnected_network(siren):
    current = siren.copy()
    previous = spectral_radius(current)
    while current.number_of_edges():
        hub = max(current, key=lambda n: (current.degree(n), str(n)))
        current.remove_node(hub)
        radius = spectral_radius(current)
        assert radius <= previous + 1e-9  # removal never raises lambda_max
        if nx.number_connected_components(current) > 1:
            largest = max(
                (spectral_radius(current.subgraph(c)) for c in nx.connected_components(current)), default=0.0
            )
            assert radius == pytest.approx(largest)  # a disconnected network's is its largest component's
        scores = katz(current, 0.5)  # well beyond 1/lambda on the intact network
        assert scores.params["alpha_used"] * radius < 1
        assert min(scores.values.values()) > 0  # a convergent series counts positively
        previous = radius


def test_spectral_radius_is_an_upper_bound_on_large_components():
    graph = nx.powerlaw_cluster_graph(DENSE_COMPONENT_LIMIT + 200, 3, 0.1, seed=4)
    exact = float(np.linalg.eigvalsh(nx.to_numpy_array(graph))[-1])
    bound = spectral_radius(graph)
    assert exact <= bound <= exact * (1 + 1e-6)
    assert spectral_radius(nx.empty_graph(5)) == 0.0
    assert katz(nx.empty_graph(0)).values == {}
