"""The reproduction table of docs/reproductions.md: our removal curves on the Montagna meetings
and phone-call networks beside the published ones of Cavallaro et al. (2020), as Markdown.

    PYTHONPATH=src .venv/bin/python tools/reproduce_cavallaro.py [--steps 10]

For each network, weighting, removal procedure and centrality: the largest component's share
after 5 and 10 removals (published / ours), and the mean absolute difference over removals 1-10
(over 5, 10, 15, 20 for block removal), once with our rules (ties to the smaller id; weights of
a pair read twice summed; weighted betweenness on lengths 1/w) and once with the paper's
(ties as their code breaks them; the last weight read; the weight itself as the length).
Data: tests/data/networks/ (see its README for the source and licence).
"""

from __future__ import annotations

import argparse
import csv
import statistics
from collections import defaultdict
from pathlib import Path
from typing import Any

import networkx as nx

from graph.analysis.disruption import attack
from graph.analysis.io import read_network
from graph.analysis.katz import spectral_radius

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "networks"
FILES = {"meetings": "Montagna_meetings_edgelist.csv", "phone_calls": "Montagna_phonecalls_edgelist.csv"}
STRATEGIES = {
    ("degree", False): "degree",
    ("degree", True): "strength",
    ("betweenness", False): "betweenness",
    ("betweenness", True): "betweenness_weighted",
    ("katz", False): "katz",
    ("katz", True): "katz_weighted",
    ("collective_influence", False): "collective_influence",
    ("collective_influence", True): "collective_influence_weighted",
}


def published() -> dict[tuple[str, str, str, str], dict[int, float]]:
    """(network, weights, removal, centrality) -> {removed: published LCC share}."""
    curves: dict[tuple[str, str, str, str], dict[int, float]] = defaultdict(dict)
    with open(DATA / "cavallaro2020_lcc.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            key = (row["network"], row["weights"], row["removal"], row["centrality"])
            curves[key][int(row["removed"])] = float(row["lcc_fraction"])
    return curves


def paper_ties(graph: nx.Graph, centrality: str) -> list[Any]:
    """The order in which Cavallaro et al.'s code breaks ties: the actor read last wins (a stable
    ascending sort whose last item is taken), for collective influence the largest number."""
    if centrality == "collective_influence":
        return sorted(graph, key=int, reverse=True)
    return list(reversed(list(graph)))


def ours(
    graph: nx.Graph, centrality: str, weighted: bool, removal: str, steps: int, paper: bool
) -> list[float]:
    """Our LCC-share curve for one of the paper's settings."""
    strategy = STRATEGIES[(centrality, weighted)] + "_sequential"
    curve = attack(
        graph,
        strategy,
        steps=steps,
        efficiency=False,
        recompute_every=5 if removal == "block" else None,
        tie_order=paper_ties(graph, centrality) if paper else None,
        distance="weight" if paper else "inverse",
    )
    return curve.lcc_fraction


def rows(steps: int) -> list[dict[str, Any]]:
    found = []
    order = ["degree", "betweenness", "katz", "collective_influence"]
    for (network, weights, removal, centrality), values in sorted(
        published().items(),
        key=lambda item: (item[0][0], item[0][1], item[0][2] == "block", order.index(item[0][3])),
    ):
        weighted = weights == "weighted"
        points = [q for q in sorted(values) if 0 < q <= (steps if removal == "sequential" else 2 * steps)]
        graphs = {
            rule: read_network(DATA / FILES[network], duplicates="sum" if rule == "ours" else "last")
            for rule in ("ours", "paper")
        }
        row: dict[str, Any] = {
            "network": network,
            "weights": weights,
            "removal": removal,
            "centrality": centrality,
        }
        for rule, graph in graphs.items():
            curve = ours(graph, centrality, weighted, removal, max(points), rule == "paper")
            row[rule] = curve
            row[f"mad_{rule}"] = statistics.fmean(abs(curve[q] - values[q]) for q in points)
        row["published"] = values
        found.append(row)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--steps", type=int, default=10)
    args = parser.parse_args()
    print(
        "| network | weights | removal | centrality | published after 5 / 10 | ours after 5 / 10 "
        "| MAD, our rules | MAD, the paper's rules |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for row in rows(args.steps):
        pub, ours_curve = row["published"], row["ours"]
        print(
            f"| {row['network']} | {row['weights']} | {row['removal']} | {row['centrality']} "
            f"| {pub[5]:.3f} / {pub[10]:.3f} | {ours_curve[5]:.3f} / {ours_curve[10]:.3f} "
            f"| {row['mad_ours']:.3f} | {row['mad_paper']:.3f} |"
        )
    for network, name in FILES.items():
        graph = read_network(DATA / name, duplicates="last")
        print(
            f"\n{network}: lambda_max {spectral_radius(graph):.3f} unweighted "
            f"(1/lambda {1 / spectral_radius(graph):.4f}), {spectral_radius(graph, 'weight'):.3f} weighted "
            f"(1/lambda {1 / spectral_radius(graph, 'weight'):.4f})"
        )


if __name__ == "__main__":
    main()
