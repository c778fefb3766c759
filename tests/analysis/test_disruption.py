"""Disruption: targeted removal fragments the real Siren ring faster than random removal; static
and sequential forms, tie breaking, key-player sets in the same comparison, the damage recorded
per step, the what-if simulation and the tables."""

from __future__ import annotations

import io

import networkx as nx
import pytest

from graph.analysis import disruption as d
from graph.analysis import tables
from graph.analysis.centrality import betweenness
from graph.analysis.run import disrupt
from graph.analysis.strategies import StrategyError, catalogue


def test_recomputed_betweenness_fragments_siren_faster_than_random(siren):
    targeted = d.attack(siren, "betweenness_sequential", steps=10)
    baseline = d.random_attack(siren, steps=10, runs=50, seed=0)
    assert targeted.removed[:3] == ["1", "15", "6"]
    assert targeted.auc(10) == pytest.approx(0.243, abs=0.001)
    assert baseline.auc(10) == pytest.approx(0.81, abs=0.02)
    assert targeted.auc(10) < baseline.auc(10) - 3 * max(baseline.lcc_fraction_std[1:])
    assert d.attack(siren, "betweenness_recomputed", steps=10).removed == targeted.removed  # the earlier name


def test_every_targeted_strategy_beats_random_on_siren(siren):
    curves = d.compare_strategies(siren, steps=10)
    # Siren is unweighted: every strategy but the weighted twins, in both forms
    assert set(curves) == {name for name, s in catalogue().items() if not s.weighted}
    for name, curve in curves.items():
        assert len(curve.lcc_fraction) == len(curve.components) == len(curve.efficiency) == 11
        assert len(curve.fragmentation) == len(curve.lcc) == 11 and curve.nodes == 44
        assert curve.lcc_fraction[0] == 1.0 and curve.components[0] == 1.0
        if name != "random":
            assert len(curve.removed_at) == 10
            assert curve.auc(10) < curves["random"].auc(10), name
            assert curve.efficiency[10] < curve.efficiency[0]
            assert curve.fragmentation[10] > curve.fragmentation[0] == 0.0
        if curve.form in ("static", "sequential"):
            assert len(curve.removed) == 10 == len(set(curve.removed))
            assert curve.removed_at == [[n] for n in curve.removed]


def test_static_ranks_once_and_sequential_recomputes(siren):
    def top(graph: nx.Graph, count: int) -> list[str]:
        values = betweenness(graph, weight=None).values
        return sorted(graph, key=lambda n: (-round(values[n], 10), str(n)))[:count]

    static = d.attack(siren, "betweenness_static", steps=5)
    sequential = d.attack(siren, "betweenness_sequential", steps=5)
    assert static.removed == top(siren, 5)
    remaining = siren.copy()
    for node in sequential.removed:
        assert node == top(remaining, 1)[0]
        remaining.remove_node(node)
    assert static.removed != sequential.removed
    assert (static.form, sequential.form) == ("static", "sequential")
    block = d.attack(siren, "betweenness_sequential", steps=5, recompute_every=5)
    assert block.removed == static.removed and block.params["recompute_every"] == 5


def test_recomputation_and_ties_are_deterministic():
    ring = nx.relabel_nodes(nx.cycle_graph(6), str)
    curve = d.attack(ring, "betweenness_sequential", steps=3)
    # all equal on the ring, so "0"; then on the path 1..5 the middle "3"; then "1" and "5"...
    assert curve.removed == ["0", "3", "1"]
    assert curve.removed == d.attack(ring, "betweenness_sequential", steps=3).removed
    assert curve.components == [1.0, 1.0, 2.0, 2.0]
    # a tie order decides instead of the ids
    assert d.attack(ring, "degree_sequential", steps=1, tie_order=["4", "0"]).removed == ["4"]


def test_weighted_variants_follow_strong_ties():
    graph = nx.Graph()
    graph.add_weighted_edges_from(
        [("a", "b", 10), ("b", "c", 10), ("a", "c", 1), ("c", "d", 1), ("a", "e", 1)]
    )
    # by hops b lies on no shortest path (a and c tie at 3, "a" wins); by strength it lies on 4
    assert d.attack(graph, "betweenness_static", steps=1).removed == ["a"]
    assert d.attack(graph, "betweenness_weighted_static", steps=1).removed == ["b"]
    assert d.attack(graph, "betweenness_static", steps=1, weighted=True).removed == ["b"]
    assert d.attack(graph, "degree", steps=1, weighted=True).removed == ["b"]
    assert d.attack(graph, "strength_sequential", steps=1).strategy == "strength_sequential"
    # weights as lengths (the paper's convention) make the strong ties long: b is avoided again
    assert d.attack(graph, "betweenness_weighted_static", steps=1, distance="weight").removed == ["a"]


def test_key_player_sets_are_compared_with_the_attacks():
    barbell = nx.relabel_nodes(nx.barbell_graph(5, 1), str)
    curves = d.compare_strategies(barbell, ["degree_static", "kpp_fragmentation_set"], steps=2)
    kpp = curves["kpp_fragmentation_set"]
    assert kpp.form == "set" and kpp.removed_at[0] == ["5"]  # the bridge between the cliques
    assert kpp.lcc_fraction[1] < curves["degree_static"].lcc_fraction[1]
    assert len(kpp.removed_at[1]) == 2 and kpp.params["scores"][0] == pytest.approx(1 - 40 / 90)


def test_key_player_strategies_skip_networks_too_large_to_search():
    large = nx.relabel_nodes(nx.path_graph(200), str)
    curve = d.attack(large, "kpp_distance_fragmentation_set", steps=3, efficiency=False)
    assert "skipped" in curve.params and curve.lcc_fraction == [1.0] and curve.removed == []


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
    rows = tables.lcc_table(curves)
    assert len(rows) == 6 and list(rows[0]) == ["step", "degree_static", "random", "random_std"]
    assert rows[0]["degree_static"] == 1.0 and rows[0]["random_std"] == 0.0
    out = io.StringIO()
    tables.write_lcc_csv(curves, out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "step,degree_static,random,random_std" and len(lines) == 7


def test_measures_csv_has_every_curve_measure_and_name(siren):
    for node in siren:
        siren.nodes[node]["name"] = f"actor {node}"
    curves = d.compare_strategies(
        siren, strategies=["degree_sequential", "kpp_fragmentation_set", "random"], steps=4
    )
    out = io.StringIO()
    tables.write_measures_csv(curves, out, siren)
    lines = out.getvalue().splitlines()
    assert lines[0] == ",".join(tables.COLUMNS) and len(lines) == 1 + 3 * 5
    rows = tables.measures_table(curves, siren)
    degree = [r for r in rows if r["strategy"] == "degree_sequential"]
    assert degree[1]["removed"] == curves["degree_sequential"].removed[0]
    assert degree[1]["removed_names"] == f"actor {degree[1]['removed']}"
    assert degree[4]["robustness"] == pytest.approx(sum(curves["degree_sequential"].lcc[1:5]) / 44 / 44)
    kpp = [r for r in rows if r["strategy"] == "kpp_fragmentation_set"]
    assert kpp[2]["removed"].count(";") == 1 and kpp[2]["form"] == "set"
    random_rows = [r for r in rows if r["strategy"] == "random"]
    assert random_rows[2]["removed"] == "" and random_rows[2]["lcc_fraction_std"] > 0


def test_whole_run_and_options():
    graph = nx.relabel_nodes(nx.karate_club_graph(), str)
    curve = d.attack(graph, "collective_influence_sequential", efficiency=False)
    assert len(curve.removed) == 34 and curve.lcc_fraction[-1] == 0.0 and curve.efficiency is None
    assert curve.params["radius"] == 1
    assert curve.robustness()[-1] == pytest.approx(sum(curve.lcc[1:]) / 34 / 34)
    assert d.attack(graph, "collective_influence_sequential", steps=2, radius=2).params["radius"] == 2
    assert d.attack(graph, "katz_static", steps=2, katz_alpha=0.05).params["katz_alpha"] == 0.05
    with pytest.raises(StrategyError, match="unknown strategy 'pagerank'"):
        d.attack(graph, "pagerank")
    with pytest.raises(StrategyError, match="group"):
        d.attack(graph, "all")


def test_weighted_asks_for_each_strategys_weighted_variant_once():
    graph = nx.Graph([("a", "b", {"weight": 2.0}), ("b", "c", {"weight": 1.0}), ("c", "d", {"weight": 5.0})])
    curves = disrupt(
        graph, ["degree", "strength_static", "betweenness_sequential", "random"], steps=2, weighted=True
    )
    assert list(curves) == ["strength_static", "betweenness_weighted_sequential", "random"]
    assert all(name == curve.strategy for name, curve in curves.items())
