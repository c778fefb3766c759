"""`graph resolve`: the same person across documents and scripts, linked, listed or split."""

from __future__ import annotations

from typing import Annotated

import typer

from graph.cli.common import DataOption, StoreOption, fail, out


def resolve(
    list_only: Annotated[
        bool, typer.Option("--list", help="List the SAME_AS links; change nothing.")
    ] = False,
    split_id: Annotated[
        str | None, typer.Option("--split", help="Undo every SAME_AS link of this node id.")
    ] = None,
    data: DataOption = None,
    store: StoreOption = None,
) -> None:
    """Link the same person across documents and scripts (SAME_AS with score and method)."""
    from graph.report.console import links_found_message, links_table, split_message
    from graph.resolve.crossdoc import list_links, resolve_people, split
    from graph.store import StoreError, open_store

    try:
        with open_store(store, data, write=not list_only) as graph_store:
            if split_id:
                out.print(split_message(split_id, split(graph_store, split_id)))
            elif not list_only:
                out.print(links_found_message(resolve_people(graph_store)))
            links = list_links(graph_store)
    except StoreError as exc:
        raise fail(str(exc)) from exc
    out.print(links_table(links))
