"""Scores on the terminal: the gold-set evaluation (tables or one JSON object), the comparison
of pipeline parts, NER on a CoNLL file, and training runs. `graph.evaluation.gold` is imported only
when a table needs its micro average, so that this package stays light to import."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:
    from graph.evaluation.gold import Evaluation, Score
    from graph.nlp.train import StepResult


def scope(split: str | None, lang: str | None) -> str:
    """The split and language evaluated, as a suffix of table titles (empty for all reports)."""
    return f"{', ' + split if split else ''}{', ' + lang if lang else ''}"


def score_table(title: str, scores: dict[str, Score]) -> Table:
    """Counts, precision, recall and F1 per key, then their micro average."""
    from graph.evaluation.gold import Evaluation

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


def print_evaluation(
    out: Console, result: Evaluation, mode: str, split: str | None, lang: str | None, as_json: bool
) -> None:
    """Entities, relations, events and graph-level scores as four tables and the event-date
    precision, or the summary as one JSON line."""
    if as_json:
        sys.stdout.write(json.dumps({"reports": result.reports, "mode": mode, **result.summary()}) + "\n")
        return
    where = scope(split, lang)
    for title, scores in (
        ("Entities", result.entities),
        ("Relations", result.relations),
        ("Events", result.events),
        ("Graph", result.graph),
    ):
        out.print(score_table(f"{title} ({result.reports} reports{where}, {mode})", scores))
    out.print(f"event dates right when the event is found: {result.event_dates.precision:.3f}")


def comparison_table(results: dict[str, Evaluation], where: str) -> Table:
    """Entity P/R/F1 per label, one column group per mode."""
    from graph.evaluation.gold import Evaluation

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
    table.add_row("words/s", *[f"{r.words_per_second:,}" for r in results.values()])
    return table


def print_mode_comparison(
    out: Console, results: dict[str, Evaluation], split: str | None, lang: str | None, as_json: bool
) -> None:
    """Entity scores of every mode side by side, or as one JSON object keyed by mode."""
    if as_json:
        sys.stdout.write(json.dumps({m: r.entity_scores() for m, r in results.items()}) + "\n")
        return
    out.print(comparison_table(results, scope(split, lang)))


def conll_table(scores: dict[str, dict[str, Any]], name: str, sentences: int, lang: str) -> Table:
    """P / R / F1 per label, one column per pipeline part."""
    table = Table(title=f"NER on {name} ({sentences} sentences, {lang}): P / R / F1")
    table.add_column("label")
    for part in scores:
        table.add_column(part, justify="right")
    for label in next(iter(scores.values())):
        if label == "speed":
            table.add_row("words/s", *[f"{r['speed']['words_per_second']:,}" for r in scores.values()])
            continue
        cells = [f"{r[label]['p']:.3f} / {r[label]['r']:.3f} / {r[label]['f']:.3f}" for r in scores.values()]
        table.add_row(label, *cells)
    return table


def print_conll_scores(
    out: Console, scores: dict[str, dict[str, Any]], name: str, sentences: int, lang: str, as_json: bool
) -> None:
    """NER scores on a CoNLL file as a table, or as one JSON object keyed by part."""
    if as_json:
        sys.stdout.write(json.dumps(scores) + "\n")
        return
    out.print(conll_table(scores, name, sentences, lang))


def training_message(lang: str, results: list[StepResult]) -> str:
    """The steps of one language's training with how long each took."""
    timings = ", ".join(f"{r.name} {r.seconds:.0f}s" for r in results)
    return f"[{lang}] done: {timings}"
