"""`graph eval` and `graph train-ner`: the extraction measured on a gold set or a CoNLL file,
and the shipped NER models retrained."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from graph.cli.common import err, fail, out


def evaluate_gold(
    gold: Annotated[
        Path,
        typer.Argument(help="A gold file (JSON lines; see tests/gold/README.md), or a CoNLL NER test file."),
    ],
    split: Annotated[str | None, typer.Option(help="Only reports of this split (train, test).")] = None,
    lang: Annotated[str | None, typer.Option(help="Only reports in this language (ar, en).")] = None,
    mode: Annotated[
        str,
        typer.Option(
            help="combined (NER model, then rules), rules or model: which parts run; accurate and "
            "accurate-model run the accurate NER model instead (the 'accurate' extra)."
        ),
    ] = "combined",
    compare: Annotated[
        bool,
        typer.Option(
            "--compare", help="Entity scores per label for every mode (accurate ones where installed)."
        ),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Scores as one JSON object.")] = False,
) -> None:
    """Precision, recall and F1 per entity label, relation type and event kind, and at graph level."""
    from graph.evaluation.gold import MODES, evaluate, evaluate_modes
    from graph.report.console import print_evaluation, print_mode_comparison

    if not gold.is_file():
        raise fail(f"no gold file {gold}")
    if mode not in MODES:
        raise fail(f"unknown mode {mode!r}; one of {', '.join(MODES)}")
    if gold.suffix == ".conll":
        evaluate_conll(gold, lang or "ar", mode, compare, as_json)
        return
    if compare:
        modes = compared(tuple(MODES))
        print_mode_comparison(
            out, evaluate_modes(gold, split=split, lang=lang, modes=modes), split, lang, as_json
        )
        return
    result = evaluate(gold, split=split, lang=lang, mode=mode)
    print_evaluation(out, result, mode, split, lang, as_json)


def compared(modes: tuple[str, ...]) -> tuple[str, ...]:
    """The modes a comparison runs: the accurate ones only where they can run here (and it
    says so on stderr where they cannot)."""
    from graph.nlp.models import accurate_unavailable

    reason = accurate_unavailable()
    if reason is None:
        return modes
    err.print(f"[yellow]accurate modes left out:[/] {escape(reason)}")
    return tuple(m for m in modes if not m.startswith("accurate"))


def evaluate_conll(path: Path, lang: str, mode: str, compare: bool, as_json: bool) -> None:
    """`graph eval` on a CoNLL test file (ANERcorp's format): NER scores of one pipeline part,
    or of all three with --compare."""
    from graph.evaluation.ner import PARTS, conll_sentences, evaluate_parts
    from graph.report.console import print_conll_scores

    try:
        sentences = conll_sentences(path)
    except ValueError as exc:
        raise fail(str(exc)) from exc
    scores = evaluate_parts(lang, sentences, compared(PARTS) if compare else (mode,))
    print_conll_scores(out, scores, path.name, len(sentences), lang, as_json)


def train_ner_models(
    lang: Annotated[
        str, typer.Option(help="ar, en or all; or accurate: fine-tune the accurate tagger (both languages).")
    ] = "all",
    spacy_args: Annotated[
        list[str] | None,
        typer.Argument(help="Extra `spacy train` overrides, after --, e.g. -- --training.max_epochs 2"),
    ] = None,
) -> None:
    """Retrain the NER models shipped in the package from ../shared and tests/gold (a checkout is
    needed): convert, `spacy train` with the committed config and seed, package, evaluate."""
    from graph.nlp.train import TrainingError, train_ner
    from graph.report.console import training_message

    langs = ["ar", "en"] if lang == "all" else [lang]
    if any(code not in ("ar", "en", "accurate") for code in langs):
        raise fail(f"unknown language {lang!r}; ar, en, all or accurate")
    for code in langs:
        try:
            results = train_ner(code, spacy_args or [], echo=lambda line: out.print(line, markup=False))
        except TrainingError as exc:
            raise fail(str(exc)) from exc
        out.print(training_message(code, results), markup=False)
