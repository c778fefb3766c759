"""Key-player sets (KPP-Neg): the greedy-and-swap search finds the optimum where it can be
checked by brute force, for fragmentation and distance-weighted fragmentation."""

from __future__ import annotations

from itertools import combinations, pairwise

import networkx as nx
import pytest
from threadpoolctl import threadpool_limits

from graph.analysis.damage import fragmentation, global_efficiency
from graph.analysis.keyplayer import candidate_pool, key_player_sets, key_players


def brute_force(graph: nx.Graph, k: int, measure: str) -> float:
    def score(removed: tuple) -> float:
        left = graph.subgraph(set(graph) - set(removed))
        return fragmentation(left) if measure == "fragmentation" else 1 - global_efficiency(left)

    with threadpool_limits(limits=1, user_api="blas"):  # small products: one BLAS thread is fastest
        return max(score(c) for c in combinations(sorted(graph, key=str), k))


@pytest.mark.parametrize(
    ("measure", "k"),
    [
        ("fragmentation", 1),
        ("fragmentation", 2),
        ("fragmentation", 3),
        ("distance_fragmentation", 1),
        ("distance_fragmentation", 2),
    ],
)
def test_finds_the_best_set_on_siren_where_brute_force_can_check(siren, measure, k):
    found = key_players(siren, k, measure=measure)
    assert len(found.members) == k == len(set(found.members))
    assert found.score == pytest.approx(brute_force(siren, k, measure), abs=1e-9)


def test_swaps_improve_on_greedy():
    # greedy takes the centre of the path first; the best pair is two thirds of the way
    path = nx.path_graph(8)
    found = key_players(path, 2, measure="fragmentation")
    assert found.score == pytest.approx(brute_force(path, 2, "fragmentation"))
    assert found.swaps >= 1


def test_sets_per_size_and_the_pool():
    sets = key_player_sets(nx.path_graph(7), 3)
    assert [len(s.members) for s in sets] == [1, 2, 3]
    assert all(b.score >= a.score for a, b in pairwise(sets))
    graph = nx.barbell_graph(6, 3)  # the bridge's actors have degree 2 but are articulation points
    pool = candidate_pool(graph, 5)  # 5 of highest degree, and as many articulation points
    assert {5, 6, 7, 8, 9} <= set(pool) and len(pool) <= 10
    assert candidate_pool(graph, None) == candidate_pool(graph, 100) == sorted(graph, key=str)
    with pytest.raises(ValueError, match="unknown key-player measure"):
        key_players(graph, 1, measure="reach")
