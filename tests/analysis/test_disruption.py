"""Disruption: targeted removal fragments the real Siren ring faster than random removal; tie
breaking, the what-if simulation and the CSV table."""

from __future__ import annotations

import io

import networkx as nx
import pytest

from graph.analysis import disruption as d


def test_recomputed_betweenness_fragments_siren_faster_than_random(siren):
    targeted = d.attack(siren, "betweenness_recomputed", steps=10)
    baseline = d.random_attack(siren, steps=10, runs=50, seed=0)
    assert targeted.removed[:3] == ["1", "15", "6"]
    assert targeted.auc(10) == pytest.approx(0.243, abs=0.001)
    assert baseline.auc(10) == pytest.approx(0.81, abs=0.02)
    assert targeted.auc(10) < baseline.auc(10) - 3 * max(baseline.lcc_fraction_std[1:])


def test_every_targeted_strategy_beats_random_on_siren(siren):
    curves = d.compare_strategies(siren, steps=10)
    assert set(curves) == set(d.STRATEGIES)
    for name, curve in curves.items():
        assert len(curve.lcc_fraction) == len(curve.components) == len(curve.efficiency) == 11
        assert curve.lcc_fraction[0] == 1.0 and curve.components[0] == 1.0
        if name != "random":
            assert len(curve.removed) == 10 == len(set(curve.removed))
            assert curve.auc(10) < curves["random"].auc(10)
            assert curve.efficiency[10] < curve.efficiency[0]


def test_recomputation_and_ties_are_deterministic():
    ring = nx.relabel_nodes(nx.cycle_graph(6), str)
    curve = d.attack(ring, "betweenness_recomputed", steps=3)
    # all equal on the ring, so "0"; then on the path 1..5 the middle "3"; then "1" and "5"...
    assert curve.removed == ["0", "3", "1"]
    assert curve.removed == d.attack(ring, "betweenness_recomputed", steps=3).removed
    assert curve.components == [1.0, 1.0, 2.0, 2.0]


def test_weighted_betweenness_follows_strong_ties():
    graph = nx.Graph()
    graph.add_weighted_edges_from(
        [("a", "b", 10), ("b", "c", 10), ("a", "c", 1), ("c", "d", 1), ("a", "e", 1)]
    )
    # by hops b lies on no shortest path (a and c tie at 3, "a" wins); by strength it lies on 4
    assert d.attack(graph, "betweenness", steps=1).removed == ["a"]
    assert d.attack(graph, "betweenness", steps=1, weighted=True).removed == ["b"]
    assert d.attack(graph, "degree", steps=1, weighted=True).removed == ["b"]


def test_collective_influence_values():
    path = nx.path_graph(5)
    assert d.collective_influence(path, radius=2) == {0: 0.0, 1: 1.0, 2: 0.0, 3: 1.0, 4: 0.0}
    star_of_stars = nx.Graph([(0, 1), (0, 2), (1, 3), (1, 4), (2, 5), (2, 6)])
    assert d.collective_influence(star_of_stars)[0] == 1 * (0 + 0 + 0 + 0)
    assert d.collective_influence(star_of_stars, radius=1)[0] == 1 * (2 + 2)


def test_simulate_removal_reports_before_after_and_detached():
    graph = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("b", "d"), ("e", "f")])
    impact = d.simulate_removal(graph, ["b", "nobody"])
    assert impact.removed == ["b"] and impact.not_found == ["nobody"]
    assert (impact.before.largest_component, impact.before.components) == (4, 2)
    assert (impact.after.largest_component, impact.after.components) == (2, 3)
    assert impact.after.lcc_fraction == 0.5
    assert impact.detached == {"d"}
    assert impact.after.efficiency < impact.before.efficiency
    assert d.simulate_removal(graph, ["b"], efficiency=False).after.efficiency is None


def test_lcc_table_and_csv(siren):
    curves = d.compare_strategies(siren, strategies=["degree", "random"], steps=5, runs=10)
    rows = d.lcc_table(curves)
    assert len(rows) == 6 and list(rows[0]) == ["step", "degree", "random", "random_std"]
    assert rows[0]["degree"] == 1.0 and rows[0]["random_std"] == 0.0
    out = io.StringIO()
    d.write_lcc_csv(curves, out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "step,degree,random,random_std" and len(lines) == 7


def test_whole_run_and_options():
    graph = nx.relabel_nodes(nx.karate_club_graph(), str)
    curve = d.attack(graph, "collective_influence", efficiency=False)
    assert len(curve.removed) == 34 and curve.lcc_fraction[-1] == 0.0 and curve.efficiency is None
    assert curve.params["radius"] == 2
    with pytest.raises(ValueError, match="collective_influence"):
        d.attack(graph, "pagerank")
