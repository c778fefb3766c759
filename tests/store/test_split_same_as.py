"""GraphStore.split_same_as on both stores: the SAME_AS links of one node go, the veto is
remembered on both ends, the nodes stay, and splitting again changes nothing."""

from graph.model import EdgeRecord, GraphBatch, NodeRecord, Provenance
from graph.store.base import GraphStore


def linked_people(store: GraphStore) -> None:
    """Three people: a linked to b and c, b and c not linked to each other."""
    prov = Provenance("", 0, 0, "a ≈ b", "test", 0.9, None)
    nodes = [NodeRecord("Person", f"person:{x}", {"name": x}, None) for x in "abc"]
    edges = [
        EdgeRecord("SAME_AS", "Person", "person:a", "Person", f"person:{x}", "", {"score": 0.9}, prov)
        for x in "bc"
    ]
    store.write_batch(GraphBatch(nodes, edges))


def links(store: GraphStore) -> list[list[str]]:
    return store.query("MATCH (a)-[:SAME_AS]->(b) RETURN a.id, b.id ORDER BY a.id, b.id").rows


def vetoes(store: GraphStore) -> dict[str, list[str]]:
    rows = store.query("MATCH (p:Person) RETURN p.id, p.distinct_from ORDER BY p.id").rows
    return {node: sorted(distinct or []) for node, distinct in rows}


def test_split_same_as_removes_the_links_and_remembers_the_veto(any_store):
    linked_people(any_store)
    assert links(any_store) == [["person:a", "person:b"], ["person:a", "person:c"]]
    any_store.split_same_as("person:b")
    assert links(any_store) == [["person:a", "person:c"]]
    assert vetoes(any_store) == {"person:a": ["person:b"], "person:b": ["person:a"], "person:c": []}
    assert any_store.query("MATCH (p:Person) RETURN count(p)").rows == [[3]]


def test_split_same_as_twice_or_of_an_unlinked_node_changes_nothing(any_store):
    linked_people(any_store)
    any_store.split_same_as("person:a")
    after = (links(any_store), vetoes(any_store))
    assert after == ([], {"person:a": ["person:b", "person:c"], "person:b": ["person:a"],
                          "person:c": ["person:a"]})  # fmt: skip
    stats = any_store.split_same_as("person:a")
    any_store.split_same_as("person:nobody")
    assert (links(any_store), vetoes(any_store)) == after
    assert stats.relationships_created == 0 and stats.nodes_created == 0
