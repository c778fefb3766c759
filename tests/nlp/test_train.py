"""`graph train-ner` retrains a model in one command: convert, train, package, evaluate. Run
here for English with one epoch into a temporary folder (the shipped models stay as they are)."""

import json

from typer.testing import CliRunner

from graph.cli import app
from graph.nlp.train import steps, train_ner


def test_english_retrains_packages_and_evaluates_in_one_call(tmp_path):
    one_epoch = ["--training.max_epochs", "1"]
    results = train_ner("en", one_epoch, echo=lambda _: None, work=tmp_path, models=tmp_path)
    assert [r.name for r in results] == ["convert reports", "train", "package", "evaluate"]
    packaged = tmp_path / "en_ner"
    assert (packaged / "config.cfg").is_file() and (packaged / "meta.json").is_file()
    scores = json.loads((tmp_path / "output" / "en" / "test_scores.json").read_text())
    assert set(scores["project reports, test split"]["model"]) >= {"PERSON", "ORG", "LOC", "micro"}


def test_arabic_reads_anercorp_and_the_reports_with_anercorp_labels(tmp_path):
    names = [name for name, _ in steps("ar", [], tmp_path, tmp_path)]
    assert names == ["convert ANERcorp", "build vectors", "convert reports", "train", "package", "evaluate"]
    commands = dict(steps("ar", [], tmp_path, tmp_path))
    assert commands["convert reports"][-2:] == ["--labels", "anercorp"]
    # the static vectors are built (or taken from their cache) beside the outputs and loaded
    table = str(tmp_path / "output" / "vectors" / "ar")
    assert commands["build vectors"][-2:] == ["--out", table]
    train = commands["train"]
    assert train[train.index("--paths.vectors") + 1] == table


def test_an_unknown_language_is_refused_by_name():
    result = CliRunner().invoke(app, ["train-ner", "--lang", "fr"])
    assert result.exit_code != 0
    assert "fr" in result.output


def test_the_accurate_tagger_trains_on_both_languages_in_anercorps_labels(tmp_path):
    named = dict(steps("accurate", ["--epochs", "1"], tmp_path, tmp_path))
    assert list(named) == ["convert ar reports", "convert en reports", "fine-tune and score"]
    converts = [command for name, command in named.items() if "convert" in name]
    assert all(command[-4:-2] == ["--labels", "anercorp"] for command in converts)
    fine_tune = named["fine-tune and score"]
    assert str(tmp_path / "accurate_ner" / "e5_tagger.npz") in fine_tune
    assert fine_tune[-2:] == ["--epochs", "1"]
    trained_on = fine_tune[fine_tune.index("--train") + 1 :]
    assert any(p.endswith("train.conll") for p in trained_on)
    assert sum(p.endswith("reports.spacy") for p in trained_on) == 2
