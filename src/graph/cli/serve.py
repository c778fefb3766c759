"""`graph serve`: the investigator's workbench in a browser (graph.web), over either store,
read-only, on this machine unless told otherwise (then behind a token)."""

from __future__ import annotations

from typing import Annotated

import typer

from graph.cli.common import AnalystOption, DataOption, StoreOption, err, fail


def serve(
    host: Annotated[
        str, typer.Option(help="Address to listen on; any but a loopback one needs the token.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8765,
    token: Annotated[
        str | None,
        typer.Option(
            envvar="GRAPH_SERVE_TOKEN",
            help="Token asked of every visitor when listening beyond this machine (default: a new "
            "random one, printed once in the address to open).",
        ),
    ] = None,
    threads: Annotated[int, typer.Option(min=1, help="Requests served at once.")] = 4,
    data: DataOption = None,
    store: StoreOption = None,
    analyst: AnalystOption = None,
) -> None:
    """Serve the workbench: search, dossiers, the network, a map, timelines and the query page.
    It never writes to the graph; questions asked on its query page go to the audit trail."""
    from waitress import serve as waitress_serve

    from graph.paths import data_dir
    from graph.store import StoreError, open_store
    from graph.web import access
    from graph.web.app import create_app
    from graph.web.reads import Reads
    from graph.web.settings import Settings

    if token is None and not access.is_loopback(host):
        token = access.new_token()
    settings = Settings(data=data_dir(data), store=store, analyst=analyst, host=host, port=port, token=token)
    try:
        graph_store = open_store(store, data)
    except StoreError as exc:
        raise fail(str(exc)) from exc
    with graph_store:
        app = create_app(Reads(graph_store), settings)
        shown_host = f"[{host}]" if ":" in host else host
        address = f"http://{shown_host}:{port}/" + (f"?token={token}" if token else "")
        err.print(f"graph workbench: open {address}  (Ctrl-C stops it)", markup=False, soft_wrap=True)
        waitress_serve(app, host=host, port=port, threads=threads, ident="graph", _quiet=True)
