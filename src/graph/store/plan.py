"""Read-only decided on the store's own plan: each store EXPLAINs an investigator's query into a
`QueryPlan` (its operators, the procedures and user-defined functions it calls), and
`check_plan` refuses it unless everything in it is on the allow-list of `cypher/read_only.yaml`.
The query's text is never matched; the same message comes from both stores."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import yaml

from graph.paths import cypher_dir
from graph.store.errors import ReadOnlyError

REFUSED = "refused: investigator queries are read-only; the plan"
HINT = "Write through `graph ingest` or `graph etl`."


@dataclass(frozen=True)
class QueryPlan:
    """What a store plans to do for a query, without running it."""

    operators: tuple[str, ...]  # operator names, as the engine calls them
    procedures: tuple[str, ...] = ()  # procedures called
    functions: tuple[str, ...] = ()  # user-defined (not built-in) functions called
    query_type: str | None = None  # Neo4j's summary: r, rw, w or s; None where not given


@dataclass(frozen=True)
class ReadPolicy:
    """The allow-lists of one engine."""

    operators: frozenset[str]
    procedures: frozenset[str]  # lower case
    functions: frozenset[str]  # lower case
    query_types: frozenset[str] | None


@cache
def read_policy(engine: str) -> ReadPolicy:
    """The allow-lists for `engine` ('neo4j' or 'falkordb'), read once from cypher/read_only.yaml."""
    data: dict[str, Any] = yaml.safe_load((cypher_dir() / "read_only.yaml").read_text(encoding="utf-8"))
    spec = data[engine]
    types = spec.get("query_types")
    return ReadPolicy(
        operators=frozenset(spec["operators"]),
        procedures=frozenset(p.lower() for p in data.get("procedures") or []),
        functions=frozenset(f.lower() for f in data.get("functions") or []),
        query_types=frozenset(types) if types else None,
    )


def refuse(reason: str) -> ReadOnlyError:
    """The refusal every store gives, whatever in the plan made it."""
    return ReadOnlyError(f"{REFUSED} {reason}. {HINT}")


def check_plan(plan: QueryPlan, policy: ReadPolicy) -> None:
    """Raise ReadOnlyError unless every part of `plan` is allowed by `policy`."""
    if policy.query_types is not None and plan.query_type not in policy.query_types:
        kind = {"w": "writes", "rw": "reads and writes", "s": "changes the schema or administers"}
        raise refuse(f"{kind.get(plan.query_type or '', 'is of type')} ({plan.query_type!r})")
    for operator in plan.operators:
        if operator not in policy.operators:
            raise refuse(f"has the operation '{operator}', which is not one of the read operations allowed")
    for name in plan.procedures:
        if name.lower() not in policy.procedures:
            raise refuse(f"calls the procedure '{name}', which is not one of the procedures allowed")
    for name in plan.functions:
        if name.lower() not in policy.functions:
            raise refuse(f"calls the user-defined function '{name}', which is not allowed")


def unknown_callable(message: str) -> ReadOnlyError | None:
    """The refusal for a plan that could not be made because the query calls a procedure or a
    function the store does not have (APOC on a server without it), else None."""
    lowered = message.lower()
    if "procedure" in lowered and ("not registered" in lowered or "no procedure" in lowered):
        return refuse(f"calls a procedure this store does not have ({message.strip()})")
    if "unknown function" in lowered:
        return refuse(f"calls a function this store does not have ({message.strip()})")
    return None


def refused_by_store(message: str) -> ReadOnlyError:
    """The refusal of the second wall: the store's own read mode refused a write."""
    return ReadOnlyError(
        f"refused: investigator queries are read-only; the store's read mode refused it ({message.strip()})"
    )
