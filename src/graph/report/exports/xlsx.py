"""Excel export (`graph export --format xlsx`) for spreadsheets and i2 Analyst's Notebook's import:
one workbook, one sheet per label (its entities) and one per relationship type (its links), then
the documents, each with the same columns as the CSV export (csv_files.py), written by openpyxl
in write-only mode. A column no row of a sheet fills is left out of that sheet. Numbers stay
numbers; every text cell is stored as text (never a formula), and a text that a spreadsheet
would run as one gets the same leading apostrophe as in the CSV, because names and handles come
from hostile sources."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from functools import cache
from pathlib import Path
from typing import Any

from graph.report.exports.common import ExportSummary, read_documents, read_entity_graph
from graph.report.exports.csv_files import DOCUMENT_COLUMNS, cell, entity_table, link_table
from graph.report.files import atomic_write
from graph.store.base import GraphStore

SHEET_NAME_CHARS = 31  # Excel's limit
REPLACED = "cells with control characters replaced"


@cache
def openpyxl_cells() -> tuple[Any, re.Pattern[str]]:
    """openpyxl's write-only cell and the characters a worksheet cannot hold, imported once
    when a workbook is written (not by every export, nor for every cell)."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return WriteOnlyCell, ILLEGAL_CHARACTERS_RE


def value_cell(sheet: Any, value: Any, replaced: Counter) -> Any:
    """One cell: a finite number as a number, anything else as guarded text, never a formula.
    A worksheet cannot hold control characters: each becomes U+FFFD, counted in `replaced`."""
    cell_type, illegal = openpyxl_cells()
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return cell_type(sheet, value=value)
    text, n = illegal.subn("\ufffd", cell(value, True))
    replaced[REPLACED] += 1 if n else 0
    written = cell_type(sheet, value=text)
    written.data_type = "s"  # a text that starts with "=" is still text
    return written


def sheet_name(name: str, taken: set[str]) -> str:
    """A sheet name Excel accepts (31 characters, none of []:*?/\\), unique in the workbook.

    >>> sheet_name("PARTICIPATED_IN", set()), sheet_name("x" * 40, {"x" * 31})
    ('PARTICIPATED_IN', 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx2')
    """
    base = "".join("_" if ch in "[]:*?/\\" else ch for ch in name)[:SHEET_NAME_CHARS] or "sheet"
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base[: SHEET_NAME_CHARS - len(str(n))]}{n}"
    taken.add(candidate)
    return candidate


def export_xlsx(store: GraphStore, path: Path) -> ExportSummary:
    """Write the workbook at `path`: a sheet per label, per relationship type, and Documents."""
    from openpyxl import Workbook

    snapshot = read_entity_graph(store)
    entity_columns, entity_rows = entity_table(snapshot, store.ontology)
    link_columns, link_rows = link_table(snapshot, store.ontology)
    documents = [doc.props for doc in read_documents(store)]
    sheets: dict[str, tuple[list[str], list[dict[str, Any]]]] = {}
    by_label: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in entity_rows:
        by_label[row["label"]].append(row)
    by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in link_rows:
        by_type[row["type"]].append(row)
    for label in sorted(by_label):
        sheets[label] = (entity_columns, by_label[label])
    for type_ in sorted(by_type):
        sheets[type_] = (link_columns, by_type[type_])
    sheets["Documents"] = (DOCUMENT_COLUMNS, documents)
    workbook = Workbook(write_only=True)
    taken: set[str] = set()
    replaced: Counter = Counter({REPLACED: 0})
    for name, (columns, rows) in sheets.items():
        sheet = workbook.create_sheet(sheet_name(name, taken))
        used = [c for c in columns if any(row.get(c) not in (None, "", []) for row in rows)] or columns[:1]
        sheet.append(used)
        for row in rows:
            sheet.append([value_cell(sheet, row.get(c), replaced) for c in used])
    with atomic_write(path, binary=True) as handle:
        workbook.save(handle)
    return ExportSummary(
        "xlsx",
        path,
        len(entity_rows),
        len(link_rows),
        [path],
        {"documents": len(documents), "sheets": len(sheets), **replaced},
    )
