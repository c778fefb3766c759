"""Shortest paths on both stores, checked against NetworkX on the same graph: Neo4j's
shortestPath and the embedded store's rewrite of it (cypher/falkordb/graph_paths.js) give the
same number of hops, only through the relationship types asked for, in the direction asked for,
never past the maximum length, along relationships that exist, and around a hub."""

import random

import networkx as nx
import pytest

from graph.model import EdgeRecord, GraphBatch, NodeRecord, Provenance
from graph.store.base import GraphStore, StoreError

P = Provenance("d1", 0, 5, "s", "rule:test", 0.9, "2024-01-01")
UNDIRECTED = (
    "MATCH (x:Person {id: $a}) MATCH (y:Person {id: $b}) "
    "MATCH p = shortestPath((x)-[:PARTICIPATED_IN|ASSOCIATED_WITH*..4]-(y)) "
    "RETURN length(p) AS hops, [n IN nodes(p) | n.id] AS ids"
)
DIRECTED = (
    "MATCH (x:Person {id: $a}) MATCH (y:Person {id: $b}) "
    "MATCH p = shortestPath((x)-[:ASSOCIATED_WITH*..4]->(y)) "
    "RETURN length(p) AS hops, [n IN nodes(p) | n.id] AS ids"
)


def network(seed: int) -> tuple[GraphBatch, nx.Graph, nx.DiGraph, list[tuple[str, str]]]:
    """Twenty-five people, six arrests they took part in, directed associations between them, and one
    country every person is a national of: a hub on a type the queries leave out."""
    rng = random.Random(seed)
    people = [f"person:{i}" for i in range(25)]
    events = [f"event:{i}" for i in range(6)]
    nodes = [NodeRecord("Person", p, {"name": f"Person {p}", "unnamed": False}, P) for p in people]
    nodes += [NodeRecord("Event", e, {"kind": "arrest"}, P) for e in events]
    nodes.append(NodeRecord("Location", "location:hub", {"name": "Hubland"}, P))
    undirected, directed = nx.Graph(), nx.DiGraph()
    edges = []
    for person in people:
        edges.append(EdgeRecord("NATIONAL_OF", "Person", person, "Location", "location:hub", "", {}, P))
        if rng.random() < 0.5:
            event = rng.choice(events)
            edges.append(EdgeRecord("PARTICIPATED_IN", "Person", person, "Event", event, "", {}, P))
            undirected.add_edge(person, event)
    for _ in range(45):
        a, b = rng.sample(people, 2)
        edges.append(EdgeRecord("ASSOCIATED_WITH", "Person", a, "Person", b, "", {}, P))
        undirected.add_edge(a, b)
        directed.add_edge(a, b)
    pairs = [tuple(rng.sample(people, 2)) for _ in range(25)]
    return GraphBatch(nodes, edges), undirected, directed, pairs


def expected_hops(graph: nx.Graph, a: str, b: str, most: int) -> int | None:
    try:
        hops = nx.shortest_path_length(graph, a, b)
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        return None
    return hops if hops <= most else None


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_shortest_paths_agree_with_networkx(any_store: GraphStore, seed: int):
    batch, undirected, directed, pairs = network(seed)
    any_store.write_batch(batch)
    found_some = 0
    for query, graph in [(UNDIRECTED, undirected), (DIRECTED, directed)]:
        for a, b in pairs:
            rows = any_store.query(query, {"a": a, "b": b}).records()
            hops = expected_hops(graph, a, b, 4)
            assert [r["hops"] for r in rows] == ([] if hops is None else [hops]), (query, a, b)
            if rows:
                found_some += 1
                ids = rows[0]["ids"]
                assert ids[0] == a and ids[-1] == b and len(ids) == hops + 1
                assert nx.is_path(graph, ids), ids  # along relationships that exist, as asked
    assert found_some >= 10


def test_a_path_around_a_hub_is_found_without_listing_paths(any_store: GraphStore):
    """Two hundred people around one account: FalkorDB's algo.SPpaths lists the paths through
    it (200 x 199 x ... at four hops); a breadth-first search reads each neighbour once."""
    hub = NodeRecord("Account", "account:hub", {"name": "hub"}, P)
    people = [NodeRecord("Person", f"person:{i}", {"name": f"P{i}", "unnamed": False}, P) for i in range(200)]
    edges = [EdgeRecord("ASSOCIATED_WITH", "Person", p.id, "Account", hub.id, "", {}, P) for p in people]
    edges += [
        EdgeRecord("ASSOCIATED_WITH", "Person", f"person:{i}", "Person", f"person:{i + 1}", "", {}, P)
        for i in range(199)
    ]
    far = NodeRecord("Person", "person:far", {"name": "Far", "unnamed": False}, P)
    edges.append(EdgeRecord("ASSOCIATED_WITH", "Person", "person:far", "Person", "person:150", "", {}, P))
    any_store.write_batch(GraphBatch([hub, far, *people], edges))
    query = UNDIRECTED.replace("PARTICIPATED_IN|ASSOCIATED_WITH*..4", "ASSOCIATED_WITH*..6")
    rows = any_store.query(query, {"a": "person:0", "b": "person:far"}, timeout_s=20).records()
    assert [r["hops"] for r in rows] == [3]
    assert rows[0]["ids"] == ["person:0", "account:hub", "person:150", "person:far"]


def test_the_relationships_of_a_shortest_path_are_refused_on_the_embedded_store(store):
    with pytest.raises(StoreError, match=r"gives the nodes of its path, not its relationships"):
        store.query(
            "MATCH (x:Person) MATCH (y:Person) MATCH p = shortestPath((x)-[*..3]-(y)) RETURN relationships(p)"
        )


def test_vessel_suspects_counts_hops_through_relations_not_reports(any_store: GraphStore):
    """A seized boat, the man arrested with it (2 hops), his associate (3), a man five hops
    away, and a man only named in the same report: the report links nobody."""
    from graph.store.library import load_queries

    nodes = [
        NodeRecord("Vessel", "vessel:sea_star", {"name": "Sea Star", "kind": "boat"}, P),
        NodeRecord("Event", "event:seizure", {"kind": "seizure"}, P),
        NodeRecord("Document", "doc:1", {"title": "report"}, None),
        *[NodeRecord("Person", f"person:{x}", {"name": x.title(), "unnamed": False}, P) for x in "abcdef"],
    ]
    edges = [
        EdgeRecord("SEIZED", "Event", "event:seizure", "Vessel", "vessel:sea_star", "", {}, P),
        EdgeRecord("PARTICIPATED_IN", "Person", "person:a", "Event", "event:seizure", "subject", {}, P),
        EdgeRecord("ASSOCIATED_WITH", "Person", "person:a", "Person", "person:b", "", {}, P),
        EdgeRecord("ASSOCIATED_WITH", "Person", "person:b", "Person", "person:d", "", {}, P),
        EdgeRecord("ASSOCIATED_WITH", "Person", "person:d", "Person", "person:e", "", {}, P),
        EdgeRecord("ASSOCIATED_WITH", "Person", "person:e", "Person", "person:f", "", {}, P),
        EdgeRecord("MENTIONS", "Document", "doc:1", "Vessel", "vessel:sea_star", "", {}, P),
        EdgeRecord("MENTIONS", "Document", "doc:1", "Person", "person:c", "", {}, P),
    ]
    any_store.write_batch(GraphBatch(nodes, edges))
    query = load_queries()["vessel_suspects"]

    def suspects(hops: int) -> list[tuple[str, int]]:
        rows = any_store.query(query.cypher, query.bind({"vessel": "Sea Star", "hops": hops})).records()
        return [(r["person"], r["hops"]) for r in rows]

    assert suspects(4) == [("person:a", 2), ("person:b", 3), ("person:d", 4)]
    assert suspects(2) == [("person:a", 2)]
    assert suspects(1) == []
