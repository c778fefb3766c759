"""How many reports, and how many independent sources, tell each event. Each report's event is
its own node; events of one kind on the same day with the same subject or target are one event
told several times (cypher/write/count_support.cypher), and each of them carries the counts of
the reports that tell it or an event told with it, from its own group alone, so that the counts
never depend on the order reports came in. Counted for the events a batch writes and those told
with them, and again for a run's events once people are linked across scripts (an Arabic and an
English report of one arrest)."""

from __future__ import annotations

from functools import cache
from typing import Any

import yaml

from graph.model import GraphBatch
from graph.paths import etl_dir
from graph.store.base import GraphStore, statement

RUN_EVENTS = (
    "MATCH (d:Document)-[:MENTIONS]->(e:Event) WHERE d.id IN $docs AND e.id > $after "
    "RETURN DISTINCT e.id AS id ORDER BY id LIMIT $page"
)


@cache
def same_event_roles() -> list[str]:
    with open(etl_dir() / "rules" / "resolution.yaml", encoding="utf-8") as handle:
        return list(yaml.safe_load(handle)["events"]["same_event_roles"])


def support_statement(event_ids: list[str]) -> tuple[str, dict[str, Any]]:
    """The statement that counts the support of `event_ids` and of the events told with them."""
    return statement("count_support"), {"ids": event_ids, "roles": same_event_roles()}


def recount_support(store: GraphStore, doc_ids: list[str]) -> int:
    """Count again the support of the events of `doc_ids` (after resolution); how many."""
    events = [row["id"] for row in store.read_paged(RUN_EVENTS, {"docs": doc_ids})]
    for start in range(0, len(events), store.batch_size):
        store.write_batch(GraphBatch(), then=[support_statement(events[start : start + store.batch_size])])
    return len(events)
