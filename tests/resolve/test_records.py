"""Graph records from extractions: canonical ids, relations from sentences, provenance on all."""

import pytest

from graph.model import Document
from graph.nlp.extract import extract
from graph.resolve.records import build_batch


def batch(text: str, lang: str, doc_id: str = "d" * 64):
    return build_batch(extract(Document(id=doc_id, text=text, lang=lang, path="t", seen="2024-01-01")))


def edges(b, rel_type):
    return {(e.source_id, e.target_id, e.key) for e in b.edges if e.type == rel_type}


def test_apposition_gives_works_for_with_role_in_english():
    b = batch('"We act," said Sarah Whitfield, branch commander at the NCA.', "en")
    assert edges(b, "WORKS_FOR") == {("person:sarah_whitfield", "org:nca", "branch commander")}


def test_apposition_gives_works_for_with_role_in_arabic():
    b = batch("وقال جان ديبوا، المتحدث باسم الشرطة الفرنسية: نعمل مع الشركاء.", "ar")
    assert edges(b, "WORKS_FOR") == {("person:جان_ديبوا", "org:french_police", "المتحدث باسم")}


def participants(b, kind: str) -> set[tuple[str, str]]:
    events = {n.id for n in b.nodes if n.label == "Event" and n.props["kind"] == kind}
    return {(e.source_id, e.key) for e in b.edges if e.type == "PARTICIPATED_IN" and e.target_id in events}


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
    ("text", "rel_type", "source", "target"),
    [
        (
            "ويدير كاروان صالح حساب @zagros_boats على تيليغرام.",
            "CONTROLS",
            "person:كاروان_صالح",
            "account:telegram:zagros_boats",
        ),
        ("يدير كاروان صالح حساب @x على تيك توك", "CONTROLS", "person:كاروان_صالح", "account:tiktok:x"),
        ("كاروان صالح يدير حساب @x على تيك توك", "CONTROLS", "person:كاروان_صالح", "account:tiktok:x"),
        ("حوّل كاروان صالح مبلغ 3500 يورو إلى شبكة زاغروس.", "PAID", "person:كاروان_صالح", None),
    ],
)
def test_arabic_relations_read_in_verb_first_and_subject_first_order(text, rel_type, source, target):
    found = edges(batch(text, "ar"), rel_type)
    assert any(a == source and (target is None or b == target) for a, b, _ in found), found


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "en",
            "The Telegram channel t.me/bahar_trips, run by Rebin Qadir, has 4,000 subscribers.",
            ("person:rebin_qadir", "account:telegram:bahar_trips"),
        ),
        (
            "ar",
            "وتروج الشبكة لرحلاتها عبر قناة t.me/bahar_trips على تيليغرام،"
            " ويديرها بحسب التحقيق ريبين قادر المقيم في ليدز.",
            ("person:ريبين_قادر", "account:telegram:bahar_trips"),
        ),
    ],
)
def test_an_account_named_before_who_runs_it(lang, text, expected):
    assert expected in {(a, b) for a, b, _ in edges(batch(text, lang), "CONTROLS")}


@pytest.mark.parametrize(
    ("lang", "text", "rel_type", "expected"),
    [
        (
            "en",
            "The coast guard intercepted a speedboat off Chios and arrested its pilot, a Turkish national"
            " named as Kemal Ozturk, 33.",
            "OPERATES",
            ("person:kemal_ozturk", "speedboat"),
        ),
        (
            "ar",
            "واعترض خفر السواحل زورقاً سريعاً قبالة خيوس، وألقى القبض على قائده، وهو مواطن تركي يدعى"
            " كمال أوزتورك.",
            "OPERATES",
            ("person:كمال_اوزتورك", "speedboat"),
        ),
        (
            "en",
            "The court heard that Hamza owned at least three speedboats.",
            "OWNS",
            ("person:hamza", "speedboat"),
        ),
        (
            "en",
            "The court heard that Omar stored boats and engines in a garage.",
            "OWNS",
            ("person:omar", "engine"),
        ),
    ],
)
def test_who_steers_owns_or_keeps_the_boats(lang, text, rel_type, expected):
    found = edges(batch(text, lang), rel_type)
    assert any(a == expected[0] and b.endswith(expected[1]) for a, b, _ in found), found


def test_the_verb_before_an_arabic_name_is_not_part_of_it():
    names = [
        n.props["name"]
        for n in batch("ويدير كاروان صالح حساب @x على تيك توك", "ar").nodes
        if n.label == "Person"
    ]
    assert names == ["كاروان صالح"]


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


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "en",
            "Rob Jones, 52, director of operations at the NCA, said so.",
            ("person:rob_jones", "org:nca", "director of operations"),
        ),
        (
            "ar",
            "وقال دان باركروفت، المسؤول في الوكالة الوطنية لمكافحة الجريمة، إن الأرقام مرتفعة.",
            ("person:دان_باركروفت", "org:nca", "المسؤول"),
        ),
    ],
)
def test_apposition_with_an_age_or_an_article_before_the_title(lang, text, expected):
    assert expected in edges(batch(text, lang), "WORKS_FOR")


def test_an_acronym_and_its_expansion_are_one_organisation():
    b = batch(
        "Police dismantled the Kurdish Smuggling Network (KSN) in Calais. Officers said KSN ran boats.", "en"
    )
    orgs = [n for n in b.nodes if n.label == "Organisation"]
    assert [n.id for n in orgs] == ["org:kurdish_smuggling_network"]
    assert {"Kurdish Smuggling Network", "KSN"} <= set(orgs[0].aliases)
    mentions = [e for e in b.edges if e.type == "MENTIONS" and e.target_id == orgs[0].id]
    assert len(mentions) == 3  # the full name and both uses of the acronym


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
        ("ar", "أبحر القارب من مدينة زوارة غرب ليبيا مساء 2 آب.", ("loc:زواره", "loc:LY")),
    ],
)
def test_where_people_live_and_places_lie_in_both_languages(lang, text, expected):
    found = edges(batch(text, lang), "LOCATED_IN")
    assert any(a == expected[0] and expected[1] in b for a, b, _ in found), found


def test_a_list_of_towns_is_not_a_hierarchy():
    found = edges(batch("Boats left the beaches of Calais, Dunkirk and Gravelines.", "en"), "LOCATED_IN")
    assert not [(a, b) for a, b, _ in found if a.startswith("loc:") and b.startswith("loc:")]


def test_accounts_are_hosted_on_the_platform_their_form_names():
    b = batch("The group used t.me/hawler_boats and @cross_now on TikTok and wa.me/447700900123.", "en")
    assert edges(b, "HOSTED_ON") == {
        ("account:telegram:hawler_boats", "platform:telegram", ""),
        ("account:tiktok:cross_now", "platform:tiktok", ""),
    }
    phones = [n for n in b.nodes if n.id == "phone:+447700900123"]
    assert phones and phones[0].props["kind"] == "phone"


def test_unnamed_people_are_never_merged_across_documents():
    text = "Police arrested an Iraqi national in Dover."
    a = {n.id for n in batch(text, "en", "a" * 64).nodes if n.label == "Person"}
    b = {n.id for n in batch(text, "en", "b" * 64).nodes if n.label == "Person"}
    assert a and b and not a & b


def test_every_record_carries_provenance():
    b = batch("في مايو 2024 ألقت الشرطة الفرنسية القبض على مواطن عراقي في كاليه.", "ar")
    for record in [*b.nodes, *b.edges]:
        if getattr(record, "label", None) == "Document":
            continue
        assert record.prov is not None
        assert record.prov.doc_id == "d" * 64 and record.prov.sentence and record.prov.extractor


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


def test_named_person_in_apposition_gets_nationality_and_place_in_both_languages():
    en = batch("Police arrested Ardit Hoxha, 41, an Albanian national, in Calais.", "en")
    assert ("person:ardit_hoxha", "loc:AL", "") in edges(en, "NATIONAL_OF")
    assert not [n for n in en.nodes if n.label == "Person" and n.props.get("unnamed")]
    ar = batch("ألقت الشرطة القبض على المدعو كاروان صالح (34 عاماً)، وهو مواطن عراقي من أربيل.", "ar")
    assert ("person:كاروان_صالح", "loc:IQ", "") in edges(ar, "NATIONAL_OF")
    assert ("person:كاروان_صالح", "loc:erbil", "") in edges(ar, "LOCATED_IN")


def test_payments_link_payer_payment_and_payee_in_both_languages():
    en = batch("In May 2024 Himen Aziz, a hawala broker, transferred $90,000 to Mr Ahmad Shah Noori.", "en")
    payment = next(n.id for n in en.nodes if n.label == "Payment")
    assert ("person:himen_aziz", payment, "") in edges(en, "PAID")
    assert (payment, "person:ahmad_shah_noori", "") in edges(en, "RECEIVED")
    ar = batch("وتظهر الوثائق أن المدعو هيمن عزيز حوّل 4000 دولار إلى المدعو دلشاد كريم عبر حوالة.", "ar")
    payment = next(n.id for n in ar.nodes if n.label == "Payment")
    assert ("person:هيمن_عزيز", payment, "") in edges(ar, "PAID")
    assert (payment, "person:دلشاد_كريم", "") in edges(ar, "RECEIVED")


def test_control_of_accounts_in_both_languages():
    en = batch("Investigators said Karwan Saleh, 34, ran the TikTok account @channel_taxi_uk.", "en")
    assert ("person:karwan_saleh", "account:tiktok:channel_taxi_uk", "") in edges(en, "CONTROLS")
    ar = batch(
        "ويشتبه في أن المدعو دلشاد كريم يدير الصفحة facebook.com/europe.travel.dream على فيسبوك.", "ar"
    )
    assert ("person:دلشاد_كريم", "account:facebook:europe.travel.dream", "") in edges(ar, "CONTROLS")


def test_co_arrested_people_are_associated():
    b = batch("Police arrested Karwan Saleh, 34, and Ardit Hoxha, 41, in Calais on 3 May 2024.", "en")
    assert ("person:ardit_hoxha", "person:karwan_saleh", "arrest") in {
        (*tuple(sorted(e[:2])), e[2]) for e in edges(b, "ASSOCIATED_WITH")
    }


def test_members_of_a_group_in_both_languages():
    en = batch("Police said Rebin Qadir, 41, is the leader of Zagros Crew.", "en")
    assert ("person:rebin_qadir", "org:zagros_crew", "") in edges(en, "MEMBER_OF")
    kinds = {n.id: n.props.get("kind") for n in en.nodes if n.label == "Organisation"}
    assert kinds["org:zagros_crew"] == "crime_group"
    ar = batch('وقالت الشرطة إن المدعو ريبين قادر زعيم شبكة "زاغروس كرو" في دونكيرك.', "ar")
    assert ("person:ريبين_قادر", "org:زاغروس_كرو", "") in edges(ar, "MEMBER_OF")
