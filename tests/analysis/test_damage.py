"""Damage measures: global efficiency by matrix products equals NetworkX's, fragmentation and
Schneider's robustness R."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.analysis import damage


@pytest.mark.parametrize(
    "graph",
    [nx.karate_club_graph(), nx.disjoint_union(nx.cycle_graph(7), nx.star_graph(5)), nx.empty_graph(4)],
    ids=["karate", "two components", "no ties"],
)
def test_efficiency_equals_networkx(graph):
    assert damage.global_efficiency(graph) == pytest.approx(nx.global_efficiency(graph))


def test_efficiency_above_the_dense_limit_is_networkx():
    graph = nx.path_graph(damage.DENSE_EFFICIENCY_LIMIT + 1)
    assert damage.global_efficiency(graph) == nx.global_efficiency(graph)


def test_fragmentation_and_state(siren):
    assert damage.fragmentation(siren) == 0.0
    state = damage.network_state(nx.Graph([(1, 2), (3, 4), (4, 5)]), initial_lcc=6)
    assert (state.components, state.largest_component, state.lcc_fraction) == (2, 3, 0.5)
    assert state.fragmentation == pytest.approx(1 - (2 + 6) / 20)


def test_robustness_is_schneiders_r():
    # a star of 5: removing the centre leaves singletons
    assert damage.robustness([5, 1, 1, 1, 1, 0], 5) == pytest.approx([0, 0.04, 0.08, 0.12, 0.16, 0.16])
    assert damage.robustness([3, 2], 0) == [0.0, 0.0]
