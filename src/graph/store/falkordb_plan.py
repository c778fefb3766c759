"""The embedded store's side of the read-only check: GRAPH.EXPLAIN of the very text that runs
(parameters in front, as falkordb-py sends them), made into a `QueryPlan`. FalkorDB's plan says
`ProcedureCall` without the name, so the names come from the text (store/cypher_text.py) and
must be as many as the plan's calls, or the query is refused."""

from __future__ import annotations

from typing import Any

from graph.store.cypher_text import function_calls, procedure_calls
from graph.store.errors import StoreError
from graph.store.plan import QueryPlan, refuse, unknown_callable


def with_params(text: str, params: dict[str, Any]) -> str:
    """The query with its parameters in front (`CYPHER name=value ...`), as falkordb-py sends
    them with a query, so that EXPLAIN plans the text that runs."""
    from falkordb.helpers import stringify_param_value

    if any("`" in key or not key for key in params):
        raise StoreError("a parameter name must not be empty or hold a backtick")
    values = " ".join(f"`{key}`={stringify_param_value(value)}" for key, value in params.items())
    return f"CYPHER {values} {text}" if params else text


def operations(connection: Any, graph: str, text: str, params: dict[str, Any], *, wrapped: bool) -> list[str]:
    """The names of the operations of GRAPH.EXPLAIN, root first; `wrapped` says the text is a
    query wrapped to be limited, for a clearer message when it cannot be."""
    import redis

    try:
        plan = connection.execute_command("GRAPH.EXPLAIN", graph, with_params(text, params))
    except redis.ResponseError as exc:
        if refusal := unknown_callable(str(exc)):
            raise refusal from None
        if wrapped and "no variables in scope" in str(exc):
            raise StoreError(
                "on the embedded store a query must end in RETURN to be limited "
                "(CALL db.labels() YIELD label RETURN label, not CALL db.labels())"
            ) from None
        raise StoreError(f"query failed: {exc}") from None
    lines = plan if isinstance(plan, list) else [plan]  # a schema command answers one line
    decoded = [line.decode() if isinstance(line, bytes) else str(line) for line in lines]
    return [line.strip().split(" | ")[0] for line in decoded]


def falkordb_plan(
    connection: Any, graph: str, text: str, params: dict[str, Any], *, wrapped: bool, udfs: set[str]
) -> QueryPlan:
    """The plan of `text`: its operations, the procedures it calls (as many as the plan has
    `ProcedureCall`s, else refused) and the user-defined functions among its calls."""
    names = operations(connection, graph, text, params, wrapped=wrapped)
    procedures = procedure_calls(text)
    if names.count("ProcedureCall") != len(procedures):
        raise refuse("calls procedures that could not be told apart; write each as CALL name(...)")
    functions = [f for f in function_calls(text) if f.lower() in udfs]
    return QueryPlan(tuple(names), tuple(procedures), tuple(functions))
