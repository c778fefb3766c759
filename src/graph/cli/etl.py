"""`graph etl run|status|quarantine`: the periodic ETL, its run log and its quarantine."""

from __future__ import annotations

from typing import Annotated

import typer

from graph.cli.common import DataOption, FollowSymlinksOption, StoreOption, err, fail, ner_mode, out
from graph.paths import data_dir


def etl_run(
    job: Annotated[str, typer.Argument(help="A job name in etl/jobs/ or a job file.")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would change; write nothing.")
    ] = False,
    processes: Annotated[
        int | None, typer.Option(min=1, help="Cores to extract on (default: the job's `processes`).")
    ] = None,
    data: DataOption = None,
    store: StoreOption = None,
    follow_symlinks: FollowSymlinksOption = False,
    ner: Annotated[
        str | None,
        typer.Option(callback=ner_mode, help="The NER model, fast or accurate (default: the job's `ner`)."),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(
            envvar="GRAPH_SCHEDULER",
            help="A Dask scheduler (tcp://HOST:8786): extract on its cluster instead of local cores.",
        ),
    ] = None,
) -> None:
    """Process what is new or changed since the last run, in committed batches."""
    from graph.etl.cluster import ClusterUnavailableError
    from graph.etl.jobs import JobError, load_job
    from graph.etl.runner import job_items, run_job
    from graph.etl.state import EtlState
    from graph.report.console import print_run_report
    from graph.report.progress import run_progress
    from graph.store import StoreError, open_store

    try:
        spec = load_job(job)
    except JobError as exc:
        raise fail(str(exc)) from exc
    total = sum(1 for _ in job_items(spec, follow_symlinks=follow_symlinks))
    state = EtlState(data_dir(data))
    try:
        with open_store(store, data, write=not dry_run) as graph_store:
            with run_progress(err, total, f"etl {spec.name}") as advance:
                report = run_job(
                    spec,
                    graph_store,
                    state,
                    dry_run=dry_run,
                    on_progress=advance,
                    processes=processes,
                    follow_symlinks=follow_symlinks,
                    ner=ner,
                    scheduler=scheduler,
                )
            totals = None if report.status == "aborted" else graph_store.totals()
    except StoreError as exc:
        raise fail(f"cannot open the store: {exc}") from exc
    except ClusterUnavailableError as exc:
        raise fail(str(exc)) from exc
    finally:
        state.close()
    title = f"{'Dry run' if dry_run else 'Run'} {report.run_id}: {report.status}"
    print_run_report(out, report, totals, title)
    if report.status == "aborted":
        raise fail(report.message, code=3)
    if report.errors:
        err.print(f"{len(report.errors)} input(s) quarantined; see `graph etl quarantine`")
        raise typer.Exit(1)


def etl_status(
    data: DataOption = None, limit: Annotated[int, typer.Option(help="How many runs.")] = 10
) -> None:
    """The last runs with their counts."""
    from graph.etl.state import EtlState
    from graph.report.console import runs_table

    state = EtlState(data_dir(data))
    runs = state.runs(limit)
    state.close()
    out.print(runs_table(runs))


def etl_quarantine(
    job: Annotated[str | None, typer.Argument(help="Only this job's items (needed with --retry).")] = None,
    retry: Annotated[bool, typer.Option("--retry", help="Reprocess the quarantined inputs.")] = False,
    show_all: Annotated[bool, typer.Option("--all", help="Include items resolved by a retry.")] = False,
    data: DataOption = None,
    store: StoreOption = None,
) -> None:
    """Inputs that were refused: file, line, reason, when; `--retry` reprocesses them."""
    from graph.etl.jobs import JobError, load_job
    from graph.etl.runner import run_job
    from graph.etl.state import EtlState
    from graph.ingest import INGEST_JOB
    from graph.report.console import quarantine_table, retry_message
    from graph.store import StoreError, open_store

    if retry and not job:
        raise fail("--retry needs the job whose quarantine to reprocess")
    if retry and job == INGEST_JOB:
        raise fail("what `graph ingest` refused is read again by `graph ingest` on the same files")
    spec = None
    if job:
        try:
            spec = load_job(job)
        except JobError as exc:
            if retry:
                raise fail(str(exc)) from exc
    state = EtlState(data_dir(data))
    try:
        if retry:
            try:
                with open_store(store, data, write=True) as graph_store:
                    report = run_job(spec, graph_store, state, retry_quarantine=True)
            except StoreError as exc:
                raise fail(str(exc)) from exc
            out.print(retry_message(report))
        items = state.quarantined(spec.name if spec else job, include_resolved=show_all)
    finally:
        state.close()
    out.print(quarantine_table(items))
