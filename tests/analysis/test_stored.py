"""The analysis the store holds, read back as the report shows it: what `graph analyse` wrote,
never a second computation that could disagree with the graph."""

import json

import pytest

from graph.analysis.projection import project
from graph.analysis.run import analyse_network, disrupt, write_disruption_ranks, write_results
from graph.analysis.stored import current_analysis, read_stored
from graph.model import EdgeRecord, GraphBatch, NodeRecord, Provenance
from graph.report.data import gather

P = Provenance("d1", 0, 5, "s", "rule:test", 0.9, "2024-01-01")


def two_groups() -> GraphBatch:
    people = [f"person:{n}" for n in "abcdef"]
    names = ["Ali", "Basel", "Karim", "Dana", "Emad", "فراس"]
    nodes = [NodeRecord("Person", p, {"name": n}, P) for p, n in zip(people, names, strict=True)]
    nodes += [NodeRecord("Event", f"event:{i}", {"kind": "arrest"}, P) for i in range(2)]
    edges = [
        EdgeRecord("PARTICIPATED_IN", "Person", p, "Event", "event:0", "subject", {}, P) for p in people[:3]
    ]
    edges += [
        EdgeRecord("PARTICIPATED_IN", "Person", p, "Event", "event:1", "subject", {}, P) for p in people[3:]
    ]
    edges += [EdgeRecord("ASSOCIATED_WITH", "Person", "person:c", "Person", "person:d", "", {}, P)]
    return GraphBatch(nodes, edges)


def test_nothing_is_read_where_no_analysis_ran(store):
    store.write_batch(two_groups())
    assert read_stored(store, project(store, "actors")) is None


def test_the_stored_communities_and_scores_are_read_back_as_written(store):
    store.write_batch(two_groups())
    graph = project(store, "actors")
    written = analyse_network(graph, runs=3, seed=7)
    write_results(store, written)
    stored = read_stored(store, graph)
    assert stored is not None
    assert stored.partition == written.partition
    between = stored.scores["person:c"]["betweenness"]
    assert between == pytest.approx(written.scores["person:c"]["betweenness"])
    assert stored.params["runs"] == 3 and stored.params["seed"] == 7 and stored.params["analysed_at"]
    # a different (here: hand-edited) community in the graph is what the stored analysis says
    store.set_properties("Person", [{"id": "person:a", "props": {"community": 99}}])
    assert read_stored(store, graph).partition["person:a"] == 99


def test_actors_added_since_the_analysis_make_it_run_again_and_be_written_back(store):
    store.write_batch(two_groups())
    graph = project(store, "actors")
    write_results(store, analyse_network(graph, runs=3, seed=7))
    newcomer = NodeRecord("Person", "person:g", {"name": "Ghassan"}, P)
    link = EdgeRecord("ASSOCIATED_WITH", "Person", "person:g", "Person", "person:a", "", {}, P)
    store.write_batch(GraphBatch([newcomer], [link]))
    graph = project(store, "actors")
    assert read_stored(store, graph) is None
    result, new = current_analysis(store, graph, runs=3, seed=7)
    assert new and "person:g" in result.partition
    again, new_again = current_analysis(store, graph, runs=3, seed=7)
    assert not new_again and again.partition == result.partition


def test_a_disruption_run_keeps_the_analysis_stamp(store):
    store.write_batch(two_groups())
    graph = project(store, "actors")
    write_results(store, analyse_network(graph, runs=3, seed=7))
    write_disruption_ranks(store, graph, disrupt(graph, ["degree"], steps=2)["degree_static"])
    rows = store.query(
        "MATCH (p:Person {id: 'person:c'}) RETURN p.analysis_params AS a, p.disruption_params AS d"
    ).records()
    assert json.loads(rows[0]["a"])["runs"] == 3 and json.loads(rows[0]["d"])["strategy"] == "degree_static"
    assert read_stored(store, graph) is not None


def test_the_report_shows_the_stored_analysis_not_a_new_one(store):
    store.write_batch(two_groups())
    graph = project(store, "actors")
    write_results(store, analyse_network(graph, runs=3, seed=7))
    store.set_properties("Person", [{"id": "person:a", "props": {"community": 99}}])
    data = gather(store, runs=3, seed=7, steps=3)
    assert data.stats["analysed_now"] is False
    assert "3 seeds from 7" in data.stats["analysis"]
    assert next(n for n in data.nodes if n["id"] == "person:a")["community"] == 99
    assert data.analysis.partition["person:a"] == 99
