"""What follows the writing of new reports, whichever way they came (`graph etl run`, `graph
ingest`, `graph run`): people linked across documents and scripts, the support of events told
in both scripts counted again, facts that should have one value compared across both scripts,
and the watch list checked against the new reports. A failure here never loses what was
written: it is said, in `Settled.problems`."""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.resolve.contradictions import recheck_linked
from graph.resolve.corroboration import recount_support
from graph.resolve.crossdoc import resolve_people
from graph.store.base import GraphStore
from graph.store.errors import StoreError
from graph.watch.alerts import Alert, raise_alerts


@dataclass
class Settled:
    same_as: int | None = None  # SAME_AS links written (None: resolution failed)
    alerts: list[Alert] = field(default_factory=list)  # watched entities in the new documents
    problems: list[str] = field(default_factory=list)


def settle(store: GraphStore, new_ids: list[str], run_id: str | None = None) -> Settled:
    """Resolve, recount and raise alerts for the new documents `new_ids` (nothing if none)."""
    settled = Settled()
    if not new_ids:
        return settled
    try:
        settled.same_as = len(resolve_people(store))
        recount_support(store, new_ids)  # events told in both scripts
        recheck_linked(store, new_ids)  # facts told in both scripts
    except StoreError as exc:
        settled.problems.append(f"people not linked across scripts: {exc}")
    try:
        settled.alerts = raise_alerts(store, new_ids, run_id)
    except StoreError as exc:
        settled.problems.append(f"watch list not checked: {exc}")
    return settled
