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
from pathlib import Path
from typing import Any

from graph.analysis.io import read_network
from graph.analysis.katz import spectral_radius
from graph.analysis.reproduction import (
    CENTRALITIES,
    mean_absolute_difference,
    published_curves,
    removal_curve,
)

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "networks"
FILES = {"meetings": "Montagna_meetings_edgelist.csv", "phone_calls": "Montagna_phonecalls_edgelist.csv"}


def rows(steps: int) -> list[dict[str, Any]]:
    """One row per published curve, ordered as the paper's figures: our curves with our rules
    and with the paper's, and how far each lies from the published one."""
    found = []
    curves = published_curves(DATA / "cavallaro2020_lcc.csv")
    for (network, weights, removal, centrality), values in sorted(
        curves.items(),
        key=lambda item: (item[0][0], item[0][1], item[0][2] == "block", CENTRALITIES.index(item[0][3])),
    ):
        points = [q for q in sorted(values) if 0 < q <= (steps if removal == "sequential" else 2 * steps)]
        row: dict[str, Any] = {
            "network": network,
            "weights": weights,
            "removal": removal,
            "centrality": centrality,
            "published": values,
        }
        for rule in ("ours", "paper"):
            graph = read_network(DATA / FILES[network], duplicates="sum" if rule == "ours" else "last")
            curve = removal_curve(
                graph, centrality, weights == "weighted", removal, max(points), paper=rule == "paper"
            )
            row[rule] = curve
            row[f"mad_{rule}"] = mean_absolute_difference(curve, values, points)
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
        plain, weighted = spectral_radius(graph), spectral_radius(graph, "weight")
        print(
            f"\n{network}: lambda_max {plain:.3f} unweighted (1/lambda {1 / plain:.4f}), "
            f"{weighted:.3f} weighted (1/lambda {1 / weighted:.4f})"
        )


if __name__ == "__main__":
    main()
