"""`graph watch` and the alerts of `graph etl run`, as an investigator uses them: real `graph`
processes on the embedded store and on the test Neo4j server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .test_alerts import REPORTS

GRAPH = Path(sys.executable).parent / "graph"


@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store_env(request, tmp_path) -> dict[str, str]:
    """The environment of a `graph` process on one store: the embedded store in a data folder
    of its own, or the session's Neo4j (emptied)."""
    env = {**os.environ, "GRAPH_STORE": ""}
    if request.param == "neo4j":
        server = request.getfixturevalue("neo4j_server")
        request.getfixturevalue("neo4j_store")  # empties the database
        env |= {"NEO4J_URI": server.uri, "NEO4J_USER": server.user, "NEO4J_PASSWORD": server.password}
    else:
        env.pop("NEO4J_URI", None)
    return env


def graph(env: dict[str, str], data: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(GRAPH), *args, "--data", str(data)], capture_output=True, text=True, timeout=600, env=env
    )


def test_a_run_reports_the_watched_entities_of_its_new_reports(store_env, tmp_path: Path):
    data = tmp_path / "data"
    reports = tmp_path / "reports"
    reports.mkdir()
    for lang, text in REPORTS.items():
        (reports / f"{lang}.txt").write_text(text, encoding="utf-8")
    job = tmp_path / "press.yaml"
    job.write_text(yaml.safe_dump({"name": "press", "sources": [{"kind": "folder", "path": str(reports)}]}))

    added = graph(store_env, data, "watch", "add", "handle", "@Crossing_UK24", "--reason", "adverts")
    assert added.returncode == 0, added.stderr
    assert graph(store_env, data, "watch", "add", "person", "كاروان صالح").returncode == 0
    listed = graph(store_env, data, "watch", "list")
    assert "watch:handle:crossing_uk24" in listed.stdout and "adverts" in listed.stdout

    run = graph(store_env, data, "etl", "run", str(job))
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Watched entities in the new documents (4)" in run.stdout

    alerts = graph(store_env, data, "watch", "alerts", "--json", "--since", "2020-01-01")
    lines = [json.loads(line) for line in alerts.stdout.splitlines()]
    assert sorted((a["watch_kind"], a["entity_name"]) for a in lines) == [
        ("handle", "crossing_uk24"),
        ("handle", "crossing_uk24"),
        ("person", "Karwan Saleh"),
        ("person", "كاروان صالح"),
    ]
    assert all(a["sentence"] and a["document"] for a in lines)

    again = graph(store_env, data, "etl", "run", str(job))  # nothing new: nothing raised
    assert again.returncode == 0 and "Watched entities" not in again.stdout
    assert graph(store_env, data, "watch", "remove", "watch:handle:crossing_uk24").returncode == 0
    assert len(graph(store_env, data, "watch", "alerts", "--json").stdout.splitlines()) == 4


def test_mistakes_are_refused_with_a_reason(store_env, tmp_path: Path):
    data = tmp_path / "data"
    unknown = graph(store_env, data, "watch", "add", "boat", "Sea Star")
    assert unknown.returncode == 2 and "unknown watch kind 'boat'" in unknown.stderr
    missing = graph(store_env, data, "watch", "remove", "watch:person:nobody")
    assert missing.returncode == 2 and "no watch list entry" in missing.stderr
    bad_date = graph(store_env, data, "watch", "alerts", "--since", "last week")
    assert bad_date.returncode == 2 and "ISO date" in bad_date.stderr
