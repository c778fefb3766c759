"""The `graph` Typer app. Every command is registered here, in the order `graph --help` lists
them; the commands themselves live in one module per group."""

from __future__ import annotations

import sys

import typer

from graph.cli.analysis import analyse, disrupt
from graph.cli.audit import audit
from graph.cli.etl import etl_quarantine, etl_run, etl_status
from graph.cli.evaluation import evaluate_gold, train_ner_models
from graph.cli.ingest import ingest, run
from graph.cli.query import query, status
from graph.cli.report import export, report
from graph.cli.resolve import resolve
from graph.cli.serve import serve
from graph.cli.watch import watch_add, watch_alerts, watch_import, watch_list, watch_remove

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Investigative knowledge graph of smuggling networks from Arabic and English reports.",
)
for name, command in (
    ("ingest", ingest),
    ("query", query),
    ("analyse", analyse),
    ("disrupt", disrupt),
    ("run", run),
    ("resolve", resolve),
    ("report", report),
    ("export", export),
    ("serve", serve),
    ("eval", evaluate_gold),
    ("train-ner", train_ner_models),
    ("status", status),
    ("audit", audit),
):
    app.command(name)(command)

etl_app = typer.Typer(no_args_is_help=True, help="The periodic ETL: jobs in etl/jobs/, run log, quarantine.")
for name, command in (("run", etl_run), ("status", etl_status), ("quarantine", etl_quarantine)):
    etl_app.command(name)(command)
app.add_typer(etl_app, name="etl")

watch_app = typer.Typer(no_args_is_help=True, help="The watch list, and the alerts new reports raise.")
for name, command in (
    ("add", watch_add),
    ("import", watch_import),
    ("list", watch_list),
    ("remove", watch_remove),
    ("alerts", watch_alerts),
):
    watch_app.command(name)(command)
app.add_typer(watch_app, name="watch")


def main() -> None:  # pragma: no cover
    """Run the app as a program, exiting with its status."""
    sys.exit(app())
