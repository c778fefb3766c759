"""Reading the person a report opens with: described first, named after, in both languages."""

import pytest
from tests.nlp.reading.records import batch, edges, participants


@pytest.mark.parametrize(
    ("lang", "text", "person", "country"),
    [
        (
            "en",
            "A Kurdish-Iraqi smuggler who ran crossings from Dunkirk has been jailed. "
            "Rebaz Kamal, 39, of Leeds, was sentenced at Leeds Crown Court on Friday.",
            "person:rebaz_kamal",
            "loc:IQ",
        ),
        (
            "ar",
            "قضت محكمة بريطانية بسجن مهرب عراقي قاد شبكة تهريب إلى بريطانيا. "
            "وقالت الشرطة إن كاروان صالح اعتقل في دوفر عام 2023.",
            "person:كاروان_صالح",
            "loc:IQ",
        ),
    ],
)
def test_the_person_a_report_describes_first_is_the_one_it_names_next(lang, text, person, country):
    b = batch(text, lang)
    assert (person, country, "") in edges(b, "NATIONAL_OF")
    assert (person, "subject") in participants(b, "conviction")
    assert not [n for n in b.nodes if n.label == "Person" and n.props.get("unnamed")]


@pytest.mark.parametrize(
    ("lang", "text", "person", "country", "not_country"),
    [
        (
            "en",
            "A Syrian smuggler who worked for an Albanian gang has been jailed by a French court. "
            "Karwan Saleh, 31, was arrested in Calais in 2023.",
            "person:karwan_saleh",
            "loc:SY",
            "loc:AL",
        ),
        (
            "ar",
            "أصدرت محكمة فرنسية حكما بسجن مهرب سوري قاد شبكة تهريب. "
            "وقالت الشرطة إن كاروان صالح اعتقل في كاليه عام 2023.",
            "person:كاروان_صالح",
            "loc:SY",
            "loc:FR",
        ),
    ],
)
def test_the_nationality_of_the_description_is_not_one_said_before_it(
    lang, text, person, country, not_country
):
    found = edges(batch(text, lang), "NATIONAL_OF")
    assert (person, country, "") in found
    assert (person, not_country, "") not in found


def test_what_the_described_person_did_is_what_the_named_one_did():
    b = batch(
        "A teenager steered a dinghy across the Channel. Karwan Saleh, 17, told police he was paid.", "en"
    )
    assert {s for s, _, _ in edges(b, "OPERATES")} == {"person:karwan_saleh"}


@pytest.mark.parametrize(
    ("lang", "text", "other"),
    [
        (
            "en",
            "An Albanian man has been arrested in Kent. "
            "The money was sent to Ardit Hoxha, a Turkish national.",
            "person:ardit_hoxha",
        ),
        (
            "ar",
            "ألقت الشرطة القبض على مهرب ألباني في كنت. وأرسلت الأموال إلى كاروان صالح، وهو مواطن تركي.",
            "person:كاروان_صالح",
        ),
    ],
)
def test_a_person_named_in_passing_or_of_another_nationality_is_not_the_one_described(lang, text, other):
    b = batch(text, lang)
    assert (other, "loc:AL", "") not in edges(b, "NATIONAL_OF")
    assert (other, "subject") not in participants(b, "arrest")
