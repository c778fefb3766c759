"""The audit trail of questions, as an analyst leaves it: real `graph` processes on the bundled
samples (embedded store) and on the test Neo4j server, then `graph audit` read back."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from graph.audit import masked, read_log
from graph.store.factory import describe_store

GRAPH = Path(sys.executable).parent / "graph"


def graph(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """`graph ARGS` as its own process, the environment of the tests plus `env`."""
    return subprocess.run(
        [str(GRAPH), *args], capture_output=True, text=True, timeout=600, env={**os.environ, **(env or {})}
    )


def entries(data: Path, *args: str) -> list[dict]:
    done = graph("audit", "--data", str(data), "--json", *args)
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


@pytest.fixture(scope="module")
def samples_data(tmp_path_factory) -> Path:
    """The main job run once on the bundled samples, in a data folder of this module's own."""
    data = tmp_path_factory.mktemp("audit") / "data"
    done = graph("etl", "run", "samples", "--data", str(data))
    assert done.returncode == 0, done.stdout + done.stderr
    return data


def test_each_question_leaves_one_line_with_who_what_where_and_how_many(samples_data, tmp_path):
    data = str(samples_data)
    asked = [
        ("query", "--data", data, "--analyst", "Rana Haddad", "MATCH (p:Person) RETURN p.name AS name"),
        ("query", "--data", data, "--name", "entity", "--param", "name=هيمن عزيز", "--json"),
        ("analyse", "--data", data, "--runs", "2"),
        ("disrupt", "--data", data, "--strategy", "degree_static", "--k", "2"),
        ("report", "--data", data, "--out", str(tmp_path / "report.html")),
        ("export", "--data", data, "--format", "graphml", "--out", str(tmp_path / "g.graphml")),
    ]
    for args in asked:
        done = graph(*args)
        assert done.returncode == 0, done.stderr
    log = entries(samples_data)
    assert [e["command"] for e in log] == ["query", "query", "analyse", "disrupt", "report", "export"]
    people, named, analysed, disrupted, reported, exported = log
    assert people["analyst"] == "Rana Haddad" and named["analyst"] not in ("", None, "Rana Haddad")
    assert people["cypher"] == "MATCH (p:Person) RETURN p.name AS name" and people["rows"] > 5
    assert named["name"] == "entity" and "name" in named["params"] and "$name" in named["cypher"]
    assert all(e["store"] == f"embedded:{samples_data.resolve()}" and e["error"] is None for e in log)
    assert datetime.fromisoformat(people["time"]).tzinfo is not None
    assert abs((datetime.now(UTC) - datetime.fromisoformat(people["time"])).total_seconds()) < 900
    # commands that ask through the tool's own statements keep them, with their options
    assert analysed["options"]["projection"] == "actors" and analysed["rows"] > 5 and analysed["reads"]
    assert all("cypher" in r and r["times"] >= 1 for r in analysed["reads"])
    assert disrupted["options"]["strategy"] == ["degree_static"] and disrupted["rows"] == analysed["rows"]
    assert reported["detail"]["files"] == [str(tmp_path / "report.html")] and reported["rows"] > 0
    assert exported["rows"] > 0 and exported["detail"]["files"] == [str(tmp_path / "g.graphml")]
    # one file per UTC day, lines appended whole
    day = datetime.now(UTC).date().isoformat()
    assert (samples_data / "audit" / f"{day}.jsonl").is_file()
    # filters and the table
    assert [e["analyst"] for e in entries(samples_data, "--analyst", "Rana Haddad")] == ["Rana Haddad"]
    assert entries(samples_data, "--since", "2999-01-01") == []
    assert len(entries(samples_data, "--since", day)) == 6
    table = graph("audit", "--data", data)
    assert table.returncode == 0 and "Rana Haddad" in table.stdout and "--name entity" in table.stdout


def test_a_failing_question_is_logged_with_its_error(tmp_path):
    data = tmp_path / "data"
    done = graph("query", "--data", str(data), "MATCH (n) SET n.flag = true RETURN n")
    assert done.returncode == 2
    (entry,) = entries(data)
    assert entry["rows"] is None and entry["error"].startswith("ReadOnlyError: refused")
    assert entry["cypher"] == "MATCH (n) SET n.flag = true RETURN n"


def test_the_log_folder_can_be_chosen_and_a_bad_line_is_named_not_fatal(tmp_path):
    folder = tmp_path / "trail"
    env = {"GRAPH_AUDIT_DIR": str(folder)}
    assert graph("query", "--data", str(tmp_path / "d"), "RETURN 1 AS one", env=env).returncode == 0
    (path,) = folder.glob("*.jsonl")
    with path.open("a", encoding="utf-8") as handle:
        handle.write("{not json\n")
    done = graph("audit", "--json", env=env)
    assert done.returncode == 0 and len(done.stdout.splitlines()) == 1
    assert f"{path}:2" in done.stderr
    assert graph("audit", "--since", "yesterday", env=env).returncode == 2


def test_stores_are_named_without_credentials(monkeypatch, tmp_path):
    monkeypatch.setenv("NEO4J_DATABASE", "cases")
    assert describe_store("neo4j+s://ana:s3cret-pass@db.example.org:7687?x=1", None) == (
        "neo4j+s://db.example.org:7687 database cases"
    )
    assert describe_store("embedded", tmp_path) == f"embedded:{tmp_path.resolve()}"
    monkeypatch.setenv("NEO4J_PASSWORD", 'pa"ss')
    assert masked(json.dumps({"q": 'RETURN "pa"ss"'})) == '{"q": "RETURN \\"***\\""}'
    assert read_log(tmp_path / "none") == ([], [])


@pytest.mark.neo4j
def test_on_neo4j_the_password_given_by_environment_never_reaches_the_log(neo4j_server, tmp_path):
    env = {
        "NEO4J_URI": neo4j_server.uri,
        "NEO4J_USER": neo4j_server.user,
        "NEO4J_PASSWORD": neo4j_server.password,
        "GRAPH_STORE": "",
    }
    data = str(tmp_path / "data")
    ok = graph("query", "--data", data, "--analyst", "ops", "RETURN $p AS p", "--param", "p=1", env=env)
    assert ok.returncode == 0, ok.stderr
    leaked = f"RETURN '{neo4j_server.password}' AS secret"
    assert graph("query", "--data", data, leaked, env=env).returncode == 0
    refused = graph("query", "--data", data, "CREATE (n:Person) RETURN n", env=env)
    assert refused.returncode == 2
    first, second, third = entries(tmp_path / "data")
    assert first["store"] == neo4j_server.uri and first["rows"] == 1 and first["params"] == {"p": 1}
    assert second["cypher"] == "RETURN '***' AS secret"
    assert third["error"] and "refused" in third["error"]
    text = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "data" / "audit").glob("*.jsonl"))
    assert neo4j_server.password not in text


def test_a_network_file_analysed_is_named_as_what_was_asked(tmp_path):
    edges = tmp_path / "calls.csv"
    edges.write_text("a,b\nb,c\nc,a\nc,d\n", encoding="utf-8")
    data = tmp_path / "data"
    done = graph("analyse", "--data", str(data), "--input", str(edges), "--runs", "2", "--analyst", "ops")
    assert done.returncode == 0, done.stderr
    (entry,) = entries(data)
    assert entry["store"] == f"file:{edges.resolve()}" and entry["rows"] == 4 and entry["reads"] == []
