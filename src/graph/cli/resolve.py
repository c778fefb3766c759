"""`graph resolve`: the same person across documents and scripts, linked, listed or split, and
a person's judgements on two records (the same person, or not), kept, listed and undone."""

from __future__ import annotations

from typing import Annotated

import typer

from graph.cli.common import DataOption, StoreOption, fail, out


def resolve(
    list_only: Annotated[
        bool, typer.Option("--list", help="List the SAME_AS links; change nothing.")
    ] = False,
    split_id: Annotated[
        str | None,
        typer.Option("--split", help="Undo every SAME_AS link of this node id ('not the same' judgements)."),
    ] = None,
    same: Annotated[
        tuple[str, str] | None,
        typer.Option(
            "--same",
            "--merge",
            metavar="ID ID",
            help="Join two people (node ids) by hand: one 'same' judgement, linked, kept.",
        ),
    ] = None,
    not_same: Annotated[
        tuple[str, str] | None,
        typer.Option("--not-same", metavar="ID ID", help="Judge two people not one person: never linked."),
    ] = None,
    undo_id: Annotated[
        str | None, typer.Option("--undo", help="Undo a judgement (its id); its record stays.")
    ] = None,
    show_judgements: Annotated[
        bool, typer.Option("--judgements", help="List the judgements that hold; change nothing.")
    ] = False,
    show_all: Annotated[bool, typer.Option("--all", help="With --judgements: the undone ones too.")] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="With --judgements: one JSON object each (export).")
    ] = False,
    analyst: Annotated[str | None, typer.Option(help="Who judges (default: the OS user).")] = None,
    reason: Annotated[str, typer.Option(help="Why, kept with the judgement.")] = "",
    data: DataOption = None,
    store: StoreOption = None,
) -> None:
    """Link the same person across documents and scripts (SAME_AS with score and method); a
    person's judgements always win over the automatic links and last through re-ingestion."""
    from graph.audit import os_user
    from graph.report.console import (
        judgement_message,
        links_found_message,
        links_table,
        print_judgements,
        split_message,
    )
    from graph.resolve.contradictions import recheck_all_linked
    from graph.resolve.crossdoc import list_links, resolve_people, split
    from graph.resolve.judgements import judge, judgements, undo
    from graph.store import StoreError, open_store

    who = analyst or os_user()
    reading = list_only or show_judgements
    try:
        with open_store(store, data, write=not reading) as graph_store:
            if show_judgements:
                print_judgements(out, judgements(graph_store, undone=show_all), as_json)
                return
            if split_id:
                out.print(split_message(split_id, split(graph_store, split_id, analyst=who, reason=reason)))
            elif same or not_same:
                kind, pair = ("same", same) if same else ("not_same", not_same)
                out.print(judgement_message(judge(graph_store, kind, *pair, analyst=who, reason=reason)))
            elif undo_id:
                out.print(judgement_message(undo(graph_store, undo_id, analyst=who)))
            elif not list_only:
                out.print(links_found_message(resolve_people(graph_store)))
            if not list_only:  # a link made or undone may make or unmake a contradiction
                recheck_all_linked(graph_store)
            links = list_links(graph_store)
    except StoreError as exc:
        raise fail(str(exc)) from exc
    out.print(links_table(links))
