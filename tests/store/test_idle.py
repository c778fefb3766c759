"""The embedded server kept up between commands for GRAPH_SERVER_IDLE seconds, then stopped."""

from __future__ import annotations

import shutil
import time

import pytest

from graph.model import GraphBatch, NodeRecord
from graph.store.embedded import EmbeddedServer, EmbeddedStore
from graph.store.errors import StoreError
from graph.store.idle import idle_seconds, watcher_running


def wait_until(condition, seconds: float = 30.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def server_gone(pid: int) -> bool:
    """Whether the process has exited (a zombie waiting for its parent counts as gone)."""
    try:
        with open(f"/proc/{pid}/status") as status:
            return "zombie" in status.read()
    except OSError:
        return True


def one_person(name: str) -> GraphBatch:
    return GraphBatch(nodes=[NodeRecord("Person", f"person:{name}", {"name": name}, None)])


def test_the_server_outlives_its_last_client_and_stops_once_idle(tmp_path, monkeypatch):
    monkeypatch.setenv("GRAPH_SERVER_IDLE", "3")
    folder = tmp_path / "data"
    with EmbeddedStore(folder, write=True) as store:
        store.write_batch(one_person("كاروان صالح"))
    server = EmbeddedServer(folder)
    first = server.pid()
    assert first is not None and server.running()  # still up for the next command
    assert wait_until(lambda: watcher_running(folder), 10)
    with EmbeddedStore(folder) as store:  # the next command finds it up, the graph loaded
        assert server.pid() == first
        assert store.read("MATCH (p:Person) RETURN p.name").rows == [["كاروان صالح"]]
    assert wait_until(lambda: server.pid() is None, 30)  # then, idle, it stops


def test_a_temporary_folder_deleted_while_idle_takes_its_server_with_it(tmp_path, monkeypatch):
    monkeypatch.setenv("GRAPH_SERVER_IDLE", "60")
    folder = tmp_path / "data"
    with EmbeddedStore(folder, write=True) as store:
        store.write_batch(one_person("Karwan Saleh"))
    pid = EmbeddedServer(folder).pid()
    assert wait_until(lambda: watcher_running(folder), 10)
    shutil.rmtree(folder)

    assert wait_until(lambda: server_gone(pid), 90)


def test_a_folder_deleted_before_its_watcher_has_started_takes_its_server_with_it(tmp_path, monkeypatch):
    """A temporary folder is deleted as the command ends, often before the watcher it started
    has imported itself (graph eval, benchmarks): the watcher knows the server's pid."""
    monkeypatch.setenv("GRAPH_SERVER_IDLE", "60")
    folder = tmp_path / "data"
    with EmbeddedStore(folder, write=True) as store:
        store.write_batch(one_person("Rebaz Kamal"))
    pid = EmbeddedServer(folder).pid()
    shutil.rmtree(folder)  # at once

    assert wait_until(lambda: server_gone(pid), 60)


def test_with_no_idle_time_the_last_client_stops_the_server(tmp_path, monkeypatch):
    monkeypatch.setenv("GRAPH_SERVER_IDLE", "0")
    with EmbeddedStore(tmp_path / "data", write=True) as store:
        store.write_batch(one_person("Dana Rashid"))
    assert EmbeddedServer(tmp_path / "data").pid() is None


def test_the_idle_time_must_be_a_number():
    assert idle_seconds({"GRAPH_SERVER_IDLE": " 45 "}) == 45.0
    with pytest.raises(StoreError, match="GRAPH_SERVER_IDLE must be a number"):
        idle_seconds({"GRAPH_SERVER_IDLE": "five minutes"})
