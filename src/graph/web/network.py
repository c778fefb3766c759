"""The network page: opens on one entity (or on the nodes of a query's answer, or on the whole
network of actors) and grows a neighbourhood at a click. The page's script asks
`/api/neighbours` for the nodes around those clicked; both answers are the same JSON shape."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    jsonify,
    render_template,
    request,
    send_from_directory,
    url_for,
)

from graph.ontology import load_ontology
from graph.report.html import vis_folder
from graph.web.reads import Reads, Rows

blueprint = Blueprint("network", __name__)
MAX_IDS = 200  # nodes one request may expand (a page asks for one at a time)


def reads() -> Reads:
    return current_app.config["READS"]


Link = Callable[[str, str], str]  # (label, id) -> the address of its dossier


def dossier_link(label: str, node_id: str) -> str:
    """The address of a node's dossier (within a request)."""
    return url_for("pages.entity", label=label, node_id=node_id)


def as_graph(rows: Rows, link: Link = dossier_link) -> dict[str, Any]:
    """Rows of `neighbours.cypher` / `network.cypher` as nodes and edges (each once) for the
    page's script, with what a bound cut.

    >>> g = as_graph(Rows([{"source_id": "a", "source_label": "Person", "source_name": "A",
    ...     "source_community": 0, "id": "b", "label": "Account", "name": "@b", "community": 0,
    ...     "type": "CONTROLS", "outgoing": True, "first_seen": "2024-01-02", "last_seen": None,
    ...     "support": 2}]), link=lambda label, node_id: f"/{label}/{node_id}")
    >>> [n["id"] for n in g["nodes"]], g["edges"][0]["from"], g["edges"][0]["to"], g["cut"]
    (['a', 'b'], 'a', 'b', None)
    """
    nodes: dict[str, dict[str, Any]] = {}
    edges: dict[str, dict[str, Any]] = {}
    for r in rows.records:
        nodes.setdefault(
            r["source_id"],
            node(r["source_id"], r["source_label"], r["source_name"], r["source_community"], link),
        )
        nodes.setdefault(r["id"], node(r["id"], r["label"], r["name"], r["community"], link))
        start, end = (r["source_id"], r["id"]) if r["outgoing"] else (r["id"], r["source_id"])
        key = f"{start}|{r['type']}|{end}"
        edges.setdefault(
            key,
            {
                "id": key,
                "from": start,
                "to": end,
                "type": r["type"],
                "first_seen": r["first_seen"],
                "last_seen": r["last_seen"],
                "support": r["support"],
            },
        )
    cut = f"only the first {rows.cut} relationships were read" if rows.cut else None
    return {"nodes": list(nodes.values()), "edges": list(edges.values()), "cut": cut}


def node(node_id: str, label: str, name: Any, community: Any, link: Link = dossier_link) -> dict[str, Any]:
    """One node as the page's script draws it."""
    return {
        "id": node_id,
        "label": label,
        "name": str(name if name is not None else node_id),
        "community": community,
        "href": link(label, node_id),
    }


@blueprint.get("/network")
def network_page():
    asked = [i for i in request.args.getlist("id") if i]
    ontology = load_ontology()
    entities = set(ontology.entity_labels)
    return render_template(
        "network.html",
        ids=asked[:MAX_IDS],
        ids_cut=len(asked) - MAX_IDS if len(asked) > MAX_IDS else 0,
        labels=list(ontology.entity_labels),
        # the types between things found in reports: none that starts or ends at one of the
        # tool's own records (a document, a watch list entry, an alert, a judgement)
        types=sorted(
            name
            for name, rel in ontology.relations.items()
            if all(end == "*" or end in entities for end in (*rel.sources, *rel.targets))
        ),
    )


@blueprint.get("/api/neighbours")
def neighbours():
    ids = request.args.getlist("id")
    if not ids or len(ids) > MAX_IDS:
        abort(400, f"give 1 to {MAX_IDS} ids")
    graph = as_graph(reads().neighbours(ids))
    seen = {n["id"] for n in graph["nodes"]}
    for missing in ids:  # a node with no neighbours is still shown
        if missing not in seen:
            graph["nodes"] += [n for n in lone_nodes(reads(), [missing])]
    return jsonify(graph)


def lone_nodes(reads: Reads, ids: list[str]) -> list[dict[str, Any]]:
    rows = reads.nodes(ids)
    return [node(r["id"], r["label"], r["name"], r["community"]) for r in rows.records]


@blueprint.get("/api/network")
def whole_network():
    return jsonify(as_graph(reads().network()))


VENDOR = {"vis-network.min.js": "application/javascript", "vis-network.css": "text/css"}


@blueprint.get("/vendor/<name>")
def vendor(name: str):
    """vis-network's script and style, from the copy the pyvis package ships (no CDN)."""
    if name not in VENDOR:
        abort(404)
    return send_from_directory(vis_folder(), name, mimetype=VENDOR[name], max_age=3600)
