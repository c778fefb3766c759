"""The faster path: which engine runs, and, where python-igraph is installed, betweenness and the
balls of collective influence equal to NetworkX's and Louvain of the same quality, behind the
same functions."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.analysis import centrality, communities
from graph.analysis.accelerate import MIN_NODES, engine_for, igraph_available
from graph.analysis.influence import collective_influence

needs_igraph = pytest.mark.skipif(not igraph_available(), reason="python-igraph is not installed")


def test_small_networks_and_no_igraph_run_on_networkx():
    assert engine_for(nx.path_graph(MIN_NODES - 1)) == "networkx"
    assert engine_for(nx.path_graph(MIN_NODES)) == ("igraph" if igraph_available() else "networkx")
    assert engine_for(nx.path_graph(MIN_NODES), "networkx") == "networkx"
    with pytest.raises(ValueError, match="unknown engine"):
        engine_for(nx.path_graph(3), "graph-tool")
    if not igraph_available():
        with pytest.raises(ValueError, match="not installed"):
            engine_for(nx.path_graph(3), "igraph")


@needs_igraph
@pytest.mark.parametrize("options", [{"weight": None}, {"weight": None, "k": 40, "exact_limit": 10}, {}])
def test_betweenness_through_igraph_equals_networkx(options):
    graph = nx.powerlaw_cluster_graph(300, 3, 0.1, seed=5)
    for u, v in graph.edges():
        graph[u][v]["weight"] = float(1 + (u + v) % 4)  # lengths 1/w: ties in float sums can differ
    slow = centrality.betweenness(graph, engine="networkx", **options)
    fast = centrality.betweenness(graph, engine="igraph", **options)
    tolerance = 1e-12 if options.get("weight", "weight") is None else 1e-3
    assert fast.values == pytest.approx(slow.values, abs=tolerance)
    assert fast.params["engine"] == "igraph" and "engine" not in slow.params


@needs_igraph
def test_louvain_through_igraph_is_seeded_and_as_good():
    graph = nx.powerlaw_cluster_graph(400, 3, 0.1, seed=6)
    fast = communities.louvain(graph, seed=3, engine="igraph")
    assert fast.partition == communities.louvain(graph, seed=3, engine="igraph").partition
    slow = communities.louvain(graph, seed=3, engine="networkx")
    assert fast.modularity == pytest.approx(slow.modularity, abs=0.02)
    assert fast.modularity == pytest.approx(communities.modularity(graph, fast.communities))


@needs_igraph
def test_leiden_through_igraph_is_seeded_and_as_good():
    graph = nx.powerlaw_cluster_graph(600, 3, 0.1, seed=6)
    fast = communities.leiden(graph, seed=3, engine="igraph")
    assert fast.partition == communities.leiden(graph, seed=3, engine="igraph").partition
    assert fast.params["engine"] == "igraph"
    assert sorted(n for c in fast.communities for n in c) == sorted(graph)
    assert fast.modularity == pytest.approx(communities.modularity(graph, fast.communities))
    assert fast.modularity >= communities.leiden(graph, seed=3, engine="networkx").modularity - 0.02


@needs_igraph
@pytest.mark.parametrize("method", ["louvain", "leiden"])
def test_both_engines_find_the_same_communities_where_the_answer_is_unambiguous(method):
    """Five cliques joined in a ring by single edges: each clique is its own community."""
    graph = nx.ring_of_cliques(5, 120)
    cliques = {frozenset(range(k * 120, (k + 1) * 120)) for k in range(5)}
    for engine in ("networkx", "igraph"):
        assert set(communities.detect(graph, method, seed=1, engine=engine).communities) == cliques


@needs_igraph
@pytest.mark.parametrize("radius", [2, 3])
def test_collective_influence_balls_through_igraph_equal_networkx(radius):
    graph = nx.powerlaw_cluster_graph(300, 2, 0.1, seed=7)
    slow = collective_influence(graph, radius, engine="networkx").values
    assert collective_influence(graph, radius, engine="igraph").values == slow


@needs_igraph
@pytest.mark.parametrize("weight", ["weight", None])
def test_modularity_through_igraph_equals_networkx(weight):
    graph = nx.powerlaw_cluster_graph(MIN_NODES + 100, 3, 0.1, seed=8)
    for u, v in graph.edges():
        graph[u][v]["weight"] = float(1 + (u * v) % 5)
    found = list(nx.community.asyn_lpa_communities(graph, seed=2))
    assert engine_for(graph) == "igraph"
    expected = nx.community.modularity(graph, found, weight=weight)
    assert communities.modularity(graph, found, weight) == pytest.approx(expected, abs=1e-12)
    graph.add_edge(0, 0)  # a self-loop, which the igraph copy leaves out: NetworkX's value
    expected = nx.community.modularity(graph, found, weight=weight)
    assert communities.modularity(graph, found, weight) == expected
