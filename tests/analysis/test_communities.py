"""Community detection: the Siren ring's real structure, planted partitions recovered, fixed seeds
reproducible, the consensus over seeds and NMI."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.analysis import communities as c


def planted(seed: int) -> tuple[nx.Graph, dict[int, int]]:
    graph = nx.planted_partition_graph(4, 50, 0.3, 0.01, seed=seed)
    return graph, {n: n // 50 for n in graph}


def test_siren_has_four_communities_with_modularity_near_047(siren):
    assert (siren.number_of_nodes(), siren.number_of_edges()) == (44, 103)
    result = c.louvain(siren, seed=0)
    assert result.modularity == pytest.approx(0.4683, abs=0.002)
    assert [len(x) for x in result.communities] == [20, 12, 9, 3]
    assert c.leiden(siren, seed=0).modularity > 0.46
    assert c.label_propagation(siren, seed=0).modularity > 0.4


def test_siren_consensus_over_twenty_seeds(siren):
    stable = c.stability(siren, runs=20, seed=0)
    assert len(stable.runs) == 20 and stable.converged
    assert len(stable.consensus.communities) == 4
    assert stable.consensus.modularity == pytest.approx(0.4678, abs=0.002)
    assert stable.mean_nmi_to_consensus > 0.9
    assert set(stable.confidence) == set(siren)
    assert all(0 < v <= 1 for v in stable.confidence.values())
    assert sum(v == 1 for v in stable.confidence.values()) >= 35  # most actors never stray
    assert stable == c.stability(siren, runs=20, seed=0)


@pytest.mark.parametrize("method", c.METHODS)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_planted_partition_recovered(method, seed):
    graph, truth = planted(seed)
    assert c.nmi(truth, c.detect(graph, method, seed=seed).partition) >= 0.9


def test_planted_partition_consensus():
    graph, truth = planted(7)
    assert c.nmi(truth, c.stability(graph, runs=5, seed=0).consensus.partition) >= 0.9


@pytest.mark.parametrize("method", c.METHODS)
def test_fixed_seed_is_deterministic(method):
    graph = nx.powerlaw_cluster_graph(300, 3, 0.2, seed=5)
    assert c.detect(graph, method, seed=11) == c.detect(graph, method, seed=11)


def test_numbering_is_by_size_then_smallest_id():
    result = c.to_partition([{"z"}, {"b", "c"}, {"a"}])
    assert result == {"b": 0, "c": 0, "a": 1, "z": 2}


def test_nmi_known_values():
    a = dict(enumerate([0, 0, 1, 1]))
    assert c.nmi(a, dict(enumerate([5, 5, 7, 7]))) == pytest.approx(1.0)
    assert c.nmi(a, dict(enumerate([0, 0, 1, 2]))) == pytest.approx(0.8)  # scikit-learn's value
    assert c.nmi(a, dict(enumerate([0, 1, 0, 1]))) == pytest.approx(0.0)
    with pytest.raises(ValueError):
        c.nmi(a, {0: 0})


def test_node_confidence_counts_runs_with_the_majority():
    consensus = {"a": 0, "b": 0, "c": 0, "d": 1}
    runs = [dict(consensus), {"a": 3, "b": 3, "c": 4, "d": 4}]
    assert c.node_confidence(consensus, runs) == {"a": 1.0, "b": 1.0, "c": 0.5, "d": 1.0}


def test_co_assignment_graph_keeps_pairs_together_often_enough():
    graph = nx.path_graph(["a", "b", "c"])
    runs = [{"a": 0, "b": 0, "c": 1}, {"a": 0, "b": 0, "c": 0}, {"a": 0, "b": 1, "c": 2}]
    consensus = c.co_assignment_graph(graph, runs, threshold=0.5)  # a-b in 2 of 3 runs, b-c in 1
    assert consensus["a"]["b"]["weight"] == pytest.approx(2 / 3)
    assert not consensus.has_edge("b", "c")
    assert set(consensus) == {"a", "b", "c"}


def test_modularity_accepts_either_form_and_edgeless_graphs():
    graph = nx.barbell_graph(4, 0)
    groups = [set(range(4)), set(range(4, 8))]
    assert c.modularity(graph, groups) == c.modularity(graph, {n: n // 4 for n in graph}) > 0.4
    assert c.modularity(nx.empty_graph(3), [{0}, {1}, {2}]) == 0.0


def test_leiden_degrades_clearly_without_networkx_support(monkeypatch):
    monkeypatch.delattr(nx.community, "leiden_communities")
    assert not c.leiden_available()
    with pytest.raises(c.LeidenUnavailableError, match="louvain"):
        c.leiden(nx.karate_club_graph())


def test_unknown_method():
    with pytest.raises(ValueError, match="label_propagation"):
        c.detect(nx.karate_club_graph(), "walktrap")
