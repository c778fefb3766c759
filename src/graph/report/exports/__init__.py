"""Exports of the graph for the tools investigators already use: Gephi (GraphML, GEXF),
spreadsheets and i2 Analyst's Notebook (CSV, or one Excel workbook: a sheet per label and per
relationship type), another Neo4j or embedded store (a Cypher script), and Aleph (FollowTheMoney
entities as JSON lines), one module each; `export_graph` picks one by name.

GraphML and GEXF hold the entity graph: every node except `Document` and `Run`, every
relationship except `MENTIONS` (the link from a document to what it mentions). The CSV and FtM
exports list the documents beside it; the Cypher script holds everything. Every export is read
from the store with paged read-only queries (common.py), so it works the same on both stores."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from graph.report.exports.common import (
    Edge,
    ExportSummary,
    Node,
    Snapshot,
    display_name,
    read_entity_graph,
    read_snapshot,
)
from graph.report.exports.csv_files import export_csv
from graph.report.exports.cypher import (
    cypher_literal,
    cypher_name,
    cypher_script,
    cypher_statements,
    cypher_string,
    export_cypher,
)
from graph.report.exports.ftm import (
    ABSTRACT_FTM,
    FTM_ID,
    FTM_PROPERTIES,
    FtmEntity,
    export_ftm,
    ftm_entities,
    ftm_id,
    ftm_properties,
    ftm_schema,
)
from graph.report.exports.gexf import export_gexf, gexf_graph
from graph.report.exports.graphml import entity_graph, export_graphml
from graph.report.exports.xlsx import export_xlsx
from graph.report.files import output_file, output_folder
from graph.store.base import GraphStore

FORMATS = ("graphml", "gexf", "csv", "xlsx", "cypher", "ftm")
EXPORTERS: dict[str, Callable[[GraphStore, Path], ExportSummary]] = {
    "graphml": export_graphml,
    "gexf": export_gexf,
    "csv": export_csv,
    "xlsx": export_xlsx,
    "cypher": export_cypher,
    "ftm": export_ftm,
}


def export_graph(store: GraphStore, fmt: str, path: Path) -> ExportSummary:
    """Export the graph in `fmt` (graphml, gexf, csv, xlsx, cypher, ftm) to `path` (a folder for csv).

    The path is checked before the graph is read (a missing folder is created; a folder given
    for a file, or a file for the csv folder, is refused) and every file is written whole and
    moved into place (report/files.py): a failed export leaves the old files as they were and
    raises OutputError, which names the path and the reason."""
    exporter = EXPORTERS.get(fmt.lower())
    if exporter is None:
        raise ValueError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    path = output_folder(path) if fmt.lower() == "csv" else output_file(path)
    return exporter(store, path)


__all__ = [
    "ABSTRACT_FTM",
    "EXPORTERS",
    "FORMATS",
    "FTM_ID",
    "FTM_PROPERTIES",
    "Edge",
    "ExportSummary",
    "FtmEntity",
    "Node",
    "Snapshot",
    "cypher_literal",
    "cypher_name",
    "cypher_script",
    "cypher_statements",
    "cypher_string",
    "display_name",
    "entity_graph",
    "export_csv",
    "export_cypher",
    "export_ftm",
    "export_gexf",
    "export_graph",
    "export_graphml",
    "export_xlsx",
    "ftm_entities",
    "ftm_id",
    "ftm_properties",
    "ftm_schema",
    "gexf_graph",
    "read_entity_graph",
    "read_snapshot",
]
