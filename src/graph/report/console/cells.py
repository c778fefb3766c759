"""The one way data reaches a terminal table: as plain text, never read as markup, and within
the bound of `etl/report.yaml` (a longer value is cut and marked with its full length; `graph
query --json` gives it whole)."""

from __future__ import annotations

import json
from typing import Any

from rich.table import Table
from rich.text import Text

from graph.report.display import cut


def cell(value: Any) -> Text:
    """A table cell shown as plain text: data is never read as rich markup or emoji codes, and a
    value longer than the bound is cut, with a mark that says so."""
    if value is None:
        return Text("")
    if isinstance(value, list | dict):
        return Text(cut(json.dumps(value, ensure_ascii=False)))
    return Text(cut(str(value)))


def keyed_table(title: str, columns: dict[str, str], rows: list[dict[str, Any]]) -> Table:
    """A table of `rows` (dicts), one column per header of `columns` showing that key's value,
    with the row count in the title."""
    table = Table(title=f"{title} ({len(rows)})")
    for header in columns:
        table.add_column(header)
    for row in rows:
        table.add_row(*(cell(row[key]) for key in columns.values()))
    return table


def not_found_message(name: str, near: list[str]) -> str:
    """What to say of a name that matches nothing (cut as every shown value is): the nearest
    ones, if any.

    >>> not_found_message("Karwan Salih", ["Karwan Saleh"])
    "no match for 'Karwan Salih' (nearest: Karwan Saleh)"
    """
    return f"no match for {cut(name)!r}" + (f" (nearest: {', '.join(map(cut, near))})" if near else "")
