"""Reading places: where people live and which place lies in which, in both languages."""

import pytest
from tests.nlp.reading.records import batch, edges


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "en",
            "Its leader is Rebin Qadir, who lives in Leeds and runs the channel.",
            ("person:rebin_qadir", "leeds"),
        ),
        (
            "en",
            "A network led by Yonas Tekle, an Eritrean national based in Tripoli, is assessed.",
            ("person:yonas_tekle", "tripoli"),
        ),
        ("en", "The boat was found in Dover, Kent, on Monday.", ("loc:dover", "loc:kent")),
        ("en", "Officers found cash at his flat in Croydon, south London.", ("loc:croydon", "london")),
        (
            "ar",
            "ويديرها بحسب التحقيق ريبين قادر المقيم في ليدز، وتعرض المقعد.",
            ("person:ريبين_قادر", "ليدز"),
        ),
        (
            "ar",
            "واستمعت المحكمة إلى أن عمر، الذي كان يقيم في بلدة غراند سانت، كان يخزن القوارب.",
            ("person:عمر", "غراند_سانت"),
        ),
        ("ar", "أبحر القارب من مدينة زوارة غرب ليبيا مساء 2 آب.", ("loc:zuwarah", "loc:LY")),
    ],
)
def test_where_people_live_and_places_lie_in_both_languages(lang, text, expected):
    found = edges(batch(text, lang), "LOCATED_IN")
    assert any(a == expected[0] and expected[1] in b for a, b, _ in found), found


def test_a_list_of_towns_is_not_a_hierarchy():
    found = edges(batch("Boats left the beaches of Calais, Dunkirk and Gravelines.", "en"), "LOCATED_IN")
    assert not [(a, b) for a, b, _ in found if a.startswith("loc:") and b.startswith("loc:")]
