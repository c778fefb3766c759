"""The watch list and its alerts on the terminal: tables, or JSON lines for other tools."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table

from graph.report.console.cells import cell, keyed_table

if TYPE_CHECKING:
    from graph.watch.alerts import Alert


def watches_table(watches: list[dict[str, Any]]) -> Table:
    """The entries of the watch list."""
    columns = {"id": "id", "kind": "kind", "value": "value", "reason": "reason"}
    return keyed_table("Watch list", {**columns, "added by": "added_by", "added at": "added_at"}, watches)


def alerts_table(alerts: list[Alert], title: str = "Alerts") -> Table:
    """Each watched entity found: what was watched, what was found, where and in which words."""
    table = Table(title=f"{title} ({len(alerts)})")
    for column in ("raised", "watched", "found", "match", "report", "published", "sentence"):
        table.add_column(column, overflow="fold")
    for a in alerts:
        table.add_row(
            cell(a.raised_at),
            cell(f"{a.watch_kind} {a.watch_value}"),
            cell(a.entity_name),
            cell(f"{a.method} {a.score:.2f}"),
            cell(a.document or a.doc_id),
            cell(a.published),
            cell(a.sentence),
        )
    return table


def print_alerts(out: Console, alerts: list[Alert], as_json: bool, title: str = "Alerts") -> None:
    """Alerts as a table, or one JSON object per line on stdout (`--json`, for jq and scripts)."""
    if as_json:
        for alert in alerts:
            sys.stdout.write(json.dumps(asdict(alert), ensure_ascii=False) + "\n")
        return
    out.print(alerts_table(alerts, title))
