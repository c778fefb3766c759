"""The `graph` command: ingest reports, question the graph with Cypher, analyse the network."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from graph.paths import data_dir

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Investigative knowledge graph of smuggling networks from Arabic and English reports.",
)
console = Console(stderr=True, emoji=False)
out = Console(emoji=False)

DataOption = Annotated[
    Path | None,
    typer.Option("--data", help="Data folder of the embedded store (default: $GRAPH_DATA or ./data)."),
]
StoreOption = Annotated[
    str | None,
    typer.Option(
        "--store",
        help="'embedded' (default) or a neo4j:// / bolt:// URI (credentials from NEO4J_USER/NEO4J_PASSWORD).",
    ),
]


def _fail(message: str, code: int = 2) -> typer.Exit:
    console.print(f"[bold red]error:[/] {escape(message)}")
    return typer.Exit(code)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (.txt .md .html .jsonl).")],
    data: DataOption = None,
    store: StoreOption = None,
    batch_size: Annotated[int, typer.Option(help="Rows per write statement.")] = 500,
) -> None:
    """Read reports, extract entities and events, and write them to the graph (idempotent)."""
    from graph.ingest import ingest as run_ingest
    from graph.report.console import errors_table, ingest_table
    from graph.store import StoreError, open_store

    try:
        with open_store(store, data, write=True, batch_size=batch_size) as graph_store:
            with console.status("ingesting…"):
                report = run_ingest(paths, graph_store, on_item=_log_item)
            totals = graph_store.totals()
    except StoreError as exc:
        raise _fail(str(exc)) from exc
    out.print(ingest_table(report, totals))
    if report.errors:
        out.print(errors_table(report))
        raise typer.Exit(1)


def _log_item(item: object) -> None:
    from graph.sources import SourceError

    if isinstance(item, SourceError):
        console.print(f"[yellow]refused[/] {escape(str(item))}")


@app.command()
def query(
    cypher: Annotated[str | None, typer.Argument(help="A read-only Cypher query.")] = None,
    name: Annotated[
        str | None, typer.Option("--name", "-n", help="A named query from cypher/queries/.")
    ] = None,
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", help="k=v (JSON values allowed).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per row.")] = False,
    limit: Annotated[int, typer.Option(help="At most this many rows.")] = 1000,
    timeout: Annotated[float, typer.Option(help="Seconds before the query is stopped.")] = 30.0,
    list_queries: Annotated[bool, typer.Option("--list", help="List the named queries.")] = False,
    data: DataOption = None,
    store: StoreOption = None,
) -> None:
    """Run read-only Cypher (yours, or a named one) and print a table or JSON lines."""
    from graph.report.console import print_json_rows, result_table
    from graph.store import StoreError, open_store
    from graph.store.library import load_queries, parse_value

    library = load_queries()
    if list_queries:
        for item in library.values():
            params = ", ".join(item.params)
            out.print(f"[bold]{item.name}[/] ({params}): {item.description}")
        return
    params = {}
    for item in param or []:
        key, sep, value = item.partition("=")
        if not sep:
            raise _fail(f"--param needs key=value, got {item!r}")
        params[key] = parse_value(value)
    if name:
        if name not in library:
            raise _fail(f"no named query {name!r}; try `graph query --list`")
        try:
            params = library[name].bind(params)
        except ValueError as exc:
            raise _fail(str(exc)) from exc
        cypher = library[name].cypher
    if not cypher:
        raise _fail("give a Cypher query or --name NAME")
    try:
        with open_store(store, data) as graph_store:
            result = graph_store.query(cypher, params, limit=limit, timeout_s=timeout)
    except StoreError as exc:
        raise _fail(str(exc)) from exc
    if as_json:
        print_json_rows(result)
    else:
        out.print(result_table(result, title=name))
    if result.truncated:
        console.print(f"[yellow]only the first {limit} rows shown (--limit)[/]")


@app.command()
def analyse(
    projection: Annotated[str, typer.Option(help="Projection from etl/projections.yaml.")] = "actors",
    seed: Annotated[int, typer.Option(help="Random seed for Louvain.")] = 42,
    resolution: Annotated[float, typer.Option(help="Louvain resolution (>1: smaller communities).")] = 1.0,
    data: DataOption = None,
    store: StoreOption = None,
) -> None:
    """Find communities in the actor network and write `community` back to the nodes."""
    from graph.analysis.projection import project
    from graph.analysis.summary import louvain_partition, modularity, summarise
    from graph.analysis.writeback import write_node_results
    from graph.report.console import communities_table
    from graph.store import StoreError, open_store

    try:
        with open_store(store, data, write=True) as graph_store:
            network = project(graph_store, projection)
            partition = louvain_partition(network, seed=seed, resolution=resolution)
            params = {
                "algorithm": "louvain",
                "seed": seed,
                "resolution": resolution,
                "projection": projection,
            }
            write_node_results(
                graph_store, network, {n: {"community": c} for n, c in partition.items()}, params
            )
    except (StoreError, KeyError) as exc:
        raise _fail(str(exc)) from exc
    out.print(f"{projection}: {network.number_of_nodes()} actors, {network.number_of_edges()} links")
    out.print(communities_table(summarise(network, partition), modularity(network, partition)))


@app.command()
def run(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders of reports.")],
    data: DataOption = None,
    store: StoreOption = None,
) -> None:
    """The main job end to end: ingest the reports, analyse the network, say where to look next."""
    code = 0
    try:
        ingest(paths, data=data, store=store)
    except typer.Exit as exc:
        code = exc.exit_code
        if code not in (0, 1):
            raise
    analyse(data=data, store=store)
    where = store if store else data_dir(data)
    out.print(f"\nThe graph is in [bold]{escape(str(where))}[/]. Next:")
    out.print(
        escape(
            "  graph query --list                                  # the named investigator queries\n"
            "  graph query --name entity --param name='NCA'        # everything about an entity\n"
            "  graph query --name events_by_kind --param kind=arrest\n"
            "  graph query 'MATCH (p:Person)-[r]->(o) RETURN p.name, type(r), o.name LIMIT 20'"
        ),
        soft_wrap=True,
    )
    raise typer.Exit(code)


@app.command()
def status(data: DataOption = None, store: StoreOption = None) -> None:
    """Count nodes per label and relationships per type."""
    from rich.table import Table

    from graph.store import StoreError, open_store

    try:
        with open_store(store, data) as graph_store:
            counts = graph_store.counts()
    except StoreError as exc:
        raise _fail(str(exc)) from exc
    table = Table(title="Graph contents")
    table.add_column("label or type")
    table.add_column("count", justify="right")
    for key, value in counts.items():
        table.add_row(key, str(value))
    out.print(table)


def main() -> None:  # pragma: no cover
    sys.exit(app())
