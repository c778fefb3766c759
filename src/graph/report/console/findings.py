"""The end of `graph run` on the terminal: alerts, contradictions and corroboration."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console

from graph.report.console.cells import keyed_table
from graph.report.console.watch import alerts_table

if TYPE_CHECKING:
    from graph.report.findings import Findings


def print_findings(out: Console, findings: Findings) -> None:
    """What to look at first; each part says when there is nothing."""
    if findings.alerts:
        out.print(alerts_table(findings.alerts, "Watched entities in the new reports"))
    else:
        out.print("No watched entity in the new reports (graph watch list).")
    if findings.contradictions:
        columns = {"actor": "name", "fact": "fact", "value": "value", "reports": "reports"}
        columns["sources"] = "sources"
        out.print(keyed_table("Reports that disagree", columns, findings.contradictions))
    else:
        out.print("No reports disagree on a fact that should have one value.")
    out.print(
        f"Corroboration: of {findings.facts} facts, {findings.repeated} are stated by more than one report "
        f"and {findings.corroborated} by more than one independent source (a reprint counts once)."
    )
    if findings.best:
        columns = {"actor": "actor", "relation": "relation", "other": "other", "reports": "reports"}
        title = f"The best supported of the {findings.corroborated} corroborated facts"
        out.print(keyed_table(title, {**columns, "independent": "independent"}, findings.best))
        out.print("Every fact of an actor: graph query --name corroboration --param name=NAME")
