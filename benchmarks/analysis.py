"""Analysis speed: the analysis core beside igraph and leidenalg on the same synthetic networks,
in the same run, with the ratio (our time / igraph's time).

    .venv/bin/python benchmarks/analysis.py [--sizes 1000,10000,100000] [--seed 7]

Networks: nx.powerlaw_cluster_graph(n, 4, 0.1) (mean degree ~8, heavy-tailed like criminal
networks) with integer tie strengths 1..5. Betweenness is weighted (distance 1/weight) and, above
the exact limit, estimated from k sampled sources; igraph is given the very same sources
(`betweenness(sources=...)`), so both do the same work. The disruption row removes 20 actors by
betweenness recomputed after each removal (hop distances), on both libraries.

Betweenness and Louvain are timed twice on our side: NetworkX itself (engine="networkx") and
our functions as they run by default ("auto": through igraph from 500 nodes where it is
installed, accelerate.py). Katz (katz.py: numpy, conjugate gradients, the spectral bound) and
collective influence (influence.py, radius 1 and 2) have no igraph function: the igraph side is
igraph's adjacency with SciPy (eigsh for lambda_max, cg for Katz) and igraph's
`neighborhood(order=l, mindist=l)` for the ball's boundary, the way one computes them with igraph.
Needs the `bench` extras: igraph, leidenalg (nx-parallel optional) and SciPy.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import time
from collections.abc import Callable
from typing import Any

import igraph as ig
import leidenalg
import networkx as nx
import numpy as np
from rich.console import Console
from rich.table import Table
from scipy.sparse import identity
from scipy.sparse.linalg import cg, eigsh

from graph.analysis import centrality, communities, disruption
from graph.analysis.accelerate import MIN_NODES, igraph_available
from graph.analysis.influence import collective_influence
from graph.analysis.katz import katz

SAMPLED_K = {10_000: 300, 100_000: 100}
Row = dict[str, Any]


def network(n: int, seed: int) -> nx.Graph:
    """A heavy-tailed, clustered network with random integer tie strengths."""
    graph = nx.powerlaw_cluster_graph(n, 4, 0.1, seed=seed)
    rng = random.Random(seed)
    for u, v in graph.edges():
        graph[u][v]["weight"] = float(rng.randint(1, 5))
    return graph


def to_igraph(graph: nx.Graph) -> ig.Graph:
    """The same network in igraph, vertex i = i-th NetworkX node, with weight and distance."""
    index = {node: i for i, node in enumerate(graph)}
    edges = list(graph.edges(data="weight"))
    converted = ig.Graph(n=len(index), edges=[(index[u], index[v]) for u, v, _ in edges])
    converted.vs["name"] = list(graph)
    converted.es["weight"] = [w for _, _, w in edges]
    converted.es["distance"] = [1.0 / w for _, _, w in edges]
    return converted


def timed(run: Callable[[], Any], budget: float = 1.0, repeat: int = 3) -> tuple[float, Any]:
    """Best wall time of up to `repeat` runs (one if the first already takes `budget` seconds)."""
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - start)
        if best >= budget:
            break
    return best, result


def top(values: dict[Any, float], count: int = 10) -> set[Any]:
    return set(sorted(values, key=lambda n: (-values[n], str(n)))[:count])


def community_rows(graph: nx.Graph, ig_graph: ig.Graph, seed: int, leiden_max: int) -> list[Row]:
    rows = []
    nx_time, result = timed(lambda: communities.louvain(graph, seed=seed, engine="networkx"))
    ig_time, found = timed(lambda: ig_graph.community_multilevel(weights="weight"))
    rows.append(row("Louvain, NetworkX", "multilevel", nx_time, ig_time, result.modularity, found.modularity))
    ours_time, ours = timed(lambda: communities.louvain(graph, seed=seed))
    engine = ours.params.get("engine", "networkx")
    rows.append(
        row(f"Louvain, ours ({engine})", "multilevel", ours_time, ig_time, ours.modularity, found.modularity)
    )
    if graph.number_of_nodes() <= leiden_max and communities.leiden_available():
        nx_time, result = timed(lambda: communities.leiden(graph, seed=seed))
        nx_quality = result.modularity
    else:
        nx_time, nx_quality = None, None
    ig_time, found = timed(
        lambda: leidenalg.find_partition(
            ig_graph, leidenalg.ModularityVertexPartition, weights="weight", seed=seed
        )
    )
    quality = ig_graph.modularity(found.membership, weights="weight")
    rows.append(row("Leiden", "leidenalg", nx_time, ig_time, nx_quality, quality))
    nx_time, result = timed(lambda: communities.label_propagation(graph, seed=seed))
    ig_time, found = timed(lambda: ig_graph.community_label_propagation(weights="weight"))
    rows.append(
        row("label propagation", "label_propagation", nx_time, ig_time, result.modularity, found.modularity)
    )
    return rows


def betweenness_rows(graph: nx.Graph, ig_graph: ig.Graph, k: int | None, seed: int) -> list[Row]:
    """Weighted betweenness; with k, the same k sampled sources for both libraries."""
    nodes = list(graph)
    sources = None if k is None else random.Random(seed).sample(nodes, k)  # NetworkX's own draw
    mode = "exact" if k is None else f"k={k} sources, same for both"
    nx_time, scores = timed(
        lambda: centrality.betweenness(graph, k=k, seed=seed, exact_limit=10**9, engine="networkx")
    )
    ig_time, raw = timed(lambda: ig_graph.betweenness(directed=False, weights="distance", sources=sources))
    overlap = len(top(scores.values) & top(dict(zip(nodes, raw, strict=True))))
    ours_time, ours = timed(lambda: centrality.betweenness(graph, k=k, seed=seed, exact_limit=10**9))
    gap = max(abs(ours.values[n] - scores.values[n]) for n in graph)
    rows = [
        row(
            "betweenness (weighted), NetworkX",
            "betweenness",
            nx_time,
            ig_time,
            note=f"{mode}; top-10 overlap {overlap}/10",
        ),
        row(
            f"betweenness (weighted), ours ({ours.params.get('engine', 'networkx')})",
            "betweenness",
            ours_time,
            ig_time,
            note=f"{mode}; largest difference from NetworkX {gap:.1e}",
        ),
    ]
    if "parallel" in nx.utils.backends.backends:
        distances = centrality.with_distance(graph)
        par_time, _ = timed(
            lambda: nx.betweenness_centrality(
                distances, k=k, seed=seed if k else None, weight=centrality.DISTANCE, backend="parallel"
            )
        )
        rows.append(
            row("  same, nx-parallel backend", "betweenness", par_time, ig_time, note=f"{mode}; n_jobs=-1")
        )
    return rows


def katz_rows(graph: nx.Graph, ig_graph: ig.Graph) -> list[Row]:
    """Katz centrality (alpha 0.1, kept within 1/lambda_max) beside igraph's adjacency solved by
    SciPy: lambda_max by eigsh, then (I - alpha A) x = 1 by conjugate gradients (a sparse direct
    solve fills in on heavy-tailed networks: 100 times slower at 10,000 nodes)."""

    def igraph_katz() -> tuple[float, np.ndarray]:
        matrix = ig_graph.get_adjacency_sparse().astype(float)
        radius = float(eigsh(matrix, k=1, which="LA", return_eigenvectors=False)[0])
        alpha = 0.1 if 0.1 * radius < 1 else 0.9 / radius
        system = identity(matrix.shape[0], format="csr") - alpha * matrix
        solution, _ = cg(system, np.ones(matrix.shape[0]), rtol=1e-12)
        return alpha, solution / np.linalg.norm(solution)

    ours_time, scores = timed(lambda: katz(graph))
    ig_time, (alpha, solution) = timed(igraph_katz)
    gap = max(abs(scores.values[n] - solution[i]) for i, n in enumerate(graph))
    note = f"alpha used {scores.params['alpha_used']:.4f} vs {alpha:.4f}; largest difference {gap:.1e}"
    used = scores.params["alpha_used"]
    nx_time, reference = timed(
        lambda: nx.katz_centrality(graph, alpha=used, tol=1e-10, max_iter=10**4), repeat=1
    )
    nx_gap = max(abs(scores.values[n] - reference[n]) for n in graph)
    return [
        row(
            "Katz, NetworkX katz_centrality",
            "adjacency + SciPy",
            nx_time,
            ig_time,
            note="the same alpha; power iteration in Python",
        ),
        row(
            "Katz, ours (numpy, bounded)",
            "adjacency + SciPy",
            ours_time,
            ig_time,
            note=f"{note}; vs NetworkX {nx_gap:.1e}",
        ),
    ]


def influence_rows(graph: nx.Graph, ig_graph: ig.Graph, radii: tuple[int, ...]) -> list[Row]:
    """Collective influence, radius 1 and 2, beside igraph's ball boundaries and degrees."""
    rows = []
    degrees = np.array(ig_graph.degree(), dtype=float)

    def igraph_ci(radius: int) -> np.ndarray:
        excess = np.maximum(degrees - 1, 0)
        boundaries = ig_graph.neighborhood(order=radius, mindist=radius)
        return np.array([excess[i] * excess[ball].sum() for i, ball in enumerate(boundaries)])

    for radius in radii:
        ours_time, scores = timed(lambda r=radius: collective_influence(graph, r))
        ig_time, values = timed(lambda r=radius: igraph_ci(r))
        same = all(scores.values[n] == values[i] for i, n in enumerate(graph))
        rows.append(
            row(
                f"collective influence, radius {radius}",
                "neighborhood",
                ours_time,
                ig_time,
                note=f"same values: {same}",
            )
        )
    return rows


def disruption_row(graph: nx.Graph, ig_graph: ig.Graph, k: int | None, seed: int, steps: int) -> Row:
    """20 removals by betweenness recomputed after each (hop distances) on both libraries."""
    nx_time, curve = timed(
        lambda: disruption.attack(
            graph,
            "betweenness_sequential",
            steps=steps,
            k=k,
            seed=seed,
            efficiency=False,
            exact_limit=0 if k else 10**9,
        ),
        repeat=1,
    )
    ig_time, ig_curve = timed(lambda: igraph_attack(ig_graph, steps, k, seed), repeat=1)
    same = sum(a == b for a, b in zip(curve.removed, ig_curve[1], strict=False))
    mode = "exact" if k is None else f"k={k} sources per step"
    note = (
        f"{mode}; LCC after {steps}: {curve.lcc_fraction[-1]:.3f} vs {ig_curve[0]:.3f}; "
        f"same picks {same}/{steps}"
    )
    engine = "igraph" if graph.number_of_nodes() >= MIN_NODES and igraph_available() else "networkx"
    return row(
        f"disruption, {steps} sequential, ours ({engine})", "betweenness loop", nx_time, ig_time, note=note
    )


def igraph_attack(ig_graph: ig.Graph, steps: int, k: int | None, seed: int) -> tuple[float, list[Any]]:
    """The igraph version of the recomputed-betweenness attack: LCC fraction at the end, order."""
    current = ig_graph.copy()
    initial = max(current.connected_components().sizes())
    rng = random.Random(seed)
    removed = []
    for _ in range(steps):
        sources = None if k is None else rng.sample(range(current.vcount()), min(k, current.vcount()))
        scores = current.betweenness(directed=False, sources=sources)
        names = current.vs["name"]
        pick = min(range(current.vcount()), key=lambda i: (-round(scores[i], 6), str(names[i])))
        removed.append(names[pick])
        current.delete_vertices(pick)
        current.connected_components().sizes()  # the LCC tracking the NetworkX run also does
    return max(current.connected_components().sizes()) / initial, removed


def row(
    task: str,
    other: str,
    nx_time: float | None,
    other_time: float | None,
    nx_quality: float | None = None,
    other_quality: float | None = None,
    note: str = "",
) -> Row:
    if nx_quality is not None or other_quality is not None:
        quality = f"Q {_fmt(nx_quality, 3)} vs {_fmt(other_quality, 3)}"
        note = f"{quality}; {note}" if note else quality
    return {"task": task, "other": other, "nx": nx_time, "ig": other_time, "note": note}


def _fmt(value: float | None, digits: int) -> str:
    return "skipped" if value is None else f"{value:.{digits}f}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated node counts")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--steps", type=int, default=20, help="removals in the disruption row")
    parser.add_argument(
        "--disruption-max", type=int, default=10_000, help="skip the disruption row above this"
    )
    parser.add_argument("--leiden-max", type=int, default=100_000, help="skip NetworkX's Leiden above this")
    parser.add_argument(
        "--ci2-max", type=int, default=10_000, help="skip radius-2 collective influence above this"
    )
    args = parser.parse_args()
    console = Console(width=200)
    console.print(
        f"networkx {nx.__version__}, igraph {ig.__version__}, leidenalg {leidenalg.version}, "
        f"backends {sorted(nx.utils.backends.backends) or 'none'}, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs"
    )
    table = Table(title="analysis: our functions and NetworkX vs igraph/leidenalg (seconds, best of up to 3)")
    for column in (
        "nodes",
        "edges",
        "task",
        "ours s",
        "igraph/leidenalg",
        "igraph s",
        "ours/igraph",
        "notes",
    ):
        table.add_column(column, justify="right" if column.endswith(("s", "nodes", "igraph")) else "left")
    for n in (int(size) for size in args.sizes.split(",")):
        graph = network(n, args.seed)
        ig_graph = to_igraph(graph)
        k = None if n <= centrality.EXACT_LIMIT else SAMPLED_K.get(n, 100)
        rows = community_rows(graph, ig_graph, args.seed, args.leiden_max)
        rows += betweenness_rows(graph, ig_graph, k, args.seed)
        rows += katz_rows(graph, ig_graph)
        rows += influence_rows(graph, ig_graph, (1, 2) if n <= args.ci2_max else (1,))
        if n <= args.disruption_max:
            rows.append(disruption_row(graph, ig_graph, k, args.seed, args.steps))
        else:
            rows.append(
                row(
                    f"disruption, {args.steps} sequential",
                    "betweenness loop",
                    None,
                    None,
                    note=f"skipped above --disruption-max {args.disruption_max}",
                )
            )
        for entry in rows:
            ratio = entry["nx"] / entry["ig"] if entry["nx"] and entry["ig"] else None
            table.add_row(
                f"{n:,}",
                f"{graph.number_of_edges():,}",
                entry["task"],
                _fmt(entry["nx"], 2),
                entry["other"],
                _fmt(entry["ig"], 3),
                "-" if ratio is None else (f"{ratio:,.2f}x" if ratio < 10 else f"{ratio:,.0f}x"),
                entry["note"],
            )
            console.print(
                f"  {n:,} {entry['task']}: ours {_fmt(entry['nx'], 2)}, igraph {_fmt(entry['ig'], 3)} (s)"
            )
        table.add_section()
    console.print(table)


if __name__ == "__main__":
    main()
