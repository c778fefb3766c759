"""Reading nationalities: a nationality beside a name is that person's, in both languages."""

import pytest
from tests.nlp.reading.records import batch, edges


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "en",
            "Its director, Murat Demir, 51, a Turkish national, was arrested.",
            ("person:murat_demir", "loc:TR"),
        ),
        (
            "en",
            "The network is led by the Syrian national Mustafa Hamza.",
            ("person:mustafa_hamza", "loc:SY"),
        ),
        (
            "en",
            "Police arrested its pilot, a Turkish national named as Kemal Ozturk.",
            ("person:kemal_ozturk", "loc:TR"),
        ),
        (
            "ar",
            "ألقت الشرطة المصرية القبض على السوداني عبد الرحيم عثمان في القاهرة.",
            ("person:عبد_الرحيم_عثمان", "loc:SD"),
        ),
        ("ar", "واعتقل مراد دمير (51 عاماً)، وهو مواطن تركي يقيم في ألمانيا.", ("person:مراد_دمير", "loc:TR")),
        (
            "ar",
            "قضت المحكمة بسجن العراقي شفان عمر (30 عاماً) سبع سنوات.",
            ("person:شفان_عمر", "loc:IQ"),
        ),
    ],
)
def test_a_nationality_next_to_a_name_is_that_persons(lang, text, expected):
    assert expected in {(a, b) for a, b, _ in edges(batch(text, lang), "NATIONAL_OF")}


def test_named_person_in_apposition_gets_nationality_and_place_in_both_languages():
    en = batch("Police arrested Ardit Hoxha, 41, an Albanian national, in Calais.", "en")
    assert ("person:ardit_hoxha", "loc:AL", "") in edges(en, "NATIONAL_OF")
    assert not [n for n in en.nodes if n.label == "Person" and n.props.get("unnamed")]
    ar = batch("ألقت الشرطة القبض على المدعو كاروان صالح (34 عاماً)، وهو مواطن عراقي من أربيل.", "ar")
    assert ("person:كاروان_صالح", "loc:IQ", "") in edges(ar, "NATIONAL_OF")
    assert ("person:كاروان_صالح", "loc:erbil", "") in edges(ar, "LOCATED_IN")
