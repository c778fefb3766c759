"""Load speed: a synthetic graph (default 100,000 nodes, 300,000 relationships) written through
the stores' real MERGE path, beside a plain `UNWIND ... CREATE` of the same rows in the same run.

    .venv/bin/python benchmarks/load.py [--nodes 100000] [--rels 300000] [--batch 5000]
                                        [--stores embedded,neo4j]

Neo4j: NEO4J_URI/NEO4J_USER/NEO4J_PASSWORD if set, else the test server of tests/neo4j_server.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from graph.model import EdgeRecord, GraphBatch, NodeRecord, Provenance
from graph.store.base import GraphStore
from graph.store.embedded import EmbeddedStore
from graph.store.rows import group_edges, group_nodes

REPO = Path(__file__).resolve().parents[1]
LABELS = ["Person", "Account", "Organisation", "Vessel"]
TYPES = [("ASSOCIATED_WITH", "Person", "Person"), ("CONTROLS", "Person", "Account"),
         ("MEMBER_OF", "Person", "Organisation"), ("OPERATES", "Person", "Vessel")]  # fmt: skip


def synthetic(nodes: int, rels: int, seed: int) -> GraphBatch:
    rng = random.Random(seed)
    by_label: dict[str, list[str]] = {label: [] for label in LABELS}
    batch = GraphBatch()
    for i in range(nodes):
        label = LABELS[0] if i % 2 == 0 else LABELS[1 + i % 3]
        node_id = f"{label.lower()}:{i}"
        by_label[label].append(node_id)
        prov = Provenance(f"doc{i % 1000}", i % 500, i % 500 + 9, "a sentence", "bench", 0.9, "2024-01-01")
        batch.nodes.append(NodeRecord(label, node_id, {"name": f"name {i}"}, prov, [f"alias {i}"]))
    for j in range(rels):
        rel, source, target = TYPES[j % len(TYPES)]
        prov = Provenance(f"doc{j % 1000}", j % 500, j % 500 + 9, "a sentence", "bench", 0.8, "2024-01-01")
        batch.edges.append(
            EdgeRecord(
                rel,
                source,
                rng.choice(by_label[source]),
                target,
                rng.choice(by_label[target]),
                str(j),
                {},
                prov,
            )
        )
    return batch


def chunks(records: list, size: int, key: str) -> list[GraphBatch]:
    return [GraphBatch(**{key: records[i : i + size]}) for i in range(0, len(records), size)]


def merge_load(store: GraphStore, part: GraphBatch) -> None:
    store.write_batch(part)


def create_load(store: GraphStore, part: GraphBatch) -> None:
    """The baseline: the same rows with plain CREATE (nodes) and MATCH ... CREATE (relationships)."""
    statements = []
    for label, rows in group_nodes(part).items():
        query = f"UNWIND $rows AS row CREATE (n:{label} {{id: row.id}}) SET n += row.props"
        statements.append((query, {"rows": rows}))
    for (rel, source, target), rows in group_edges(part).items():
        query = (
            f"UNWIND $rows AS row MATCH (a:{source} {{id: row.source}}) "
            f"MATCH (b:{target} {{id: row.target}}) "
            f"CREATE (a)-[r:{rel}]->(b) SET r += row.props, r.key = row.key"
        )
        statements.append((query, {"rows": rows}))
    store._write_all(statements)


def clear(store: GraphStore) -> None:
    while store.totals()[0]:
        store._write_all([("MATCH (n) WITH n LIMIT 2000 DETACH DELETE n", {})])


def store_factories(names: list[str], folder: Path):
    """(name, make(subfolder) -> empty store, server to stop or None) per store asked for."""
    for name in names:
        if name == "embedded":
            yield name, lambda sub: EmbeddedStore(folder / sub, write=True), None
        elif name == "neo4j":
            from graph.store.neo4j_store import Neo4jStore

            server = None
            if not os.environ.get("NEO4J_URI"):
                sys.path.insert(0, str(REPO))
                from tests.neo4j_server.server import start_neo4j

                server = start_neo4j(folder / "neo4j")

            def make(_sub: str, server=server) -> GraphStore:
                store = (
                    Neo4jStore()
                    if server is None
                    else Neo4jStore(server.uri, user=server.user, password=server.password)
                )
                clear(store)
                return store

            yield name, make, server


def timed_load(
    store: GraphStore, loader, nodes: list[GraphBatch], edges: list[GraphBatch]
) -> tuple[float, float]:
    start = time.perf_counter()
    for part in nodes:
        loader(store, part)
    middle = time.perf_counter()
    for part in edges:
        loader(store, part)
    return middle - start, time.perf_counter() - middle


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--nodes", type=int, default=100_000)
    parser.add_argument("--rels", type=int, default=300_000)
    parser.add_argument("--batch", type=int, default=5_000)
    parser.add_argument("--stores", default="embedded,neo4j")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    graph = synthetic(args.nodes, args.rels, args.seed)
    nodes, edges = chunks(graph.nodes, args.batch, "nodes"), chunks(graph.edges, args.batch, "edges")
    table = Table(
        title=f"Load: {args.nodes:,} nodes, {args.rels:,} relationships, {args.batch:,} rows per transaction"
    )
    for column in ("store", "method", "node s", "nodes/s", "rel s", "relationships/s", "total vs CREATE"):
        table.add_column(column, justify="right")
    with tempfile.TemporaryDirectory() as tmp:
        for name, make, server in store_factories(args.stores.split(","), Path(tmp)):
            results = {}
            for method, loader in (
                ("UNWIND CREATE (baseline)", create_load),
                ("UNWIND MERGE (graph)", merge_load),
            ):
                store = make(method.split()[1].lower())
                store.apply_schema()
                results[method] = timed_load(store, loader, nodes, edges)
                assert store.totals() == (args.nodes, args.rels), store.totals()
                if name == "neo4j":
                    clear(store)
                store.close()
            base = sum(results["UNWIND CREATE (baseline)"])
            for method, (node_s, rel_s) in results.items():
                table.add_row(
                    name,
                    method,
                    f"{node_s:.1f}",
                    f"{args.nodes / node_s:,.0f}",
                    f"{rel_s:.1f}",
                    f"{args.rels / rel_s:,.0f}",
                    f"{(node_s + rel_s) / base:.2f}x",
                )
            if server:
                server.stop()
    Console(width=150).print(table)


if __name__ == "__main__":
    main()
