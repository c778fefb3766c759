"""The Neo4j store against a real Neo4j 5 server: schema, idempotent batched writes in one
transaction, read-only investigator sessions, credentials kept out of messages."""

import re

import pytest

from graph.ingest import ingest
from graph.model import GraphBatch, NodeRecord
from graph.store.base import ReadOnlyError, StoreError
from graph.store.neo4j_store import Neo4jStore, redact

pytestmark = pytest.mark.neo4j


def test_the_server_is_real_neo4j_5(neo4j_store, neo4j_server):
    assert neo4j_server.version.startswith("5.")
    rows = neo4j_store.read("CALL dbms.components() YIELD name, versions, edition RETURN name, edition").rows
    assert rows == [["Neo4j Kernel", "community"]]


def test_schema_has_a_unique_id_per_label_and_applies_twice(neo4j_store):
    neo4j_store.apply_schema()
    constraints = {r[0] for r in neo4j_store.read("SHOW CONSTRAINTS YIELD name RETURN name").rows}
    for label in neo4j_store.ontology.labels:
        assert f"{label.lower()}_id" in constraints
    indexes = {r[0] for r in neo4j_store.read("SHOW INDEXES YIELD name RETURN name").rows}
    assert {"person_name", "account_handle", "event_date", "entity_names"} <= indexes


def test_full_text_search_over_names_and_aliases_in_both_scripts(neo4j_store):
    person = NodeRecord("Person", "person:k", {"name": "كاروان صالح"}, None, ["Karwan Saleh"])
    neo4j_store.write_batch(GraphBatch(nodes=[person]))
    search = "CALL db.index.fulltext.awaitEventuallyConsistentIndexRefresh() "
    neo4j_store.read(search)
    for text in ("karwan", "صالح"):
        rows = neo4j_store.query(
            "CALL db.index.fulltext.queryNodes('entity_names', $q) YIELD node RETURN node.id", {"q": text}
        ).rows
        assert rows == [["person:k"]]


def test_ingest_twice_changes_nothing(neo4j_store, seed_path):
    ingest([seed_path], neo4j_store)
    before = neo4j_store.counts()
    snapshot = neo4j_store.query("MATCH (n) RETURN n ORDER BY n.id").rows
    from graph.nlp.extract import extract
    from graph.resolve.records import build_batch
    from graph.sources import iter_documents

    (document,) = iter_documents([seed_path])
    stats = neo4j_store.write_batch(build_batch(extract(document)))
    assert stats.nodes_created == 0 and stats.relationships_created == 0
    assert neo4j_store.counts() == before
    assert neo4j_store.query("MATCH (n) RETURN n ORDER BY n.id").rows == snapshot


def test_a_failed_batch_leaves_nothing_half_written(neo4j_store):
    good = ("UNWIND $rows AS row MERGE (n:Person {id: row.id})", {"rows": [{"id": "person:a"}]})
    bad = ("UNWIND $rows AS row MERGE (n:Person {id: row.id})", {"rows": [{"id": "person:a"}, {"id": None}]})
    with pytest.raises(StoreError, match="rolled back"):
        neo4j_store._write_all([good, bad])
    assert neo4j_store.query("MATCH (n) RETURN count(n)").rows == [[0]]


def test_investigator_sessions_are_read_only(neo4j_store):
    with pytest.raises(ReadOnlyError):
        neo4j_store.query("CREATE (n:Person {id: 'x'})")
    with pytest.raises(ReadOnlyError, match="read-only"):
        # the server refuses too
        neo4j_store._fetch("CREATE (n:Person {id: 'x'})", {}, limit=None, timeout_s=5)
    assert neo4j_store.query("MATCH (n) RETURN count(n)").rows == [[0]]


def test_cypher_lookalike_text_is_stored_as_text(neo4j_store):
    hostile = "x'}) DETACH DELETE n // `MATCH` {}"
    neo4j_store.write_batch(GraphBatch(nodes=[NodeRecord("Person", "person:h", {"name": hostile}, None)]))
    assert neo4j_store.query("MATCH (p:Person {id: 'person:h'}) RETURN p.name").rows == [[hostile]]


def test_wrong_password_is_refused_without_showing_it(neo4j_server):
    with pytest.raises(StoreError) as caught:
        Neo4jStore(neo4j_server.uri, user="neo4j", password="not-the-password-123")
    assert "refused the credentials" in str(caught.value)
    assert "not-the-password-123" not in str(caught.value)


def test_unreachable_server_and_credentials_in_the_uri_are_redacted():
    assert redact("neo4j+s://user:s3cret@example.org:7687") == "neo4j+s://example.org:7687"
    with pytest.raises(StoreError) as caught:
        Neo4jStore("bolt://neo4j:s3cret@127.0.0.1:9", password="s3cret")
    assert "s3cret" not in str(caught.value) and "cannot reach Neo4j" in str(caught.value)


def test_secure_schemes_are_accepted_by_the_store_factory(monkeypatch):
    from graph.store import open_store

    monkeypatch.setenv("NEO4J_PASSWORD", "x" * 10)
    for scheme in ("neo4j+s", "bolt+s"):
        with pytest.raises(StoreError, match=re.escape(f"cannot reach Neo4j at {scheme}://127.0.0.1:9")):
            open_store(f"{scheme}://127.0.0.1:9")


def test_the_cli_works_on_neo4j_with_credentials_from_the_environment(neo4j_store, neo4j_server, monkeypatch):
    import json

    from typer.testing import CliRunner

    from graph.cli import app

    monkeypatch.setenv("NEO4J_USER", neo4j_server.user)
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_server.password)
    runner = CliRunner()
    data = __import__("pathlib").Path(__file__).resolve().parents[1] / "data"
    result = runner.invoke(app, ["ingest", str(data / "en_charge.md"), "--store", neo4j_server.uri])
    assert result.exit_code == 0, result.output
    assert neo4j_server.password not in result.output
    out = runner.invoke(
        app,
        [
            "query",
            "--store",
            neo4j_server.uri,
            "--json",
            "--name",
            "entity",
            "--param",
            "name=Sarah Whitfield",
        ],
    )
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert {"WORKS_FOR"} <= {r["relation"] for r in rows}
    refused = runner.invoke(app, ["query", "--store", neo4j_server.uri, "MATCH (n) DELETE n"])
    assert refused.exit_code == 2 and "read-only" in refused.output
