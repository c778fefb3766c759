"""The one way data reaches a terminal table: as plain text, never read as markup, and within
the bound of `etl/report.yaml` (a longer value is cut and marked with its full length; `graph
query --json` gives it whole)."""

from __future__ import annotations

import json
from typing import Any

from rich.table import Table
from rich.text import Text

from graph.report.display import as_text, cut, money, settings


def cell(value: Any) -> Text:
    """A table cell shown as plain text: data is never read as rich markup or emoji codes, and a
    value longer than the bound is cut, with a mark that says so."""
    if value is None:
        return Text("")
    if isinstance(value, list) and all(not isinstance(v, list | dict) for v in value):
        return Text(cut(as_text(value)))  # names, aliases: as a person lists them
    if isinstance(value, list | dict):
        return Text(cut(json.dumps(value, ensure_ascii=False)))
    return Text(cut(str(value)))


def shown_rows(columns: list[str], rows: list[list[Any]]) -> list[list[Any]]:
    """Rows as a table shows them: an amount with its currency as people write it (the
    `money_columns` of etl/report.yaml), and the leading cells that repeat the row above left
    blank, so that an entity's id, name and aliases are shown once, not on each of its rows.

    >>> shown_rows(["name", "aliases", "relation", "total", "currency"],
    ...            [["Himen Aziz", ["هيمن عزيز"], "PAID", 90000.0, "USD"],
    ...             ["Himen Aziz", ["هيمن عزيز"], "CONTROLS", None, None]])
    [['Himen Aziz', ['هيمن عزيز'], 'PAID', '$90,000', 'USD'], ['', '', 'CONTROLS', None, None]]
    """
    money_columns = {
        columns.index(amount): columns.index(currency)
        for amount, currency in settings()["money_columns"].items()
        if amount in columns and currency in columns
    }
    out: list[list[Any]] = []
    previous: list[Any] | None = None
    for row in rows:
        shown = list(row)
        for at, currency_at in money_columns.items():
            if isinstance(row[at], int | float) and not isinstance(row[at], bool) and row[currency_at]:
                shown[at] = money(float(row[at]), str(row[currency_at]))
        if previous is not None:
            for j, value in enumerate(row[:-1]):
                if value != previous[j]:
                    break
                shown[j] = ""
        out.append(shown)
        previous = row
    return out


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
