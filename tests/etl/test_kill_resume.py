"""Safe to kill, safe to repeat: an ETL run killed with SIGKILL at several points and run again
ends with the same graph as an uninterrupted run; a store outage stops the run cleanly, with
nothing marked done that is not in the store. Real processes, real stores."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from graph.store.embedded import EmbeddedServer, EmbeddedStore
from graph.store.neo4j_store import Neo4jStore

from .conftest import REPO, dump, extraction_workers, gone, write_job

GRAPH = Path(sys.executable).parent / "graph"
SAMPLES = REPO / "etl" / "samples"
KILL_AFTER = (5, 12, 19)  # items seen by the progress log before each SIGKILL
DOCUMENTS = 24


def corpus(folder: Path) -> Path:
    """DOCUMENTS distinct reports in both languages, built from the samples."""
    reports = folder / "reports"
    reports.mkdir()
    sources = sorted(p for p in SAMPLES.glob("*") if p.suffix in (".txt", ".md"))
    for i in range(DOCUMENTS):
        source = sources[i % len(sources)]
        text = source.read_text(encoding="utf-8")
        (reports / f"{i:02d}_{source.name}").write_text(
            f"{text}\nRef {i}: file {i} of the nightly batch.\n", encoding="utf-8"
        )
    return write_job(
        folder, "nightly", [{"kind": "folder", "path": "reports"}], batch_size=2, retries=2, backoff_s=0.3
    )


def etl(job: Path, data: Path, store_args: list[str], env: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [str(GRAPH), "etl", "run", str(job), "--data", str(data), *store_args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **env, "GRAPH_PROGRESS_EVERY": "0"},
    )


def wait_for_items(process: subprocess.Popen, count: int) -> bool:
    """Read the progress log until `count` items were handled; False if the run ended first."""
    for line in process.stderr:
        if ": " in line and " items," in line:
            done = int(line.split(": ", 1)[1].split("/", 1)[0])
            if done >= count:
                return True
    return False


def uninterrupted_run(job: Path, data: Path) -> None:
    """The reference: the same job run once to the end on the embedded store."""
    reference = subprocess.run(
        [str(GRAPH), "etl", "run", str(job), "--data", str(data)], capture_output=True, text=True, timeout=300
    )
    assert reference.returncode == 0, reference.stdout + reference.stderr


def killed_then_resumed(job: Path, data: Path, store_args: list[str], env: dict) -> list[int]:
    kills = []
    for count in KILL_AFTER:
        process = etl(job, data, store_args, env)
        if wait_for_items(process, count):
            workers = extraction_workers(process.pid)
            process.send_signal(signal.SIGKILL)
            kills.append(count)
            if "--processes" in store_args:
                assert len(workers) == int(store_args[store_args.index("--processes") + 1])
            assert gone(workers), "extraction workers outlived the killed run"
        process.wait()
    final = etl(job, data, store_args, env)
    out, err = final.communicate(timeout=300)
    assert final.returncode == 0, out + err
    return kills


def test_kill_and_resume_on_the_embedded_store(tmp_path):
    job = corpus(tmp_path)
    uninterrupted_run(job, tmp_path / "ref")
    # killed while two extraction workers hold the next batch: the same graph in the end
    kills = killed_then_resumed(job, tmp_path / "killed", ["--processes", "2"], {})
    assert kills == list(KILL_AFTER), "the run ended before every kill point"
    with EmbeddedStore(tmp_path / "ref") as ref, EmbeddedStore(tmp_path / "killed") as resumed:
        expected, got = dump(ref), dump(resumed)
        assert got[0] == expected[0]
        assert got[1] == expected[1]
        assert resumed.query("MATCH (d:Document) WHERE d.complete = true RETURN count(d)").rows == [
            [DOCUMENTS]
        ]
        runs = resumed.query("MATCH (r:Run) RETURN r.status ORDER BY r.started").rows
        assert len(runs) == len(KILL_AFTER) + 1 and runs[-1] == ["ok"]


def test_the_embedded_server_dying_mid_run_is_survived(tmp_path):
    job = corpus(tmp_path)
    uninterrupted_run(job, tmp_path / "ref")
    data = tmp_path / "outage"
    process = etl(job, data, [], {})
    assert wait_for_items(process, 10)
    os.kill(EmbeddedServer(data).pid(), signal.SIGKILL)
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, out + err
    with EmbeddedStore(tmp_path / "ref") as ref, EmbeddedStore(data) as survived:
        assert dump(survived) == dump(ref)


@pytest.mark.neo4j
def test_kill_and_resume_on_neo4j(tmp_path, neo4j_server, neo4j_store):
    job = corpus(tmp_path)
    env = {"NEO4J_USER": neo4j_server.user, "NEO4J_PASSWORD": neo4j_server.password}
    args = ["--store", neo4j_server.uri]
    reference = etl(job, tmp_path / "ref", args, env)
    out, err = reference.communicate(timeout=300)
    assert reference.returncode == 0, out + err
    expected = dump(neo4j_store)
    neo4j_store._write_all([("MATCH (n) DETACH DELETE n", {})])
    kills = killed_then_resumed(job, tmp_path / "killed", args, env)
    assert kills == list(KILL_AFTER)
    got = dump(neo4j_store)
    assert got[0] == expected[0]
    assert got[1] == expected[1]


@pytest.mark.neo4j
def test_a_neo4j_outage_stops_the_run_and_nothing_unwritten_is_marked_done(tmp_path):
    from tests.neo4j_server.server import start_neo4j

    job = corpus(tmp_path)
    server = start_neo4j(tmp_path / "neo4j")
    password = server.password
    env = {"NEO4J_USER": "neo4j", "NEO4J_PASSWORD": password}
    process = etl(job, tmp_path / "data", ["--store", server.uri], env)
    assert wait_for_items(process, 8)
    server.stop()
    out, err = process.communicate(timeout=300)
    assert process.returncode == 3, out + err
    assert "the store failed 3 times, giving up" in err
    assert password not in out + err
    server = start_neo4j(tmp_path / "neo4j", password=password)  # the same database, back online
    try:
        store = Neo4jStore(server.uri, user="neo4j", password=password)
        done = store.query("MATCH (d:Document {complete: true}) RETURN count(d)").rows[0][0]
        assert 0 < done < DOCUMENTS
        orphans = store.query(
            "MATCH (d:Document {complete: true}) WHERE NOT (d)-[:MENTIONS]->() RETURN count(d)"
        ).rows
        assert orphans == [[0]]
        resumed = etl(job, tmp_path / "data", ["--store", server.uri], env)
        out, err = resumed.communicate(timeout=300)
        assert resumed.returncode == 0, out + err
        assert store.query("MATCH (d:Document {complete: true}) RETURN count(d)").rows == [[DOCUMENTS]]
        store.close()
    finally:
        server.stop()
        shutil.rmtree(tmp_path / "neo4j", ignore_errors=True)
