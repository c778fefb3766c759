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


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "Sudanese fisherman Karwan Saleh steered the boat.", ("person:karwan_saleh", "loc:SD")),
        (
            "ar",
            "وقالت الشرطة إن ريبوار عزيز، سوري الجنسية، اعتقل في كاليه.",
            ("person:ريبوار_عزيز", "loc:SY"),
        ),
        ("ar", "وقاد الصياد السوداني كاروان صالح القارب.", ("person:كاروان_صالح", "loc:SD")),
    ],
)
def test_a_trade_between_nationality_and_name_and_a_nationality_after_it(lang, text, expected):
    assert expected in {(a, b) for a, b, _ in edges(batch(text, lang), "NATIONAL_OF")}


@pytest.mark.parametrize(
    ("lang", "text", "people"),
    [
        (
            "en",
            "Karwan Saleh appeared at Leeds Crown Court on Monday. "
            "The Iraqi national organised crossings from Dunkirk.",
            {"person:karwan_saleh"},
        ),
        (
            "ar",
            "وقضت المحكمة بسجن كاروان صالح ودانا رشيد. وكان هذان العراقيان يديران شبكة للتهريب.",
            {"person:كاروان_صالح", "person:دانا_رشيد"},
        ),
    ],
)
def test_a_nationality_that_refers_back_is_the_nationality_of_the_people_named_before(lang, text, people):
    assert {a for a, b, _ in edges(batch(text, lang), "NATIONAL_OF") if b == "loc:IQ"} == people


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "en",
            "Police arrested twelve people in Calais. Officers said the suspects were Syrians and Iraqis.",
        ),
        ("ar", "ألقت الشرطة القبض على 12 شخصا. وقالت الشرطة إن المعتقلين كانوا سوريين وعراقيين."),
    ],
)
def test_nationalities_that_name_groups_are_people_of_the_event_before(lang, text):
    b = batch(text, lang)
    events = {n.id for n in b.nodes if n.label == "Event" and n.props["kind"] == "arrest"}
    groups = {e.source_id for e in b.edges if e.type == "PARTICIPATED_IN" and e.target_id in events}
    nationalities = {t for s, t, _ in edges(b, "NATIONAL_OF") if s in groups}
    assert nationalities == {"loc:SY", "loc:IQ"}
    assert not [e for e in edges(b, "ASSOCIATED_WITH")]  # parts of one group are not associates


def test_a_nationality_after_a_noun_is_its_adjective_not_a_group():
    b = batch("وأدانت المحكمة رجلين بتهريب مهاجرين سوريين إلى بريطانيا.", "ar")
    assert not [s for s, t, _ in edges(b, "NATIONAL_OF") if t == "loc:SY"]
