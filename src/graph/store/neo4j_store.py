"""The Neo4j store over Bolt: connection from the environment (never logging the password),
schema applied idempotently, batches written in one managed transaction, investigator queries
in read-only sessions with a timeout."""

from __future__ import annotations

import os
import re
from typing import Any

from graph.store.base import (
    DEFAULT_BATCH_SIZE,
    GraphStore,
    QueryResult,
    ReadOnlyError,
    StoreError,
    WriteStats,
    schema_statements,
)
from graph.store.dialect import neo4j_schema


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
        try:
            # The driver retries a managed transaction for up to this long; the ETL retries again
            # with its own backoff, so keep the driver's share short.
            self.driver = neo4j.GraphDatabase.driver(
                self.uri, auth=(user, password), max_transaction_retry_time=5.0
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

    def _read(self, query: str, params: dict[str, Any], timeout_s: float) -> QueryResult:
        import neo4j

        @neo4j.unit_of_work(timeout=timeout_s)
        def work(tx: neo4j.ManagedTransaction) -> QueryResult:
            result = tx.run(query, params)
            columns = list(result.keys())
            return QueryResult(columns, [[to_plain(v) for v in record.values()] for record in result])

        try:
            with self.driver.session(
                database=self.database, default_access_mode=neo4j.READ_ACCESS
            ) as session:
                return session.execute_read(work)
        except neo4j.exceptions.Neo4jError as exc:
            if _is_read_only_refusal(exc):
                raise ReadOnlyError(f"refused: investigator queries are read-only ({exc.message})") from None
            raise StoreError(f"query failed: {exc.code}: {exc.message}") from None
        except neo4j.exceptions.DriverError as exc:
            raise StoreError(f"query failed: {type(exc).__name__}: {redact(str(exc))}") from None

    def close(self) -> None:
        driver = getattr(self, "driver", None)
        if driver is not None:
            driver.close()
            self.driver = None


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
