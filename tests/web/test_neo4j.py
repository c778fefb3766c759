"""The workbench over Neo4j: the samples written by real `graph` processes to the test server,
then the same pages as on the embedded store."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from graph.store.neo4j_store import Neo4jStore
from graph.web.app import create_app
from graph.web.reads import Reads
from graph.web.settings import Settings

GRAPH = Path(sys.executable).parent / "graph"
pytestmark = pytest.mark.neo4j


def test_the_pages_read_the_same_graph_from_neo4j(neo4j_server, neo4j_store, tmp_path):
    env = {
        **os.environ,
        "GRAPH_STORE": "",
        "NEO4J_URI": neo4j_server.uri,
        "NEO4J_USER": neo4j_server.user,
        "NEO4J_PASSWORD": neo4j_server.password,
    }
    for args in (["etl", "run", "samples"], ["analyse"]):
        done = subprocess.run(
            [str(GRAPH), *args, "--data", str(tmp_path / "data")],
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
        )
        assert done.returncode == 0, done.stdout + done.stderr
    with Neo4jStore(neo4j_server.uri, user=neo4j_server.user, password=neo4j_server.password) as store:
        settings = Settings(data=tmp_path / "data", store=neo4j_server.uri, analyst="test-analyst")
        client = create_app(Reads(store), settings).test_client()
        found = client.get("/search", query_string={"q": "هيمن"}).get_data(as_text=True)
        assert "Himen Aziz" in found and "هيمن عزيز" in found
        dossier = client.get("/entity/Person/person:himen_aziz").get_data(as_text=True)
        assert "linked by SAME_AS" in dossier and "ألقت قوات الأسايش" in dossier and "$90,000" in dossier
        around = client.get("/api/neighbours", query_string={"id": "person:himen_aziz"}).get_json()
        assert len(around["nodes"]) > 3
        assert len(client.get("/api/network").get_json()["nodes"]) > 10
        assert 'class="has-events"' in client.get("/map").get_data(as_text=True)
        answer = client.get("/query", query_string={"name": "events_by_kind", "p.kind": "arrest"})
        assert 'id="answer-table"' in answer.get_data(as_text=True)
        refused = client.get("/query", query_string={"cypher": "CREATE (n:Person {name: 'x'}) RETURN n"})
        assert "read-only" in refused.get_data(as_text=True)
