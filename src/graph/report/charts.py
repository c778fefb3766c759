"""Static pictures of the report (matplotlib, no display): the disruption curves and measures, the timeline
of events by month, and the network itself; as SVG text for the HTML and as PNG/SVG files."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import networkx as nx
from matplotlib.ticker import MaxNLocator

from graph.analysis.disruption import AttackCurve
from graph.report.display import picture_label
from graph.report.files import Outputs

plt.rcParams["font.family"] = ["DejaVu Sans"]  # has Arabic glyphs


def svg(figure) -> str:
    """The figure as inline SVG markup (no XML prologue), closed afterwards."""
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight")
    plt.close(figure)
    text = buffer.getvalue()
    return text[text.index("<svg") :]


PANELS = (
    ("lcc_fraction", "largest component / initial"),
    ("components", "components"),
    ("efficiency", "global efficiency"),
    ("robustness", "robustness R so far"),
)
FORM_STYLES = {"sequential": "-", "static": "--", "set": ":", "random": "-"}


def curves_figure(curves: dict[str, AttackCurve]):
    """Four panels, one line per strategy: the largest component's share, the number of
    components, global efficiency and Schneider's robustness R accumulated, after each removal.
    A measure keeps its colour across forms; sequential is solid, static dashed, key-player sets
    dotted, random grey with its standard deviation as a band."""
    figure, axes = plt.subplots(2, 2, figsize=(11, 7.5), sharex=True)
    measures = sorted({c.measure for c in curves.values() if c.form != "random"})
    palette = plt.get_cmap("tab20")
    colours = {m: palette(i % 20) for i, m in enumerate(measures)}
    for axis, (attribute, label) in zip(axes.flat, PANELS, strict=True):
        for name, curve in curves.items():
            values = _panel_values(curve, attribute)
            if not values:
                continue
            steps = range(len(values))
            colour = "0.5" if curve.form == "random" else colours.get(curve.measure)
            style = FORM_STYLES.get(curve.form, "-")
            axis.plot(steps, values, linestyle=style, color=colour, linewidth=1.2, label=name)
            if attribute == "lcc_fraction" and curve.lcc_fraction_std:
                low = [m - s for m, s in zip(values, curve.lcc_fraction_std, strict=True)]
                high = [m + s for m, s in zip(values, curve.lcc_fraction_std, strict=True)]
                axis.fill_between(steps, low, high, alpha=0.2, color=colour)
        axis.set_ylabel(label)
        axis.grid(alpha=0.3)
    for axis in axes[1]:
        axis.set_xlabel("nodes removed")
        axis.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes[0][0].set_ylim(0, 1.05)
    handles, labels = axes[0][0].get_legend_handles_labels()
    figure.legend(handles, labels, loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize=7)
    figure.suptitle("Disruption: who to remove to break the network (solid: sequential, dashed: static)")
    figure.tight_layout()
    return figure


def _panel_values(curve: AttackCurve, attribute: str) -> list[float]:
    if attribute == "robustness":
        return curve.robustness() if curve.lcc else []
    return list(getattr(curve, attribute) or [])


def timeline_figure(timeline: list[dict[str, Any]], kinds: tuple[str, ...]):
    figure, axis = plt.subplots(figsize=(7, 3.5))
    months = [row["month"] for row in timeline]
    bottom = [0] * len(months)
    for kind in kinds:
        values = [row[kind] for row in timeline]
        if any(values):
            axis.bar(months, values, bottom=bottom, label=kind)
            bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    axis.set_ylabel("events")
    axis.tick_params(axis="x", rotation=60, labelsize=7)
    axis.legend(fontsize=7, ncol=4)
    axis.set_title("Events by month")
    return figure


def network_figure(graph: nx.Graph, partition: dict[Any, int], sizes: dict[Any, float]):
    figure, axis = plt.subplots(figsize=(9, 7))
    layout = nx.spring_layout(graph, seed=1, weight="weight")
    colours = [partition.get(n, -1) for n in graph]
    biggest = max(sizes.values(), default=0) or 1
    nx.draw_networkx_edges(graph, layout, ax=axis, alpha=0.3)
    nx.draw_networkx_nodes(
        graph,
        layout,
        ax=axis,
        node_color=colours,
        cmap="tab20",
        node_size=[80 + 900 * sizes.get(n, 0) / biggest for n in graph],
    )
    labels = {n: picture_label(graph.nodes[n].get("name") or n) for n in graph}
    nx.draw_networkx_labels(graph, layout, labels=labels, font_size=7, ax=axis)
    axis.set_axis_off()
    axis.set_title("Actor network (colour: community, size: betweenness)")
    return figure


def save(figure, stem: Path, files: Outputs) -> list[Path]:
    """Write `stem`.png and `stem`.svg among `files` (written whole, moved into place together)."""
    paths = [stem.with_suffix(".png"), stem.with_suffix(".svg")]
    try:
        for path in paths:
            with files.open(path, binary=True) as handle:
                figure.savefig(handle, format=path.suffix[1:], dpi=150, bbox_inches="tight")
    finally:
        plt.close(figure)
    return paths
