"""Extraction on a Dask distributed cluster: a real local cluster of worker processes gives the
same graph as one process, the CLI takes its scheduler, and an unreachable one is said."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from graph.cli import app
from graph.etl.cluster import ClusterBuilder, ClusterUnavailableError
from graph.etl.jobs import load_job
from graph.etl.runner import run_job
from graph.etl.state import EtlState
from graph.sources.readers import read_file
from graph.store import open_store

from .conftest import REPO, dump, write_job

distributed = pytest.importorskip(
    "distributed", reason="the `cluster` extra (Dask distributed) is not installed"
)
dask = pytest.importorskip("dask")

SAMPLES = REPO / "etl" / "samples"


@pytest.fixture(scope="module")
def scheduler():
    """A local Dask cluster: two worker processes of one thread each, as the README says to run
    them."""
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        yield cluster.scheduler_address


def test_a_run_on_a_dask_cluster_writes_the_same_graph_as_one_process(tmp_path, scheduler):
    source = {"kind": "folder", "path": str(SAMPLES), "glob": "*_0*.*"}
    job = load_job(str(write_job(tmp_path, "cluster", [source])))
    graphs = []
    for name, options in (("local", {"processes": 1}), ("dask", {"scheduler": scheduler})):
        data = tmp_path / name
        state = EtlState(data / "state")
        with open_store(None, data, write=True) as store:
            report = run_job(job, store, state, **options)
            assert report.status == "ok" and report.counts["new"] == 6
            graphs.append(dump(store))
        state.close()
    assert graphs[0] == graphs[1]


def test_the_cluster_builds_each_document_in_order(scheduler):
    documents = [doc for path in sorted(SAMPLES.glob("*_0*.*")) for doc in read_file(path)]
    with ClusterBuilder(scheduler) as builder:
        batches = builder.submit(documents)()
    assert [next(n.id for n in b.nodes if n.label == "Document") for b in batches] == [
        d.id for d in documents
    ]


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path):
    with pytest.raises(
        ClusterUnavailableError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:9"
    ):
        ClusterBuilder("tcp://127.0.0.1:9", connect_timeout_s=2)
    job = write_job(tmp_path, "cluster", [{"kind": "folder", "path": str(SAMPLES), "glob": "*_0*.*"}])
    with dask.config.set({"distributed.comm.timeouts.connect": "2s"}):
        run = CliRunner().invoke(
            app,
            ["etl", "run", str(job), "--data", str(tmp_path / "data"), "--scheduler", "tcp://127.0.0.1:9"],
        )
    assert run.exit_code != 0
    assert "cannot reach the Dask scheduler" in run.output


def shape(store) -> tuple[list, list]:
    """The graph's node ids and relationships (ends, type, key): what both stores hold alike."""
    nodes = store.read("MATCH (n) WHERE NOT n:Run RETURN n.id ORDER BY n.id").rows
    rels = store.read(
        "MATCH (a)-[r]->(b) WHERE NOT a:Run "
        "RETURN a.id, type(r), b.id, r.key ORDER BY a.id, type(r), b.id, r.key"
    ).rows
    return [list(row) for row in nodes], [list(row) for row in rels]


@pytest.mark.neo4j
def test_a_run_on_a_dask_cluster_writes_to_neo4j_what_one_process_writes(tmp_path, scheduler, neo4j_store):
    source = {"kind": "folder", "path": str(SAMPLES), "glob": "*_0*.*"}
    job = load_job(str(write_job(tmp_path, "cluster", [source])))
    with open_store(None, tmp_path / "local", write=True) as store:
        assert run_job(job, store, EtlState(tmp_path / "local" / "state"), processes=1).status == "ok"
        expected = shape(store)
    report = run_job(job, neo4j_store, EtlState(tmp_path / "neo4j" / "state"), scheduler=scheduler)
    assert report.status == "ok" and report.counts["new"] == 6
    assert shape(neo4j_store) == expected
