"""Name lookups of the named queries, on a generated graph written straight to the store (no
NLP): each lookup query as the library has it (full-text index) and as it was (CONTAINS on
every node's `search`), median warm milliseconds, plus `resolve_people` (blocked) against the
full comparison. Measurement only.

    python benchmarks/lookups.py [--people 20000] [--store embedded|neo4j://...] [--runs 5]
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import tempfile
import time
from pathlib import Path

from graph.model import EdgeRecord, GraphBatch, NodeRecord, Provenance
from graph.resolve.crossdoc import candidate_links
from graph.store import open_store
from graph.store.library import load_queries

SYLLABLES = [
    "ka",
    "ra",
    "wan",
    "sa",
    "leh",
    "hi",
    "men",
    "dil",
    "shad",
    "mo",
    "ham",
    "med",
    "ah",
    "mad",
    "hus",
    "sein",
    "ab",
    "dul",
    "rah",
    "man",
    "you",
    "ssef",
    "o",
    "mar",
]
LOOKUP = re.compile(
    r"CALL db\.index\.fulltext\.queryNodes\('entity_search', \$\w+\) YIELD node AS (\w+)\n"
    r"WITH (?:\w+, )?\1 WHERE "
)


def old_form(cypher: str) -> str:
    """The query as it was before the index: every node tested with CONTAINS."""
    return LOOKUP.sub(lambda m: f"MATCH ({m[1]})\nWITH * WHERE ", cypher)


def name(rng: random.Random) -> str:
    return " ".join(
        "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize() for _ in range(2)
    )


def build(store, people: int, seed: int = 1) -> list[str]:
    """`people` people, one event per ten of them with ten participants, one account per
    five; returns the names written."""
    rng = random.Random(seed)
    prov = Provenance("doc", 0, 1, "s", "bench", 0.9, "2024-01-01")
    names = [name(rng) for _ in range(people)]
    batch = GraphBatch()
    for i, person in enumerate(names):
        batch.nodes.append(NodeRecord("Person", f"person:{i}", {"name": person, "unnamed": False}, prov))
        if i % 10 == 0:
            batch.nodes.append(NodeRecord("Event", f"event:{i}", {"kind": "arrest"}, prov))
        batch.edges.append(
            EdgeRecord(
                "PARTICIPATED_IN", "Person", f"person:{i}", "Event", f"event:{i - i % 10}", "", {}, prov
            )
        )
        if i % 5 == 0:
            batch.nodes.append(NodeRecord("Account", f"account:{i}", {"name": f"acc_{i}"}, prov))
            batch.edges.append(
                EdgeRecord("CONTROLS", "Person", f"person:{i}", "Account", f"account:{i}", "", {}, prov)
            )
    for start in range(0, len(batch.nodes), 5000):
        store.write_batch(GraphBatch(batch.nodes[start : start + 5000], []))
    for start in range(0, len(batch.edges), 5000):
        store.write_batch(GraphBatch([], batch.edges[start : start + 5000]))
    return names


def timed(store, cypher: str, params: dict, runs: int) -> float:
    store.query(cypher, params, timeout_s=120)  # warm
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        store.query(cypher, params, timeout_s=120)
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=20000)
    parser.add_argument("--store", default="embedded")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--data", type=Path, help="a folder holding a graph already built by this script")
    args = parser.parse_args()
    with (
        tempfile.TemporaryDirectory() as tmp,
        open_store(args.store, args.data or Path(tmp), write=True) as store,
    ):
        start = time.perf_counter()
        names = build(store, args.people) if args.data is None else []
        print(
            f"graph: {store.totals()[0]} nodes, written in {time.perf_counter() - start:.1f} s ({args.store})"
        )
        library = load_queries()
        a, b = (names[3], names[4]) if names else ("Karwan", "Saleh")
        examples = {
            "entity": {"name": a},
            "co_participants": {"name": a},
            "entity_timeline": {"name": a},
            "money_flows": {"name": a},
            "edge_sources": {"a": a, "b": "acc_0"},
            "shortest_path": {"a": a, "b": b, "max_hops": 6},
            "vessel_suspects": {"vessel": "boat", "hops": 2},
        }
        print(f"{'query':<18} {'index (ms)':>11} {'CONTAINS (ms)':>14}")
        for query_name, params in examples.items():
            query = library[query_name]
            bound = query.bind(params)
            new = timed(store, query.cypher, bound, args.runs)
            old = timed(store, old_form(query.cypher), bound, args.runs)
            print(f"{query_name:<18} {new:>11.1f} {old:>14.1f}")
        people = [{"id": f"person:{i}", "name": n} for i, n in enumerate(names)]
        for block in (True, False):
            if not block and len(people) > 5000:
                print("resolve, all pairs: skipped above 5,000 people")
                continue
            start = time.perf_counter()
            links = candidate_links(people, set(), block=block)
            label = "blocked" if block else "all pairs"
            print(f"resolve, {label}: {time.perf_counter() - start:.2f} s, {len(links)} links")


if __name__ == "__main__":
    main()
