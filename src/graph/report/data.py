"""What the HTML report shows, gathered from the store into plain values: the actor network
with the analysis stored on it (run and written back first where there is none), every node's
properties, sources and neighbours, per-community profiles, disruption curves simulated on the
stored communities, the timeline of events and the provenance of every relationship shown."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graph.analysis.disruption import AttackCurve
from graph.analysis.run import AnalysisResult, disrupt, load_network
from graph.analysis.stored import current_analysis
from graph.ontology import load_ontology
from graph.resolve.contradictions import read_contradictions
from graph.store.base import GraphStore

# Events an investigator follows month by month: the ontology's kinds, less the ongoing ones.
TIMELINE_KINDS = tuple(
    kind
    for kind in load_ontology().properties("Event")["kind"]["enum"]
    if kind not in ("advertisement", "partnership")
)
DETAILS = """
UNWIND $ids AS id
MATCH (n {id: id})-[r]-(m)
WHERE NOT m:Document AND NOT m:Run AND NOT m:Alert
OPTIONAL MATCH (d:Document {id: r.doc_id})
RETURN n.id AS id, type(r) AS type, startNode(r) = n AS outgoing, m.id AS other, m.name AS other_name,
       labels(m)[0] AS other_label, r.role AS role,
       coalesce(r.sentence, d.sentences[r.sentence_no]) AS sentence, r.doc_id AS doc_id,
       coalesce(d.title, d.path) AS document, d.url AS url, r.confidence AS confidence,
       r.extractor AS extractor, r.support AS support, r.independent_support AS independent_support
ORDER BY id, type, other
"""
NODES = """
UNWIND $ids AS id
MATCH (n {id: id})
RETURN n.id AS id, n AS props
"""
EVENTS = """
MATCH (e:Event) WHERE e.date IS NOT NULL
OPTIONAL MATCH (a)-[:PARTICIPATED_IN]->(e)
RETURN e.id AS id, e.kind AS kind, e.date AS date, e.summary AS summary, e.doc_id AS doc_id,
       collect(DISTINCT a.id) AS participants
ORDER BY date, id
"""
HIDDEN = {
    "text",
    "sentences",
    "sentence_no",  # the sentence itself is in the panel's sources
    "search",
    "sources",
    "doc_ids",
    "aliases",
    "_labels",
    "analysis_params",
    "disruption_params",
    "origins",
    "contradictions",  # shown in the report's table of contradictions
    "reprint_signature",
}


@dataclass
class ReportData:
    title: str
    graph: nx.Graph
    analysis: AnalysisResult
    curves: dict[str, AttackCurve]
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    details: dict[str, dict[str, Any]]
    communities: list[dict[str, Any]]
    timeline: list[dict[str, Any]]
    events: list[dict[str, Any]]
    provenance: list[dict[str, Any]]
    contradictions: list[dict[str, Any]] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)


def gather(
    store: GraphStore,
    *,
    projection: str = "actors",
    size_by: str = "betweenness",
    seed: int = 42,
    runs: int = 10,
    steps: int = 20,
) -> ReportData:
    graph = load_network(store, None, projection)
    analysis, analysed_now = current_analysis(store, graph, runs=runs, seed=seed)
    curves = (
        disrupt(
            graph,
            ["all"],
            steps=min(steps, graph.number_of_nodes()),
            seed=seed,
            partition=analysis.partition,
        )
        if len(graph) > 2
        else {}
    )
    ids = sorted({m for n in graph for m in graph.nodes[n].get("merged", [n])}, key=str)
    props = {r["id"]: r["props"] for r in store.read(NODES, {"ids": ids}).records()}
    relations = store.read(DETAILS, {"ids": ids}).records()
    by_node: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in relations:
        by_node[row["id"]].append(row)
    details, nodes = {}, []
    scores = analysis.scores
    for node in graph:
        members = graph.nodes[node].get("merged", [node])
        merged_props: dict[str, Any] = {}
        for member in members:
            merged_props.update(
                {k: v for k, v in props.get(member, {}).items() if k not in HIDDEN and v is not None}
            )
        links = [row for member in members for row in by_node.get(member, [])]
        details[node] = {
            "id": node,
            "members": members,
            "names": graph.nodes[node].get("names", [graph.nodes[node].get("name")]),
            "properties": merged_props,
            "sources": [
                {k: row[k] for k in ("type", "other_name", "sentence", "document", "url", "doc_id")}
                for row in links
                if row["sentence"]
            ],
            "neighbours": sorted(
                {(row["type"], row["other_name"] or row["other"], row["other_label"]) for row in links}
            ),
        }
        node_scores = scores.get(node, {})
        nodes.append(
            {
                "id": node,
                "label": str(graph.nodes[node].get("name") or node),
                "group": graph.nodes[node]["label"],
                "community": analysis.partition.get(node, -1),
                "size": float(node_scores.get(size_by, 0.0)),
                "betweenness": round(float(node_scores.get("betweenness", 0.0)), 4),
                "first_seen": graph.nodes[node].get("first_seen") or "",
                "last_seen": graph.nodes[node].get("last_seen") or "",
            }
        )
    edges = [
        {
            "from": a,
            "to": b,
            "weight": round(float(d.get("weight", 1.0)), 3),
            "kinds": ", ".join(k for k in d if k not in ("weight",)),
        }
        for a, b, d in graph.edges(data=True)
    ]
    events = store.read(EVENTS).records()
    return ReportData(
        title="Smuggling network report",
        graph=graph,
        analysis=analysis,
        curves=curves,
        nodes=nodes,
        edges=edges,
        details=details,
        communities=_communities(graph, analysis, details, events),
        timeline=_timeline(events),
        events=[e for e in events if e["kind"] in TIMELINE_KINDS],
        provenance=_provenance(relations, set(ids)),
        contradictions=read_contradictions(store),
        stats={
            "nodes": graph.number_of_nodes(),
            "links": graph.number_of_edges(),
            "communities": len(set(analysis.partition.values())),
            "modularity": round(analysis.modularity, 3),
            "documents": store.read("MATCH (d:Document) RETURN count(d)").rows[0][0],
            "analysed_at": analysis.params.get("analysed_at", ""),
            "analysed_now": analysed_now,
            "analysis": _described(analysis.params),
        },
    )


def _communities(
    graph: nx.Graph, analysis: AnalysisResult, details: dict[str, dict], events: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    out = []
    for summary in analysis.summaries:
        members = sorted(
            (n for n, c in analysis.partition.items() if c == summary.community),
            key=lambda n: -analysis.scores.get(n, {}).get("betweenness", 0),
        )
        ids = {m for n in members for m in graph.nodes[n].get("merged", [n])}
        neighbours = [nb for n in members for nb in details[n]["neighbours"]]
        money = [f"{t} {name}" for t, name, label in neighbours if label == "Payment"]
        out.append(
            {
                "community": summary.community,
                "size": summary.size,
                "members": [graph.nodes[n].get("name") or n for n in members],
                "brokers": [
                    graph.nodes[n].get("name") or n
                    for n in members[:3]
                    if analysis.scores.get(n, {}).get("betweenness", 0) > 0
                ],
                "accounts": [
                    graph.nodes[n].get("name") for n in members if graph.nodes[n]["label"] == "Account"
                ],
                "platforms": sorted({name for t, name, label in neighbours if label == "Platform"}),
                "vessels": [
                    graph.nodes[n].get("name") for n in members if graph.nodes[n]["label"] == "Vessel"
                ],
                "money": sorted(set(money)),
                "timeline": [e for e in events if ids & set(e["participants"])],
                "first_seen": summary.first_seen,
                "last_seen": summary.last_seen,
            }
        )
    return out


def _timeline(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    counts: Counter = Counter((e["date"][:7], e["kind"]) for e in events if e["kind"] in TIMELINE_KINDS)
    months = sorted({month for month, _ in counts})
    return [{"month": m, **{k: counts.get((m, k), 0) for k in TIMELINE_KINDS}} for m in months]


def _provenance(relations: list[dict[str, Any]], ids: set[str]) -> list[dict[str, Any]]:
    seen, rows = set(), []
    for row in relations:
        key = (
            (row["id"], row["type"], row["other"])
            if row["outgoing"]
            else (row["other"], row["type"], row["id"])
        )
        if key in seen or not row["sentence"]:
            continue
        seen.add(key)
        rows.append(
            {
                "from": key[0],
                "type": row["type"],
                "to": key[2],
                "sentence": row["sentence"],
                "document": row["document"],
                "url": row["url"],
                "confidence": row["confidence"],
                "extractor": row["extractor"],
                "support": row["support"],
                "independent_support": row["independent_support"],
            }
        )
    return rows


def _described(params: dict[str, Any]) -> str:
    """The analysis run's parameters in one line, as the report states them.

    >>> _described({"method": "louvain", "runs": 20, "seed": 42, "resolution": 1.0, "projection": "actors"})
    'louvain, 20 seeds from 42, resolution 1.0, projection actors'
    """
    if not params.get("method"):
        return ""
    return (
        f"{params['method']}, {params.get('runs')} seeds from {params.get('seed')}, "
        f"resolution {params.get('resolution')}, projection {params.get('projection')}"
    )
