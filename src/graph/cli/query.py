"""`graph query` and `graph status`: read-only questions to the graph."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from graph.cli.common import AnalystOption, DataOption, StoreOption, err, fail, out


def parse_params(pairs: list[str]) -> dict[str, Any]:
    """`--param key=value` options as a dict, the values read as JSON where they parse."""
    from graph.store.library import parse_value

    params = {}
    for item in pairs:
        key, sep, value = item.partition("=")
        if not sep:
            raise fail(f"--param needs key=value, got {item!r}")
        params[key] = parse_value(value)
    return params


def query(
    cypher: Annotated[str | None, typer.Argument(help="A read-only Cypher query.")] = None,
    name: Annotated[
        str | None, typer.Option("--name", "-n", help="A named query from cypher/queries/.")
    ] = None,
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", help="k=v (JSON values allowed).")
    ] = None,
    as_json: Annotated[
        bool,
        typer.Option(
            "--json",
            help="One JSON object per row, every value whole "
            "(a table cuts a value longer than etl/report.yaml's bound, and says so).",
        ),
    ] = False,
    limit: Annotated[
        int, typer.Option(help="At most this many rows (made on the server; a cut is reported).")
    ] = 1000,
    timeout: Annotated[
        float, typer.Option(help="Seconds before the query is stopped, on the server and here.")
    ] = 30.0,
    list_queries: Annotated[bool, typer.Option("--list", help="List the named queries.")] = False,
    data: DataOption = None,
    store: StoreOption = None,
    analyst: AnalystOption = None,
) -> None:
    """Run read-only Cypher (yours, or a named one) and print a table or JSON lines; the
    question and the number of rows are appended to the audit trail (graph audit)."""
    from graph.audit import audited
    from graph.report.console import print_json_rows, print_named_queries, result_table
    from graph.store import StoreError, open_store
    from graph.store.library import load_queries
    from graph.store.vocabulary import unknown_names

    library = load_queries()
    if list_queries:
        print_named_queries(out, library)
        return
    params = parse_params(param or [])
    given = dict(params)
    if name:
        if name not in library:
            raise fail(f"no named query {name!r}; try `graph query --list`")
        try:
            params = library[name].bind(params)
        except ValueError as exc:
            raise fail(str(exc)) from exc
        cypher = library[name].cypher
    if not cypher:
        raise fail("give a Cypher query or --name NAME")
    question = audited(
        "query", analyst=analyst, store=store, data=data, cypher=cypher, params=params, name=name
    )
    try:
        with (
            question as entry,
            open_store(store, data) as graph_store,
        ):
            entry.options = {"limit": limit, "timeout": timeout}
            result = graph_store.query(cypher, params, limit=limit, timeout_s=timeout)
            entry.rows = len(result.rows)
            entry.detail = {"truncated": result.truncated}
            unknown = [] if name else unknown_names(graph_store, cypher)
    except StoreError as exc:
        raise fail(str(exc)) from exc
    for warning in unknown:
        err.print(f"warning: {warning}", soft_wrap=True, markup=False, style="yellow")
    if as_json:
        print_json_rows(result)
    else:
        out.print(result_table(result, title=name))
    if name and not result.rows and (message := library[name].empty_message({**params, **given})):
        err.print(message, soft_wrap=True, markup=False)
    if result.truncated:
        err.print(f"[yellow]the result was cut at --limit {limit}: only the first {limit} rows are shown[/]")


def status(data: DataOption = None, store: StoreOption = None) -> None:
    """Count nodes per label and relationships per type."""
    from graph.report.console import counts_table
    from graph.store import StoreError, open_store

    try:
        with open_store(store, data) as graph_store:
            counts = graph_store.counts()
    except StoreError as exc:
        raise fail(str(exc)) from exc
    out.print(counts_table(counts))
