"""Rich tables for the terminal: ingest summaries, query results, community summaries."""

from __future__ import annotations

import json
import sys
from typing import Any

from rich.table import Table
from rich.text import Text

from graph.analysis.summary import CommunitySummary
from graph.etl.runner import RunReport
from graph.store.base import QueryResult


def cell(value: Any) -> Text:
    """A table cell shown as plain text: data is never read as rich markup or emoji codes."""
    if value is None:
        return Text("")
    if isinstance(value, list | dict):
        return Text(json.dumps(value, ensure_ascii=False))
    return Text(str(value))


def ingest_table(report: RunReport, totals: tuple[int, int] | None, title: str = "Ingest summary") -> Table:
    """What a run did, in the same words for `graph ingest` and `graph etl run`."""
    counts = report.counts
    table = Table(title=title, show_header=True)
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("documents new" + (" (would be)" if report.dry_run else ""), str(counts["new"]))
    table.add_row("documents unchanged", str(counts["unchanged"]))
    table.add_row("inputs refused", str(counts["failed"]))
    if report.dry_run or totals is None:
        return table
    table.add_row("nodes created", str(counts["nodes_created"]))
    table.add_row("relationships created", str(counts["relationships_created"]))
    table.add_row("graph nodes (total)", str(totals[0]))
    table.add_row("graph relationships (total)", str(totals[1]))
    return table


def errors_table(report: RunReport) -> Table:
    table = Table(title="Refused inputs", show_header=True)
    table.add_column("file")
    table.add_column("line", justify="right")
    table.add_column("reason")
    for error in report.errors:
        table.add_row(cell(error.path), cell(error.line), cell(error.reason))
    return table


def result_table(result: QueryResult, title: str | None = None) -> Table:
    table = Table(title=title, show_header=True, show_lines=False)
    for column in result.columns:
        table.add_column(column, overflow="fold")
    for row in result.rows:
        table.add_row(*(cell(v) for v in row))
    return table


def print_json_rows(result: QueryResult) -> None:
    """One JSON object per row on stdout, keyed by the returned names (for jq and scripts)."""
    for record in result.records():
        sys.stdout.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")


def communities_table(summaries: list[CommunitySummary], modularity: float) -> Table:
    table = Table(title=f"Communities (modularity {modularity:.3f})", show_header=True)
    for column in ("community", "size", "labels", "key members", "first seen", "last seen"):
        table.add_column(column, overflow="fold")
    for s in summaries:
        table.add_row(
            cell(s.community),
            cell(s.size),
            cell(", ".join(f"{k} {v}" for k, v in sorted(s.labels.items()))),
            cell("; ".join(s.top_members)),
            cell(s.first_seen),
            cell(s.last_seen),
        )
    return table
