"""The embedded FalkorDB store: idempotent writes with provenance, read-only queries, one writer
at a time, a server that survives a killed client and loses nothing when it is killed itself."""

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from graph.model import EdgeRecord, GraphBatch, NodeRecord, Provenance
from graph.ontology import OntologyError
from graph.store.base import ReadOnlyError
from graph.store.embedded import EmbeddedServer, EmbeddedStore, StoreLockedError


def prov(doc: str, start: int, seen: str) -> Provenance:
    return Provenance(doc, start, start + 5, f"sentence of {doc}", "rule:test", 0.9, seen)


def small_batch(doc: str = "d1", seen: str = "2024-05-01") -> GraphBatch:
    return GraphBatch(
        nodes=[
            NodeRecord(
                "Person", "person:karwan", {"name": "Karwan Saleh"}, prov(doc, 10, seen), ["كاروان صالح"]
            ),
            NodeRecord("Account", "account:tiktok:x1", {"handle": "x1", "name": "x1"}, prov(doc, 30, seen)),
            NodeRecord("Platform", "platform:tiktok", {"name": "TikTok"}, prov(doc, 40, seen)),
        ],
        edges=[
            EdgeRecord(
                "CONTROLS",
                "Person",
                "person:karwan",
                "Account",
                "account:tiktok:x1",
                "",
                {},
                prov(doc, 10, seen),
            ),
            EdgeRecord(
                "HOSTED_ON",
                "Account",
                "account:tiktok:x1",
                "Platform",
                "platform:tiktok",
                "",
                {},
                prov(doc, 30, seen),
            ),
        ],
    )


def dump(store: EmbeddedStore) -> list:
    nodes = store.query("MATCH (n) RETURN n ORDER BY n.id").rows
    rels = store.query("MATCH (a)-[r]->(b) RETURN a.id, type(r), b.id, r ORDER BY a.id, b.id").rows
    return nodes + rels


def test_writes_are_idempotent_and_keep_provenance(store):
    store.write_batch(small_batch())
    first = dump(store)
    store.write_batch(small_batch())
    assert dump(store) == first
    assert store.totals() == (3, 2)
    row = store.query(
        "MATCH (p:Person)-[r:CONTROLS]->(a) RETURN r.doc_id, r.sentence, r.extractor, "
        "r.confidence, r.first_seen, r.sources"
    ).rows[0]
    assert row == ["d1", "sentence of d1", "rule:test", 0.9, "2024-05-01", ["d1:10-15"]]


def test_a_second_source_is_added_not_replacing_the_first(store):
    store.write_batch(small_batch("d1", "2024-05-01"))
    store.write_batch(small_batch("d2", "2024-03-01"))
    row = store.query(
        "MATCH (p:Person) RETURN p.doc_id, p.first_seen, p.last_seen, p.aliases, "
        "p.doc_ids IS NULL, p.sources IS NULL"
    ).rows[0]
    # the node summarises its sources; the list of them is on the relationships
    assert row == ["d1", "2024-03-01", "2024-05-01", ["كاروان صالح"], True, True]
    edge = store.query("MATCH (:Person)-[r:CONTROLS]->() RETURN r.doc_ids, r.sources").rows[0]
    assert edge == [["d1", "d2"], ["d1:10-15", "d2:10-15"]]
    assert store.totals() == (3, 2)


def test_relationships_outside_the_ontology_are_refused(store):
    batch = GraphBatch(edges=[EdgeRecord("HOSTED_ON", "Platform", "p", "Account", "a", "", {}, None)])
    with pytest.raises(OntologyError):
        store.write_batch(batch)


def test_investigator_queries_are_read_only(store):
    with pytest.raises(ReadOnlyError, match="read-only"):
        store.query("MATCH (n) DETACH DELETE n")
    with pytest.raises(ReadOnlyError):
        store._fetch("CREATE (n:Person {id: 'x'})", {}, limit=None, timeout_s=5)  # the server refuses too
    assert store.query("MATCH (n) WHERE n.name = 'Set Point' RETURN count(n)").rows == [[0]]


def test_cypher_lookalike_text_is_stored_as_plain_text(store):
    hostile = "x'}) DETACH DELETE n // `MATCH` {}"
    store.write_batch(GraphBatch(nodes=[NodeRecord("Person", "person:h", {"name": hostile}, None)]))
    assert store.query("MATCH (p:Person {id: 'person:h'}) RETURN p.name").rows == [[hostile]]


def test_row_limit_marks_truncation(store):
    store.write_batch(small_batch())
    result = store.query("MATCH (n) RETURN n.id", limit=2)
    assert len(result.rows) == 2 and result.truncated


def test_one_writer_at_a_time_readers_share(tmp_path):
    folder = tmp_path / "data"
    with EmbeddedStore(folder, write=True) as writer:
        writer.write_batch(small_batch())
        with pytest.raises(StoreLockedError, match="locked by another process"):
            EmbeddedStore(folder, write=True, lock_wait_s=0.3)
        with EmbeddedStore(folder) as reader:
            assert reader.totals() == (3, 2)
    assert EmbeddedServer(folder).pid() is None  # the last client stopped the server


CLIENT = textwrap.dedent("""
    import sys, time
    from graph.store.embedded import EmbeddedStore
    store = EmbeddedStore(sys.argv[1], write=True)
    print("open", flush=True)
    time.sleep(60)
""")


def test_a_killed_client_leaves_a_server_the_next_one_reuses(tmp_path):
    folder = tmp_path / "data"
    with EmbeddedStore(folder, write=True) as store:
        store.write_batch(small_batch())
    child = subprocess.Popen([sys.executable, "-c", CLIENT, str(folder)], stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "open"
    server_pid = EmbeddedServer(folder).pid()
    child.kill()
    child.wait()
    with EmbeddedStore(folder, write=True) as store:
        assert EmbeddedServer(folder).pid() == server_pid
        assert store.totals() == (3, 2)
    assert EmbeddedServer(folder).pid() is None


def test_nothing_is_lost_when_the_server_is_killed(tmp_path):
    folder = tmp_path / "data"
    store = EmbeddedStore(folder, write=True)
    store.write_batch(small_batch())
    os.kill(EmbeddedServer(folder).pid(), signal.SIGKILL)
    store.client_lock.close()  # this client is gone too
    store.client_lock = None
    if store.writer_lock:
        store.writer_lock.close()
    with EmbeddedStore(folder) as reopened:
        assert reopened.totals() == (3, 2)


def test_data_folder_is_private(tmp_path):
    folder = tmp_path / "data"
    with EmbeddedStore(folder) as store:
        mode = (Path(store.server.socket)).stat().st_mode & 0o777
        assert mode & 0o077 == 0


def test_full_text_search_over_names_on_the_embedded_store(store):
    store.write_batch(GraphBatch(nodes=[NodeRecord("Person", "person:k", {"name": "كاروان صالح"}, None)]))
    rows = store.query(
        "CALL db.idx.fulltext.queryNodes('Person', $q) YIELD node RETURN node.id", {"q": "صالح"}
    )
    assert rows.rows == [["person:k"]]


def test_source_lists_an_older_version_left_on_nodes_are_removed_with_the_schema(any_store):
    store = any_store
    store.write_batch(small_batch("d1", "2024-05-01"))
    old = {"doc_ids": ["d1", "d0"], "sources": ["d1:10-15", "d0:1-4"]}
    store.set_properties("Person", [{"id": "person:karwan", "props": old}])
    store.apply_schema()
    row = store.query("MATCH (p:Person) RETURN p.doc_ids IS NULL, p.sources IS NULL, p.doc_id").rows[0]
    assert row == [True, True, "d1"]
    assert store.drop_node_source_lists() == 0  # once mended, one query finds nothing
    assert store.query("MATCH ()-[r:CONTROLS]->() RETURN r.doc_ids").rows == [[["d1"]]]
