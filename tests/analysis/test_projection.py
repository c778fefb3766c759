"""The actor projection read from the store, Louvain on it, and the write-back."""

from graph.analysis.communities import louvain, modularity
from graph.analysis.projection import project, projections
from graph.analysis.summary import summarise
from graph.analysis.writeback import write_node_results
from graph.model import EdgeRecord, GraphBatch, NodeRecord, Provenance

P = Provenance("d1", 0, 5, "s", "rule:test", 0.9, "2024-01-01")


def network_batch(bridge: bool = True) -> GraphBatch:
    people = [f"person:{n}" for n in "abcdef"]
    nodes = [NodeRecord("Person", p, {"name": p[-1].upper()}, P) for p in people]
    nodes += [NodeRecord("Organisation", "org:nca", {"name": "NCA", "kind": "agency"}, P)]
    nodes += [NodeRecord("Event", f"event:{i}", {"kind": "arrest"}, P) for i in range(2)]
    edges = [
        EdgeRecord("PARTICIPATED_IN", "Person", p, "Event", "event:0", "subject", {}, P) for p in people[:3]
    ]
    edges += [
        EdgeRecord("PARTICIPATED_IN", "Person", p, "Event", "event:1", "subject", {}, P) for p in people[3:]
    ]
    edges += [
        EdgeRecord("PARTICIPATED_IN", "Organisation", "org:nca", "Event", f"event:{i}", "agent", {}, P)
        for i in range(2)
    ]
    if bridge:
        edges += [EdgeRecord("ASSOCIATED_WITH", "Person", "person:c", "Person", "person:d", "", {}, P)]
    return GraphBatch(nodes, edges)


def test_actor_projection_links_people_through_shared_events(store):
    store.write_batch(network_batch())
    graph = project(store, "actors")
    assert "org:nca" not in graph  # agencies observe the network, they are not in it
    assert graph.number_of_nodes() == 6
    assert graph["person:a"]["person:b"]["shared_event"] == 1
    assert graph["person:c"]["person:d"]["direct"] == 1
    assert graph["person:c"]["person:d"]["weight"] == projections()["actors"]["edges"]["direct"]["weight"]


def test_louvain_finds_the_two_groups_and_writes_them_back(store):
    store.write_batch(network_batch(bridge=False))
    graph = project(store, "actors")
    partition = louvain(graph, seed=1).partition
    assert partition == louvain(graph, seed=1).partition  # fixed seed, same answer
    assert partition["person:a"] == partition["person:b"] != partition["person:e"]
    assert modularity(graph, partition) == 0.5
    assert [s.size for s in summarise(graph, partition)] == [3, 3]
    write_node_results(store, graph, {n: {"community": c} for n, c in partition.items()}, {"seed": 1})
    rows = store.query("MATCH (p:Person) RETURN p.id, p.community, p.analysis_params ORDER BY p.id").rows
    assert [r[1] for r in rows] == [partition[r[0]] for r in rows]
    assert rows[0][2] == '{"seed": 1}'
