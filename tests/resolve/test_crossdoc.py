"""People resolved across documents and scripts: linked by SAME_AS with score and method,
listed, and split again without losing anything."""

import pytest

from graph.analysis.projection import project
from graph.model import EdgeRecord, GraphBatch, NodeRecord, Provenance
from graph.resolve.crossdoc import list_links, name_score, resolve_people, split

P = Provenance("d1", 0, 5, "s", "rule:test", 0.9, "2024-01-01")


@pytest.mark.parametrize(
    ("arabic", "latin"),
    [
        ("دان باركروفت", "Dan Barcroft"),
        ("كاروان صالح", "Karwan Saleh"),
        ("هيمن عزيز", "Himen Aziz"),
        ("سارة ويتفيلد", "Sarah Whitfield"),
        ("دلشاد كريم", "Dilshad Karim"),
    ],
)
def test_the_same_name_in_two_scripts_scores_high(arabic, latin):
    score, script = name_score(arabic, latin)
    assert script == "cross" and score >= 0.8


@pytest.mark.parametrize(
    ("a", "b"),
    [("كاروان صالح", "Himen Aziz"), ("James Hart", "Sarah Whitfield"), ("دلشاد كريم", "Karwan Saleh")],
)
def test_different_people_score_low(a, b):
    assert name_score(a, b)[0] < 0.5


def people(store):
    nodes = [
        NodeRecord("Person", pid, {"name": name, "unnamed": False}, P)
        for pid, name in [
            ("person:dan_barcroft", "Dan Barcroft"),
            ("person:دان_باركروفت", "دان باركروفت"),
            ("person:karwan_saleh", "Karwan Saleh"),
            ("person:u1", "مواطن عراقي"),
        ]
    ]
    nodes[3].props["unnamed"] = True
    nodes.append(NodeRecord("Event", "event:1", {"kind": "arrest"}, P))
    edges = [
        EdgeRecord("PARTICIPATED_IN", "Person", p, "Event", "event:1", "subject", {"role": "subject"}, P)
        for p in ("person:دان_باركروفت", "person:karwan_saleh")
    ]
    store.write_batch(GraphBatch(nodes, edges))


def test_resolution_links_list_and_split(store):
    people(store)
    links = resolve_people(store)
    assert [(link.a, link.b) for link in links] == [("person:dan_barcroft", "person:دان_باركروفت")]
    listed = list_links(store)
    assert listed[0]["method"] == "romanize+rapidfuzz:cross-script" and listed[0]["score"] >= 0.8
    # the two names are one actor in the analysis, with the Arabic report's event
    graph = project(store, "actors")
    assert "person:دان_باركروفت" not in graph
    assert graph.nodes["person:dan_barcroft"]["merged"] == ["person:dan_barcroft", "person:دان_باركروفت"]
    assert graph.has_edge("person:dan_barcroft", "person:karwan_saleh")
    # split: the link goes, both nodes and their provenance stay, and the next run respects it
    before = store.query("MATCH (p:Person) RETURN p.id, p.sources ORDER BY p.id").rows
    assert split(store, "person:دان_باركروفت") == 1
    assert list_links(store) == []
    assert store.query("MATCH (p:Person) RETURN p.id, p.sources ORDER BY p.id").rows == before
    assert resolve_people(store) == []


def test_resolving_twice_changes_nothing(store):
    people(store)
    resolve_people(store)
    counts = store.counts()
    resolve_people(store)
    assert store.counts() == counts
