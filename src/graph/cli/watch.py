"""`graph watch`: the watch list (handles, phone numbers, people, vessels, organisations) and
the alerts each ETL run raises when a new report names one of them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from graph.cli.common import DataOption, StoreOption, fail, out


def watch_add(
    kind: Annotated[str, typer.Argument(help="handle, phone, person, vessel or organisation.")],
    value: Annotated[str, typer.Argument(help="What to watch, as written (either script).")],
    reason: Annotated[str, typer.Option(help="Why it is watched (kept with the entry).")] = "",
    analyst: Annotated[str | None, typer.Option(help="Who adds it (default: the OS user).")] = None,
    data: DataOption = None,
    store: StoreOption = None,
) -> None:
    """Watch a handle, phone number, person, vessel or organisation in the reports to come."""
    from graph.store import StoreError, open_store
    from graph.watch.entries import WatchEntry, WatchError, add_watch

    try:
        entry = WatchEntry.of(kind, value)
        with open_store(store, data, write=True) as graph_store:
            add_watch(graph_store, entry, analyst=analyst, reason=reason)
    except (WatchError, StoreError) as exc:
        raise fail(str(exc)) from exc
    out.print(f"watching {entry.kind} {entry.value!r} as {entry.id}", highlight=False, markup=False)


def watch_import(
    file: Annotated[Path, typer.Argument(help="YAML: `watch:`, a list of {kind, value, reason}.")],
    analyst: Annotated[str | None, typer.Option(help="Who adds them (default: the OS user).")] = None,
    data: DataOption = None,
    store: StoreOption = None,
) -> None:
    """Put every entry of a watch list file on the watch list (again: changes nothing)."""
    from graph.store import StoreError, open_store
    from graph.watch.entries import WatchError, import_watch_file

    try:
        with open_store(store, data, write=True) as graph_store:
            entries = import_watch_file(graph_store, file, analyst=analyst)
    except (WatchError, StoreError) as exc:
        raise fail(str(exc)) from exc
    out.print(f"watching {len(entries)} entries from {file}", highlight=False, markup=False)


def watch_list(data: DataOption = None, store: StoreOption = None) -> None:
    """List the watch list."""
    from graph.report.console import watches_table
    from graph.store import StoreError, open_store
    from graph.watch.entries import read_watches

    try:
        with open_store(store, data, write=False) as graph_store:
            watches = read_watches(graph_store)
    except StoreError as exc:
        raise fail(str(exc)) from exc
    out.print(watches_table(watches))


def watch_remove(
    watch_id: Annotated[str, typer.Argument(help="The entry's id, as `graph watch list` shows it.")],
    data: DataOption = None,
    store: StoreOption = None,
) -> None:
    """Take an entry off the watch list (the alerts it raised stay)."""
    from graph.store import StoreError, open_store
    from graph.watch.entries import remove_watch

    try:
        with open_store(store, data, write=True) as graph_store:
            removed = remove_watch(graph_store, watch_id)
    except StoreError as exc:
        raise fail(str(exc)) from exc
    if not removed:
        raise fail(f"no watch list entry {watch_id!r}; see `graph watch list`")
    out.print(f"removed {watch_id}", highlight=False, markup=False)


def watch_alerts(
    since: Annotated[
        str | None, typer.Option(help="Only alerts raised from this date or time (ISO, UTC): 2024-06-01.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per alert.")] = False,
    data: DataOption = None,
    store: StoreOption = None,
) -> None:
    """List the alerts raised by ETL runs, newest first."""
    from graph.audit import since_value
    from graph.report.console import print_alerts
    from graph.store import StoreError, open_store
    from graph.watch.alerts import list_alerts

    try:
        with open_store(store, data, write=False) as graph_store:
            alerts = list_alerts(graph_store, since_value(since))
    except (ValueError, StoreError) as exc:
        raise fail(str(exc)) from exc
    print_alerts(out, alerts, as_json)
