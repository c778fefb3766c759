"""The `graph` command: ingest reports, question the graph with Cypher, analyse the network."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from graph.paths import data_dir

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Investigative knowledge graph of smuggling networks from Arabic and English reports.",
)
console = Console(stderr=True, emoji=False)
out = Console(emoji=False)
if not out.is_terminal:  # logs and pipes: wide tables rather than folded ones
    out.width = 160

DataOption = Annotated[
    Path | None,
    typer.Option("--data", help="Data folder of the embedded store (default: $GRAPH_DATA or ./data)."),
]
StoreOption = Annotated[
    str | None,
    typer.Option(
        "--store",
        help="'embedded' (default) or a neo4j:// / bolt:// URI (credentials from NEO4J_USER/NEO4J_PASSWORD).",
    ),
]


ProcessesOption = Annotated[
    int,
    typer.Option(min=1, help="Cores to extract on: worker processes, each loading the pipelines once."),
]


def _fail(message: str, code: int = 2) -> typer.Exit:
    console.print(f"[bold red]error:[/] {escape(message)}")
    return typer.Exit(code)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (.txt .md .html .jsonl).")],
    data: DataOption = None,
    store: StoreOption = None,
    batch_size: Annotated[int, typer.Option(help="Rows per write statement.")] = 500,
    processes: ProcessesOption = 1,
) -> None:
    """Read reports, extract entities and events, and write them to the graph (idempotent)."""
    from graph.etl.runner import Runner, RunReport
    from graph.ingest import path_items
    from graph.report.progress import run_progress
    from graph.store import StoreError, open_store

    items = list(path_items(paths))
    try:
        with open_store(store, data, write=True, batch_size=batch_size) as graph_store:
            with run_progress(console, len(items), "ingest") as advance:
                runner = Runner(graph_store, on_progress=advance, processes=processes)
                report = runner.run(items, RunReport("ingest", "ingest"))
            totals = graph_store.totals()
    except StoreError as exc:
        raise _fail(str(exc)) from exc
    _print_report(report, totals)
    if report.errors:
        raise typer.Exit(1)


def _print_report(report, totals, title: str = "Ingest summary") -> None:
    from graph.report.console import errors_table, ingest_table

    out.print(ingest_table(report, totals, title))
    if report.errors:
        out.print(errors_table(report))


@app.command()
def query(
    cypher: Annotated[str | None, typer.Argument(help="A read-only Cypher query.")] = None,
    name: Annotated[
        str | None, typer.Option("--name", "-n", help="A named query from cypher/queries/.")
    ] = None,
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", help="k=v (JSON values allowed).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per row.")] = False,
    limit: Annotated[int, typer.Option(help="At most this many rows.")] = 1000,
    timeout: Annotated[float, typer.Option(help="Seconds before the query is stopped.")] = 30.0,
    list_queries: Annotated[bool, typer.Option("--list", help="List the named queries.")] = False,
    data: DataOption = None,
    store: StoreOption = None,
) -> None:
    """Run read-only Cypher (yours, or a named one) and print a table or JSON lines."""
    from graph.report.console import print_json_rows, result_table
    from graph.store import StoreError, open_store
    from graph.store.library import load_queries, parse_value

    library = load_queries()
    if list_queries:
        for item in library.values():
            params = ", ".join(item.params)
            out.print(f"[bold]{item.name}[/] ({params}): {item.description}")
        return
    params = {}
    for item in param or []:
        key, sep, value = item.partition("=")
        if not sep:
            raise _fail(f"--param needs key=value, got {item!r}")
        params[key] = parse_value(value)
    if name:
        if name not in library:
            raise _fail(f"no named query {name!r}; try `graph query --list`")
        try:
            params = library[name].bind(params)
        except ValueError as exc:
            raise _fail(str(exc)) from exc
        cypher = library[name].cypher
    if not cypher:
        raise _fail("give a Cypher query or --name NAME")
    try:
        with open_store(store, data) as graph_store:
            result = graph_store.query(cypher, params, limit=limit, timeout_s=timeout)
    except StoreError as exc:
        raise _fail(str(exc)) from exc
    if as_json:
        print_json_rows(result)
    else:
        out.print(result_table(result, title=name))
    if result.truncated:
        console.print(f"[yellow]only the first {limit} rows shown (--limit)[/]")


InputOption = Annotated[
    Path | None,
    typer.Option(
        "--input",
        help="Analyse a network file instead of the store: "
        "an edge list (CSV/TSV, optional header, optional weight) or GraphML.",
    ),
]


@app.command()
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
) -> None:
    """Communities, centrality and brokers of a network; results written back to the nodes."""
    from graph.analysis.run import analyse_network, load_network, write_results
    from graph.store import StoreError, open_store

    if compare:
        _compare_periods(compare, projection, method, seed, data, store)
        return
    try:
        graph_store = None if input_file else open_store(store, data, write=True)
        try:
            network = load_network(graph_store, input_file, projection, since, until, half_life)
            result = analyse_network(
                network, method=method, runs=runs, seed=seed, resolution=resolution, exact_limit=exact_limit
            )
            written = write_results(graph_store, result) if graph_store else 0
            profiles = _profiles(graph_store, result) if graph_store else {}
        finally:
            if graph_store:
                graph_store.close()
    except (StoreError, KeyError, ValueError) as exc:
        raise _fail(str(exc)) from exc
    _print_analysis(result, profiles, written)


def _profiles(graph_store, result) -> dict[int, dict]:
    from graph.store.library import load_queries

    query = load_queries()["community_profile"]
    return {
        s.community: graph_store.query(query.cypher, {"community": s.community}).records()[0]
        for s in result.summaries
    }


def _print_analysis(result, profiles: dict[int, dict], written: int) -> None:
    from rich.table import Table

    from graph.report.console import cell

    graph = result.graph
    out.print(
        f"{result.params['projection']}: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} links; "
        f"{result.params['method']} consensus of {result.params['runs']} seeds, modularity "
        f"{result.modularity:.3f}; second opinion {result.second_opinion}"
    )
    table = Table(title="Communities")
    for column in (
        "community",
        "size",
        "confidence",
        "key members",
        "platforms",
        "vessels",
        "money out",
        "money in",
        "first seen",
        "last seen",
    ):
        table.add_column(column, overflow="fold")
    for s in result.summaries:
        members = [n for n, c in result.partition.items() if c == s.community]
        confidence = sum(result.confidence.get(n, 1.0) for n in members) / max(len(members), 1)
        profile = profiles.get(s.community, {})
        table.add_row(
            *(
                cell(v)
                for v in (
                    s.community,
                    s.size,
                    f"{confidence:.2f}",
                    "; ".join(s.top_members),
                    ", ".join(profile.get("platforms", [])),
                    profile.get("vessels", ""),
                    ", ".join(profile.get("money_out", [])),
                    ", ".join(profile.get("money_in", [])),
                    s.first_seen,
                    s.last_seen,
                )
            )
        )
    out.print(table)
    brokers = Table(title="Key players and brokers (betweenness)")
    for column in (
        "node",
        "name",
        "community",
        "betweenness",
        "degree",
        "eigenvector",
        "participation",
        "articulation point",
    ):
        brokers.add_column(column, overflow="fold")
    ranked = sorted(result.scores.items(), key=lambda item: (-item[1].get("betweenness", 0), str(item[0])))
    for node, scores in ranked[:10]:
        brokers.add_row(
            *(
                cell(v)
                for v in (
                    node,
                    graph.nodes[node].get("name"),
                    scores.get("community"),
                    round(scores.get("betweenness", 0), 4),
                    round(scores.get("degree", 0), 4),
                    round(scores.get("eigenvector", 0), 4),
                    round(scores.get("participation", 0), 4),
                    scores.get("articulation_point"),
                )
            )
        )
    out.print(brokers)
    if written:
        out.print(
            f"written back to {written} nodes: community, community_confidence, degree, betweenness, "
            "eigenvector, participation, articulation_point (with analysed_at, analysis_params)"
        )


def _compare_periods(periods: list[str], projection: str, method: str, seed: int, data, store) -> None:
    from rich.table import Table

    from graph.analysis import communities
    from graph.analysis.evolution import compare_partitions
    from graph.analysis.projection import project
    from graph.report.console import cell
    from graph.store import StoreError, open_store

    if len(periods) != 2 or any(":" not in p for p in periods):
        raise _fail("--compare takes two periods FROM:TO")
    partitions = []
    try:
        with open_store(store, data) as graph_store:
            for period in periods:
                start, end = period.split(":", 1)
                network = project(graph_store, projection, since=start or None, until=end or None)
                partitions.append(communities.detect(network, method, seed=seed).partition if network else {})
    except (StoreError, KeyError) as exc:
        raise _fail(str(exc)) from exc
    change = compare_partitions(*partitions)
    table = Table(title=f"Communities: {periods[0]} -> {periods[1]}")
    table.add_column("change")
    table.add_column("what", overflow="fold")
    table.add_row("joined", cell(sorted(map(str, change.joined))))
    table.add_row("left", cell(sorted(map(str, change.left))))
    table.add_row("merged", cell([[list(b), a] for b, a in change.merged]))
    table.add_row("split", cell([[b, list(a)] for b, a in change.split]))
    table.add_row("continued", cell(len(change.continued)))
    table.add_row("emerged", cell(list(change.emerged)))
    table.add_row("dissolved", cell(list(change.dissolved)))
    out.print(table)


@app.command()
def disrupt(
    strategy: Annotated[
        list[str] | None,
        typer.Option(
            help="degree, betweenness, betweenness_recomputed, "
            "collective_influence, community_bridges, random; "
            "repeat or 'all'."
        ),
    ] = None,
    k: Annotated[int | None, typer.Option("--k", help="Removals to simulate (default: all nodes).")] = None,
    remove: Annotated[
        list[str] | None, typer.Option(help="What if these are removed (ids or names).")
    ] = None,
    projection: Annotated[str, typer.Option(help="Projection from etl/projections.yaml.")] = "actors",
    weighted: Annotated[bool, typer.Option(help="Weighted shortest paths (distance 1/weight).")] = False,
    csv_file: Annotated[
        Path | None,
        typer.Option(
            "--csv",
            help="Write the curves: one row per removal, one column per strategy (LCC / initial LCC).",
        ),
    ] = None,
    seed: Annotated[int, typer.Option()] = 0,
    input_file: InputOption = None,
    data: DataOption = None,
    store: StoreOption = None,
) -> None:
    """Simulate removal strategies (who to target to break the network), or a given arrest list."""
    from rich.table import Table

    from graph.analysis import disruption
    from graph.analysis.run import disrupt as run_strategies
    from graph.analysis.run import find_nodes, load_network, write_disruption_ranks
    from graph.report.console import cell
    from graph.store import StoreError, open_store

    strategies = list(disruption.STRATEGIES) if not strategy or strategy == ["all"] else strategy
    unknown = set(strategies) - set(disruption.STRATEGIES)
    if unknown:
        raise _fail(f"unknown strategy {sorted(unknown)}; choose from {list(disruption.STRATEGIES)}")
    try:
        graph_store = None if input_file else open_store(store, data, write=True)
        try:
            network = load_network(graph_store, input_file, projection)
            if remove:
                nodes, missing = find_nodes(network, remove)
                impact = disruption.simulate_removal(
                    network.to_undirected() if network.is_directed() else network, nodes
                )
                _print_impact(impact, network, missing)
                return
            curves = run_strategies(network, strategies, steps=k, seed=seed, weighted=weighted)
            best = min(
                (c for c in curves.values() if c.strategy != "random"), key=lambda c: c.auc(k), default=None
            )
            if graph_store and best:
                write_disruption_ranks(graph_store, network, best)
        finally:
            if graph_store:
                graph_store.close()
    except (StoreError, KeyError, ValueError) as exc:
        raise _fail(str(exc)) from exc
    if csv_file:
        disruption.write_lcc_csv(curves, csv_file)
    table = Table(
        title=f"Largest connected component after each removal (share of the initial one), "
        f"{network.number_of_nodes()} nodes"
    )
    table.add_column("step")
    for name in curves:
        table.add_column(name)
    steps = max(len(c.lcc_fraction) for c in curves.values())
    for step in range(steps):
        table.add_row(
            str(step),
            *(
                cell(round(c.lcc_fraction[step], 3)) if step < len(c.lcc_fraction) else cell("")
                for c in curves.values()
            ),
        )
    out.print(table)
    if best:
        ranked = Table(title=f"Ranked targets ({best.strategy}, fastest to fragment: area {best.auc(k):.3f})")
        for column in ("rank", "node", "name", "LCC share after", "components after", "efficiency after"):
            ranked.add_column(column)
        for rank, node in enumerate(best.removed, start=1):
            efficiency = round(best.efficiency[rank], 4) if best.efficiency else None
            ranked.add_row(
                *(
                    cell(v)
                    for v in (
                        rank,
                        node,
                        network.nodes[node].get("name"),
                        round(best.lcc_fraction[rank], 3),
                        int(best.components[rank]),
                        efficiency,
                    )
                )
            )
        out.print(ranked)


def _print_impact(impact, network, missing: list[str]) -> None:
    from rich.table import Table

    from graph.report.console import cell

    table = Table(title="What if they are removed")
    for column in ("", "largest component", "components", "efficiency"):
        table.add_column(column)
    for label, state in (("before", impact.before), ("after", impact.after)):
        table.add_row(
            label,
            cell(state.largest_component),
            cell(state.components),
            cell(round(state.efficiency or 0, 4)),
        )
    out.print(table)
    out.print(
        f"removed: {', '.join(str(network.nodes[n].get('name', n)) for n in impact.removed)}; "
        f"cut off from the main group: {len(impact.detached)}"
    )
    if missing:
        console.print(f"[yellow]not found[/] {escape(', '.join(missing))}")


@app.command()
def run(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders of reports.")],
    data: DataOption = None,
    store: StoreOption = None,
    processes: ProcessesOption = 1,
) -> None:
    """The main job end to end: ingest the reports, analyse the network, say where to look next."""
    code = 0
    try:
        ingest(paths, data=data, store=store, processes=processes)
    except typer.Exit as exc:
        code = exc.exit_code
        if code not in (0, 1):
            raise
    resolve(data=data, store=store)
    analyse(data=data, store=store)
    where = store if store else data_dir(data)
    out.print(f"\nThe graph is in [bold]{escape(str(where))}[/]. Next:")
    out.print(
        escape(
            "  graph query --list                                  # the named investigator queries\n"
            "  graph query --name entity --param name='NCA'        # everything about an entity\n"
            "  graph query --name events_by_kind --param kind=arrest\n"
            "  graph query 'MATCH (p:Person)-[r]->(o) RETURN p.name, type(r), o.name LIMIT 20'"
        ),
        soft_wrap=True,
    )
    raise typer.Exit(code)


@app.command()
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
    from rich.table import Table

    from graph.report.console import cell
    from graph.resolve.crossdoc import list_links, resolve_people, split
    from graph.store import StoreError, open_store

    try:
        with open_store(store, data, write=not list_only) as graph_store:
            if split_id:
                out.print(
                    f"split {escape(split_id)}: {split(graph_store, split_id)} link(s) undone and vetoed"
                )
            elif not list_only:
                out.print(f"{len(resolve_people(graph_store))} SAME_AS link(s) found")
            links = list_links(graph_store)
    except StoreError as exc:
        raise _fail(str(exc)) from exc
    table = Table(title=f"SAME_AS links ({len(links)})")
    for column in ("a", "name a", "b", "name b", "score", "method"):
        table.add_column(column)
    for link in links:
        table.add_row(*(cell(link[k]) for k in ("a", "name_a", "b", "name_b", "score", "method")))
    out.print(table)


@app.command()
def report(
    out_path: Annotated[Path, typer.Option("--out", help="The HTML file to write.")] = Path("report.html"),
    png: Annotated[bool, typer.Option("--png", help="Also write PNG and SVG pictures beside it.")] = False,
    projection: Annotated[str, typer.Option(help="Projection from etl/projections.yaml.")] = "actors",
    size_by: Annotated[
        str, typer.Option(help="Node size: betweenness, degree, eigenvector, strength.")
    ] = "betweenness",
    data: DataOption = None,
    store: StoreOption = None,
) -> None:
    """Write a self-contained HTML report: the network, communities, disruption, timeline, provenance."""
    from graph.report.data import gather
    from graph.report.html import write_report
    from graph.store import StoreError, open_store

    try:
        with open_store(store, data) as graph_store:
            report_data = gather(graph_store, projection=projection, size_by=size_by)
    except (StoreError, KeyError) as exc:
        raise _fail(str(exc)) from exc
    files = write_report(report_data, out_path, pictures=png, size_by=size_by)
    out.print(
        f"report: {files.html} ({files.size_bytes / 1024:.0f} KB, {report_data.stats['nodes']} actors, "
        f"{len(report_data.provenance)} relationships with their sources)"
    )
    for picture in files.pictures:
        out.print(f"picture: {picture}")


@app.command()
def export(
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="graphml, gexf (Gephi), csv (spreadsheets, i2), "
            "cypher (rebuild in another Neo4j), ftm (FollowTheMoney JSON lines, Aleph).",
        ),
    ],
    out_path: Annotated[Path, typer.Option("--out", help="File to write (a folder for csv).")],
    data: DataOption = None,
    store: StoreOption = None,
) -> None:
    """Export the graph, with analysis results and provenance, for the tools investigators use."""
    from graph.report.exports import export_graph
    from graph.store import StoreError, open_store

    try:
        with open_store(store, data) as graph_store:
            summary = export_graph(graph_store, fmt, out_path)
    except (StoreError, ValueError) as exc:
        raise _fail(str(exc)) from exc
    out.print(
        f"{summary.fmt}: {summary.nodes} nodes, {summary.relationships} relationships -> "
        + ", ".join(str(f) for f in summary.files)
    )


@app.command("eval")
def evaluate_gold(
    gold: Annotated[
        Path,
        typer.Argument(help="A gold file (JSON lines; see tests/gold/README.md), or a CoNLL NER test file."),
    ],
    split: Annotated[str | None, typer.Option(help="Only reports of this split (train, test).")] = None,
    lang: Annotated[str | None, typer.Option(help="Only reports in this language (ar, en).")] = None,
    mode: Annotated[
        str, typer.Option(help="combined (NER model, then rules), rules or model: which parts run.")
    ] = "combined",
    compare: Annotated[
        bool, typer.Option("--compare", help="Entity scores per label for model, rules and combined.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Scores as one JSON object.")] = False,
) -> None:
    """Precision, recall and F1 per entity label, relation type and event kind, and at graph level."""
    import json

    from graph.evaluate import MODES, evaluate

    if not gold.is_file():
        raise _fail(f"no gold file {gold}")
    if mode not in MODES:
        raise _fail(f"unknown mode {mode!r}; one of {', '.join(MODES)}")
    if gold.suffix == ".conll":
        _evaluate_conll(gold, lang or "ar", mode, compare, as_json)
        return
    where = f"{', ' + split if split else ''}{', ' + lang if lang else ''}"
    if compare:
        results = {m: evaluate(gold, split=split, lang=lang, mode=m, coreference=False) for m in MODES}
        if as_json:
            sys.stdout.write(json.dumps({m: r.entity_scores() for m, r in results.items()}) + "\n")
            return
        out.print(_comparison_table(results, where))
        return
    result = evaluate(gold, split=split, lang=lang, mode=mode)
    if as_json:
        sys.stdout.write(json.dumps({"reports": result.reports, "mode": mode, **result.summary()}) + "\n")
        return
    for title, scores in (
        ("Entities", result.entities),
        ("Relations", result.relations),
        ("Events", result.events),
        ("Graph", result.graph),
    ):
        out.print(_score_table(f"{title} ({result.reports} reports{where}, {mode})", scores))
    out.print(f"event dates right when the event is found: {result.event_dates.precision:.3f}")


def _evaluate_conll(path: Path, lang: str, mode: str, compare: bool, as_json: bool) -> None:
    """NER scores on a CoNLL test file (ANERcorp's format): model, rules and combined."""
    import json

    from rich.table import Table

    from graph.evaluate_ner import PARTS, conll_sentences, evaluate_parts

    try:
        sentences = conll_sentences(path)
    except ValueError as exc:
        raise _fail(str(exc)) from exc
    results = evaluate_parts(lang, sentences, PARTS if compare else (mode,))
    if as_json:
        sys.stdout.write(json.dumps(results) + "\n")
        return
    table = Table(title=f"NER on {path.name} ({len(sentences)} sentences, {lang}): P / R / F1")
    table.add_column("label")
    for part in results:
        table.add_column(part, justify="right")
    for label in next(iter(results.values())):
        cells = [f"{r[label]['p']:.3f} / {r[label]['r']:.3f} / {r[label]['f']:.3f}" for r in results.values()]
        table.add_row(label, *cells)
    out.print(table)


def _score_table(title: str, scores: dict) -> Any:
    from rich.table import Table

    from graph.evaluate import Evaluation

    table = Table(title=title)
    for column in ("", "tp", "fp", "fn", "precision", "recall", "F1"):
        table.add_column(column, justify="right")
    for key, score in [*sorted(scores.items()), ("micro", Evaluation.micro(scores))]:
        table.add_row(
            key,
            str(score.tp),
            str(score.fp),
            str(score.fn),
            f"{score.precision:.3f}",
            f"{score.recall:.3f}",
            f"{score.f1:.3f}",
        )
    return table


def _comparison_table(results: dict, where: str) -> Any:
    """Entity P/R/F1 per label, one column group per mode."""
    from rich.table import Table

    from graph.evaluate import Evaluation

    reports = next(iter(results.values())).reports
    table = Table(title=f"Entities by pipeline part ({reports} reports{where}): P / R / F1")
    table.add_column("label")
    for mode in results:
        table.add_column(mode, justify="right")
    labels = sorted({label for r in results.values() for label in r.entities})
    for label in [*labels, "micro"]:
        cells = []
        for result in results.values():
            score = Evaluation.micro(result.entities) if label == "micro" else result.entities.get(label)
            cells.append(f"{score.precision:.3f} / {score.recall:.3f} / {score.f1:.3f}" if score else "-")
        table.add_row(label, *cells)
    return table


@app.command("train-ner")
def train_ner_models(
    lang: Annotated[str, typer.Option(help="ar, en or all.")] = "all",
    spacy_args: Annotated[
        list[str] | None,
        typer.Argument(help="Extra `spacy train` overrides, after --, e.g. -- --training.max_epochs 2"),
    ] = None,
) -> None:
    """Retrain the NER models shipped in the package from ../shared and tests/gold (a checkout is
    needed): convert, `spacy train` with the committed config and seed, package, evaluate."""
    from graph.nlp.train import TrainingError, train_ner

    langs = ["ar", "en"] if lang == "all" else [lang]
    if any(code not in ("ar", "en") for code in langs):
        raise _fail(f"unknown language {lang!r}; ar, en or all")
    for code in langs:
        try:
            results = train_ner(code, spacy_args or [], echo=lambda line: out.print(line, markup=False))
        except TrainingError as exc:
            raise _fail(str(exc)) from exc
        timings = ", ".join(f"{r.name} {r.seconds:.0f}s" for r in results)
        out.print(f"[{code}] done: {timings}", markup=False)


@app.command()
def status(data: DataOption = None, store: StoreOption = None) -> None:
    """Count nodes per label and relationships per type."""
    from rich.table import Table

    from graph.store import StoreError, open_store

    try:
        with open_store(store, data) as graph_store:
            counts = graph_store.counts()
    except StoreError as exc:
        raise _fail(str(exc)) from exc
    table = Table(title="Graph contents")
    table.add_column("label or type")
    table.add_column("count", justify="right")
    for key, value in counts.items():
        table.add_row(key, str(value))
    out.print(table)


etl_app = typer.Typer(no_args_is_help=True, help="The periodic ETL: jobs in etl/jobs/, run log, quarantine.")
app.add_typer(etl_app, name="etl")


@etl_app.command("run")
def etl_run(
    job: Annotated[str, typer.Argument(help="A job name in etl/jobs/ or a job file.")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would change; write nothing.")
    ] = False,
    processes: Annotated[
        int | None, typer.Option(min=1, help="Cores to extract on (default: the job's `processes`).")
    ] = None,
    data: DataOption = None,
    store: StoreOption = None,
) -> None:
    """Process what is new or changed since the last run, in committed batches."""
    from graph.etl.jobs import JobError, load_job
    from graph.etl.runner import job_items, run_job
    from graph.etl.state import EtlState
    from graph.report.progress import run_progress
    from graph.store import StoreError, open_store

    try:
        spec = load_job(job)
    except JobError as exc:
        raise _fail(str(exc)) from exc
    total = sum(1 for _ in job_items(spec))
    state = EtlState(data_dir(data))
    try:
        with open_store(store, data, write=not dry_run) as graph_store:
            with run_progress(console, total, f"etl {spec.name}") as advance:
                report = run_job(
                    spec, graph_store, state, dry_run=dry_run, on_progress=advance, processes=processes
                )
            totals = None if report.status == "aborted" else graph_store.totals()
    except StoreError as exc:
        raise _fail(f"cannot open the store: {exc}") from exc
    finally:
        state.close()
    title = f"{'Dry run' if dry_run else 'Run'} {report.run_id}: {report.status}"
    _print_report(report, totals, title)
    if report.status == "aborted":
        raise _fail(report.message, code=3)
    if report.errors:
        console.print(f"{len(report.errors)} input(s) quarantined; see `graph etl quarantine`")
        raise typer.Exit(1)


@etl_app.command("status")
def etl_status(
    data: DataOption = None, limit: Annotated[int, typer.Option(help="How many runs.")] = 10
) -> None:
    """The last runs with their counts."""
    from rich.table import Table

    from graph.etl.state import EtlState
    from graph.report.console import cell

    state = EtlState(data_dir(data))
    runs = state.runs(limit)
    state.close()
    table = Table(title="ETL runs (newest first)")
    for column in (
        "run",
        "job",
        "started",
        "finished",
        "status",
        "new",
        "unchanged",
        "refused",
        "nodes+",
        "rels+",
    ):
        table.add_column(column)
    for run in runs:
        c = run["counts"]
        table.add_row(
            *(
                cell(v)
                for v in (
                    run["id"],
                    run["job"],
                    run["started"],
                    run["finished"],
                    run["status"],
                    c.get("new", 0),
                    c.get("unchanged", 0),
                    c.get("failed", 0),
                    c.get("nodes_created", 0),
                    c.get("relationships_created", 0),
                )
            )
        )
    out.print(table)


@etl_app.command("quarantine")
def etl_quarantine(
    job: Annotated[str | None, typer.Argument(help="Only this job's items (needed with --retry).")] = None,
    retry: Annotated[bool, typer.Option("--retry", help="Reprocess the quarantined inputs.")] = False,
    show_all: Annotated[bool, typer.Option("--all", help="Include items resolved by a retry.")] = False,
    data: DataOption = None,
    store: StoreOption = None,
) -> None:
    """Inputs that were refused: file, line, reason, when; `--retry` reprocesses them."""
    from rich.table import Table

    from graph.etl.jobs import JobError, load_job
    from graph.etl.runner import run_job
    from graph.etl.state import EtlState
    from graph.report.console import cell
    from graph.store import StoreError, open_store

    if retry and not job:
        raise _fail("--retry needs the job whose quarantine to reprocess")
    spec = None
    if job:
        try:
            spec = load_job(job)
        except JobError as exc:
            if retry:
                raise _fail(str(exc)) from exc
    state = EtlState(data_dir(data))
    try:
        if retry:
            try:
                with open_store(store, data, write=True) as graph_store:
                    report = run_job(spec, graph_store, state, retry_quarantine=True)
            except StoreError as exc:
                raise _fail(str(exc)) from exc
            out.print(f"retried: {report.counts['new']} new, {report.counts['failed']} still refused")
        items = state.quarantined(spec.name if spec else job, include_resolved=show_all)
    finally:
        state.close()
    table = Table(title=f"Quarantine ({len(items)} item(s))")
    for column in ("path", "line", "job", "reason", "first seen", "last seen", "attempts", "resolved"):
        table.add_column(column, overflow="fold")
    for item in items:
        table.add_row(
            *(
                cell(v)
                for v in (
                    item.path,
                    item.line,
                    item.job,
                    item.reason,
                    item.first_seen,
                    item.last_seen,
                    item.attempts,
                    item.resolved,
                )
            )
        )
    out.print(table)


def main() -> None:  # pragma: no cover
    sys.exit(app())
