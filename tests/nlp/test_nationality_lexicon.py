"""The nationality adjectives of every country (etl/lexicons/nationalities.jsonl, built by
tools/build_nationalities.py): their forms, and that the hand lexicon's win."""

import importlib.util
import sys
from pathlib import Path

import pytest

from graph.nlp.lexicon import load_lexicon
from graph.nlp.normalise import normalise

TOOL = Path(__file__).resolve().parents[2] / "tools" / "build_nationalities.py"
spec = importlib.util.spec_from_file_location("build_nationalities", TOOL)
build_nationalities = importlib.util.module_from_spec(spec)
sys.modules["build_nationalities"] = build_nationalities
spec.loader.exec_module(build_nationalities)


@pytest.mark.parametrize(
    ("name", "nisba"),
    [
        ("الهند", "هندي"),
        ("إثيوبيا", "إثيوبي"),
        ("كندا", "كندي"),
        ("تشاد", "تشادي"),
        ("مالي", None),
        ("كوسوفو", None),
    ],
)
def test_the_arabic_nisba_of_a_one_word_country_name(name, nisba):
    assert build_nationalities.nisba(name) == nisba


@pytest.mark.parametrize(
    ("demonym", "plurals"),
    [("Ethiopian", ["Ethiopians"]), ("Pakistani", ["Pakistanis"]), ("Sudanese", []), ("Polish", [])],
)
def test_the_english_plural_of_a_demonym(demonym, plurals):
    assert build_nationalities.plural(demonym) == plurals


@pytest.mark.parametrize(
    ("adjective", "country"),
    [
        ("Ethiopian", "loc:ET"),
        ("Indians", "loc:IN"),
        ("إثيوبي", "loc:ET"),
        ("هندية", "loc:IN"),
        ("فلسطيني", "loc:PS"),
    ],
)
def test_every_country_has_its_nationality_in_both_languages(adjective, country):
    lexicon = load_lexicon()
    assert lexicon.nationalities[normalise(adjective)] == country
    assert lexicon.entries[country].props["kind"] == "country"


def test_the_hand_lexicon_keeps_its_own_nationalities():
    lexicon = load_lexicon()
    assert lexicon.nationalities["afghan"] == lexicon.nationalities["افغاني"] == "loc:AF"
    assert "Afghanistan" in lexicon.entries["loc:AF"].aliases
