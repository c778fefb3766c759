"""Community detection (Louvain, Leiden, label propagation) with NetworkX, the stability of the
result over seeds as a consensus partition with per-node confidence, and NMI between partitions."""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

import networkx as nx

from graph.analysis.accelerate import engine_for, leiden_igraph, louvain_igraph, modularity_igraph

Node = Hashable
Partition = dict[Node, int]
METHODS = ("louvain", "leiden", "label_propagation")


class LeidenUnavailableError(NotImplementedError):
    """Raised when the installed NetworkX has no `leiden_communities` (it arrived in 3.5)."""


@dataclass(frozen=True)
class CommunityResult:
    """A partition from one run: communities numbered by size (largest first), their modularity,
    and the method and parameters that produced them, for the write-back's provenance."""

    method: str
    communities: list[frozenset[Node]]
    modularity: float
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def partition(self) -> Partition:
        """Node -> community number."""
        return to_partition(self.communities)


@dataclass(frozen=True)
class StabilityResult:
    """Consensus of many seeded runs: the consensus partition, how often each node sat with the
    bulk of its consensus community, and how much the runs agreed with it."""

    consensus: CommunityResult
    confidence: dict[Node, float]
    runs: list[CommunityResult]
    mean_modularity: float
    std_modularity: float
    mean_nmi_to_consensus: float
    converged: bool


def ordered(communities: Iterable[Iterable[Node]]) -> list[frozenset[Node]]:
    """Communities as frozensets, largest first, ties by smallest node id as text, so numbering is
    reproducible across runs and machines."""
    sets = [frozenset(c) for c in communities if c]
    return sorted(sets, key=lambda c: (-len(c), min(str(n) for n in c)))


def to_partition(communities: Iterable[Iterable[Node]]) -> Partition:
    """Node -> community number for ordered communities."""
    return {node: number for number, members in enumerate(ordered(communities)) for node in members}


def to_communities(partition: Partition) -> list[frozenset[Node]]:
    """A node -> label mapping as ordered communities."""
    groups: dict[Any, set[Node]] = {}
    for node, label in partition.items():
        groups.setdefault(label, set()).add(node)
    return ordered(groups.values())


def modularity(
    graph: nx.Graph, communities: Iterable[Iterable[Node]] | Partition, weight: str | None = "weight"
) -> float:
    """Newman modularity of a partition (given as communities or node -> label); 0 for an
    edgeless graph. From 500 nodes without self-loops through igraph where it is installed
    (the same value, in C: it costs more than label propagation itself in Python)."""
    groups = to_communities(communities) if isinstance(communities, dict) else ordered(communities)
    if graph.number_of_edges() == 0:
        return 0.0
    if engine_for(graph) == "igraph" and nx.number_of_selfloops(graph) == 0:
        return modularity_igraph(graph, groups, weight)
    return nx.community.modularity(graph, groups, weight=weight)


def leiden_available() -> bool:
    """Whether this NetworkX offers Leiden (pure Python from 3.5; backends may accelerate it)."""
    return hasattr(nx.community, "leiden_communities")


def louvain(
    graph: nx.Graph,
    *,
    seed: int = 0,
    resolution: float = 1.0,
    weight: str | None = "weight",
    engine: str = "auto",
) -> CommunityResult:
    """Louvain communities maximising weighted modularity, reproducible for a given seed; from
    500 nodes through igraph's multilevel method where it is installed (accelerate.py), the same
    method 20-30 times faster, whose partition for a seed may differ from NetworkX's."""
    runs_on = engine_for(graph, engine)
    if runs_on == "igraph":
        found, quality = louvain_igraph(graph, weight=weight, resolution=resolution, seed=seed)
        params = {"seed": seed, "resolution": resolution, "engine": "igraph"}
        return CommunityResult("louvain", ordered(found), quality, params)
    found = nx.community.louvain_communities(graph, weight=weight, resolution=resolution, seed=seed)
    return _result(graph, "louvain", found, weight, seed=seed, resolution=resolution)


def leiden(
    graph: nx.Graph,
    *,
    seed: int = 0,
    resolution: float = 1.0,
    weight: str | None = "weight",
    engine: str = "auto",
) -> CommunityResult:
    """Leiden communities maximising modularity (its communities are guaranteed connected, unlike
    Louvain's); from 500 nodes through igraph's Leiden where it is installed (accelerate.py),
    else NetworkX's, which raises LeidenUnavailableError before NetworkX 3.5."""
    if engine_for(graph, engine) == "igraph":
        found, quality = leiden_igraph(graph, weight=weight, resolution=resolution, seed=seed)
        params = {"seed": seed, "resolution": resolution, "engine": "igraph"}
        return CommunityResult("leiden", ordered(found), quality, params)
    if not leiden_available():
        raise LeidenUnavailableError(
            f"networkx {nx.__version__} has no leiden_communities; upgrade to networkx>=3.5 or use louvain"
        )
    found = nx.community.leiden_communities(
        graph, weight=weight, resolution=resolution, seed=seed, metric="modularity"
    )
    return _result(graph, "leiden", found, weight, seed=seed, resolution=resolution)


def label_propagation(graph: nx.Graph, *, seed: int = 0, weight: str | None = "weight") -> CommunityResult:
    """Asynchronous label propagation: a fast second opinion that optimises nothing, so agreement
    with Louvain suggests the structure is real rather than an artefact of modularity. NetworkX's
    always: igraph's (1.0) puts a whole scale-free network into one community."""
    found = nx.community.asyn_lpa_communities(graph, weight=weight, seed=seed)
    return _result(graph, "label_propagation", found, weight, seed=seed)


def detect(graph: nx.Graph, method: str = "louvain", **kwargs: Any) -> CommunityResult:
    """Run the named method (`louvain`, `leiden` or `label_propagation`)."""
    runners: dict[str, Callable[..., CommunityResult]] = {
        "louvain": louvain,
        "leiden": leiden,
        "label_propagation": label_propagation,
    }
    if method not in runners:
        raise ValueError(f"unknown community method {method!r}; choose one of {', '.join(METHODS)}")
    return runners[method](graph, **kwargs)


def stability(
    graph: nx.Graph,
    *,
    method: str = "louvain",
    runs: int = 20,
    seed: int = 0,
    threshold: float = 0.5,
    max_rounds: int = 10,
    **kwargs: Any,
) -> StabilityResult:
    """Run `method` with seeds seed..seed+runs-1 and build the consensus partition (Lancichinetti
    and Fortunato): pairs linked in `graph` and co-assigned in at least `threshold` of the runs
    form a consensus graph, which Louvain re-partitions until all runs agree or `max_rounds` pass."""
    if runs < 1:
        raise ValueError("runs must be at least 1")
    seeds = range(seed, seed + runs)
    results = [detect(graph, method, seed=s, **kwargs) for s in seeds]
    partitions = [r.partition for r in results]
    converged = False
    for _ in range(max_rounds):
        if all(p == partitions[0] for p in partitions[1:]):
            converged = True
            break
        consensus_graph = co_assignment_graph(graph, partitions, threshold)
        partitions = [louvain(consensus_graph, seed=s).partition for s in seeds]
    weight = kwargs.get("weight", "weight")
    chosen = to_communities(partitions[0])
    consensus = CommunityResult(
        f"consensus:{method}",
        chosen,
        modularity(graph, chosen, weight),
        {"method": method, "runs": runs, "seed": seed, "threshold": threshold, **kwargs},
    )
    run_partitions = [r.partition for r in results]
    scores = [r.modularity for r in results]
    return StabilityResult(
        consensus=consensus,
        confidence=node_confidence(consensus.partition, run_partitions),
        runs=results,
        mean_modularity=statistics.fmean(scores),
        std_modularity=statistics.pstdev(scores),
        mean_nmi_to_consensus=statistics.fmean(nmi(consensus.partition, p) for p in run_partitions),
        converged=converged,
    )


def co_assignment_graph(graph: nx.Graph, partitions: list[Partition], threshold: float = 0.5) -> nx.Graph:
    """All nodes of `graph`, linked where an edge's endpoints share a community in at least
    `threshold` of `partitions`, weighted by that share (the sparse co-assignment matrix)."""
    consensus = nx.Graph()
    consensus.add_nodes_from(graph)
    for u, v in graph.edges():
        share = sum(p[u] == p[v] for p in partitions) / len(partitions)
        if share >= threshold and u != v:
            consensus.add_edge(u, v, weight=share)
    return consensus


def node_confidence(consensus: Partition, runs: list[Partition]) -> dict[Node, float]:
    """Per node, the share of runs in which it sat in the run community that held most of its
    consensus community (ties broken by the smaller label); 1.0 means it never strayed."""
    members: dict[int, list[Node]] = {}
    for node, label in consensus.items():
        members.setdefault(label, []).append(node)
    hits: Counter[Node] = Counter()
    for run in runs:
        for group in members.values():
            counts = Counter(run[n] for n in group)
            majority = min(counts, key=lambda label: (-counts[label], label))
            hits.update(n for n in group if run[n] == majority)
    return {node: hits[node] / len(runs) for node in consensus}


def nmi(a: Partition, b: Partition) -> float:
    """Normalised mutual information (arithmetic-mean normalisation, as scikit-learn's default)
    between two partitions of the same nodes; 1.0 for identical partitions up to relabelling."""
    if set(a) != set(b):
        raise ValueError("NMI needs two partitions of the same nodes")
    n = len(a)
    if n == 0:
        return 1.0
    joint = Counter((a[node], b[node]) for node in a)
    count_a, count_b = Counter(a.values()), Counter(b.values())
    mutual = sum(c / n * math.log(c * n / (count_a[x] * count_b[y])) for (x, y), c in joint.items())
    entropy_a = -sum(c / n * math.log(c / n) for c in count_a.values())
    entropy_b = -sum(c / n * math.log(c / n) for c in count_b.values())
    if entropy_a == 0 and entropy_b == 0:
        return 1.0
    return max(0.0, min(1.0, 2 * mutual / (entropy_a + entropy_b)))


def pairwise_agreement(results: list[CommunityResult]) -> float:
    """Mean NMI over all pairs of runs (1.0 for a single run): a quick stability summary."""
    pairs = list(combinations([r.partition for r in results], 2))
    return statistics.fmean(nmi(a, b) for a, b in pairs) if pairs else 1.0


def _result(
    graph: nx.Graph, method: str, found: Iterable[Iterable[Node]], weight: str | None, **params: Any
) -> CommunityResult:
    communities = ordered(found)
    return CommunityResult(method, communities, modularity(graph, communities, weight), params)
