"""tools/build_gazetteer.py: which names of the public data become gazetteer names (invented
records; building the whole file needs the network and is not run here)."""

import importlib.util
import sys
from pathlib import Path

TOOL = Path(__file__).resolve().parents[1] / "tools" / "build_gazetteer.py"
spec = importlib.util.spec_from_file_location("build_gazetteer", TOOL)
build_gazetteer = importlib.util.module_from_spec(spec)
sys.modules["build_gazetteer"] = build_gazetteer
spec.loader.exec_module(build_gazetteer)


def test_arabic_names_are_kept_and_persian_or_urdu_ones_dropped():
    assert build_gazetteer.arabic_name("لو هافر") == "لو هافر"
    assert build_gazetteer.arabic_name("کوونتری") == "كوونتري"  # Persian ک and ی fold to ك and ي
    assert build_gazetteer.arabic_name("لیورپول") is None  # پ has no Arabic form
    assert build_gazetteer.arabic_name("هوو، انگلستان") == "هوو"  # the name before the region
    assert build_gazetteer.arabic_name("Hove") is None
    assert build_gazetteer.arabic_name("مُن") is None  # two letters are too few


def test_english_names_take_the_exonyms_english_uses_and_not_another_places_name():
    zipf = {"ghent": 2.7, "liverpool": 4.4, "gand": 0.5}
    biggest = {"ghent": 12_000, "liverpool": 500_000}
    gent = {"name": "Gent", "population": 260_000, "alternatenames": ["Ghent", "Gand", "GNE"]}
    assert build_gazetteer.english_names(gent, zipf, biggest) == ["Gent", "Ghent"]
    east = {"name": "East Liverpool", "population": 10_000, "alternatenames": ["Liverpool"]}
    assert build_gazetteer.english_names(east, zipf, biggest) == ["East Liverpool"]


def test_a_name_that_is_a_common_word_needs_a_cue():
    zipf = {"reading": 5.1, "nottingham": 2.0, "new": 6.0, "town": 5.0}
    assert build_gazetteer.is_common("Reading", zipf, 3.5)
    assert not build_gazetteer.is_common("Nottingham", zipf, 3.5)
    assert build_gazetteer.is_common("New Town", zipf, 3.5)
