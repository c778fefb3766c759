"""`graph analyse` and `graph disrupt`: communities, centrality and brokers of a network, and
who to target to break it; on the store (results written back) or on a network file."""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from graph.cli.common import AnalystOption, DataOption, InputOption, StoreOption, fail, out

if TYPE_CHECKING:
    from graph.audit import Entry
    from graph.store.base import GraphStore


def store_unless_file(
    input_file: Path | None, store: str | None, data: Path | None
) -> AbstractContextManager[GraphStore | None]:
    """The store, open for writing results back, or no store when a network file is analysed."""
    from graph.store import open_store

    return nullcontext() if input_file else open_store(store, data, write=True)


def parse_periods(periods: list[str]) -> list[tuple[str | None, str | None]]:
    """Two `--compare FROM:TO` options as (from, to) pairs, an empty side open-ended."""
    if len(periods) != 2 or any(":" not in p for p in periods):
        raise fail("--compare takes two periods FROM:TO")
    return [(start or None, end or None) for start, end in (p.split(":", 1) for p in periods)]


def analyse(
    projection: Annotated[
        str, typer.Option(help="Projection from etl/projections.yaml: actors, accounts, money.")
    ] = "actors",
    method: Annotated[str, typer.Option(help="louvain, leiden or label_propagation.")] = "louvain",
    runs: Annotated[int, typer.Option(help="Seeds for the consensus partition and its confidence.")] = 20,
    seed: Annotated[int, typer.Option(help="First random seed.")] = 42,
    resolution: Annotated[float, typer.Option(help="Modularity resolution (>1: smaller communities).")] = 1.0,
    since: Annotated[
        str | None, typer.Option(help="Only links seen from this date (ISO, any precision).")
    ] = None,
    until: Annotated[str | None, typer.Option(help="Only links seen up to this date.")] = None,
    half_life: Annotated[float | None, typer.Option(help="Recency half-life in days (0: off).")] = None,
    compare: Annotated[
        list[str] | None,
        typer.Option(
            help="Compare two periods FROM:TO, e.g. --compare 2024-01:2024-06 --compare 2024-07:2024-12."
        ),
    ] = None,
    input_file: InputOption = None,
    exact_limit: Annotated[
        int, typer.Option(help="Exact betweenness up to this many nodes, sampled above.")
    ] = 5000,
    data: DataOption = None,
    store: StoreOption = None,
    analyst: AnalystOption = None,
) -> None:
    """Communities, centrality and brokers of a network; results written back to the nodes.
    The question (options, the statements read) and its size go to the audit trail."""
    from graph.analysis.run import analyse_and_record
    from graph.audit import audited
    from graph.report.console import print_analysis
    from graph.store import StoreError

    options = {
        "projection": projection, "method": method, "runs": runs, "seed": seed, "resolution": resolution,
        "since": since, "until": until, "half_life": half_life, "compare": compare,
        "input": str(input_file) if input_file else None,
    }  # fmt: skip
    question = audited("analyse", analyst=analyst, store=store, data=data, options=options)
    if compare:
        try:
            with question as entry:
                analyse_periods(compare, projection, method, seed, data, store, entry)
        except StoreError as exc:
            raise fail(str(exc)) from exc
        return
    try:
        with question as entry, store_unless_file(input_file, store, data) as graph_store:
            if graph_store:
                entry.watch(graph_store)
            else:  # a network file, not the store, is what was asked
                entry.store = f"file:{Path(str(input_file)).resolve()}"
            analysis = analyse_and_record(
                graph_store,
                input_file,
                projection=projection,
                since=since,
                until=until,
                half_life_days=half_life,
                method=method,
                runs=runs,
                seed=seed,
                resolution=resolution,
                exact_limit=exact_limit,
            )
            entry.rows = analysis.result.graph.number_of_nodes()
            entry.detail = {"links": analysis.result.graph.number_of_edges(), "written": analysis.written}
    except (StoreError, KeyError, ValueError) as exc:
        raise fail(str(exc)) from exc
    print_analysis(out, analysis.result, analysis.profiles, analysis.written)


def analyse_periods(
    periods: list[str],
    projection: str,
    method: str,
    seed: int,
    data: Path | None,
    store: str | None,
    entry: Entry,
) -> None:
    """`graph analyse --compare`: how the communities of one period became those of the next
    (the statements read noted in the audit `entry`)."""
    from graph.analysis.run import compare_periods as compare
    from graph.report.console import period_change_table
    from graph.store import StoreError, open_store

    bounds = parse_periods(periods)
    try:
        with open_store(store, data) as graph_store:
            entry.watch(graph_store)
            comparison = compare(graph_store, bounds, projection=projection, method=method, seed=seed)
    except (StoreError, KeyError) as exc:
        raise fail(str(exc)) from exc
    out.print(period_change_table(comparison, periods))


def disrupt(
    strategy: Annotated[
        list[str] | None,
        typer.Option(
            help="A strategy (<measure>_static or <measure>_sequential, kpp_*_set, random; see "
            "--list), repeated, or a group: all (default), static, sequential, set, weighted.",
        ),
    ] = None,
    k: Annotated[int | None, typer.Option("--k", help="Removals to simulate (default: all nodes).")] = None,
    remove: Annotated[
        list[str] | None, typer.Option(help="What if these are removed (ids or names).")
    ] = None,
    projection: Annotated[str, typer.Option(help="Projection from etl/projections.yaml.")] = "actors",
    weighted: Annotated[
        bool,
        typer.Option(
            help="Use the weighted variant of each strategy asked for (strength, 1/weight lengths)."
        ),
    ] = False,
    csv_file: Annotated[
        Path | None,
        typer.Option(
            "--csv",
            help="Write every curve and measure: one row per strategy and removal step (who was removed, "
            "largest component, components, efficiency, fragmentation, robustness R).",
        ),
    ] = None,
    radius: Annotated[
        int | None,
        typer.Option(
            "--ci-radius", help="Ball radius of collective influence (default 1: etl/disruption.yaml)."
        ),
    ] = None,
    katz_alpha: Annotated[
        float | None,
        typer.Option(help="Katz attenuation (default 0.1; kept below 1/lambda_max on every step)."),
    ] = None,
    distance: Annotated[
        str, typer.Option(help="Weighted betweenness: a weight w is a length 1/w (inverse) or w (weight).")
    ] = "inverse",
    duplicates: Annotated[
        str, typer.Option(help="--input: ties read twice combine by sum, max or last.")
    ] = "sum",
    list_strategies: Annotated[bool, typer.Option("--list", help="List the strategies and exit.")] = False,
    seed: Annotated[int, typer.Option()] = 0,
    input_file: InputOption = None,
    data: DataOption = None,
    store: StoreOption = None,
    analyst: AnalystOption = None,
) -> None:
    """Simulate removal strategies (who to target to break the network), or a given arrest list.
    The question (options, the statements read) and its size go to the audit trail."""
    from graph.analysis.run import load_network, near_names, rank_targets, removal_impact
    from graph.analysis.strategies import StrategyError, resolve
    from graph.analysis.tables import write_measures_csv
    from graph.audit import audited
    from graph.report.console import (
        not_found_message,
        print_disruption,
        print_impact,
        strategies_catalogue_table,
    )
    from graph.store import StoreError

    if list_strategies:
        out.print(strategies_catalogue_table())
        return
    try:
        resolve(strategy)
    except StrategyError as exc:
        raise fail(str(exc)) from exc
    options = {
        "strategy": strategy, "k": k, "remove": remove, "projection": projection, "weighted": weighted,
        "ci_radius": radius, "katz_alpha": katz_alpha, "distance": distance, "seed": seed,
        "input": str(input_file) if input_file else None,
    }  # fmt: skip
    question = audited("disrupt", analyst=analyst, store=store, data=data, options=options)
    try:
        with question as entry, store_unless_file(input_file, store, data) as graph_store:
            if graph_store:
                entry.watch(graph_store)
            else:  # a network file, not the store, is what was asked
                entry.store = f"file:{Path(str(input_file)).resolve()}"
            network = load_network(graph_store, input_file, projection, duplicates=duplicates)
            entry.rows = network.number_of_nodes()
            if remove:
                impact, missing = removal_impact(network, remove)
                if missing:  # a simulation without one of the people meant would mislead
                    raise ValueError("; ".join(not_found_message(m, near_names(network, m)) for m in missing))
                print_impact(out, impact, network)
                return
            targets = rank_targets(
                graph_store,
                network,
                strategy,
                steps=k,
                seed=seed,
                weighted=weighted,
                radius=radius,
                katz_alpha=katz_alpha,
                distance=distance,
            )
    except (StoreError, KeyError, ValueError) as exc:
        raise fail(str(exc)) from exc
    if csv_file:
        write_measures_csv(targets.curves, csv_file, network)
    print_disruption(out, network, targets.curves, targets.best, k)
