"""The network analyses on the terminal: communities with their profiles, key players and
brokers, and how communities changed between periods (what removals do: disruption.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table

from graph.report.console.cells import cell
from graph.report.display import money

if TYPE_CHECKING:
    from graph.analysis.run import AnalysisResult, PeriodComparison
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
                    ", ".join(money(m["amount"], m["currency"]) for m in profile.get("money_out", [])),
                    ", ".join(money(m["amount"], m["currency"]) for m in profile.get("money_in", [])),
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


def period_change_table(comparison: PeriodComparison, periods: list[str]) -> Table:
    """Who joined or left, by name, and which communities merged, split, continued, emerged or
    dissolved, each named by its size and best-connected members."""
    change, names = comparison.change, comparison.names

    def community(period: int, number: int) -> str:
        size = comparison.sizes[period].get(number, 0)
        known = comparison.key_members[period].get(number, [])
        members = ", ".join(known)
        more = f" and {size - len(known)} more" if size > len(known) else ""
        return f"community {number} ({members}{more})"

    def people(nodes: set) -> str:
        return ", ".join(sorted(names.get(n, str(n)) for n in nodes))

    table = Table(title=f"Communities: {periods[0]} -> {periods[1]}")
    table.add_column("change")
    table.add_column("what", overflow="fold")
    table.add_row("joined", cell(people(change.joined)))
    table.add_row("left", cell(people(change.left)))
    table.add_row(
        "merged",
        cell(
            "; ".join(
                " + ".join(community(0, b) for b in before) + " -> " + community(1, after)
                for before, after in change.merged
            )
        ),
    )
    table.add_row(
        "split",
        cell(
            "; ".join(
                community(0, before) + " -> " + " + ".join(community(1, a) for a in after)
                for before, after in change.split
            )
        ),
    )
    table.add_row(
        "continued",
        cell("; ".join(f"{community(0, m.before)} -> {community(1, m.after)}" for m in change.continued)),
    )
    table.add_row("emerged", cell("; ".join(community(1, c) for c in change.emerged)))
    table.add_row("dissolved", cell("; ".join(community(0, c) for c in change.dissolved)))
    return table
