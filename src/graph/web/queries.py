"""The query page: the named queries of `cypher/queries/` as forms (a parameter that takes one
of the ontology's values is a list of them), free read-only Cypher, answers as a table and as
a network, and saved queries. Every question asked here goes to the audit trail, as `graph
query` does, under the command `serve query`."""

from __future__ import annotations

import re
from typing import Any

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for

from graph.audit import audited, os_user
from graph.store.base import QueryResult
from graph.store.errors import StoreError
from graph.store.library import REQUIRED, NamedQuery, allowed_values, load_queries, parse_value
from graph.web import saved
from graph.web.network import MAX_IDS
from graph.web.reads import Reads
from graph.web.settings import Settings

blueprint = Blueprint("queries", __name__)
ROW_LIMIT = 1000
NODE_ID = re.compile(r"[a-z][a-z_]*:\S+")  # the shape of the ids the ETL gives nodes


def reads() -> Reads:
    return current_app.config["READS"]


def settings() -> Settings:
    return current_app.config["SETTINGS"]


def forms(library: dict[str, NamedQuery]) -> list[dict[str, Any]]:
    """Each named query as a form: its parameters with default, allowed values, date shape."""
    out = []
    for query in library.values():
        fields = []
        for key, default in query.params.items():
            required = default is REQUIRED
            fields.append(
                {
                    "key": key,
                    "default": "" if required or default is None else default,
                    "required": required,
                    "choices": allowed_values(query.allowed[key]) if key in query.allowed else None,
                    "date": key in query.dates,
                    "example": query.example.get(key, ""),
                }
            )
        out.append({"name": query.name, "description": query.description, "fields": fields})
    return out


def node_ids(result: QueryResult) -> list[str]:
    """The node ids an answer holds, in order, each once: what its network view draws.

    >>> node_ids(QueryResult(["id", "n"], [["person:a", 3], ["loc:GB", "x y"], ["person:a", None]]))
    ['person:a', 'loc:GB']
    """
    seen: dict[str, None] = {}
    for row in result.rows:
        for cell in row:
            if isinstance(cell, str) and NODE_ID.fullmatch(cell):
                seen.setdefault(cell, None)
    return list(seen)


@blueprint.get("/query")
def query_page():
    library = load_queries()
    name = request.args.get("name")
    cypher = request.args.get("cypher", "").strip()
    given = {k.removeprefix("p."): v for k, v in request.args.items() if k.startswith("p.") and v != ""}
    answer = error = None
    warnings: list[str] = []
    if name or cypher:
        answer, error = ask(library, name, cypher, given)
        if cypher and not name and not error:
            warnings = reads().unknown_names(cypher)
    ids = node_ids(answer) if answer else []
    try:
        kept, saved_error = saved.load(settings().data), None
    except ValueError as exc:
        kept, saved_error = [], str(exc)
    return render_template(
        "query.html",
        forms=forms(library),
        name=name,
        cypher=cypher,
        given=given,
        answer=answer,
        error=error,
        warnings=warnings,
        ids=ids[:MAX_IDS],
        ids_cut=len(ids) > MAX_IDS,
        saved=[(q, rerun_url(q)) for q in kept],
        saved_error=saved_error,
        form_key=current_app.config["FORM_KEY"],
        limit=ROW_LIMIT,
    )


def rerun_url(query: saved.SavedQuery) -> str:
    """The address that asks a saved query again."""
    if query.name:
        return url_for(
            "queries.query_page", name=query.name, **{f"p.{k}": v for k, v in query.params.items()}
        )
    return url_for("queries.query_page", cypher=query.cypher)


def ask(library: dict[str, NamedQuery], name: str | None, cypher: str, given: dict[str, str]):
    """Run a named query or Cypher, audited; (answer, None) or (None, what went wrong)."""
    params: dict[str, Any] = {k: parse_value(v) for k, v in given.items()}
    if name:
        if name not in library:
            return None, f"no named query {name!r}"
        try:
            params = library[name].bind(params)
        except ValueError as exc:
            return None, str(exc)
        cypher = library[name].cypher
    s = settings()
    try:
        with audited(
            "serve query",
            analyst=s.analyst,
            store=s.store,
            data=s.data,
            cypher=cypher,
            params=params,
            name=name,
        ) as entry:
            entry.options = {"limit": ROW_LIMIT}
            answer = reads().run(cypher, params, ROW_LIMIT)
            entry.rows = len(answer.rows)
            entry.detail = {"truncated": answer.truncated}
    except StoreError as exc:
        return None, str(exc)
    return answer, None


@blueprint.post("/query/save")
def save_query():
    form = request.form
    if form.get("form_key") != current_app.config["FORM_KEY"]:
        abort(403, "this form was not made by this workbench")
    params = {k.removeprefix("p."): v for k, v in form.items() if k.startswith("p.") and v != ""}
    query = saved.SavedQuery(
        title=form.get("title", ""),
        name=form.get("name") or None,
        cypher=form.get("cypher") or None,
        params=params,
        saved_by=settings().analyst or os_user(),
    )
    try:
        saved.save(settings().data, query)
    except ValueError as exc:
        abort(400, str(exc))
    return redirect(url_for("queries.query_page"), code=303)
