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
if not out.is_terminal:  # logs and pipes: wide tables rather than folded ones
    out.width = 160

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
    from graph.etl.runner import Runner, RunReport
    from graph.ingest import path_items
    from graph.report.progress import run_progress
    from graph.store import StoreError, open_store

    items = list(path_items(paths))
    try:
        with open_store(store, data, write=True, batch_size=batch_size) as graph_store:
            with run_progress(console, len(items), "ingest") as advance:
                report = Runner(graph_store, on_progress=advance).run(items, RunReport("ingest", "ingest"))
            totals = graph_store.totals()
    except StoreError as exc:
        raise _fail(str(exc)) from exc
    _print_report(report, totals)
    if report.errors:
        raise typer.Exit(1)


def _print_report(report, totals, title: str = "Ingest summary") -> None:
    from graph.report.console import errors_table, ingest_table

    out.print(ingest_table(report, totals, title))
    if report.errors:
        out.print(errors_table(report))


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
    resolve(data=data, store=store)
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
def resolve(
    list_only: Annotated[
        bool, typer.Option("--list", help="List the SAME_AS links; change nothing.")
    ] = False,
    split_id: Annotated[
        str | None, typer.Option("--split", help="Undo every SAME_AS link of this node id.")
    ] = None,
    data: DataOption = None,
    store: StoreOption = None,
) -> None:
    """Link the same person across documents and scripts (SAME_AS with score and method)."""
    from rich.table import Table

    from graph.report.console import cell
    from graph.resolve.crossdoc import list_links, resolve_people, split
    from graph.store import StoreError, open_store

    try:
        with open_store(store, data, write=not list_only) as graph_store:
            if split_id:
                out.print(
                    f"split {escape(split_id)}: {split(graph_store, split_id)} link(s) undone and vetoed"
                )
            elif not list_only:
                out.print(f"{len(resolve_people(graph_store))} SAME_AS link(s) found")
            links = list_links(graph_store)
    except StoreError as exc:
        raise _fail(str(exc)) from exc
    table = Table(title=f"SAME_AS links ({len(links)})")
    for column in ("a", "name a", "b", "name b", "score", "method"):
        table.add_column(column)
    for link in links:
        table.add_row(*(cell(link[k]) for k in ("a", "name_a", "b", "name_b", "score", "method")))
    out.print(table)


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


etl_app = typer.Typer(no_args_is_help=True, help="The periodic ETL: jobs in etl/jobs/, run log, quarantine.")
app.add_typer(etl_app, name="etl")


@etl_app.command("run")
def etl_run(
    job: Annotated[str, typer.Argument(help="A job name in etl/jobs/ or a job file.")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would change; write nothing.")
    ] = False,
    data: DataOption = None,
    store: StoreOption = None,
) -> None:
    """Process what is new or changed since the last run, in committed batches."""
    from graph.etl.jobs import JobError, load_job
    from graph.etl.runner import job_items, run_job
    from graph.etl.state import EtlState
    from graph.report.progress import run_progress
    from graph.store import StoreError, open_store

    try:
        spec = load_job(job)
    except JobError as exc:
        raise _fail(str(exc)) from exc
    total = sum(1 for _ in job_items(spec))
    state = EtlState(data_dir(data))
    try:
        with open_store(store, data, write=not dry_run) as graph_store:
            with run_progress(console, total, f"etl {spec.name}") as advance:
                report = run_job(spec, graph_store, state, dry_run=dry_run, on_progress=advance)
            totals = None if report.status == "aborted" else graph_store.totals()
    except StoreError as exc:
        raise _fail(f"cannot open the store: {exc}") from exc
    finally:
        state.close()
    title = f"{'Dry run' if dry_run else 'Run'} {report.run_id}: {report.status}"
    _print_report(report, totals, title)
    if report.status == "aborted":
        raise _fail(report.message, code=3)
    if report.errors:
        console.print(f"{len(report.errors)} input(s) quarantined; see `graph etl quarantine`")
        raise typer.Exit(1)


@etl_app.command("status")
def etl_status(
    data: DataOption = None, limit: Annotated[int, typer.Option(help="How many runs.")] = 10
) -> None:
    """The last runs with their counts."""
    from rich.table import Table

    from graph.etl.state import EtlState
    from graph.report.console import cell

    state = EtlState(data_dir(data))
    runs = state.runs(limit)
    state.close()
    table = Table(title="ETL runs (newest first)")
    for column in (
        "run",
        "job",
        "started",
        "finished",
        "status",
        "new",
        "unchanged",
        "refused",
        "nodes+",
        "rels+",
    ):
        table.add_column(column)
    for run in runs:
        c = run["counts"]
        table.add_row(
            *(
                cell(v)
                for v in (
                    run["id"],
                    run["job"],
                    run["started"],
                    run["finished"],
                    run["status"],
                    c.get("new", 0),
                    c.get("unchanged", 0),
                    c.get("failed", 0),
                    c.get("nodes_created", 0),
                    c.get("relationships_created", 0),
                )
            )
        )
    out.print(table)


@etl_app.command("quarantine")
def etl_quarantine(
    job: Annotated[str | None, typer.Argument(help="Only this job's items (needed with --retry).")] = None,
    retry: Annotated[bool, typer.Option("--retry", help="Reprocess the quarantined inputs.")] = False,
    show_all: Annotated[bool, typer.Option("--all", help="Include items resolved by a retry.")] = False,
    data: DataOption = None,
    store: StoreOption = None,
) -> None:
    """Inputs that were refused: file, line, reason, when; `--retry` reprocesses them."""
    from rich.table import Table

    from graph.etl.jobs import JobError, load_job
    from graph.etl.runner import run_job
    from graph.etl.state import EtlState
    from graph.report.console import cell
    from graph.store import StoreError, open_store

    if retry and not job:
        raise _fail("--retry needs the job whose quarantine to reprocess")
    spec = None
    if job:
        try:
            spec = load_job(job)
        except JobError as exc:
            if retry:
                raise _fail(str(exc)) from exc
    state = EtlState(data_dir(data))
    try:
        if retry:
            try:
                with open_store(store, data, write=True) as graph_store:
                    report = run_job(spec, graph_store, state, retry_quarantine=True)
            except StoreError as exc:
                raise _fail(str(exc)) from exc
            out.print(f"retried: {report.counts['new']} new, {report.counts['failed']} still refused")
        items = state.quarantined(spec.name if spec else job, include_resolved=show_all)
    finally:
        state.close()
    table = Table(title=f"Quarantine ({len(items)} item(s))")
    for column in ("path", "line", "job", "reason", "first seen", "last seen", "attempts", "resolved"):
        table.add_column(column, overflow="fold")
    for item in items:
        table.add_row(
            *(
                cell(v)
                for v in (
                    item.path,
                    item.line,
                    item.job,
                    item.reason,
                    item.first_seen,
                    item.last_seen,
                    item.attempts,
                    item.resolved,
                )
            )
        )
    out.print(table)


def main() -> None:  # pragma: no cover
    sys.exit(app())
