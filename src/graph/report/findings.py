"""What `graph run` shows at its end, for an investigator to look at first: the watched entities
the new reports name, the facts the reports disagree on, and how well the facts are
corroborated (how many rest on two or more independent sources, and the best supported)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph.resolve.contradictions import read_contradictions
from graph.store.base import GraphStore
from graph.watch.alerts import Alert

# How many of the best supported facts are shown; the count of all of them is shown beside.
BEST = 5
FACTS = """
MATCH (a)-[r]->(b) WHERE r.independent_support IS NOT NULL
RETURN count(r) AS facts, sum(CASE WHEN r.support > 1 THEN 1 ELSE 0 END) AS repeated,
       sum(CASE WHEN r.independent_support > 1 THEN 1 ELSE 0 END) AS corroborated
"""
BEST_SUPPORTED = """
MATCH (a)-[r]->(b) WHERE r.independent_support > 1
RETURN coalesce(a.name, a.id) AS actor, type(r) AS relation, coalesce(b.name, b.kind, b.id) AS other,
       r.support AS reports, r.independent_support AS independent
ORDER BY independent DESC, reports DESC, actor, relation, other
LIMIT $best
"""


@dataclass
class Findings:
    alerts: list[Alert] = field(default_factory=list)
    contradictions: list[dict[str, Any]] = field(default_factory=list)
    facts: int = 0  # relationships read from the reports
    repeated: int = 0  # stated by more than one report
    corroborated: int = 0  # by more than one independent source
    best: list[dict[str, Any]] = field(default_factory=list)  # the BEST best supported


def gather_findings(store: GraphStore, alerts: list[Alert]) -> Findings:
    """The findings of the store, with the alerts the run raised."""
    contradictions = read_contradictions(store)
    counts = store.read(FACTS).records()[0]
    return Findings(
        alerts=alerts,
        contradictions=contradictions,
        facts=int(counts["facts"] or 0),  # FalkorDB sums to a float
        repeated=int(counts["repeated"] or 0),
        corroborated=int(counts["corroborated"] or 0),
        best=store.read(BEST_SUPPORTED, {"best": BEST}).records(),
    )
