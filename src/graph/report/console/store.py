"""What the store holds and what was made from it: query results (tables or JSON lines), the
named queries, counts, SAME_AS links, and the report and export files written."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from graph.report.console.cells import cell, keyed_table, shown_rows
from graph.report.display import settings

if TYPE_CHECKING:
    from graph.report.data import ReportData
    from graph.report.exports import ExportSummary
    from graph.report.html import ReportFiles
    from graph.resolve.crossdoc import Link
    from graph.store.base import QueryResult
    from graph.store.library import NamedQuery


def result_table(result: QueryResult, title: str | None = None) -> Table:
    """Query rows under their returned names, as people read them (`shown_rows`); the columns
    etl/report.yaml keeps for --json (a document's hash) are left out, and the caption says so."""
    hidden = [c for c in settings()["json_only_columns"] if c in result.columns]
    kept = [i for i, c in enumerate(result.columns) if c not in hidden]
    caption = f"{', '.join(hidden)}: with --json" if hidden else None
    table = Table(title=title, caption=caption, show_header=True, show_lines=False)
    for i in kept:
        table.add_column(result.columns[i], overflow="fold")
    for row in shown_rows([result.columns[i] for i in kept], [[row[i] for i in kept] for row in result.rows]):
        table.add_row(*(cell(v) for v in row))
    return table


def print_json_rows(result: QueryResult) -> None:
    """One JSON object per row on stdout, keyed by the returned names (for jq and scripts)."""
    for record in result.records():
        sys.stdout.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")


def print_named_queries(out: Console, library: dict[str, NamedQuery]) -> None:
    """One line per named query: its name, parameters and description."""
    for item in library.values():
        params = ", ".join(item.params)
        out.print(f"[bold]{item.name}[/] ({params}): {item.description}")


def counts_table(counts: dict[str, int]) -> Table:
    """Nodes per label and relationships per type."""
    table = Table(title="Graph contents")
    table.add_column("label or type")
    table.add_column("count", justify="right")
    for key, value in counts.items():
        table.add_row(key, str(value))
    return table


def links_found_message(links: list[Link]) -> str:
    """How many SAME_AS links a resolution found."""
    return f"{len(links)} SAME_AS link(s) found"


def split_message(node_id: str, undone: int) -> str:
    """How many SAME_AS links of a node a split undid."""
    return f"split {escape(node_id)}: {undone} link(s) undone, each by a 'not the same' judgement"


def links_table(links: list[dict[str, Any]]) -> Table:
    """The SAME_AS links with the names they join, their score and method."""
    columns = {"a": "a", "name a": "name_a", "b": "b", "name b": "name_b"}
    return keyed_table("SAME_AS links", {**columns, "score": "score", "method": "method"}, links)


def print_report_files(out: Console, files: ReportFiles, data: ReportData) -> None:
    """The HTML report written (size, actors, sourced relationships), then each picture."""
    out.print(
        f"report: {files.html} ({files.size_bytes / 1024:.0f} KB, {data.stats['nodes']} actors, "
        f"{len(data.provenance)} relationships with their sources)"
    )
    for picture in files.pictures:
        out.print(f"picture: {picture}")


def export_message(summary: ExportSummary) -> str:
    """What an export wrote: format, counts and files."""
    return f"{summary.fmt}: {summary.nodes} nodes, {summary.relationships} relationships -> " + ", ".join(
        str(f) for f in summary.files
    )
