"""The network analyses on the terminal: communities with their profiles, key players and
brokers, how communities changed between periods, and what removals do to the network."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from graph.report.console.cells import cell
from graph.report.display import shown

if TYPE_CHECKING:
    import networkx as nx

    from graph.analysis.disruption import AttackCurve, RemovalImpact
    from graph.analysis.evolution import PartitionChange
    from graph.analysis.run import AnalysisResult
    from graph.analysis.summary import CommunitySummary


def communities_table(summaries: list[CommunitySummary], modularity: float) -> Table:
    """Each community's size, labels, key members and time span."""
    table = Table(title=f"Communities (modularity {modularity:.3f})", show_header=True)
    for column in ("community", "size", "labels", "key members", "first seen", "last seen"):
        table.add_column(column, overflow="fold")
    for s in summaries:
        table.add_row(
            cell(s.community),
            cell(s.size),
            cell(", ".join(f"{k} {v}" for k, v in sorted(s.labels.items()))),
            cell("; ".join(s.top_members)),
            cell(s.first_seen),
            cell(s.last_seen),
        )
    return table


def analysis_headline(result: AnalysisResult) -> str:
    """The network analysed and how: size, method, seeds, modularity and the second opinion."""
    graph = result.graph
    return (
        f"{result.params['projection']}: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} links; "
        f"{result.params['method']} consensus of {result.params['runs']} seeds, modularity "
        f"{result.modularity:.3f}; second opinion {result.second_opinion}"
    )


def profiled_communities_table(result: AnalysisResult, profiles: dict[int, dict[str, Any]]) -> Table:
    """Each community with its confidence, key members and what it uses (platforms, vessels, money)."""
    table = Table(title="Communities")
    for column in (
        "community",
        "size",
        "confidence",
        "key members",
        "platforms",
        "vessels",
        "money out",
        "money in",
        "first seen",
        "last seen",
    ):
        table.add_column(column, overflow="fold")
    for s in result.summaries:
        profile = profiles.get(s.community, {})
        table.add_row(
            *(
                cell(v)
                for v in (
                    s.community,
                    s.size,
                    f"{result.mean_confidence(s.community):.2f}",
                    "; ".join(s.top_members),
                    ", ".join(profile.get("platforms", [])),
                    profile.get("vessels", ""),
                    ", ".join(profile.get("money_out", [])),
                    ", ".join(profile.get("money_in", [])),
                    s.first_seen,
                    s.last_seen,
                )
            )
        )
    return table


def brokers_table(result: AnalysisResult) -> Table:
    """The ten nodes of highest betweenness with their other centralities."""
    table = Table(title="Key players and brokers (betweenness)")
    for column in (
        "node",
        "name",
        "community",
        "betweenness",
        "degree",
        "eigenvector",
        "participation",
        "articulation point",
    ):
        table.add_column(column, overflow="fold")
    for node, scores in result.brokers(10):
        table.add_row(
            *(
                cell(v)
                for v in (
                    node,
                    result.graph.nodes[node].get("name"),
                    scores.get("community"),
                    round(scores.get("betweenness", 0), 4),
                    round(scores.get("degree", 0), 4),
                    round(scores.get("eigenvector", 0), 4),
                    round(scores.get("participation", 0), 4),
                    scores.get("articulation_point"),
                )
            )
        )
    return table


def print_analysis(
    out: Console, result: AnalysisResult, profiles: dict[int, dict[str, Any]], written: int
) -> None:
    """What `graph analyse` shows: the headline, communities, brokers, and what was written back."""
    out.print(analysis_headline(result))
    out.print(profiled_communities_table(result, profiles))
    out.print(brokers_table(result))
    if written:
        out.print(
            f"written back to {written} nodes: community, community_confidence, degree, betweenness, "
            "eigenvector, participation, articulation_point (with analysed_at, analysis_params)"
        )


def period_change_table(change: PartitionChange, periods: list[str]) -> Table:
    """Who joined or left, and which communities merged, split, continued, emerged or dissolved."""
    table = Table(title=f"Communities: {periods[0]} -> {periods[1]}")
    table.add_column("change")
    table.add_column("what", overflow="fold")
    table.add_row("joined", cell(sorted(map(str, change.joined))))
    table.add_row("left", cell(sorted(map(str, change.left))))
    table.add_row("merged", cell([[list(b), a] for b, a in change.merged]))
    table.add_row("split", cell([[b, list(a)] for b, a in change.split]))
    table.add_row("continued", cell(len(change.continued)))
    table.add_row("emerged", cell(list(change.emerged)))
    table.add_row("dissolved", cell(list(change.dissolved)))
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


def print_disruption(
    out: Console,
    network: nx.Graph,
    curves: dict[str, AttackCurve],
    best: AttackCurve | None,
    steps: int | None,
) -> None:
    """What `graph disrupt` shows: the curves, then the ranked targets of the fastest strategy."""
    out.print(curves_table(network, curves))
    if best:
        out.print(targets_table(network, best, steps))


def print_impact(
    out: Console, err: Console, impact: RemovalImpact, network: nx.Graph, missing: list[str]
) -> None:
    """Before and after removing the named nodes, who was removed and cut off; the names not
    found go to `err`."""
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
    if missing:
        err.print(f"[yellow]not found[/] {escape(', '.join(map(shown, missing)))}")
