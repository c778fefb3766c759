"""`graph report`: one self-contained HTML file (scripts, styles and pictures inlined, no
network needed to open it) and, on request, PNG and SVG pictures beside it.

The interactive network uses vis-network, the library behind pyvis, from the copy that the
pyvis package ships: maintained, draws thousands of nodes on a canvas, renders Arabic labels
with the browser's own text shaping, and is one script we can inline. Our own template adds the
filters and the panel of sources that investigators need, which pyvis's page does not have.

The graph is read from hostile sources, so no value of it can become markup or script:
- every value is printed by the template (Jinja's autoescaping, by context), shown within the
  bound of etl/report.yaml (the environment's `finalize`, display.py);
- a node's panel is rendered here, escaped, in a <template> that the page's script clones on a
  click: the script never builds markup from data;
- a url is an href only when it is an absolute http(s) url (display.is_link), else it is text;
- the network's data is JSON in <script type="application/json"> blocks (`tojson`, which
  escapes < > & ' so nothing can close the block), read with JSON.parse;
- a Content-Security-Policy lets only the page's own two scripts run (by their hashes, computed
  here), so an inline handler or a javascript: url that got in anyway would not run."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup, escape

from graph.analysis.run import fastest_strategy
from graph.report import charts
from graph.report.data import TIMELINE_KINDS, ReportData
from graph.report.display import cut, is_link, short_key, shown
from graph.report.files import Outputs, output_file, outputs

TEMPLATES = Path(__file__).resolve().parent / "templates"
# What the page may do: run its two inline scripts (by hash) and style itself; nothing else.
# No inline handler, no other script, no plugin, no <base>, no form, no network: the report
# opens offline. Pictures are data: urls. Trusted Types forbid building markup from strings.
CSP = (
    "default-src 'none'; script-src {scripts}; style-src {styles}; img-src data:; "
    "object-src 'none'; base-uri 'none'; form-action 'none'; require-trusted-types-for 'script'"
)


def vis_folder() -> Path:
    """The folder of vis-network's script and style, in the copy the pyvis package ships."""
    import pyvis

    return Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2"


def _vis_assets() -> tuple[str, str]:
    folder = vis_folder()
    return (folder / "vis-network.min.js").read_text(encoding="utf-8"), (
        folder / "vis-network.css"
    ).read_text(encoding="utf-8")


def inline(text: str, tag: str) -> Markup:
    """Trusted text (our script or style) to put as it is inside <`tag`>: line breaks as the
    HTML parser leaves them (so its hash is the browser's), refused if it could close the tag."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if f"</{tag}" in text.lower():
        raise ValueError(f"inline {tag} would close its element early")
    return Markup(text)


def csp_hash(text: str) -> str:
    """The CSP source that allows exactly this inline script or style."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def svg_image(svg: str) -> Markup:
    """An SVG picture as a data: url for an <img> (its styles and markup stay out of the page)."""
    return Markup("data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii"))


def _finalize(value: Any) -> Any:
    """Every value the template prints is shown within the bound, marked when cut; our own
    trusted markup (scripts, style, pictures) is left whole."""
    return value if isinstance(value, Markup) else shown(value)


def environment() -> Environment:
    """The report's Jinja environment: autoescaping on, every printed value bounded (finalize),
    `is link` for urls that may be hrefs, `tojson` keeping Arabic readable."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, finalize=_finalize)
    env.tests["link"] = is_link
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False, "default": str}
    return env


def network_data(data: ReportData) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The nodes and edges the interactive network draws, every text within the bound and every
    id a bounded unique key (the panels are rendered in the same order as the nodes)."""
    nodes = [
        {
            **node,
            "id": short_key(str(node["id"])),
            "label": cut(node["label"]),
            "group": cut(str(node["group"])),
            "first_seen": cut(str(node["first_seen"])),
            "last_seen": cut(str(node["last_seen"])),
        }
        for node in data.nodes
    ]
    edges = [
        {
            **edge,
            "from": short_key(str(edge["from"])),
            "to": short_key(str(edge["to"])),
            "kinds": cut(edge["kinds"]),
        }
        for edge in data.edges
    ]
    return nodes, edges


def strategy_rows(data: ReportData) -> list[dict[str, Any]]:
    """One row per removal strategy of the report: its form, the largest component's share after
    5 and 10 removals and at the end, robustness R, and whom it removes (in order; for a
    key-player strategy, the set of the last size)."""

    def name(node: Any) -> str:
        return str(data.graph.nodes[node].get("name") or node) if node in data.graph else str(node)

    rows = []
    for strategy, curve in data.curves.items():
        last = len(curve.lcc_fraction) - 1
        rows.append(
            {
                "strategy": strategy,
                "form": curve.form,
                "weighted": "yes" if curve.weighted else "",
                "after": [round(curve.lcc_fraction[q], 3) if q <= last else "" for q in (5, 10)],
                "last": round(curve.lcc_fraction[last], 3),
                "robustness": round(curve.robustness()[last], 4) if curve.lcc and last else "",
                "removed": [name(n) for n in curve.removed],
                "note": curve.params.get("skipped", ""),
            }
        )
    return rows


@dataclass
class ReportFiles:
    html: Path
    pictures: list[Path]
    size_bytes: int


def render_report(data: ReportData, *, size_by: str = "betweenness") -> str:
    """The report as one HTML page (see the module's docstring)."""
    vis_js, vis_css = _vis_assets()
    scripts = [
        inline(vis_js, "script"),
        inline((TEMPLATES / "report.js").read_text(encoding="utf-8"), "script"),
    ]
    style = inline(vis_css + "\n" + (TEMPLATES / "report.css").read_text(encoding="utf-8"), "style")
    csp = CSP.format(scripts=" ".join(map(csp_hash, scripts)), styles=csp_hash(style))
    best = fastest_strategy(data.curves, None)
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
    nodes, edges = network_data(data)
    return (
        environment()
        .get_template("report.html.j2")
        .render(
            title=data.title,
            stats=data.stats,
            generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
            communities=data.communities,
            labels=sorted({n["group"] for n in data.nodes}),
            size_by=size_by,
            curves_svg=svg_image(charts.svg(charts.curves_figure(data.curves))) if data.curves else "",
            timeline_svg=svg_image(charts.svg(charts.timeline_figure(data.timeline, TIMELINE_KINDS)))
            if data.timeline
            else "",
            targets=targets,
            strategies=strategy_rows(data),
            best_strategy=best.strategy if best else "",
            timeline=data.timeline,
            kinds=TIMELINE_KINDS,
            provenance=data.provenance,
            contradictions=data.contradictions,
            names=names,
            csp=escape(csp),
            style=style,
            vis_js=scripts[0],
            report_js=scripts[1],
            nodes=nodes,
            edges=edges,
            panels=[data.details[node["id"]] for node in data.nodes],
        )
    )


def write_report(
    data: ReportData, path: Path, *, pictures: bool = False, size_by: str = "betweenness"
) -> ReportFiles:
    """Write the report to `path` and, with `pictures`, its PNG and SVG pictures beside it: all
    written whole and moved into place together (files.py), so a failed write leaves the old
    report and pictures as they were. Raises OutputError naming the path and the reason."""
    path = output_file(path)
    html = render_report(data, size_by=size_by)
    written: list[Path] = []
    with outputs() as files:
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
