"""`graph_places`: the gazetteer's places in both scripts, read with the words around them, and
the model's place entities checked against it (invented examples)."""

import pytest

from graph.nlp.lexicon import load_lexicon
from graph.nlp.pipeline import get_pipeline


def places(lang: str, text: str) -> dict[str, tuple[str, str]]:
    """Entity text -> (label, id) of the places a pipeline finds."""
    doc = get_pipeline(lang)(text)
    return {e.text: (e.label_, e.ent_id_) for e in doc.ents if e.label_ in ("LOC", "GPE")}


def test_the_gazetteer_is_loaded_as_location_entries_in_both_scripts():
    lexicon = load_lexicon()
    entry = lexicon.entries[lexicon.gazetteer["نوتينغهام"].entry_id]
    assert (entry.node, entry.props["country"]) == ("Location", "GB")
    assert "Nottingham" in entry.aliases
    assert lexicon.gazetteer["poland"].label == "GPE" and lexicon.entries["loc:PL"].props["kind"] == "country"
    # the hand lexicons keep their own names
    assert "london" not in lexicon.gazetteer and "لندن" not in lexicon.gazetteer


@pytest.mark.parametrize(
    ("lang", "text", "place", "entry"),
    [
        (
            "en",
            "The dinghies were stored in a lock-up in Nottingham last spring.",
            "Nottingham",
            "loc:nottingham",
        ),
        ("en", "He drove the van from Dieppe to the coast.", "Dieppe", "loc:dieppe"),
        ("en", "Two brothers from Bilston were charged.", "Bilston", "loc:bilston"),
        ("ar", "كان المتهم يقيم في نوتينغهام قبل اعتقاله.", "نوتينغهام", "loc:nottingham"),
        ("ar", "انطلق القارب من مدينة دييب الفرنسية.", "دييب", "loc:dieppe"),
        ("ar", "داهمت الشرطة منزله في بيلستون فجرا.", "بيلستون", "loc:bilston"),
    ],
)
def test_a_town_no_hand_lexicon_lists_is_a_place_with_one_id_in_both_scripts(lang, text, place, entry):
    assert places(lang, text)[place] == ("LOC", entry)


def test_a_place_glued_to_a_preposition_is_cut_from_it():
    found = places("ar", "وكان يعيش بنوتينغهام منذ سنوات.")
    assert found["نوتينغهام"] == ("LOC", "loc:nottingham")


def test_a_country_from_cldr_gets_its_iso_id():
    assert places("en", "The network moved people through Poland and Belarus.")["Belarus"] == (
        "GPE",
        "loc:BY",
    )
    assert places("ar", "نقلت الشبكة المهاجرين عبر بولندا إلى ألمانيا.")["بولندا"] == ("GPE", "loc:PL")


@pytest.mark.parametrize(
    ("lang", "text", "word"),
    [
        ("en", "Reading the charge sheet, the judge paused.", "Reading"),
        ("en", "Police said the boat was overloaded.", "Police"),
        ("en", "Nice work, said the officer.", "Nice"),
        ("ar", "جاء ذلك في إطار التعاون بين البلدين.", "إطار"),
        ("ar", "وأشار البيان إلى أن الشبكة كانت تعمل منذ عامين.", "إلى"),
        ("ar", "كشف التحقيق أن المهربين استخدموا قوارب مطاطية.", "كشف"),
        ("ar", "وقال الادعاء إن المهربين تقاضوا مبالغ كبيرة.", "المهربين"),
    ],
)
def test_a_common_word_that_is_also_a_town_is_no_place_without_a_cue(lang, text, word):
    assert not any(word in name for name in places(lang, text))


@pytest.mark.parametrize(
    ("lang", "text", "place"),
    [
        ("en", "He rented a flat in Reading under a false name.", "Reading"),
        ("ar", "وصل المهاجرون إلى مدينة بروج البلجيكية.", "بروج"),
    ],
)
def test_a_common_word_that_is_also_a_town_is_a_place_after_a_cue(lang, text, place):
    assert places(lang, text)[place][0] == "LOC"


def test_an_apposition_or_an_age_says_an_unknown_name_is_a_place():
    found = places("en", "The skipper was arrested in Karaburunköy, a coastal village in western Turkey.")
    assert "Karaburunköy" in found
    found = places("en", "Dilan Rostami, 29, of Hollowmere Green, was jailed.")
    assert "Hollowmere Green" in found


def test_a_family_name_is_not_read_as_a_town():
    found = places("ar", "وحكم على المتهم جونيور توسان بالسجن، وقال محامي توسان إنه سيستأنف.")
    assert "توسان" not in found
