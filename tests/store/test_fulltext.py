"""Name lookups through the full-text index `entity_search`, on both stores: the named queries
find a name by its words in either script with letter variants folded, the store's own plan
reads the index instead of every node, an older store's nodes are indexed when it is opened,
and `shortest_path` stops at its maximum length and says why it found nothing."""

import pytest
from typer.testing import CliRunner

from graph.cli import app
from graph.model import EdgeRecord, GraphBatch, NodeRecord, Provenance
from graph.ontology import load_ontology
from graph.store.base import GraphStore
from graph.store.dialect import fulltext_labels
from graph.store.library import load_queries, lookup_term

P = Provenance("d1", 0, 5, "s", "rule:test", 0.9, "2024-01-01")
QUERIES = load_queries()
LOOKUPS = sorted(name for name, query in QUERIES.items() if query.fulltext)


def run(store: GraphStore, query_name: str, **params):
    query = QUERIES[query_name]
    return store.query(query.cypher, query.bind(params)).records()


def chain(store: GraphStore) -> None:
    """Karwan Saleh -> arrest <- Himen Aziz -> TikTok account: three hops end to end."""
    nodes = [
        NodeRecord("Person", "person:karwan", {"name": "كاروان صالح", "unnamed": False}, P, ["Karwan Saleh"]),
        NodeRecord("Person", "person:himen", {"name": "Himen Aziz", "unnamed": False}, P),
        NodeRecord("Person", "person:ahmad", {"name": "أحمد إبراهيم", "unnamed": False}, P),
        NodeRecord("Event", "event:1", {"kind": "arrest"}, P),
        NodeRecord("Account", "account:tiktok:channel_taxi_uk", {"name": "channel_taxi_uk"}, P),
    ]
    edges = [
        EdgeRecord("PARTICIPATED_IN", "Person", "person:karwan", "Event", "event:1", "s", {}, P),
        EdgeRecord("PARTICIPATED_IN", "Person", "person:himen", "Event", "event:1", "s", {}, P),
        EdgeRecord(
            "CONTROLS", "Person", "person:himen", "Account", "account:tiktok:channel_taxi_uk", "", {}, P
        ),
    ]
    store.write_batch(GraphBatch(nodes, edges))


def test_the_index_covers_every_label_that_has_a_name():
    ontology = load_ontology()
    named = {label for label, spec in ontology.labels.items() if "name" in spec["properties"]}
    assert set(fulltext_labels()["entity_search"]) == named


def test_the_term_looked_up_is_a_whole_word_of_the_name():
    assert lookup_term("karwan saleh") == "karwan"  # the last word may be cut short
    assert lookup_term("al hassan") == "al"
    assert lookup_term("nca") == "nca"
    with pytest.raises(ValueError, match="nothing to look up"):
        lookup_term("@@ --")


def test_lookups_find_names_by_their_words_in_either_script(any_store: GraphStore):
    chain(any_store)
    assert {r["id"] for r in run(any_store, "entity", name="Karwan Saleh")} == {"person:karwan"}
    assert {r["id"] for r in run(any_store, "entity", name="صالح")} == {"person:karwan"}
    # letter variants fold: alef with hamza, as written or not
    assert {r["id"] for r in run(any_store, "entity", name="احمد ابراهيم")} == {"person:ahmad"}
    assert {r["id"] for r in run(any_store, "entity", name="إبراهيم")} == {"person:ahmad"}
    assert {r["other_id"] for r in run(any_store, "co_participants", name="himen")} == {"person:karwan"}
    assert run(any_store, "entity", name="Nobody Here") == []


@pytest.mark.parametrize("name", LOOKUPS)
def test_the_store_plans_lookups_on_the_index(any_store: GraphStore, name):
    """The plan of every lookup query calls the full-text procedure and scans no label
    and no whole graph for the name."""
    chain(any_store)
    query = QUERIES[name]
    for plan in any_store._plans(query.cypher, query.bind(query.example), 10):
        assert {p.lower() for p in plan.procedures} & {
            "db.index.fulltext.querynodes",
            "db.idx.fulltext.querynodes",
        }
        assert not {"AllNodesScan", "All Node Scan"} & set(plan.operators), plan.operators


def test_an_older_store_is_indexed_when_opened(any_store: GraphStore):
    chain(any_store)
    any_store._write_all([("MATCH (n) SET n.search_text = null, n.search_words = null", {})])
    assert any_store.backfill_search_text() == 5
    assert {r["id"] for r in run(any_store, "entity", name="Himen Aziz")} == {"person:himen"}
    assert any_store.backfill_search_text() == 0


def test_shortest_path_stops_at_its_maximum_length(any_store: GraphStore):
    chain(any_store)
    found = run(any_store, "shortest_path", a="Karwan Saleh", b="channel_taxi_uk", max_hops=3)
    assert [(r["from"], r["to"], r["hops"]) for r in found] == [
        ("person:karwan", "account:tiktok:channel_taxi_uk", 3)
    ]
    assert run(any_store, "shortest_path", a="Karwan Saleh", b="channel_taxi_uk", max_hops=2) == []


def test_shortest_path_starts_from_the_actor_named_whole(any_store: GraphStore):
    """'Karwan Saleh' means the person of that name, not every name that contains it; a part
    of a name still finds every actor whose name holds it."""
    chain(any_store)
    namesake = NodeRecord("Person", "person:mosahi", {"name": "Mosahi Karwan Saleh", "unnamed": False}, P)
    link = EdgeRecord(
        "CONTROLS", "Person", "person:mosahi", "Account", "account:tiktok:channel_taxi_uk", "", {}, P
    )
    any_store.write_batch(GraphBatch([namesake], [link]))
    whole = run(any_store, "shortest_path", a="Karwan Saleh", b="channel_taxi_uk", max_hops=6)
    assert [(r["from"], r["hops"]) for r in whole] == [("person:karwan", 3)]
    part = run(any_store, "shortest_path", a="Karwan", b="channel_taxi_uk", max_hops=6)
    assert [(r["from"], r["hops"]) for r in part] == [("person:mosahi", 1), ("person:karwan", 3)]


def test_graph_query_says_why_no_path_was_found(tmp_path, store):
    chain(store)
    data = store.folder
    result = CliRunner().invoke(
        app,
        [
            "query",
            "--name",
            "shortest_path",
            "--param",
            "a=Karwan Saleh",
            "--param",
            "b=channel_taxi_uk",
            "--param",
            "max_hops=2",
            "--data",
            str(data),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "no path of at most 2 hops between 'Karwan Saleh' and 'channel_taxi_uk'" in result.output
