"""Reading events: their subjects, counts, dates, and who is only quoted, in both languages."""

import pytest
from tests.nlp.reading.records import batch, edges, participants


@pytest.mark.parametrize(
    ("lang", "text", "official", "suspect"),
    [
        (
            "en",
            "Dan Barcroft, head of organised immigration crime threat at the National Crime Agency, said"
            " the NCA arrested Karwan Saleh and Hemin Aziz in May 2024.",
            "person:dan_barcroft",
            "person:karwan_saleh",
        ),
        (
            "ar",
            "وقال دان باركروفت، كبير مسؤولي تهديدات جرائم الهجرة المنظمة في الوكالة الوطنية لمكافحة الجريمة،"
            " إن الوكالة ألقت القبض على كاروان صالح في مايو 2024.",
            "person:دان_باركروفت",
            "person:كاروان_صالح",
        ),
    ],
)
def test_a_quoted_official_is_not_a_subject_of_the_event(lang, text, official, suspect):
    b = batch(text, lang)
    people = {node for node, role in participants(b, "arrest") if node.startswith("person:")}
    assert official not in people and suspect in people
    assert all(official not in (a, c) for a, c, _ in edges(b, "ASSOCIATED_WITH"))
    assert {a for a, _, _ in edges(b, "WORKS_FOR")} == {official}  # still the agency's official


def test_a_name_after_said_is_the_speakers_object_not_the_speaker():
    assert ("person:karwan_saleh", "subject") in participants(
        batch("Police said Karwan Saleh was arrested in Dover.", "en"), "arrest"
    )
    assert ("person:karwan_saleh", "subject") in participants(
        batch("Karwan Saleh said he was arrested in Dover.", "en"), "arrest"
    )
    assert ("person:كاروان_صالح", "subject") in participants(
        batch("وقالت الشرطة إن كاروان صالح اعتقل في دوفر.", "ar"), "arrest"
    )


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Police seized a boat used by Karwan Saleh, 34."),
        ("en", "Officers seized the phone 07700900123 and a boat."),
        ("ar", "وصادرت الشرطة قاربا يملكه كاروان صالح (34 عاما)."),
        ("ar", "وضبطت الشرطة الهاتف 07700900123 وقاربا."),
    ],
)
def test_an_age_or_a_phone_number_is_not_what_an_event_counts(lang, text):
    events = [n for n in batch(text, lang).nodes if n.label == "Event"]
    assert events and all(n.props.get("count") is None for n in events)


def test_an_event_keeps_its_real_count_in_both_languages():
    for text, lang in (("Police seized 12 boats.", "en"), ("وصادرت الشرطة 12 قاربا.", "ar")):
        assert [n.props.get("count") for n in batch(text, lang).nodes if n.label == "Event"] == [12]


def test_events_get_dates_counts_and_participants():
    b = batch(
        "In April 2024 the NCA arrested three UK-based individuals. "
        "They were charged and will appear in court on 2 August.",
        "en",
    )
    events = {n.props["kind"]: n.props for n in b.nodes if n.label == "Event"}
    assert events["arrest"]["date"] == "2024-04"
    assert events["court_hearing"]["date"] == "2024-08-02"
    subjects = {(s, t) for s, t, role in edges(b, "PARTICIPATED_IN") if role == "subject"}
    person = next(n.id for n in b.nodes if n.label == "Person")
    assert {t.split(":")[2] for s, t in subjects if s == person} == {"arrest", "charge", "court_hearing"}


def test_co_arrested_people_are_associated():
    b = batch("Police arrested Karwan Saleh, 34, and Ardit Hoxha, 41, in Calais on 3 May 2024.", "en")
    assert ("person:ardit_hoxha", "person:karwan_saleh", "arrest") in {
        (*tuple(sorted(e[:2])), e[2]) for e in edges(b, "ASSOCIATED_WITH")
    }


def event_props(b, kind: str) -> list[dict]:
    return [n.props for n in b.nodes if n.label == "Event" and n.props["kind"] == kind]


@pytest.mark.parametrize(
    ("lang", "text", "person"),
    [
        (
            "en",
            "Rebwar Aziz pleaded guilty at Leeds Crown Court and was jailed for seven years and six months.",
            "person:rebwar_aziz",
        ),
        (
            "ar",
            "وقضت محكمة ليدز بسجن كاروان صالح سبع سنوات وستة أشهر بعدما اعترف بالذنب.",
            "person:كاروان_صالح",
        ),
    ],
)
def test_a_guilty_plea_is_a_hearing_not_a_conviction_and_a_conviction_holds_its_term(lang, text, person):
    b = batch(text, lang)
    assert [p.get("sentence") for p in event_props(b, "conviction")] == ["P7Y6M"]
    assert [p.get("plea") for p in event_props(b, "court_hearing")] == ["guilty"]
    assert (person, "subject") in participants(b, "conviction")
    assert (person, "subject") in participants(b, "court_hearing")


@pytest.mark.parametrize(
    ("lang", "text", "term"),
    [
        ("en", "After a trial in Bruges, Karwan Saleh was handed a nine-year sentence.", "P9Y"),
        ("en", "Karwan Saleh, 41 years old, was convicted of smuggling.", None),
        ("ar", "وأصدرت المحكمة حكما بالسجن ثلاث سنوات بحق كاروان صالح.", "P3Y"),
        ("ar", "وأدين كاروان صالح (41 عاماً) بتهمة التهريب.", None),
        # an age named before its number, then the term
        ("en", "Baran Qadir, aged 41 years, was jailed for nine years.", "P9Y"),
        ("ar", "وقضت المحكمة بسجن المتهم الثاني، وهو مواطن سوري يبلغ من العمر 31 عاماً، ثلاث سنوات.", "P3Y"),
        ("ar", "حكمت المحكمة على باران قادر البالغ من العمر 41 عاماً بالسجن تسع سنوات.", "P9Y"),
    ],
)
def test_a_prison_term_is_read_and_an_age_is_not_one(lang, text, term):
    assert [p.get("sentence") for p in event_props(batch(text, lang), "conviction")] == [term]


@pytest.mark.parametrize(
    ("lang", "text", "court"),
    [
        (
            "en",
            "Karwan Saleh was sentenced at Maidstone Crown Court to four years.",
            "org:maidstone_crown_court",
        ),
        ("ar", "وأصدرت محكمة ليدز حكما بسجن كاروان صالح أربع سنوات.", None),
    ],
)
def test_a_court_named_with_a_court_word_is_the_events_court(lang, text, court):
    b = batch(text, lang)
    courts = {node for node, role in participants(b, "conviction") if role == "court"}
    agents = {node for node, role in participants(b, "conviction") if role == "agent"}
    assert not agents and (court is None or court in courts)


@pytest.mark.parametrize(
    ("lang", "text", "outlet"),
    [
        ("en", "Karwan Saleh was arrested in Calais in May, according to Reuters.", "reuters"),
        ("ar", "واعتقلت الشرطة كاروان صالح في كاليه، وفق وكالة رويترز.", "رويترز"),
    ],
)
def test_an_outlet_a_report_cites_takes_no_part_in_the_event(lang, text, outlet):
    b = batch(text, lang)
    assert not [node for node, _ in participants(b, "arrest") if outlet in node]


@pytest.mark.parametrize(
    ("lang", "text", "associate", "suspect"),
    [
        (
            "en",
            "Police arrested Karwan Saleh, who handled payments on behalf of Dana Rashid.",
            "person:dana_rashid",
            "person:karwan_saleh",
        ),
        (
            "ar",
            "وألقت الشرطة القبض على كاروان صالح الذي كان يدير الأموال لصالح دانا رشيد.",
            "person:دانا_رشيد",
            "person:كاروان_صالح",
        ),
    ],
)
def test_a_person_named_as_the_one_a_suspect_acts_for_is_no_participant(lang, text, associate, suspect):
    people = {node for node, _ in participants(batch(text, lang), "arrest")}
    assert suspect in people and associate not in people


@pytest.mark.parametrize(
    ("lang", "hearing", "verdict"),
    [
        (
            "en",
            "Karwan Saleh was charged in May. The court heard that he steered the boat.",
            "Karwan Saleh was jailed in May. The court heard that he steered the boat.",
        ),
        (
            "ar",
            "ووجهت إلى كاروان صالح تهمة التهريب. واستمعت المحكمة إلى أنه قاد القارب.",
            "وقضت المحكمة بسجن كاروان صالح. واستمعت المحكمة إلى أنه قاد القارب.",
        ),
    ],
)
def test_what_a_court_heard_is_a_hearing_only_where_no_verdict_is_given(lang, hearing, verdict):
    assert len(event_props(batch(hearing, lang), "court_hearing")) == 1
    assert not event_props(batch(verdict, lang), "court_hearing")
