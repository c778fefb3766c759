"""What removals do to the network, on the terminal: the strategies compared (the largest
component after each of the first removals, robustness R, the damage at the end), the fastest
strategy's targets in order, the catalogue of strategies, and a what-if removal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from graph.report.console.cells import cell
from graph.report.display import shown

if TYPE_CHECKING:
    import networkx as nx

    from graph.analysis.disruption import AttackCurve, RemovalImpact

SHOWN_STEPS = 10


def strategies_catalogue_table() -> Table:
    """Every strategy `graph disrupt` knows: name, form, whether weighted, what it targets."""
    from graph.analysis.strategies import GROUPS, catalogue, load_config

    config = load_config()
    table = Table(
        title=f"Removal strategies (etl/disruption.yaml; groups: {', '.join(GROUPS)}; "
        f"Katz alpha {config.katz_alpha}, collective influence radius {config.radius})"
    )
    for column in ("strategy", "form", "weighted", "targets first"):
        table.add_column(column, overflow="fold")
    for strategy in catalogue(config).values():
        table.add_row(strategy.name, strategy.form, "yes" if strategy.weighted else "", strategy.description)
    return table


def curves_table(network: nx.Graph, curves: dict[str, AttackCurve]) -> Table:
    """The largest component's share after each removal, one column per strategy."""
    table = Table(
        title=f"Largest connected component after each removal (share of the initial one), "
        f"{network.number_of_nodes()} nodes"
    )
    table.add_column("step")
    for name in curves:
        table.add_column(name)
    steps = max(len(c.lcc_fraction) for c in curves.values())
    for step in range(steps):
        table.add_row(
            str(step),
            *(
                cell(round(c.lcc_fraction[step], 3)) if step < len(c.lcc_fraction) else cell("")
                for c in curves.values()
            ),
        )
    return table


def targets_table(network: nx.Graph, best: AttackCurve, steps: int | None) -> Table:
    """The fastest strategy's removals in order, with the network's state after each."""
    table = Table(title=f"Ranked targets ({best.strategy}, fastest to fragment: area {best.auc(steps):.3f})")
    for column in ("rank", "node", "name", "LCC share after", "components after", "efficiency after"):
        table.add_column(column)
    for rank, node in enumerate(best.removed, start=1):
        efficiency = round(best.efficiency[rank], 4) if best.efficiency else None
        table.add_row(
            *(
                cell(v)
                for v in (
                    rank,
                    node,
                    network.nodes[node].get("name"),
                    round(best.lcc_fraction[rank], 3),
                    int(best.components[rank]),
                    efficiency,
                )
            )
        )
    return table


def comparison_table(network: nx.Graph, curves: dict[str, AttackCurve], steps: int | None) -> Table:
    """One row per strategy: its form, the largest component's share after each of the first
    removals, Schneider's robustness R over the removals simulated, and the damage at the end
    (components, global efficiency, fragmentation)."""
    shown_steps = min(SHOWN_STEPS, max((len(c.lcc_fraction) - 1 for c in curves.values()), default=0))
    table = Table(
        title=f"Strategies compared on {network.number_of_nodes()} nodes: largest component after each "
        "removal (share of the initial one), robustness R (lower breaks faster), damage at the end"
    )
    table.add_column("strategy", no_wrap=True)
    for column in ("form", *map(str, range(1, shown_steps + 1)), "R", "comp.", "eff.", "frag."):
        table.add_column(column, overflow="fold")
    for name, curve in curves.items():
        last = len(curve.lcc_fraction) - 1
        note = curve.params.get("skipped")
        values = [round(curve.lcc_fraction[q], 3) if q <= last else "" for q in range(1, shown_steps + 1)]
        efficiency = round(curve.efficiency[last], 3) if curve.efficiency else ""
        fragmentation = round(curve.fragmentation[last], 3) if curve.fragmentation else ""
        robustness = round(curve.robustness()[last], 4) if curve.lcc and last else ""
        table.add_row(
            *(
                cell(v)
                for v in (
                    name,
                    f"{curve.form} (skipped: {note})" if note else curve.form,
                    *values,
                    robustness,
                    round(curve.components[last], 1),
                    efficiency,
                    fragmentation,
                )
            )
        )
    return table


def print_disruption(
    out: Console,
    network: nx.Graph,
    curves: dict[str, AttackCurve],
    best: AttackCurve | None,
    steps: int | None,
) -> None:
    """What `graph disrupt` shows: the strategies compared, then the ranked targets of the
    fastest removal order."""
    out.print(comparison_table(network, curves, steps))
    if best:
        out.print(targets_table(network, best, steps))


def print_impact(out: Console, impact: RemovalImpact, network: nx.Graph) -> None:
    """Before and after removing the named nodes, who was removed and cut off."""
    table = Table(title="What if they are removed")
    for column in ("", "largest component", "components", "efficiency"):
        table.add_column(column)
    for label, state in (("before", impact.before), ("after", impact.after)):
        table.add_row(
            label,
            cell(state.largest_component),
            cell(state.components),
            cell(round(state.efficiency or 0, 4)),
        )
    out.print(table)
    removed = ", ".join(shown(network.nodes[n].get("name", n)) for n in impact.removed)
    out.print(f"removed: {escape(removed)}; cut off from the main group: {len(impact.detached)}")
