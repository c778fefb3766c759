"""One Cypher library, two stores, the same answers: the samples and the seed are ingested into
the embedded store and into a real Neo4j, and every named query runs on both."""

import re
from pathlib import Path

import pytest

from graph.analysis.communities import louvain
from graph.analysis.projection import project
from graph.analysis.writeback import write_node_results
from graph.ingest import ingest
from graph.resolve.crossdoc import resolve_people
from graph.store.dialect import falkordb_query
from graph.store.embedded import EmbeddedStore
from graph.store.library import load_queries
from graph.store.neo4j_store import Neo4jStore

pytestmark = pytest.mark.neo4j
REPO = Path(__file__).resolve().parents[2]
SEED = REPO.parent / "shared" / "seeds" / "000_bb7a0928452dc58a.txt"
QUERIES = load_queries()


def load(store) -> None:
    paths = [REPO / "etl" / "samples"] + ([SEED] if SEED.is_file() else [])
    ingest(paths, store)
    resolve_people(store)  # as `graph run` does: one person in both scripts
    graph = project(store, "actors")
    partition = louvain(graph, seed=7).partition
    write_node_results(store, graph, {n: {"community": c} for n, c in partition.items()}, {"seed": 7})


@pytest.fixture(scope="module")
def both(neo4j_server, tmp_path_factory):
    embedded = EmbeddedStore(tmp_path_factory.mktemp("diff") / "data", write=True)
    neo4j = Neo4jStore(neo4j_server.uri, user=neo4j_server.user, password=neo4j_server.password)
    neo4j._write_all([("MATCH (n) DETACH DELETE n", {})])
    load(embedded)
    load(neo4j)
    yield embedded, neo4j
    embedded.close()
    neo4j.close()


def comparable(value):
    """Lists from collect() have no defined order in either engine: compare them sorted."""
    if isinstance(value, list) and all(not isinstance(v, dict | list) for v in value):
        return sorted(value, key=repr)
    if isinstance(value, list) and all(isinstance(v, dict) for v in value):  # collected maps
        return sorted(value, key=lambda v: repr(sorted(v.items())))
    return value


def rows_of(store, name):
    query = QUERIES[name]
    result = store.query(query.cypher, query.bind(query.example))
    rows = [[comparable(v) for v in row] for row in result.rows]
    return result.columns, rows


def test_the_library_has_the_queries_investigators_need():
    assert len(QUERIES) >= 12
    for query in QUERIES.values():
        assert query.description, f"{query.name} has no comment saying what it answers"
        assert set(query.example) == set(query.params), f"{query.name}'s example must set every parameter"


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_query_gives_the_same_answer_on_both_stores(both, name):
    embedded, neo4j = both
    columns_e, rows_e = rows_of(embedded, name)
    columns_n, rows_n = rows_of(neo4j, name)
    assert columns_e == columns_n
    if not re.search(r"\bORDER\s+BY\b[^)]*$", QUERIES[name].cypher, re.IGNORECASE | re.DOTALL):
        rows_e, rows_n = sorted(rows_e, key=repr), sorted(rows_n, key=repr)
    assert rows_e == rows_n


def test_the_samples_give_the_queries_something_to_answer(both):
    embedded, _ = both
    empty = [name for name in QUERIES if not rows_of(embedded, name)[1]]
    assert empty == [], f"queries with no rows on the samples: {empty}"


def test_shortest_path_is_rewritten_for_the_embedded_store():
    query = QUERIES["shortest_path"].cypher
    rewritten = falkordb_query(query)
    assert "shortestPath" not in rewritten
    assert "graph_paths.shortest(x, y, ['PARTICIPATED_IN', 'CONTROLS'," in rewritten
    assert "6, 'both') AS path WHERE path IS NOT NULL WITH *" in rewritten
    assert "(size(path) - 1) AS hops" in rewritten
    directed = falkordb_query("MATCH p = shortestPath((a)-[:PAID*..3]->(b)) RETURN nodes(p), length(p)")
    assert directed == (
        "WITH *, graph_paths.shortest(a, b, ['PAID'], 3, 'outgoing') AS p WHERE p IS NOT NULL WITH * "
        "RETURN p, (size(p) - 1)"
    )
    incoming = falkordb_query("MATCH q = shortestPath((a)<-[*..2]-(b)) RETURN q")
    assert "graph_paths.shortest(a, b, [], 2, 'incoming') AS q" in incoming
    assert falkordb_query("MATCH (n) RETURN n") == "MATCH (n) RETURN n"


def test_the_embedded_store_refuses_the_relationships_of_a_shortest_path():
    with pytest.raises(ValueError, match=r"not its relationships: use nodes\(p\)"):
        falkordb_query("MATCH p = shortestPath((a)-[*..3]-(b)) RETURN relationships(p)")


@pytest.mark.parametrize("name", ["entity", "entity_timeline", "money_flows"])
def test_a_person_named_in_one_script_answers_for_both(both, name):
    query = QUERIES[name]
    for store in both:
        result = store.query(query.cypher, query.bind({"name": "Himen Aziz"}))
        text = repr(result.rows)
        assert "هيمن عزيز" in text, f"{name} on {type(store).__name__} misses the Arabic twin"


def test_edge_sources_follow_the_other_script_on_both_ends(both):
    """The Arabic name finds the facts read from English reports too."""
    query = QUERIES["edge_sources"]
    for store in both:
        rows = store.query(query.cypher, query.bind({"a": "كاروان صالح", "b": "channel_taxi_uk"})).records()
        found = {(r["from"], r["relation"], r["to"]) for r in rows}
        assert ("Karwan Saleh", "CONTROLS", "channel_taxi_uk") in found  # read from English reports
        assert all(r["document"] and r["doc_id"] for r in rows)  # a title (or file name) beside the id
