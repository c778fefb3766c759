"""`graph ingest` and `graph run`: reports into the graph, and the main job end to end."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

from graph.cli.analysis import analyse
from graph.cli.common import (
    DataOption,
    FollowSymlinksOption,
    NerOption,
    ProcessesOption,
    StoreOption,
    err,
    fail,
    out,
)
from graph.paths import data_dir

if TYPE_CHECKING:
    from graph.etl.runner import RunReport

# The watch list a folder of reports may carry (not a report: folders are read for reports only).
WATCH_FILE = "watch.yaml"
NEXT_STEPS = (
    "  graph query --list                                  # the named investigator queries\n"
    "  graph query --name entity --param name='NCA'        # everything about an entity\n"
    "  graph query --name events_by_kind --param kind=arrest\n"
    "  graph query 'MATCH (p:Person)-[r]->(o) RETURN p.name, type(r), o.name LIMIT 20'"
)


def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (.txt .md .html .jsonl).")],
    data: DataOption = None,
    store: StoreOption = None,
    batch_size: Annotated[int, typer.Option(help="Rows per write statement.")] = 500,
    processes: ProcessesOption = 1,
    follow_symlinks: FollowSymlinksOption = False,
    ner: NerOption = "fast",
) -> None:
    """Read reports, extract entities and events, and write them to the graph (idempotent)."""
    report = ingest_paths(paths, data, store, batch_size, processes, follow_symlinks, ner)
    if report.errors:
        raise typer.Exit(1)


def ingest_paths(
    paths: list[Path],
    data: str | None,
    store: str | None,
    batch_size: int = 500,
    processes: int = 1,
    follow_symlinks: bool = False,
    ner: str = "fast",
    alerts: bool = True,
) -> RunReport:
    """`graph ingest` without its exit status: the run's report, printed (its alerts too unless
    `alerts` is False)."""
    from graph.etl.runner import EtlAborted, settle_report
    from graph.ingest import ingest_items, path_items
    from graph.report.console import print_run_report
    from graph.report.progress import run_progress
    from graph.sources.readers import SourceError
    from graph.store import StoreError, open_store

    items = list(path_items(paths, follow_symlinks=follow_symlinks))
    try:
        with open_store(store, data, write=True, batch_size=batch_size) as graph_store:
            with run_progress(err, len(items), "ingest") as advance:
                report = ingest_items(items, graph_store, on_progress=advance, processes=processes, ner=ner)
            settle_report(graph_store, report, None)  # linked, recounted, watched, as `graph etl run`
            totals = graph_store.totals()
    except StoreError as exc:
        raise fail(str(exc)) from exc
    except EtlAborted as exc:  # the batches committed before it stay; a new run resumes after them
        raise fail(str(exc), code=3) from exc
    read = {item.document.path for item in items if not isinstance(item, SourceError)}
    quarantine_refusals(report, read, data)
    print_run_report(out, report, totals, alerts=alerts)
    return report


def quarantine_refusals(report: RunReport, read: set[str], data: str | Path | None) -> None:
    """Put what `graph ingest` refused in the quarantine that `graph etl quarantine` lists (as
    job "ingest"), and take out what it has now `read` whole."""
    from graph.etl.state import EtlState
    from graph.ingest import INGEST_JOB

    state = EtlState(data_dir(data))
    try:
        quarantined = {item.path for item in state.quarantined(INGEST_JOB)}
        state.file_refusals(INGEST_JOB, report.errors, read_again=quarantined & read)
    finally:
        state.close()


def run(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders of reports.")],
    watch: Annotated[
        Path | None,
        typer.Option(help="A watch list file (YAML) to import first (default: a folder's watch.yaml)."),
    ] = None,
    data: DataOption = None,
    store: StoreOption = None,
    processes: ProcessesOption = 1,
    follow_symlinks: FollowSymlinksOption = False,
    ner: NerOption = "fast",
) -> None:
    """The main job end to end: ingest the reports, link people across scripts, check the watch
    list, analyse the network, and show what to look at: alerts, contradictions, corroboration."""
    from graph.report.console import print_findings
    from graph.report.findings import gather_findings
    from graph.store import StoreError, open_store
    from graph.watch.entries import WatchError, import_watch_file

    files = [watch] if watch is not None else [p / WATCH_FILE for p in paths if (p / WATCH_FILE).is_file()]
    for file in files:
        try:
            with open_store(store, data, write=True) as graph_store:
                entries = import_watch_file(graph_store, file)
        except (WatchError, StoreError) as exc:
            raise fail(str(exc)) from exc
        out.print(f"watch list: {escape(str(file))} ({len(entries)} entries)")
    report = ingest_paths(
        paths, data, store, processes=processes, follow_symlinks=follow_symlinks, ner=ner, alerts=False
    )
    try:
        with open_store(store, data) as graph_store:
            findings = gather_findings(graph_store, report.alerts)
    except StoreError as exc:
        raise fail(str(exc)) from exc
    analyse(data=data, store=store)
    print_findings(out, findings)
    where = store if store else data_dir(data)
    out.print(f"\nThe graph is in [bold]{escape(str(where))}[/]. Next:")
    out.print(escape(NEXT_STEPS), soft_wrap=True)
    raise typer.Exit(1 if report.errors else 0)
