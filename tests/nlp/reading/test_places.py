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


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "en",
            "Karwan Saleh was arrested by NCA officers at his home in Birmingham.",
            {("person:karwan_saleh", "loc:birmingham")},
        ),
        (
            "en",
            "Dana Rashid and Karwan Saleh, both from Leeds, were jailed.",
            {("person:karwan_saleh", "loc:leeds"), ("person:dana_rashid", "loc:leeds")},
        ),
        (
            "ar",
            "ومن بين المعتقلين كاروان صالح الذي ألقي القبض عليه من قبل محققي الوكالة الوطنية لمكافحة"
            " الجريمة في منزله في برمنغهام.",
            {("person:كاروان_صالح", "loc:birmingham")},
        ),
        ("ar", "وكان كاروان صالح يقيم في السابق في برمنغهام.", {("person:كاروان_صالح", "loc:birmingham")}),
    ],
)
def test_a_home_a_former_residence_and_a_place_several_people_share(lang, text, expected):
    assert {(a, b) for a, b, _ in edges(batch(text, lang), "LOCATED_IN")} == expected


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Guides showed how to reach the UK from France, Holland, Belgium and Spain."),
        ("ar", "وانتقل المهاجرون من فرنسا، بلجيكا، وهولندا إلى بريطانيا."),
    ],
)
def test_a_list_of_countries_is_no_country_inside_another(lang, text):
    assert not edges(batch(text, lang), "LOCATED_IN")
