"""`graph analyse` and `graph disrupt` as an analyst runs them: on the store (results written back
and queryable with Cypher, on both stores) and on network files from elsewhere."""

import csv
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph.analysis.run import analyse_network, load_network, write_results
from graph.analysis.strategies import catalogue
from graph.analysis.tables import COLUMNS
from graph.cli import app
from graph.etl.jobs import load_job
from graph.etl.runner import run_job
from graph.etl.state import EtlState

runner = CliRunner()
SIREN = Path(__file__).resolve().parents[2].parent / "shared" / "networks" / "siren_edgelist.csv"


@pytest.fixture
def samples_data(tmp_path) -> Path:
    data = tmp_path / "data"
    result = runner.invoke(app, ["etl", "run", "samples", "--data", str(data)])
    assert result.exit_code == 0, result.output
    return data


def query(data: Path, cypher: str) -> list[dict]:
    out = runner.invoke(app, ["query", "--data", str(data), "--json", cypher])
    return [json.loads(line) for line in out.stdout.splitlines()]


def test_analyse_writes_communities_confidence_and_scores(samples_data):
    result = runner.invoke(app, ["analyse", "--data", str(samples_data), "--runs", "5"])
    assert result.exit_code == 0, result.output
    assert "Communities" in result.output and "Key players and brokers" in result.output
    rows = query(
        samples_data,
        "MATCH (p:Person {id: 'person:himen_aziz'}) RETURN p.community AS c, "
        "p.community_confidence AS conf, p.betweenness AS b, p.articulation_point AS cut, "
        "p.analysis_params AS params",
    )
    assert rows[0]["c"] is not None and 0 < rows[0]["conf"] <= 1 and rows[0]["b"] > 0
    assert json.loads(rows[0]["params"])["runs"] == 5
    # the Arabic and English names of one broker share the result (SAME_AS folded)
    same = query(
        samples_data,
        "MATCH (a:Person {id: 'person:himen_aziz'})-[:SAME_AS]-(b) RETURN a.community = b.community AS same",
    )
    assert same == [{"same": True}]


def test_analyse_a_network_file_and_compare_periods(samples_data):
    if not SIREN.is_file():
        pytest.skip(f"{SIREN} is absent")
    result = runner.invoke(app, ["analyse", "--input", str(SIREN), "--runs", "5", "--seed", "0"])
    assert result.exit_code == 0, result.output
    assert "file: 44 nodes, 103 links" in result.output
    periods = runner.invoke(
        app,
        [
            "analyse",
            "--data",
            str(samples_data),
            "--compare",
            "2024-01:2024-06",
            "--compare",
            "2024-07:2024-12",
        ],
    )
    assert periods.exit_code == 0, periods.output
    for word in ("joined", "left", "merged", "split"):
        assert word in periods.output
    # names and key members, not ids: who joined or left, and what each community is
    assert "Himen Aziz" in periods.output and "person:" not in periods.output
    assert re.search(r"community \d+ \(Karwan Saleh", periods.output)


def test_disrupt_a_network_file_to_csv(tmp_path):
    if not SIREN.is_file():
        pytest.skip(f"{SIREN} is absent")
    target = tmp_path / "curves.csv"
    result = runner.invoke(
        app,
        [
            "disrupt",
            "--input",
            str(SIREN),
            "--strategy",
            "betweenness_recomputed",  # the earlier name of betweenness_sequential
            "--strategy",
            "random",
            "--k",
            "10",
            "--csv",
            str(target),
        ],
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(target.open()))
    assert list(rows[0]) == list(COLUMNS)
    curves = {
        name: [r for r in rows if r["strategy"] == name] for name in ("betweenness_sequential", "random")
    }
    assert [len(c) for c in curves.values()] == [11, 11]
    sequential, baseline = curves["betweenness_sequential"], curves["random"]
    assert float(sequential[10]["lcc_fraction"]) < float(baseline[10]["lcc_fraction"])
    assert [r["removed"] for r in sequential[1:4]] == ["1", "15", "6"] and sequential[0]["removed"] == ""
    assert sequential[0]["form"] == "sequential" and baseline[3]["lcc_fraction_std"] != ""
    assert float(sequential[10]["robustness"]) < float(baseline[10]["robustness"])
    assert "Ranked targets (betweenness_sequential" in result.output


def test_disrupt_all_lists_every_strategy_in_both_forms(tmp_path):
    if not SIREN.is_file():
        pytest.skip(f"{SIREN} is absent")
    target = tmp_path / "all.csv"
    result = runner.invoke(
        app, ["disrupt", "--input", str(SIREN), "--strategy", "all", "--k", "3", "--csv", str(target)]
    )
    assert result.exit_code == 0, result.output
    written = {r["strategy"] for r in csv.DictReader(target.open())}
    # Siren's ties are unweighted: the weighted twins would repeat the unweighted curves
    expected = {name for name, s in catalogue().items() if not s.weighted}
    assert written == expected
    for measure in ("degree", "betweenness", "katz", "collective_influence", "community_bridges"):
        assert {f"{measure}_static", f"{measure}_sequential"} <= written
        assert f"{measure}_sequential" in result.output
    listing = runner.invoke(app, ["disrupt", "--list"])
    assert listing.exit_code == 0 and "katz_weighted_sequential" in listing.output
    unknown = runner.invoke(app, ["disrupt", "--input", str(SIREN), "--strategy", "pagerank"])
    assert unknown.exit_code != 0 and "unknown strategy 'pagerank'" in unknown.output


def test_what_if_these_people_are_arrested(samples_data):
    result = runner.invoke(
        app,
        [
            "disrupt",
            "--data",
            str(samples_data),
            "--remove",
            "هيمن عزيز",
            "--remove",
            "Karwan Saleh",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "What if they are removed" in result.output
    assert "Himen Aziz" in result.output and "Karwan Saleh" in result.output


def test_a_name_that_matches_nobody_stops_the_simulation_with_the_nearest(samples_data):
    """A simulation without one of the people meant would mislead: refused, with near names."""
    result = runner.invoke(
        app, ["disrupt", "--data", str(samples_data), "--remove", "Karwan Saleh", "--remove", "Himen Azziz"]
    )
    assert result.exit_code != 0
    assert "no match for 'Himen Azziz' (nearest: Himen Aziz" in result.output
    nobody = runner.invoke(app, ["disrupt", "--data", str(samples_data), "--remove", "Nobody Known"])
    assert nobody.exit_code != 0 and "no match for 'Nobody Known'" in nobody.output


def test_disruption_ranks_are_written_back(samples_data):
    result = runner.invoke(
        app,
        [
            "disrupt",
            "--data",
            str(samples_data),
            "--k",
            "3",
            "--strategy",
            "degree",
            "--strategy",
            "betweenness_recomputed",
        ],
    )
    assert result.exit_code == 0, result.output
    ranked = query(
        samples_data,
        "MATCH (n) WHERE n.disruption_rank IS NOT NULL "
        "RETURN n.disruption_rank AS rank, n.disruption_strategy AS s ORDER BY rank",
    )
    # one actor named in two scripts carries its rank on both nodes
    assert sorted({r["rank"] for r in ranked}) == [1, 2, 3]
    assert {r["s"] for r in ranked} <= {"degree_static", "betweenness_sequential"}


@pytest.mark.neo4j
def test_results_are_queryable_on_neo4j(neo4j_store, tmp_path):
    run_job(load_job("samples"), neo4j_store, EtlState(tmp_path / "state"))
    result = analyse_network(load_network(neo4j_store, None), runs=3)
    assert write_results(neo4j_store, result) > 10
    rows = neo4j_store.query(
        "MATCH (n) WHERE n.community IS NOT NULL RETURN count(n), max(n.betweenness)"
    ).rows
    assert rows[0][0] > 10 and rows[0][1] > 0
