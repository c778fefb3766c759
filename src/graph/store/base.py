"""The GraphStore interface: write batches, answer investigators' read-only queries (checked on
the store's own plan, limited and timed on the server), read for the project's own steps, write
analysis results back. Both stores share the write statements of `cypher/write/`, filled only
with ontology names, and every batch passes the wall of `bounds.py` first."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from graph.limits import load_limits
from graph.model import GraphBatch
from graph.nlp.normalise import words
from graph.ontology import Ontology, load_ontology
from graph.paths import cypher_dir
from graph.store.bounds import bound_batch, indexed_properties
from graph.store.errors import QueryTimeout as QueryTimeout  # re-exported: raised by the stores
from graph.store.errors import ReadOnlyError as ReadOnlyError
from graph.store.errors import StoreError
from graph.store.plan import QueryPlan, check_plan, read_policy
from graph.store.rows import EDGE_ONLY, edge_statement, group_edges, group_nodes

DEFAULT_BATCH_SIZE = 500
DEFAULT_ROW_LIMIT = 10_000
# Rows per round trip of the project's own paged reads (`read_paged`).
DEFAULT_READ_PAGE = 5000
DEFAULT_TIMEOUT_S = 30.0


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[list[Any]]
    truncated: bool = False  # more rows than the limit: only the first `limit` came back

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


@dataclass
class WriteStats:
    nodes_created: int = 0
    relationships_created: int = 0
    properties_set: int = 0
    batches: int = 0
    refused: list[str] = field(default_factory=list)  # rows the store's bounds refused, with why
    # the same by the document they were read from: (reason, start offset in its text)
    refused_by_document: dict[str, list[tuple[str, int]]] = field(default_factory=dict)

    def add(self, other: WriteStats) -> None:
        self.nodes_created += other.nodes_created
        self.relationships_created += other.relationships_created
        self.properties_set += other.properties_set
        self.batches += other.batches
        self.refused += other.refused
        for doc_id, reasons in other.refused_by_document.items():
            self.refused_by_document.setdefault(doc_id, []).extend(reasons)


@cache
def statement(name: str, folder: str = "write") -> str:
    """A statement from `cypher/FOLDER/NAME.cypher` (the project's own writes, by default),
    comments removed."""
    text = (cypher_dir() / folder / f"{name}.cypher").read_text(encoding="utf-8")
    return "\n".join(line for line in text.splitlines() if not line.strip().startswith("//")).strip()


class GraphStore(ABC):
    """A graph database the pipeline writes to and investigators query."""

    dialect: str = "neo4j"

    def __init__(self, ontology: Ontology | None = None, batch_size: int = DEFAULT_BATCH_SIZE) -> None:
        self.ontology = ontology or load_ontology()
        self.batch_size = batch_size
        # Called with (cypher, params) before each read or query runs: the audit trail
        # (graph.audit) records what a command asked of the store through it.
        self.read_observers: list[Callable[[str, dict[str, Any]], None]] = []

    # -- primitives each store implements ---------------------------------------------------
    @abstractmethod
    def _write_all(self, statements: list[tuple[str, dict[str, Any]]]) -> WriteStats:
        """Run write statements as one unit where the store has transactions (Neo4j: one
        managed transaction, retried on transient errors); the embedded store runs each
        statement atomically in order."""

    @abstractmethod
    def _plans(self, query: str, params: dict[str, Any], limit: int) -> Iterable[QueryPlan]:
        """The store's plans (EXPLAIN, nothing run) of what `_fetch` runs for `query` with
        `limit`, for the read-only check; each is checked before the next is made."""

    @abstractmethod
    def _fetch(
        self, query: str, params: dict[str, Any], *, limit: int | None, timeout_s: float | None
    ) -> QueryResult:
        """Run `query` in the store's read mode; the server makes at most `limit` rows (None:
        all) and stops it after `timeout_s` seconds (None: no limit), the client too."""

    @abstractmethod
    def apply_schema(self) -> None: ...

    @abstractmethod
    def close(self) -> None: ...

    # -- shared behaviour --------------------------------------------------------------------
    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def write_batch(
        self, batch: GraphBatch, then: list[tuple[str, dict[str, Any]]] | None = None
    ) -> WriteStats:
        """Write nodes first, then relationships, `batch_size` rows per statement, then the
        statements `then` (the ETL's checkpoint) in the same unit of work. Rows the bounds
        refuse (an over-long id or indexed value) are left out, logged, and listed in `refused`."""
        bounded = bound_batch(batch, load_limits(), indexed_properties(_schema()))
        batch = bounded.batch
        statements = []
        for label, rows in group_nodes(batch).items():
            query = statement("merge_nodes").replace("{label}", self.ontology.check_label(label))
            statements += [(query, {"rows": chunk}) for chunk in _chunks(rows, self.batch_size)]
        for (rel_type, source, target), rows in group_edges(batch).items():
            self.ontology.check_relation(rel_type, source, target)
            query = (
                statement(edge_statement(rel_type))
                .replace("{type}", rel_type)
                .replace("{source}", source)
                .replace("{target}", target)
            )
            statements += [(query, {"rows": chunk}) for chunk in _chunks(rows, self.batch_size)]
        statements += then or []
        stats = self._write_all(statements) if statements else WriteStats()
        stats.refused += bounded.refused
        stats.refused_by_document = bounded.by_document
        return stats

    def backfill_search_text(self) -> int:
        """Give `search_words`/`search_text` (what the full-text lookup reads) to nodes written
        before they existed, from their `search`; run with the schema, so a store written by
        an older version answers the named queries without being ingested again. Returns the
        number of nodes filled (0, after one query, on a store that needs nothing)."""

        def search_fields(row: dict[str, Any]) -> dict[str, Any]:
            found = sorted({w for form in row["search"] for w in words(form)})
            return {"search_words": found, "search_text": "".join(" " + w for w in found)}

        return self.mend_nodes(
            "MATCH (n) WHERE n.search IS NOT NULL AND n.search_text IS NULL AND n.id > $after "
            "RETURN n.id AS id, labels(n) AS labels, n.search AS search ORDER BY id LIMIT $page",
            search_fields,
        )

    def drop_node_source_lists(self) -> int:
        """Remove the `sources`/`doc_ids` lists that nodes written by an older version carry
        (`graph.store.rows.EDGE_ONLY`: a node keeps no list of its sources now); run with the
        schema. Returns the number of nodes mended (0, after one query, when none has them)."""
        return self.mend_nodes(
            "MATCH (n) WHERE (n.doc_ids IS NOT NULL OR n.sources IS NOT NULL) AND n.id > $after "
            "RETURN n.id AS id, labels(n) AS labels ORDER BY id LIMIT $page",
            lambda row: dict.fromkeys(EDGE_ONLY),
        )

    def mend_nodes(self, query: str, fields: Callable[[dict[str, Any]], dict[str, Any]]) -> int:
        """Set `fields(row)` on the node of every row of `query` (a `read_paged` query returning
        `id` and `labels`), label by label; returns the number of rows."""
        rows = self.read_paged(query)
        by_label: dict[str, list[dict[str, Any]]] = {}
        for row in rows:
            label = next((x for x in row["labels"] if x in self.ontology.labels), None)
            if label is not None:
                by_label.setdefault(label, []).append({"id": row["id"], "props": fields(row)})
        for label, chunk in by_label.items():
            self.set_properties(label, chunk)
        return len(rows)

    def set_properties(self, label: str, rows: list[dict[str, Any]]) -> WriteStats:
        """Write analysis results ({id, props}) back onto nodes of `label`."""
        query = statement("set_properties").replace("{label}", self.ontology.check_label(label))
        return self._write_all([(query, {"rows": chunk}) for chunk in _chunks(rows, self.batch_size)])

    def remove_watch(self, watch_id: str) -> WriteStats:
        """Take one entry off the watch list (`graph.watch`); its alerts stay."""
        return self._write_all([(statement("remove_watch"), {"id": watch_id})])

    def query(
        self,
        query: str,
        params: dict[str, Any] | None = None,
        *,
        limit: int = DEFAULT_ROW_LIMIT,
        timeout_s: float = DEFAULT_TIMEOUT_S,
    ) -> QueryResult:
        """Run an investigator's query: refused unless the store's plan only reads; at most
        `limit` rows come back (`truncated` when there were more), made and streamed no further
        than that; stopped after `timeout_s` seconds on the server and in the client."""
        if limit < 0 or timeout_s <= 0:
            raise StoreError(f"the limit must be 0 or more, the timeout above 0 (got {limit}, {timeout_s})")
        params = dict(params or {})
        self._observe(query, params)
        for plan in self._plans(query, params, limit + 1):
            check_plan(plan, read_policy(self.dialect))
        result = self._fetch(query, params, limit=limit + 1, timeout_s=timeout_s)
        if len(result.rows) > limit:
            return QueryResult(result.columns, result.rows[:limit], truncated=True)
        return result

    def read(self, query: str, params: dict[str, Any] | None = None) -> QueryResult:
        """Run one of the project's own read statements (counts, projections, report data):
        every row, in the store's read mode, no time limit; a store whose server caps results
        raises rather than return a cut result. Not for investigators' text; a caller that
        may read a lot pages (`read_paged`)."""
        self._observe(query, params or {})
        return self._fetch(query, params or {}, limit=None, timeout_s=None)

    def _observe(self, query: str, params: dict[str, Any]) -> None:
        for observer in self.read_observers:
            observer(query, params)

    def result_cap(self) -> int | None:
        """The most rows the server sends for one query whatever the query asks (None: no
        such cap). Neo4j has none; FalkorDB's `RESULTSET_SIZE` is one, unset on the embedded
        server but settable at run time."""
        return None

    def page_size(self, wanted: int) -> int:
        """Rows per page of a paged read: `wanted`, or fewer than the server's result cap
        where that is lower, so that a page is never cut and a full one never taken for a
        cut result (`read` refuses a result as long as the cap)."""
        cap = self.result_cap()
        return wanted if cap is None else max(1, min(wanted, cap - 1))

    def read_paged(
        self, query: str, params: dict[str, Any] | None = None, *, page: int = DEFAULT_READ_PAGE
    ) -> list[dict[str, Any]]:
        """Every row of one of the project's reads that pages itself by id: `query` takes
        `$after` (the last id read; '' at first) and `$page`, returns an `id` column and ends
        in `ORDER BY id LIMIT $page`. Pages are never larger than the server's result cap, so
        no default row limit can cut what an internal step reads, and each page is an index
        range scan however large the graph."""
        size = self.page_size(page)
        rows: list[dict[str, Any]] = []
        after = ""
        while True:
            records = self.read(query, {**(params or {}), "after": after, "page": size}).records()
            rows += records
            if len(records) < size:
                return rows
            after = records[-1]["id"]

    def counts(self) -> dict[str, int]:
        """Number of nodes per label and relationships per type."""
        out: dict[str, int] = {}
        for label in self.ontology.labels:
            rows = self.read(f"MATCH (n:{label}) RETURN count(n)").rows
            if rows and rows[0][0]:
                out[label] = rows[0][0]
        for rel_type in self.ontology.relations:
            rows = self.read(f"MATCH ()-[r:{rel_type}]->() RETURN count(r)").rows
            if rows and rows[0][0]:
                out[rel_type] = rows[0][0]
        return out

    def totals(self) -> tuple[int, int]:
        nodes = self.read("MATCH (n) RETURN count(n)").rows[0][0]
        rels = self.read("MATCH ()-[r]->() RETURN count(r)").rows[0][0]
        return nodes, rels


def _chunks(rows: list[dict[str, Any]], size: int) -> list[list[dict[str, Any]]]:
    return [rows[i : i + size] for i in range(0, len(rows), size)]


@cache
def _schema() -> tuple[str, ...]:
    text = (cypher_dir() / "schema.cypher").read_text(encoding="utf-8")
    body = "\n".join(line for line in text.splitlines() if not line.strip().startswith("//"))
    return tuple(s.strip() for s in body.split(";") if s.strip())


def schema_statements() -> list[str]:
    """`cypher/schema.cypher` split into statements, comments removed (read once)."""
    return list(_schema())
