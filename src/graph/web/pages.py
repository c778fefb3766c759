"""The workbench's reading pages: search, an entity's dossier, a community and the map."""

from __future__ import annotations

from collections import defaultdict

from flask import Blueprint, abort, current_app, render_template, request

from graph.ontology import OntologyError, load_ontology
from graph.web import dossier, places
from graph.web.reads import Reads

blueprint = Blueprint("pages", __name__)


def reads() -> Reads:
    return current_app.config["READS"]


@blueprint.get("/")
def home():
    return render_template("home.html", counts=reads().counts())


@blueprint.get("/search")
def search():
    text = request.args.get("q", "").strip()
    found = reads().search(text) if text else None
    groups: dict[str, list[dict]] = defaultdict(list)
    for row in found.records if found else []:
        groups[row["label"]].append(row)
    plural = {label: spec.get("plural", label) for label, spec in load_ontology().labels.items()}
    return render_template(
        "search.html", q=text, groups=dict(groups), plural=plural, found=found, aliases=dossier.unique_aliases
    )


@blueprint.get("/entity/<label>/<path:node_id>")
def entity(label: str, node_id: str):
    try:
        load_ontology().check_label(label)
    except OntologyError:
        abort(404)
    found = dossier.build(reads(), label, node_id)
    if found is None:
        abort(404)
    return render_template("dossier.html", d=found)


@blueprint.get("/community/<int:community>")
def community(community: int):
    rows = reads().community(community)
    if not rows.records:
        abort(404)
    members: dict[str, dict] = {}
    events: dict[str, dict] = {}
    for r in rows.records:
        member = members.setdefault(
            r["id"], {k: r[k] for k in ("id", "label", "name", "betweenness", "degree")}
        )
        if r["event"]:
            event = events.setdefault(
                r["event"], {k: r[k] for k in ("event", "kind", "date", "summary")} | {"who": []}
            )
            event["who"].append(member)
    ranked = sorted(members.values(), key=lambda m: (-(m["betweenness"] or 0), str(m["name"])))
    timeline = sorted(events.values(), key=lambda e: (str(e["date"] or "9999"), e["event"]))
    return render_template(
        "community.html", community=community, members=ranked, timeline=timeline, cut=rows.cut
    )


@blueprint.get("/map")
def world_map():
    return render_template("map.html", m=places.build(reads()))
