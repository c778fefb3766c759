"""What every command shares: the two consoles (results on stdout, progress and errors on
stderr), the options several commands take, and the error exit."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

err = Console(stderr=True, emoji=False)
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
AnalystOption = Annotated[
    str | None,
    typer.Option(
        "--analyst",
        help="Who asks, for the audit trail (graph audit); default: the operating system's user.",
    ),
]
ProcessesOption = Annotated[
    int,
    typer.Option(min=1, help="Cores to extract on: worker processes, each loading the pipelines once."),
]


def ner_mode(value: str | None) -> str | None:
    """Checks a `--ner` value against the modes the pipeline knows."""
    from graph.nlp import NER_MODES

    if value is not None and value not in NER_MODES:
        raise typer.BadParameter(f"{value!r} is no NER mode; use one of {', '.join(NER_MODES)}")
    return value


NerOption = Annotated[
    str,
    typer.Option(
        callback=ner_mode,
        envvar="GRAPH_NER",
        help="The model that finds names: fast (the shipped spaCy models) or accurate (a fine-tuned "
        "e5 encoder: the 'accurate' extra, many times slower).",
    ),
]
FollowSymlinksOption = Annotated[
    bool,
    typer.Option(
        "--follow-symlinks",
        help="Read symbolic links that lead out of an input folder (refused by default, each named).",
    ),
]
InputOption = Annotated[
    Path | None,
    typer.Option(
        "--input",
        help="Analyse a network file instead of the store: "
        "an edge list (CSV/TSV, optional header, optional weight), GraphML (.graphml), "
        "GEXF (.gexf), Pajek (.net) or UCINET DL (.dl).",
    ),
]


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print `message` as an error on stderr, on one line however long (never folded at the
    terminal's width), and return the exit to raise, with status `code`."""
    err.print(f"[bold red]error:[/] {escape(message)}", soft_wrap=True)
    return typer.Exit(code)
