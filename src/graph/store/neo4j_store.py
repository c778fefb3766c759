"""The Neo4j store over Bolt: connection from the environment (never logging the password),
schema applied idempotently, batches written in one managed transaction, investigator queries
in read-only sessions with a timeout."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from typing import Any

from graph.store.base import (
    DEFAULT_BATCH_SIZE,
    GraphStore,
    QueryResult,
    StoreError,
    WriteStats,
    schema_statements,
)
from graph.store.dialect import neo4j_schema
from graph.store.errors import QueryTimeout, syntax_error
from graph.store.plan import QueryPlan, refused_by_store, unknown_callable

# Records the server sends per pull: a limited query pulls no more than it keeps.
FETCH_SIZE = 1000
# Seconds the client reads past a query's timeout before it stops reading itself.
CLIENT_GRACE_S = 2.0


def redact(uri: str) -> str:
    """The URI without any user:password@ part, for messages."""
    return re.sub(r"//[^/@]*@", "//", uri)


class Neo4jStore(GraphStore):
    """GraphStore on a Neo4j 5 server (Desktop, the `neo4j:5` Docker image, Aura, or the tests')."""

    dialect = "neo4j"

    def __init__(
        self,
        uri: str | None = None,
        *,
        user: str | None = None,
        password: str | None = None,
        database: str | None = None,
        batch_size: int = DEFAULT_BATCH_SIZE,
        apply_schema: bool = True,
    ) -> None:
        super().__init__(batch_size=batch_size)
        import neo4j

        self.uri = uri or os.environ.get("NEO4J_URI")
        if not self.uri:
            raise StoreError("no Neo4j URI: pass --store neo4j://HOST:7687 or set NEO4J_URI")
        user = user or os.environ.get("NEO4J_USER", "neo4j")
        password = password if password is not None else os.environ.get("NEO4J_PASSWORD")
        if password is None:
            raise StoreError("NEO4J_PASSWORD is not set")
        self.database = database or os.environ.get("NEO4J_DATABASE") or None
        self.user_functions: list[str] | None = None
        try:
            # The driver retries a managed transaction for up to this long; the ETL retries again
            # with its own backoff, so keep the driver's share short.
            # Notifications (a label not yet in the graph, ...) are for a console, not for us.
            self.driver = neo4j.GraphDatabase.driver(
                self.uri,
                auth=(user, password),
                max_transaction_retry_time=5.0,
                notifications_min_severity="OFF",
            )
            self.driver.verify_connectivity()
        except neo4j.exceptions.AuthError:
            raise StoreError(
                f"Neo4j at {redact(self.uri)} refused the credentials of user {user!r}"
            ) from None
        except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError, ValueError, OSError) as exc:
            raise StoreError(
                f"cannot reach Neo4j at {redact(self.uri)}: {type(exc).__name__}: {redact(str(exc))}"
            ) from None
        if apply_schema:
            self.apply_schema()

    def apply_schema(self) -> None:
        with self.driver.session(database=self.database) as session:
            for query in neo4j_schema(schema_statements(), self.ontology):
                session.run(query).consume()
        self.backfill_search_text()
        self.drop_node_source_lists()

    def _write_all(self, statements: list[tuple[str, dict[str, Any]]]) -> WriteStats:
        import neo4j

        def work(tx: neo4j.ManagedTransaction) -> WriteStats:
            stats = WriteStats()
            for query, params in statements:
                counters = tx.run(query, params).consume().counters
                stats.add(
                    WriteStats(
                        counters.nodes_created, counters.relationships_created, counters.properties_set, 1
                    )
                )
            return stats

        try:
            with self.driver.session(database=self.database) as session:
                return session.execute_write(work)
        except neo4j.exceptions.Neo4jError as exc:
            raise StoreError(
                f"write to Neo4j failed and was rolled back: {exc.code}: {exc.message}"
            ) from None
        except neo4j.exceptions.DriverError as exc:
            raise StoreError(f"write to Neo4j failed: {type(exc).__name__}: {exc}") from None

    def _plans(self, query: str, params: dict[str, Any], limit: int) -> Iterator[QueryPlan]:
        """EXPLAIN in a READ session: the operators, the procedures each ProcedureCall names,
        the server's user-defined functions the plan's expressions call, and the query type."""
        import neo4j

        try:
            with self.driver.session(
                database=self.database, default_access_mode=neo4j.READ_ACCESS
            ) as session:
                summary = session.run(f"EXPLAIN {query}", params).consume()
        except neo4j.exceptions.Neo4jError as exc:
            if refusal := unknown_callable(exc.message or ""):
                raise refusal from None
            found = syntax_error(exc.message or "", query, prefix="EXPLAIN ")
            raise found or StoreError(f"query failed: {exc.code}: {exc.message}") from None
        except neo4j.exceptions.DriverError as exc:
            raise StoreError(f"query failed: {type(exc).__name__}: {redact(str(exc))}") from None
        operators: list[tuple[str, str]] = []
        _walk(summary.plan or {}, operators)
        procedures = [
            details.split("(")[0].replace("`", "").strip() or "?"
            for operator, details in operators
            if operator == "ProcedureCall"
        ]
        details = " ".join(d for _, d in operators).replace("`", "").lower()
        functions = [f for f in self._user_functions() if f"{f.lower()}(" in details]
        yield QueryPlan(
            tuple(o for o, _ in operators), tuple(procedures), tuple(functions), summary.query_type
        )

    def _user_functions(self) -> list[str]:
        """The server's functions that are not built in (APOC and other plugins), read once."""
        if self.user_functions is None:
            rows = self.read("SHOW FUNCTIONS YIELD name, isBuiltIn WHERE NOT isBuiltIn RETURN name").rows
            self.user_functions = [r[0] for r in rows]
        return self.user_functions

    def _fetch(
        self, query: str, params: dict[str, Any], *, limit: int | None, timeout_s: float | None
    ) -> QueryResult:
        """A READ transaction with the server's timeout; records are pulled `limit` at most at a
        time and reading stops at `limit` (the rest is discarded on the server, which stops),
        or when the client's own clock passes the timeout. The project's own reads (no
        timeout) are retried on transient errors; an investigator's query is not."""
        import neo4j

        deadline = None if timeout_s is None else time.monotonic() + timeout_s + CLIENT_GRACE_S

        def work(tx: neo4j.ManagedTransaction | neo4j.Transaction) -> QueryResult:
            result = tx.run(query, params)
            rows: list[list[Any]] = []
            for record in result:
                if deadline is not None and time.monotonic() > deadline:
                    raise QueryTimeout(timeout_s or 0, "the client stopped reading")
                rows.append([to_plain(v) for v in record.values()])
                if limit is not None and len(rows) >= limit:
                    break
            return QueryResult(list(result.keys()), rows)

        fetch = FETCH_SIZE if limit is None else max(1, min(limit, FETCH_SIZE))
        try:
            with self.driver.session(
                database=self.database, default_access_mode=neo4j.READ_ACCESS, fetch_size=fetch
            ) as session:
                if timeout_s is None:
                    return session.execute_read(work)
                with session.begin_transaction(timeout=timeout_s) as tx:
                    return work(tx)
        except neo4j.exceptions.Neo4jError as exc:
            if "TimedOut" in (exc.code or ""):
                raise QueryTimeout(timeout_s or 0, "stopped by the server") from None
            if _is_read_only_refusal(exc):
                raise refused_by_store(exc.message or "") from None
            found = syntax_error(exc.message or "", query)
            raise found or StoreError(f"query failed: {exc.code}: {exc.message}") from None
        except neo4j.exceptions.DriverError as exc:
            raise StoreError(f"query failed: {type(exc).__name__}: {redact(str(exc))}") from None

    def close(self) -> None:
        driver = getattr(self, "driver", None)
        if driver is not None:
            driver.close()
            self.driver = None


def _walk(plan: dict[str, Any], out: list[tuple[str, str]]) -> None:
    """(operator, details) of every operator of a plan, root first; `Foo@neo4j` -> `Foo`."""
    operator = str(plan.get("operatorType", "?")).split("@")[0]
    out.append((operator, str((plan.get("args") or {}).get("Details", ""))))
    for child in plan.get("children") or []:
        _walk(child, out)


def _is_read_only_refusal(exc: Exception) -> bool:
    message = getattr(exc, "message", "") or ""
    code = getattr(exc, "code", "") or ""
    return "read access mode" in message.lower() or "AccessMode" in code or "ForbiddenDueTo" in code


def to_plain(value: Any) -> Any:
    """Neo4j values (Node, Relationship, Path, temporal types) as plain JSON-able Python values."""
    from neo4j.graph import Node, Path, Relationship

    if isinstance(value, Node):
        return {"_labels": sorted(value.labels), **dict(value.items())}
    if isinstance(value, Relationship):
        return {"_type": value.type, **dict(value.items())}
    if isinstance(value, Path):
        return [to_plain(n) for n in value.nodes]
    if isinstance(value, list):
        return [to_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value
