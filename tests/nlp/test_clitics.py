"""One list of Arabic proclitics (`etl/lexicons/clitics.yaml`) serves the normaliser's splits,
the model's features, the model-name trimming and the regex rules."""

import shutil

import pytest

from graph.nlp.clitics import clitic_regex, load_clitics
from graph.nlp.lexicon import load_lexicon
from graph.nlp.normalise import normalise
from graph.nlp.pipeline import get_pipeline
from graph.paths import etl_dir


def test_the_clitics_are_written_in_their_matching_form():
    clitics = load_clitics()
    for name in ("conjunctions", "prepositions", "article", "lam_article", "sequences", *clitics.uses):
        assert all(normalise(form) == form for form in clitics.forms(name)), name


def test_the_splits_are_tried_longest_first_where_one_holds_another():
    sequences = load_clitics().sequences
    for i, longer in enumerate(sequences):
        assert not any(longer.startswith(shorter) for shorter in sequences[:i] if shorter != longer)


def test_every_use_takes_its_set_from_the_one_file():
    clitics = load_clitics()
    assert get_pipeline("ar").get_pipe("graph_model_entities").clitic.pattern == "^([وف]?)([بلك]?)"
    assert clitics.regex("payment_method") == "(?:بال|ال|[وفبل])"
    date_my = next(p for p in load_lexicon().compiled_patterns() if p.id == "date_my")
    assert date_my.before.pattern == r"(?:(?:[وبل]))\Z"
    assert load_lexicon().verb_regex("owns").pattern.startswith(r"(?<!\w)(?=(?:[وف]?(?:ال)?)(?:")


def test_single_letters_become_one_character_class():
    assert clitic_regex(["ب", "ل", "ك"]) == "[بلك]"
    assert clitic_regex(["ال", "بال", "و"]) == "(?:بال|ال|[و])"


def test_a_sequence_that_is_no_clitic_is_refused(tmp_path):
    shutil.copytree(etl_dir() / "lexicons", tmp_path / "lexicons")
    path = tmp_path / "lexicons" / "clitics.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("[وبال,", "[وبال, بو,"), encoding="utf-8")
    with pytest.raises(ValueError, match="'بو' is not a sequence of known clitics"):
        load_clitics(tmp_path)
