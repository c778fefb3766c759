"""`graph train-ner`: retrain the shipped NER models, reproducibly, from a checkout.

Arabic: ANERcorp (`../shared/datasets/anercorp`, read in place) and its gazetteers, plus the
project's Arabic training reports, with static word vectors distilled from multilingual-e5-small
(training/build_vectors.py, which needs the `train` extra: `pip install -e '.[train]'`); English:
the project's annotated English reports. Each language runs the steps of `training/` in order
(convert to DocBins, `spacy train` with the committed config and its fixed seed, package into
`src/graph/nlp/models/`, evaluate on the test splits), on one CPU thread so runs repeat exactly.
See training/README.md.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from graph.nlp.models import MODELS_DIR, ner_settings

REPO = Path(__file__).resolve().parents[3]
TRAINING = REPO / "training"
ANERCORP = REPO.parent / "shared" / "datasets" / "anercorp"
ONE_THREAD = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


class TrainingError(RuntimeError):
    """A training step failed; the message names the step and where its log is."""


@dataclass
class StepResult:
    name: str
    seconds: float


def accurate_steps(extra: list[str], work: Path, models: Path) -> list[tuple[str, list[str]]]:
    """The steps that fine-tune the accurate tagger (both languages: ANERcorp's training split
    and the project's Arabic and English training reports, all in ANERcorp's labels), write it
    to `models`, and score it on ANERcorp's test split."""
    python = sys.executable
    corpus = work / "corpus" / "accurate"
    weights = models / ner_settings()["accurate"]["path"]
    convert = [
        (f"convert {lang} reports", [python, str(TRAINING / "convert_reports.py"), "--lang", lang,
                                     "--labels", "anercorp", "--out", str(corpus / lang)])
        for lang in ("ar", "en")
    ]  # fmt: skip
    train = [python, str(TRAINING / "finetune_e5.py"), "--out", str(weights)]
    train += ["--test", str(ANERCORP / "test.conll"), "--train", str(ANERCORP / "train.conll")]
    train += [str(corpus / lang / "train" / "reports.spacy") for lang in ("ar", "en")]
    return [*convert, ("fine-tune and score", [*train, *extra])]


def steps(lang: str, extra: list[str], work: Path, models: Path) -> list[tuple[str, list[str]]]:
    """The (name, command) steps that retrain the model of `lang` (or the `accurate` tagger) in
    `work` and package it into `models`."""
    if lang == "accurate":
        return accurate_steps(extra, work, models)
    python = sys.executable
    corpus = work / "corpus" / lang
    output = work / "output" / lang
    packaged = models / ner_settings()["models"][lang]["path"]
    convert = []
    vectors = []
    if lang == "ar":
        anercorp = [python, str(TRAINING / "convert_anercorp.py"), "--data", str(ANERCORP)]
        convert.append(("convert ANERcorp", [*anercorp, "--out", str(corpus)]))
        table = work / "output" / "vectors" / lang
        convert.append(("build vectors", [python, str(TRAINING / "build_vectors.py"), "--out", str(table)]))
        vectors = ["--paths.vectors", str(table)]
    reports = [python, str(TRAINING / "convert_reports.py"), "--lang", lang, "--out", str(corpus)]
    convert.append(("convert reports", reports + (["--labels", "anercorp"] if lang == "ar" else [])))
    train = [python, "-m", "spacy", "train", str(TRAINING / f"{lang}_ner.cfg"), "--output", str(output)]
    train += ["--code", str(TRAINING / "ar_ner_code.py"), *vectors]
    train += ["--paths.train", str(corpus / "train"), "--paths.dev", str(corpus / "dev"), *extra]
    package = [python, str(TRAINING / "package_model.py"), str(output / "model-best"), str(packaged)]
    package += ["--dev", str(corpus / "dev")]
    evaluate = [python, str(TRAINING / "evaluate_ner.py"), "--lang", lang, "--model", str(packaged)]
    evaluate += ["--corpus", str(corpus), "--json", str(output / "test_scores.json")]
    return [*convert, ("train", train), ("package", package), ("evaluate", evaluate)]


def train_ner(
    lang: str,
    extra: list[str] | None = None,
    echo: Callable[[str], None] = print,
    work: Path = TRAINING,
    models: Path = MODELS_DIR,
) -> list[StepResult]:
    """Run every step for `lang`, logging each to WORK/output/LANG/STEP.log; the packaged
    model goes to MODELS/<path of etl/rules/ner.yaml>."""
    if not TRAINING.is_dir():
        raise TrainingError(f"{TRAINING}: not found; graph train-ner runs from a checkout of the repository")
    if lang in ("ar", "accurate") and not ANERCORP.is_dir():
        raise TrainingError(f"{ANERCORP}: not found; the Arabic model trains on ANERcorp from ../shared")
    logs = work / "output" / lang
    logs.mkdir(parents=True, exist_ok=True)
    results = []
    for name, command in steps(lang, extra or [], work, models):
        log = logs / f"{name.replace(' ', '_')}.log"
        echo(f"[{lang}] {name}: {' '.join(Path(c).name if '/' in c else c for c in command)} (log: {log})")
        start = time.perf_counter()
        with open(log, "w", encoding="utf-8") as handle:
            done = subprocess.run(
                command, cwd=REPO, env={**os.environ, **ONE_THREAD}, stdout=handle, stderr=subprocess.STDOUT
            )
        results.append(StepResult(name, time.perf_counter() - start))
        if done.returncode != 0:
            tail = "".join(log.read_text(encoding="utf-8").splitlines(keepends=True)[-15:])
            raise TrainingError(f"[{lang}] {name} failed (exit {done.returncode}); see {log}:\n{tail}")
    return results
