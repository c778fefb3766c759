"""What runs did, for `graph ingest`, `graph run` and `graph etl`: the run summary, refused
inputs, the run log and the quarantine."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from graph.report.console.cells import cell
from graph.report.console.watch import alerts_table

if TYPE_CHECKING:
    from graph.etl.runner import RunReport
    from graph.etl.state import QuarantineItem


def ingest_table(report: RunReport, totals: tuple[int, int] | None, title: str = "Ingest summary") -> Table:
    """What a run did, in the same words for `graph ingest` and `graph etl run`."""
    counts = report.counts
    table = Table(title=title, show_header=True)
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("documents new" + (" (would be)" if report.dry_run else ""), str(counts["new"]))
    table.add_row("documents unchanged", str(counts["unchanged"]))
    if counts["unchanged_other_ner"]:
        kept = str(counts["unchanged_other_ner"])
        table.add_row("  of which extracted with the other NER model (kept)", kept)
    table.add_row("inputs refused", str(counts["failed"]))
    if report.dry_run or totals is None:
        return table
    table.add_row("nodes created", str(counts["nodes_created"]))
    table.add_row("relationships created", str(counts["relationships_created"]))
    table.add_row("graph nodes (total)", str(totals[0]))
    table.add_row("graph relationships (total)", str(totals[1]))
    return table


def errors_table(report: RunReport) -> Table:
    """The inputs a run refused: file, line and reason."""
    table = Table(title="Refused inputs", show_header=True)
    table.add_column("file")
    table.add_column("line", justify="right")
    table.add_column("reason")
    for error in report.errors:
        table.add_row(cell(error.path), cell(error.line), cell(error.reason))
    return table


def print_run_report(
    out: Console,
    report: RunReport,
    totals: tuple[int, int] | None,
    title: str = "Ingest summary",
    alerts: bool = True,
) -> None:
    """The run summary, then the refused inputs if there were any, and the watched entities
    the new documents name (unless `alerts` is False: `graph run` shows them with its findings)."""
    out.print(ingest_table(report, totals, title))
    if report.errors:
        out.print(errors_table(report))
    if report.alerts and alerts:
        out.print(alerts_table(report.alerts, "Watched entities in the new documents"))
    if report.message and report.status != "aborted":  # an aborted run's message is its error
        out.print(Text(report.message))


def runs_table(runs: list[dict[str, Any]]) -> Table:
    """The ETL run log with each run's counts, as `EtlState.runs` gives it."""
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
    return table


def retry_message(report: RunReport) -> str:
    """The outcome of reprocessing a quarantine."""
    return f"retried: {report.counts['new']} new, {report.counts['failed']} still refused"


def quarantine_table(items: list[QuarantineItem]) -> Table:
    """Refused inputs with where, why, when and how often."""
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
    return table
