"""`graph report` and `graph export`: the graph as an HTML report, or in the formats of the
tools investigators use.

Where they write: a missing folder on the way is created; an --out that names a folder (or, for
a csv export, a file) is refused before the graph is read; every file is written whole and then
moved into place, so a failed write (a full disk, a read-only folder) leaves the old report or
export as it was. Such a failure is one line on stderr naming the path and the reason, exit
status 2 (3 for a full disk, as `graph ingest`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from graph.cli.common import AnalystOption, DataOption, StoreOption, fail, out

if TYPE_CHECKING:
    from graph.report.files import OutputError


def output_failed(exc: OutputError) -> typer.Exit:
    """One line for an output that cannot be written; status 3 for a full disk, else 2."""
    return fail(str(exc), code=3 if exc.disk_full else 2)


def report(
    out_path: Annotated[
        Path, typer.Option("--out", help="The HTML file to write (a missing folder is created).")
    ] = Path("report.html"),
    png: Annotated[bool, typer.Option("--png", help="Also write PNG and SVG pictures beside it.")] = False,
    projection: Annotated[str, typer.Option(help="Projection from etl/projections.yaml.")] = "actors",
    size_by: Annotated[
        str, typer.Option(help="Node size: betweenness, degree, eigenvector, strength.")
    ] = "betweenness",
    data: DataOption = None,
    store: StoreOption = None,
    analyst: AnalystOption = None,
) -> None:
    """Write a self-contained HTML report: the network, communities, disruption, timeline, provenance.

    It shows the analysis stored in the graph; where there is none for the projection, it runs
    `graph analyse` once and writes it back first (so it opens the store as a writer). The
    question (options, the statements read) and what was written go to the audit trail."""
    from graph.audit import audited
    from graph.report.console import print_report_files
    from graph.report.data import gather
    from graph.report.files import OutputError, output_file
    from graph.report.html import write_report
    from graph.store import StoreError, open_store

    options = {"out": str(out_path), "png": png, "projection": projection, "size_by": size_by}
    question = audited("report", analyst=analyst, store=store, data=data, options=options)
    try:
        with question as entry:
            output_file(out_path)  # before the graph is read (and perhaps analysed)
            with open_store(store, data, write=True) as graph_store:
                report_data = gather(entry.watch(graph_store), projection=projection, size_by=size_by)
            files = write_report(report_data, out_path, pictures=png, size_by=size_by)
            entry.rows = report_data.stats["nodes"]
            entry.detail = {
                "relationships": len(report_data.provenance),
                "files": [str(files.html), *map(str, files.pictures)],
            }
    except OutputError as exc:
        raise output_failed(exc) from exc
    except (StoreError, KeyError) as exc:
        raise fail(str(exc)) from exc
    print_report_files(out, files, report_data)


def export(
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="graphml, gexf (Gephi), csv (spreadsheets, i2), xlsx (a workbook: a sheet per label "
            "and per relationship type), cypher (rebuild in another Neo4j), "
            "ftm (FollowTheMoney JSON lines, Aleph).",
        ),
    ],
    out_path: Annotated[
        Path, typer.Option("--out", help="File to write (a folder for csv); a missing folder is created.")
    ],
    data: DataOption = None,
    store: StoreOption = None,
    analyst: AnalystOption = None,
) -> None:
    """Export the graph, with analysis results and provenance, for the tools investigators use.
    The question (format, the statements read) and what was written go to the audit trail."""
    from graph.audit import audited
    from graph.report.console import export_message
    from graph.report.exports import export_graph
    from graph.report.files import OutputError
    from graph.store import StoreError, open_store

    options = {"format": fmt, "out": str(out_path)}
    question = audited("export", analyst=analyst, store=store, data=data, options=options)
    try:
        with question as entry, open_store(store, data) as graph_store:
            summary = export_graph(entry.watch(graph_store), fmt, out_path)
            entry.rows = summary.nodes
            entry.detail = {"relationships": summary.relationships, "files": [str(f) for f in summary.files]}
    except OutputError as exc:
        raise output_failed(exc) from exc
    except (StoreError, ValueError) as exc:
        raise fail(str(exc)) from exc
    out.print(export_message(summary))
