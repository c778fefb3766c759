"""`graph audit`: who asked the graph what, when, of which store, and what it answered."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from graph.cli.common import DataOption, err, fail, out


def audit(
    since: Annotated[
        str | None, typer.Option(help="Only questions from this date or time (ISO, UTC), e.g. 2024-06-01.")
    ] = None,
    analyst: Annotated[str | None, typer.Option(help="Only the questions of this analyst.")] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="One JSON object per question, as the log holds it.")
    ] = False,
    data: DataOption = None,
) -> None:
    """Show the audit trail of questions (query, analyse, disrupt, report, export): one line per
    question in <data>/audit/YYYY-MM-DD.jsonl, or GRAPH_AUDIT_DIR."""
    from graph.audit import read_log
    from graph.report.console import audit_table, print_audit_json

    try:
        entries, problems = read_log(data, since=since, analyst=analyst)
    except ValueError as exc:
        raise fail(str(exc)) from exc
    for problem in problems:
        err.print(f"[yellow]unreadable audit line:[/] {escape(problem)}", highlight=False, soft_wrap=True)
    if as_json:
        print_audit_json(entries)
    else:
        out.print(audit_table(entries))
