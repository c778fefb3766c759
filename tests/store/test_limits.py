"""A limit and a timeout that hold, on both stores: a 20-million-row query with limit 10 gives
10 rows marked truncated, made on the server no further than that, with the client's memory
bounded; a query past its timeout is stopped with a clear message; the CLI says it cut."""

import json
import os
import subprocess
import sys
import textwrap

import pytest
from typer.testing import CliRunner

from graph.cli import app
from graph.store.base import GraphStore, QueryTimeout, StoreError

HUGE = "UNWIND range(1, 20000000) AS i RETURN i"
# Ten billion rows, checked one by one: stopped by the timeout long before it ends.
ENDLESS = (
    "UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b WITH a, b WHERE a * b < 0 RETURN count(*)"
)
# Peak resident memory of a client that asked for 10 of 20 million rows, generous: the client
# alone (Python, the drivers, the package) takes about 60 MB; all the rows would take gigabytes.
CLIENT_MEMORY_MB = 400

CLIENT = textwrap.dedent("""
    import json, os, resource, sys
    # a safety net: fail fast rather than eat the machine if the limit does not hold
    resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))
    from graph.store import open_store
    spec = os.environ["STORE_SPEC"]
    with open_store(spec, os.environ.get("STORE_DATA")) as store:
        result = store.query(sys.argv[1], limit=10, timeout_s=60)
    # VmHWM: this program's own peak (ru_maxrss would count the forking test process too)
    status = open("/proc/self/status").read() if os.path.exists("/proc/self/status") else ""
    hwm = [int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:")]
    peak_mb = (hwm[0] if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) / 1024
    print(json.dumps({"rows": len(result.rows), "truncated": result.truncated, "peak_mb": peak_mb}))
""")


def test_a_huge_result_is_cut_at_the_limit(any_store: GraphStore):
    result = any_store.query(HUGE, limit=10, timeout_s=60)
    assert result.rows == [[i] for i in range(1, 11)]
    assert result.truncated
    exact = any_store.query("UNWIND range(1, 10) AS i RETURN i", limit=10)
    assert len(exact.rows) == 10 and not exact.truncated


def test_the_client_memory_stays_bounded_whatever_the_query_returns(any_store: GraphStore, request):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    if any_store.dialect == "neo4j":
        server = request.getfixturevalue("neo4j_server")
        env |= {"STORE_SPEC": server.uri, "NEO4J_USER": server.user, "NEO4J_PASSWORD": server.password}
    else:
        env |= {"STORE_SPEC": "embedded", "STORE_DATA": str(any_store.folder)}
    child = subprocess.run(
        [sys.executable, "-c", CLIENT, HUGE], capture_output=True, text=True, env=env, timeout=600
    )
    assert child.returncode == 0, child.stderr[-3000:]
    report = json.loads(child.stdout.strip().splitlines()[-1])
    assert report["rows"] == 10 and report["truncated"]
    assert report["peak_mb"] < CLIENT_MEMORY_MB, report


def test_a_query_past_its_timeout_is_stopped(any_store: GraphStore):
    with pytest.raises(QueryTimeout, match=r"timed out after 1 s") as caught:
        any_store.query(ENDLESS, timeout_s=1)
    assert "--timeout" in str(caught.value)
    assert any_store.query("RETURN 1 AS one").rows == [[1]]  # the store still answers


def test_graph_query_says_the_result_was_cut(tmp_path):
    data = tmp_path / "data"
    args = ["query", "--data", str(data), "--limit", "10", "--timeout", "60"]
    table = CliRunner().invoke(app, [*args, HUGE])
    assert table.exit_code == 0, table.output
    assert "the result was cut at --limit 10" in table.stderr
    as_json = CliRunner().invoke(app, [*args, "--json", HUGE])
    assert [json.loads(line)["i"] for line in as_json.stdout.splitlines()] == list(range(1, 11))
    assert "cut at --limit 10" in as_json.stderr


def test_graph_query_reports_a_timeout(tmp_path):
    result = CliRunner().invoke(app, ["query", "--data", str(tmp_path / "data"), "--timeout", "1", ENDLESS])
    assert result.exit_code == 2
    assert "timed out after 1 s" in result.output


# Ten rows with ids, read a page at a time after the last id read.
PAGED = (
    "UNWIND range(1, 10) AS i WITH toString(100 + i) AS id WHERE id > $after "
    "RETURN id ORDER BY id LIMIT $page"
)


def test_the_project_s_own_reads_come_back_whole(any_store: GraphStore):
    """`read` has no row limit (a result longer than the investigators' default comes back
    whole), and `read_paged` walks every row by id, a page at a time."""
    rows = any_store.read("UNWIND range(1, 10050) AS i RETURN i").rows
    assert len(rows) == 10050
    assert [r["id"] for r in any_store.read_paged(PAGED, page=3)] == [str(100 + i) for i in range(1, 11)]
    assert any_store.page_size(5000) == 5000  # neither store caps results as set up


def test_a_server_cap_pages_below_it_and_a_read_that_reaches_it_fails(store):
    """FalkorDB's RESULTSET_SIZE cuts any result silently; with one set, pages shrink below it
    and a plain read as long as the cap is refused rather than returned cut."""
    store.db.connection.execute_command("GRAPH.CONFIG", "SET", "RESULTSET_SIZE", 4)
    assert store.page_size(5000) == 3
    assert len(store.read_paged(PAGED)) == 10
    with pytest.raises(StoreError, match="RESULTSET_SIZE"):
        store.read("UNWIND range(1, 10) AS i RETURN i")
