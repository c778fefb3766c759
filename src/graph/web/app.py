"""The workbench's Flask application: its pages (pages.py, network.py, queries.py), who may
use it (access.py), and the headers every answer carries. Pages are Jinja2 templates with
autoescaping on for every template, so no value read from the graph becomes markup; scripts
are files of this package (no CDN, no inline script), allowed by the Content-Security-Policy,
and data reaches them as JSON in <script type="application/json"> blocks."""

from __future__ import annotations

import secrets
from pathlib import Path

from flask import Flask, abort, g, render_template, request
from jinja2 import select_autoescape
from markupsafe import Markup
from werkzeug.exceptions import HTTPException

from graph.report.display import is_link, shown
from graph.web import access, network, pages, queries
from graph.web.reads import Reads
from graph.web.settings import Settings

HERE = Path(__file__).resolve().parent
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)


def finalize(value: object) -> object:
    """Every value a page prints is shown within the bound of etl/report.yaml, marked when
    cut; the package's own trusted markup (the map's outlines) is left whole."""
    return value if isinstance(value, Markup) else shown(value)


def create_app(reads: Reads, settings: Settings) -> Flask:
    """The application over `reads`; refuses to run bound elsewhere without a token."""
    if settings.token is None and not access.is_loopback(settings.host):
        raise ValueError(f"graph serve on {settings.host} needs a token (--token, or let it make one)")
    app = Flask(__name__, template_folder=str(HERE / "templates"), static_folder=str(HERE / "static"))
    app.jinja_env.autoescape = select_autoescape(default=True, default_for_string=True)
    app.jinja_env.finalize = finalize
    app.jinja_env.tests["link"] = is_link
    app.config.update(READS=reads, SETTINGS=settings, FORM_KEY=secrets.token_urlsafe(24))

    @app.before_request
    def admit() -> None:
        if not access.host_allowed(request.host, settings.host):
            abort(421)
        if settings.token is not None:
            given = request.args.get("token") or request.cookies.get(access.COOKIE)
            bearer = request.headers.get("Authorization", "")
            if bearer.startswith("Bearer "):
                given = bearer.removeprefix("Bearer ")
            if not access.token_matches(given, settings.token):
                abort(401)
            g.set_token_cookie = request.args.get("token") is not None

    @app.after_request
    def headers(response):
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Cache-Control"] = "no-store"
        if g.get("set_token_cookie") and settings.token is not None:
            response.set_cookie(access.COOKIE, settings.token, httponly=True, samesite="Strict")
        return response

    @app.errorhandler(HTTPException)
    def error_page(error: HTTPException):
        return render_template(
            "error.html", code=error.code, name=error.name, description=error.description
        ), error.code

    app.register_blueprint(pages.blueprint)
    app.register_blueprint(network.blueprint)
    app.register_blueprint(queries.blueprint)
    return app
