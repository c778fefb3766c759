"""Hostile investigator queries (tests/data/hostile/queries.yaml) on both stores: each is refused
by the check on the store's own plan with the same kind of message, nothing is written, and a
file the queries try to read never shows in any answer or error."""

from pathlib import Path

import pytest
import yaml

from graph.model import EdgeRecord, GraphBatch, NodeRecord
from graph.store.base import GraphStore, ReadOnlyError, StoreError

CORPUS_FILE = Path(__file__).parents[1] / "data" / "hostile" / "queries.yaml"
CORPUS = yaml.safe_load(CORPUS_FILE.read_text(encoding="utf-8"))["queries"]
SECRET = "TOP-SECRET-7f3a9c: never to be read by a query"
REFUSAL = "refused: investigator queries are read-only; the plan"


def seed(store: GraphStore) -> None:
    """A marker node and a neighbour, which every hostile query tries to change."""
    people = [
        NodeRecord("Person", "person:marker", {"name": "Marker"}, None),
        NodeRecord("Person", "person:other", {"name": "Other"}, None),
    ]
    edge = EdgeRecord("ASSOCIATED_WITH", "Person", "person:marker", "Person", "person:other", "", {}, None)
    store.write_batch(GraphBatch(people, [edge]))


def snapshot(store: GraphStore) -> tuple:
    """Everything a write could change: every node and relationship with its properties, the counts."""
    nodes = store.read("MATCH (n) RETURN labels(n), n ORDER BY n.id").rows
    rels = store.read("MATCH (a)-[r]->(b) RETURN a.id, type(r), r, b.id ORDER BY a.id, b.id").rows
    return nodes, rels, store.totals(), store.counts()


def engine(store: GraphStore) -> str:
    return store.dialect


def test_the_corpus_is_large_and_says_what_each_query_tries():
    assert len(CORPUS) >= 30
    assert all(entry.get("note") and entry.get("query") for entry in CORPUS)
    for entry in CORPUS:
        assert set(entry.get("stores", ["falkordb", "neo4j"])) <= {"falkordb", "neo4j"}


def test_every_hostile_query_is_refused_and_changes_nothing(any_store, tmp_path):
    secret = tmp_path / "secret.csv"
    secret.write_text(f"{SECRET}\n", encoding="utf-8")
    seed(any_store)
    before = snapshot(any_store)
    problems = []
    for entry in CORPUS:
        if engine(any_store) not in entry.get("stores", ["falkordb", "neo4j"]):
            continue
        query = entry["query"].replace("{secret}", str(secret))
        try:
            result = any_store.query(query)
        except ReadOnlyError as exc:
            message = str(exc)
            if not message.startswith(REFUSAL) or SECRET in message:
                problems.append(f"{entry['note']}: unclear refusal {message!r}")
        except StoreError as exc:
            problems.append(f"{entry['note']}: not refused but failed: {exc}")
        else:
            problems.append(f"{entry['note']}: ran, answering {result.rows[:3]!r}")
        if snapshot(any_store) != before:
            problems.append(f"{entry['note']}: the graph changed")
            break
    assert not problems, "\n".join(problems)


def test_the_store_read_mode_is_the_second_wall(any_store):
    """Past the plan check, the store's own read mode still refuses a write."""
    seed(any_store)
    before = snapshot(any_store)
    with pytest.raises(ReadOnlyError, match="read-only"):
        any_store._fetch("MATCH (n:Person) SET n.pwned = true", {}, limit=None, timeout_s=5)
    assert snapshot(any_store) == before
