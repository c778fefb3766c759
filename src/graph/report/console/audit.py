"""`graph audit`: the audit trail of questions as a table, or as JSON lines for other tools."""

from __future__ import annotations

import json
import sys
from typing import Any

from rich.table import Table

from graph.report.console.cells import cell


def audit_table(entries: list[dict[str, Any]]) -> Table:
    """One row per question: when, who, the command, what was asked, the store, what came back."""
    table = Table(title=f"Audit trail ({len(entries)} questions)")
    for column in ("time (UTC)", "analyst", "command", "question", "store", "rows", "outcome"):
        table.add_column(column, justify="right" if column == "rows" else "left")
    for entry in entries:
        table.add_row(
            cell(entry.get("time")),
            cell(entry.get("analyst")),
            cell(entry.get("command")),
            cell(question(entry)),
            cell(entry.get("store")),
            cell(entry.get("rows")),
            cell(entry.get("error") or "ok"),
        )
    return table


def question(entry: dict[str, Any]) -> str:
    """What was asked, in one cell: the named query and its parameters, the Cypher and its
    parameters, or the command's options that were given."""
    params = entry.get("params") or {}
    shown = json.dumps(params, ensure_ascii=False, default=str) if params else ""
    if entry.get("name"):
        return f"--name {entry['name']} {shown}".strip()
    if entry.get("cypher"):
        return f"{' '.join(str(entry['cypher']).split())} {shown}".strip()
    options = {k: v for k, v in (entry.get("options") or {}).items() if v not in (None, False, [])}
    return json.dumps(options, ensure_ascii=False, default=str)


def print_audit_json(entries: list[dict[str, Any]]) -> None:
    """One JSON object per question on stdout, as the log holds it (for jq and scripts)."""
    for entry in entries:
        sys.stdout.write(json.dumps(entry, ensure_ascii=False, default=str) + "\n")
