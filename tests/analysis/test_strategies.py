"""The strategy catalogue from etl/disruption.yaml: every measure in both forms, groups, earlier
names, weighted twins offered only where the network carries weights, and a malformed file."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from graph.analysis.strategies import (
    RANKERS,
    StrategyError,
    carries_weights,
    catalogue,
    load_config,
    resolve,
    weighted_twin,
)


def test_every_measure_in_both_forms():
    strategies = catalogue()
    for measure in RANKERS:
        assert strategies[f"{measure}_static"].form == "static"
        assert strategies[f"{measure}_sequential"].form == "sequential"
    assert {s.form for s in strategies.values()} == {"static", "sequential", "set", "random"}
    assert [n for n, s in strategies.items() if s.form == "set"] == [
        "kpp_fragmentation_set",
        "kpp_distance_fragmentation_set",
    ]


def test_groups_aliases_and_weights():
    unweighted, weighted = nx.path_graph(4), nx.Graph([(1, 2, {"weight": 2.0})])
    assert not carries_weights(unweighted) and carries_weights(weighted)
    assert "strength_sequential" not in resolve(["all"], unweighted)
    assert "strength_sequential" in resolve(["all"], weighted)
    assert resolve(["weighted"], weighted) == [n for n, s in catalogue().items() if s.weighted]
    assert set(resolve(["static"], unweighted)) == {
        n for n, s in catalogue().items() if s.form == "static" and not s.weighted
    }
    assert resolve(["degree", "betweenness_recomputed", "degree_static"]) == [
        "degree_static",
        "betweenness_sequential",
    ]
    assert weighted_twin("katz_static") == "katz_weighted_static"
    assert weighted_twin("kpp_fragmentation_set") == "kpp_fragmentation_set"
    with pytest.raises(StrategyError, match="unknown strategy"):
        resolve(["pagerank"])


def test_a_malformed_file_is_named(tmp_path: Path):
    broken = tmp_path / "disruption.yaml"
    broken.write_text("measures: {}\nforms: [static]\n", encoding="utf-8")
    with pytest.raises(StrategyError, match=r"disruption\.yaml"):
        load_config(broken)
    unknown = tmp_path / "unknown.yaml"
    text = (Path(__file__).resolve().parents[2] / "etl" / "disruption.yaml").read_text(encoding="utf-8")
    unknown.write_text(text.replace("  degree:\n", "  pagerank:\n", 1), encoding="utf-8")
    with pytest.raises(StrategyError, match="pagerank"):
        load_config(unknown)
