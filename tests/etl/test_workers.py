"""Extraction on several cores: worker processes give the same graph as one process."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.etl.jobs import JobError, load_job
from graph.etl.runner import run_job
from graph.etl.state import EtlState
from graph.etl.workers import DocumentBuilder, contiguous_chunks
from graph.sources.readers import read_file
from graph.store import open_store

from .conftest import REPO, VOLATILE, dump, extraction_workers, gone, write_job

SAMPLES = REPO / "etl" / "samples"


def without_volatile(batches) -> list:
    def clean(props: dict) -> dict:
        return {k: v for k, v in props.items() if k not in VOLATILE}

    return [
        (
            [(n.label, n.id, clean(n.props), n.prov, n.aliases) for n in batch.nodes],
            [(e.type, e.source_id, e.target_id, e.key, clean(e.props), e.prov) for e in batch.edges],
        )
        for batch in batches
    ]


@given(st.lists(st.integers(), max_size=40), st.integers(min_value=1, max_value=9))
def test_chunks_keep_every_item_in_order_and_balance_the_work(items, parts):
    chunks = contiguous_chunks(items, parts)
    assert [x for chunk in chunks for x in chunk] == items
    assert len(chunks) <= max(1, parts)
    sizes = [len(c) for c in chunks]
    assert max(sizes) - min(sizes) <= 1


def test_worker_processes_build_what_one_process_builds():
    documents = [
        doc
        for name in ("ar_01_tiktok_network.txt", "en_01_channel_crossings.txt", "ar_03_court_erbil.md")
        for doc in read_file(SAMPLES / name)
    ]
    assert {d.lang for d in documents} == {"ar", "en"}
    with DocumentBuilder(1) as one:
        expected = one.build(documents)
    with DocumentBuilder(2) as two:
        first = two.build(documents)
        again = two.build(documents[::-1])  # the same pool serves the next batch
    assert without_volatile(first) == without_volatile(expected)
    assert without_volatile(again) == without_volatile(expected[::-1])
    with pytest.raises(ValueError, match="processes"):
        DocumentBuilder(0)


def test_an_etl_run_on_two_cores_writes_the_same_graph(tmp_path):
    source = {"kind": "folder", "path": str(SAMPLES), "glob": "*_0*.*"}
    job = load_job(str(write_job(tmp_path, "two", [source])))
    graphs = []
    for processes in (1, 2):
        data = tmp_path / f"data{processes}"
        state = EtlState(data / "state")
        with open_store(None, data, write=True) as store:
            report = run_job(job, store, state, processes=processes)
            assert report.status == "ok" and report.counts["new"] == 6
            graphs.append(dump(store))
        state.close()
    assert graphs[0] == graphs[1]


def test_processes_in_a_job_file_must_be_a_positive_whole_number(tmp_path):
    source = [{"kind": "folder", "path": str(SAMPLES)}]
    assert load_job(str(write_job(tmp_path, "fast", source, processes=4))).processes == 4
    assert load_job(str(write_job(tmp_path, "plain", source))).processes == 1
    for bad in (0, -1, "two", 1.5, True):
        path = write_job(tmp_path, "bad", source, processes=bad)
        with pytest.raises(JobError, match=r"bad\.yaml: 'processes' must be"):
            load_job(str(path))


STARTS_WORKERS = """
from graph.etl.workers import DocumentBuilder
from graph.model import Document
text = "Police arrested two men in Dover."
docs = [Document(id=str(i) * 64, text=text, lang="en", path="t") for i in range(4)]
builder = DocumentBuilder(2)
builder.submit(docs)
print("submitted", flush=True)
builder.submit(docs)()
"""


def test_workers_exit_when_the_run_is_killed_while_they_start():
    """Killed before its workers have even imported spaCy, the run leaves no process behind."""
    process = subprocess.Popen([sys.executable, "-c", STARTS_WORKERS], stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "submitted"
    deadline = time.monotonic() + 10
    while len(workers := extraction_workers(process.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(workers) == 2
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert gone(workers, within_s=20), "workers outlived the run that started them"
