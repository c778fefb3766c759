"""What follows the writing of new reports, whichever way they came (`graph etl run`, `graph
ingest`, `graph run`): people linked across documents and scripts, the support of events told
in both scripts counted again, facts that should have one value compared across both scripts,
and the watch list checked against the new reports. A report is settled once all of that is
done (`Document.settled`); the reports a killed or failed run wrote but never settled are
settled by the next run, so that an interrupted run ends as an uninterrupted one. A failure here
never loses what was written: it is said, in `Settled.problems`, and tried again next run."""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.model import GraphBatch
from graph.resolve.contradictions import recheck_linked
from graph.resolve.corroboration import recount_support
from graph.resolve.crossdoc import resolve_people
from graph.store.base import GraphStore, statement
from graph.store.errors import StoreError
from graph.watch.alerts import Alert, raise_alerts

# Reports written whole (the ETL's checkpoint) but not settled: left by a run that stopped.
UNSETTLED = (
    "MATCH (d:Document) WHERE d.complete = true AND d.settled IS NULL AND d.id > $after "
    "RETURN d.id AS id ORDER BY id LIMIT $page"
)


@dataclass
class Settled:
    same_as: int | None = None  # SAME_AS links written (None: resolution failed)
    alerts: list[Alert] = field(default_factory=list)  # watched entities in the reports settled
    left_before: int = 0  # reports an earlier run wrote and never settled, settled now
    problems: list[str] = field(default_factory=list)


def settle(store: GraphStore, new_ids: list[str], run_id: str | None = None) -> Settled:
    """Resolve, recount, compare and raise alerts for the new documents `new_ids` and for any
    an earlier run left unsettled (nothing if there are none)."""
    settled = Settled()
    try:
        left = [row["id"] for row in store.read_paged(UNSETTLED)]
    except StoreError as exc:
        settled.problems.append(f"reports left unsettled not read: {exc}")
        left = []
    ids = sorted({*new_ids, *left})
    settled.left_before = len(ids) - len(set(new_ids))
    if not ids:
        return settled
    try:
        settled.same_as = len(resolve_people(store))
        recount_support(store, ids)  # events told in both scripts
        recheck_linked(store, ids)  # facts told in both scripts
    except StoreError as exc:
        settled.problems.append(f"people not linked across scripts: {exc}")
    try:
        settled.alerts = raise_alerts(store, ids, run_id)
    except StoreError as exc:
        settled.problems.append(f"watch list not checked: {exc}")
    if not settled.problems:
        try:
            store.write_batch(GraphBatch(), then=[(statement("mark_settled"), {"ids": ids})])
        except StoreError as exc:
            settled.problems.append(f"reports not marked settled (they will be settled again): {exc}")
    return settled
