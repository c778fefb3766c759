"""`graph report` and `graph export`: the graph as an HTML report, or in the formats of the
tools investigators use."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from graph.cli.common import DataOption, StoreOption, fail, out


def report(
    out_path: Annotated[Path, typer.Option("--out", help="The HTML file to write.")] = Path("report.html"),
    png: Annotated[bool, typer.Option("--png", help="Also write PNG and SVG pictures beside it.")] = False,
    projection: Annotated[str, typer.Option(help="Projection from etl/projections.yaml.")] = "actors",
    size_by: Annotated[
        str, typer.Option(help="Node size: betweenness, degree, eigenvector, strength.")
    ] = "betweenness",
    data: DataOption = None,
    store: StoreOption = None,
) -> None:
    """Write a self-contained HTML report: the network, communities, disruption, timeline, provenance.

    It shows the analysis stored in the graph; where there is none for the projection, it runs
    `graph analyse` once and writes it back first (so it opens the store as a writer)."""
    from graph.report.console import print_report_files
    from graph.report.data import gather
    from graph.report.html import write_report
    from graph.store import StoreError, open_store

    try:
        with open_store(store, data, write=True) as graph_store:
            report_data = gather(graph_store, projection=projection, size_by=size_by)
    except (StoreError, KeyError) as exc:
        raise fail(str(exc)) from exc
    files = write_report(report_data, out_path, pictures=png, size_by=size_by)
    print_report_files(out, files, report_data)


def export(
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="graphml, gexf (Gephi), csv (spreadsheets, i2), "
            "cypher (rebuild in another Neo4j), ftm (FollowTheMoney JSON lines, Aleph).",
        ),
    ],
    out_path: Annotated[Path, typer.Option("--out", help="File to write (a folder for csv).")],
    data: DataOption = None,
    store: StoreOption = None,
) -> None:
    """Export the graph, with analysis results and provenance, for the tools investigators use."""
    from graph.report.console import export_message
    from graph.report.exports import export_graph
    from graph.store import StoreError, open_store

    try:
        with open_store(store, data) as graph_store:
            summary = export_graph(graph_store, fmt, out_path)
    except (StoreError, ValueError) as exc:
        raise fail(str(exc)) from exc
    out.print(export_message(summary))
