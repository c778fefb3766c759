"""CSV export for spreadsheets and i2 Analyst's Notebook: a folder holding `entities.csv`,
`links.csv` and `documents.csv` (the documents that the `doc_id`/`documents` columns name), in
plain UTF-8 written with the csv module. Lists are joined with " | ". A cell that a spreadsheet
would run as a formula (it starts with = + - @, a tab or a carriage return and is not a number)
gets a leading apostrophe unless `guard_formulas=False`, because names and handles come from
hostile sources."""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from graph.analysis.io import is_number
from graph.ontology import Ontology
from graph.report.exports.common import (
    INTERNAL_PROPERTIES,
    LIST_SEPARATOR,
    ExportSummary,
    Snapshot,
    display_name,
    read_documents,
    read_entity_graph,
)
from graph.report.files import output_folder, outputs
from graph.store.base import GraphStore

PROVENANCE_COLUMNS = [
    "doc_id",
    "start",
    "end",
    "sentence",
    "extractor",
    "confidence",
    "first_seen",
    "last_seen",
    "documents",
]
LINK_COLUMNS = ["source_id", "source_label", "type", "target_id", "target_label", "role"]
DOCUMENT_COLUMNS = ["id", "title", "source", "url", "published", "lang", "path", "ingested_at"]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any, guard: bool) -> str:
    """A value as CSV text: lists joined, booleans as true/false, formulas defused when `guard`."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        text = LIST_SEPARATOR.join(cell(v, False) for v in value if v is not None)
    elif isinstance(value, dict):
        text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    else:
        text = str(value)
    if guard and text.startswith(FORMULA_START) and not is_number(text):
        return "'" + text
    return text


def _columns(base: list[str], extra: Iterable[str], tail: list[str]) -> list[str]:
    """`base`, then the `extra` columns not yet named (in their order), then `tail`."""
    seen = set(base) | set(tail)
    return base + [c for c in extra if not (c in seen or seen.add(c))] + tail


def entity_table(snapshot: Snapshot, ontology: Ontology) -> tuple[list[str], list[dict[str, Any]]]:
    """The entities as one table: id, label, name, aliases, every property, provenance last."""
    skip = {"id", "name", "aliases", "text", "path", *INTERNAL_PROPERTIES, *ontology.provenance}
    known = [p for label in ontology.entity_labels for p in ontology.properties(label) if p not in skip]
    found = sorted({p for node in snapshot.nodes for p in node.props if p not in skip})
    columns = _columns(["id", "label", "name", "aliases"], [*known, *found], PROVENANCE_COLUMNS)
    rows = [
        {
            **node.props,
            "label": node.label,
            "name": display_name(node, ontology),
            "aliases": node.props.get("aliases"),
            **provenance(node.props),
        }
        for node in snapshot.nodes
    ]
    return columns, rows


def link_table(snapshot: Snapshot, ontology: Ontology) -> tuple[list[str], list[dict[str, Any]]]:
    """The relationships as one table: both ends, type, role, provenance, their properties."""
    link_skip = {"key", "role", *ontology.provenance}
    link_found = sorted({p for edge in snapshot.edges for p in edge.props if p not in link_skip})
    columns = [*_columns(LINK_COLUMNS, [], PROVENANCE_COLUMNS), "key", *link_found]
    rows = [
        {
            **edge.props,
            "source_id": edge.source,
            "source_label": edge.source_label,
            "type": edge.type,
            "target_id": edge.target,
            "target_label": edge.target_label,
            **provenance(edge.props),
        }
        for edge in snapshot.edges
    ]
    return columns, rows


def provenance(props: dict[str, Any]) -> dict[str, Any]:
    """The provenance columns of a node's or relationship's properties."""
    return {**{c: props.get(c) for c in PROVENANCE_COLUMNS[:-1]}, "documents": props.get("doc_ids")}


def export_csv(store: GraphStore, folder: Path, *, guard_formulas: bool = True) -> ExportSummary:
    """Write entities.csv, links.csv and documents.csv into `folder` for spreadsheets and i2
    Analyst's Notebook: one row per entity and per relationship, provenance in every row."""
    snapshot = read_entity_graph(store)
    documents = read_documents(store)
    folder = output_folder(folder)
    entity_columns, entity_rows = entity_table(snapshot, store.ontology)
    link_columns, link_rows = link_table(snapshot, store.ontology)
    document_rows = [doc.props for doc in documents]
    files = []
    with outputs() as written:  # the three files replace the old ones together, or none does
        for name, columns, rows in (
            ("entities.csv", entity_columns, entity_rows),
            ("links.csv", link_columns, link_rows),
            ("documents.csv", DOCUMENT_COLUMNS, document_rows),
        ):
            target = folder / name
            with written.open(target, newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(columns)
                for row in rows:
                    writer.writerow([cell(row.get(c), guard_formulas) for c in columns])
            files.append(target)
    return ExportSummary(
        "csv", folder, len(entity_rows), len(link_rows), files, {"documents": len(document_rows)}
    )
