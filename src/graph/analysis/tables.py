"""The disruption curves as tables: the LCC share per step and strategy (what the terminal and
the first CSV showed), and every measure of every curve, one row per strategy and step (what
`graph disrupt --csv` writes)."""

from __future__ import annotations

import csv
from collections.abc import Hashable, Mapping, Sequence
from pathlib import Path
from typing import Any, TextIO

import networkx as nx

from graph.analysis.disruption import AttackCurve

Node = Hashable
COLUMNS = (
    "strategy",
    "measure",
    "form",
    "weighted",
    "step",
    "removed",
    "removed_names",
    "lcc",
    "lcc_fraction",
    "lcc_fraction_std",
    "components",
    "efficiency",
    "fragmentation",
    "robustness",
)


def lcc_table(curves: Mapping[str, AttackCurve]) -> list[dict[str, Any]]:
    """Rows of the disruption table: one per removal step (0 = intact), one LCC-fraction column per
    strategy, plus `random_std` when the random baseline is present; blank where a curve ended."""
    length = max((len(c.lcc_fraction) for c in curves.values()), default=0)
    rows = []
    for step in range(length):
        row: dict[str, Any] = {"step": step}
        for name, curve in curves.items():
            row[name] = _at(curve.lcc_fraction, step)
            if curve.lcc_fraction_std is not None:
                row[f"{name}_std"] = _at(curve.lcc_fraction_std, step)
        rows.append(row)
    return rows


def write_lcc_csv(curves: Mapping[str, AttackCurve], target: str | Path | TextIO) -> None:
    """Write `lcc_table(curves)` as CSV to a path or an open text stream."""
    _write(lcc_table(curves), target)


def measures_table(curves: Mapping[str, AttackCurve], graph: nx.Graph | None = None) -> list[dict[str, Any]]:
    """Every curve and measure, one row per strategy and step (`COLUMNS`): who was removed at
    that step (ids, and names from `graph`'s ``name`` attribute, ``;``-separated), the largest
    component (size and share), its standard deviation for random removal, components, global
    efficiency, fragmentation and the robustness R accumulated so far."""
    rows = []
    for name, curve in curves.items():
        r = curve.robustness() if curve.lcc else []
        for step in range(len(curve.lcc_fraction)):
            removed = curve.removed_at[step - 1] if 0 < step <= len(curve.removed_at) else []
            rows.append(
                {
                    "strategy": name,
                    "measure": curve.measure,
                    "form": curve.form,
                    "weighted": curve.weighted,
                    "step": step,
                    "removed": ";".join(map(str, removed)),
                    "removed_names": ";".join(_name(graph, n) for n in removed),
                    "lcc": _at(curve.lcc, step),
                    "lcc_fraction": curve.lcc_fraction[step],
                    "lcc_fraction_std": _at(curve.lcc_fraction_std or [], step),
                    "components": curve.components[step],
                    "efficiency": _at(curve.efficiency or [], step),
                    "fragmentation": _at(curve.fragmentation, step),
                    "robustness": _at(r, step),
                }
            )
    return rows


def write_measures_csv(
    curves: Mapping[str, AttackCurve], target: str | Path | TextIO, graph: nx.Graph | None = None
) -> None:
    """Write `measures_table` as CSV (header `COLUMNS`) to a path or an open text stream."""
    _write(measures_table(curves, graph), target, COLUMNS)


def _name(graph: nx.Graph | None, node: Node) -> str:
    if graph is None or node not in graph:
        return str(node)
    return str(graph.nodes[node].get("name") or node)


def _at(values: Sequence[float], step: int) -> float | str:
    return values[step] if step < len(values) else ""


def _write(rows: list[dict[str, Any]], target: str | Path | TextIO, columns: Sequence[str] = ()) -> None:
    if isinstance(target, str | Path):
        with open(target, "w", encoding="utf-8", newline="") as handle:
            _write_rows(rows, handle, columns)
    else:
        _write_rows(rows, target, columns)


def _write_rows(rows: list[dict[str, Any]], handle: TextIO, columns: Sequence[str]) -> None:
    fields = list(columns) or (list(rows[0]) if rows else [])
    if not fields:
        return
    writer = csv.DictWriter(handle, fieldnames=fields)
    writer.writeheader()
    writer.writerows(rows)
