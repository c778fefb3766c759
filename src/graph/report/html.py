"""`graph report`: one self-contained HTML file (scripts, styles and pictures inlined, no
network needed to open it) and, on request, PNG and SVG pictures beside it.

The interactive network uses vis-network, the library behind pyvis, from the copy that the
pyvis package ships: maintained, draws thousands of nodes on a canvas, renders Arabic labels
with the browser's own text shaping, and is one script we can inline. Our own template adds the
filters and the panel of sources that investigators need, which pyvis's page does not have."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from graph.report import charts
from graph.report.data import TIMELINE_KINDS, ReportData
from graph.report.files import Outputs, output_file, outputs

TEMPLATES = Path(__file__).resolve().parent / "templates"


def _vis_assets() -> tuple[str, str]:
    import pyvis

    folder = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2"
    return (folder / "vis-network.min.js").read_text(encoding="utf-8"), (
        folder / "vis-network.css"
    ).read_text(encoding="utf-8")


def _json(value) -> str:
    """JSON safe to put inside <script>: no '</' can close the element early."""
    return json.dumps(value, ensure_ascii=False, default=str).replace("</", "<\\/")


@dataclass
class ReportFiles:
    html: Path
    pictures: list[Path]
    size_bytes: int


def write_report(
    data: ReportData, path: Path, *, pictures: bool = False, size_by: str = "betweenness"
) -> ReportFiles:
    """Write the report to `path` and, with `pictures`, its PNG and SVG pictures beside it: all
    written whole and moved into place together, so a failed write leaves the old report and
    pictures as they were. Raises OutputError naming the path and the reason."""
    path = output_file(path)
    vis_js, vis_css = _vis_assets()
    best = min(
        (c for c in data.curves.values() if c.strategy != "random"), key=lambda c: c.auc(), default=None
    )
    names = {n["id"]: n["label"] for n in data.nodes}
    names.update({m: d["names"][0] for n, d in data.details.items() for m in d["members"]})
    targets = (
        []
        if best is None
        else [
            {
                "rank": rank,
                "name": data.graph.nodes[node].get("name") or node,
                "lcc": round(best.lcc_fraction[rank], 3),
                "components": int(best.components[rank]),
            }
            for rank, node in enumerate(best.removed, start=1)
        ]
    )
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "j2"])
    )
    html = environment.get_template("report.html.j2").render(
        title=data.title,
        stats=data.stats,
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        communities=data.communities,
        labels=sorted({n["group"] for n in data.nodes}),
        size_by=size_by,
        curves_svg=charts.svg(charts.curves_figure(data.curves)) if data.curves else "",
        timeline_svg=charts.svg(charts.timeline_figure(data.timeline, TIMELINE_KINDS))
        if data.timeline
        else "",
        targets=targets,
        best_strategy=best.strategy if best else "",
        timeline=data.timeline,
        kinds=TIMELINE_KINDS,
        provenance=data.provenance,
        names=names,
        vis_js=vis_js,
        vis_css=vis_css,
        nodes_json=_json(data.nodes),
        edges_json=_json(data.edges),
        details_json=_json(data.details),
    )
    written: list[Path] = []
    with outputs() as files:  # all written whole, then moved into place together (files.py)
        files.write_text(path, html)
        if pictures:
            written = _pictures(data, path, files)
    return ReportFiles(path, written, path.stat().st_size)


def _pictures(data: ReportData, path: Path, files: Outputs) -> list[Path]:
    """The network, disruption and timeline pictures, as PNG and SVG beside `path`."""
    sizes = {n["id"]: n["size"] for n in data.nodes}
    written = charts.save(
        charts.network_figure(data.graph, data.analysis.partition, sizes),
        path.with_name(path.stem + "-network"),
        files,
    )
    if data.curves:
        written += charts.save(
            charts.curves_figure(data.curves), path.with_name(path.stem + "-disruption"), files
        )
    if data.timeline:
        written += charts.save(
            charts.timeline_figure(data.timeline, TIMELINE_KINDS),
            path.with_name(path.stem + "-timeline"),
            files,
        )
    return written
