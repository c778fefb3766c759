"""Reading roles: who works for, leads, belongs to, or runs what, in both languages."""

import pytest
from tests.nlp.reading.records import batch, edges


def test_apposition_gives_works_for_with_role_in_english():
    b = batch('"We act," said Sarah Whitfield, branch commander at the NCA.', "en")
    assert edges(b, "WORKS_FOR") == {("person:sarah_whitfield", "org:nca", "branch commander")}


def test_apposition_gives_works_for_with_role_in_arabic():
    b = batch("وقال جان ديبوا، المتحدث باسم الشرطة الفرنسية: نعمل مع الشركاء.", "ar")
    assert edges(b, "WORKS_FOR") == {("person:جان_ديبوا", "org:french_police", "المتحدث باسم")}


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


def test_the_verb_before_an_arabic_name_is_not_part_of_it():
    names = [
        n.props["name"]
        for n in batch("ويدير كاروان صالح حساب @x على تيك توك", "ar").nodes
        if n.label == "Person"
    ]
    assert names == ["كاروان صالح"]


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


def test_control_of_accounts_in_both_languages():
    en = batch("Investigators said Karwan Saleh, 34, ran the TikTok account @channel_taxi_uk.", "en")
    assert ("person:karwan_saleh", "account:tiktok:channel_taxi_uk", "") in edges(en, "CONTROLS")
    ar = batch(
        "ويشتبه في أن المدعو دلشاد كريم يدير الصفحة facebook.com/europe.travel.dream على فيسبوك.", "ar"
    )
    assert ("person:دلشاد_كريم", "account:facebook:europe.travel.dream", "") in edges(ar, "CONTROLS")


def test_members_of_a_group_in_both_languages():
    en = batch("Police said Rebin Qadir, 41, is the leader of Zagros Crew.", "en")
    assert ("person:rebin_qadir", "org:zagros_crew", "") in edges(en, "MEMBER_OF")
    kinds = {n.id: n.props.get("kind") for n in en.nodes if n.label == "Organisation"}
    assert kinds["org:zagros_crew"] == "crime_group"
    ar = batch('وقالت الشرطة إن المدعو ريبين قادر زعيم شبكة "زاغروس كرو" في دونكيرك.', "ar")
    assert ("person:ريبين_قادر", "org:زاغروس_كرو", "") in edges(ar, "MEMBER_OF")


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "en",
            "NCA Branch Commander Sarah Whitfield said the gang was dismantled.",
            ("person:sarah_whitfield", "org:nca", "Branch Commander"),
        ),
        (
            "en",
            "Home Office spokesperson Hemin Aziz said the boats were seized.",
            ("person:hemin_aziz", "org:home_office", "spokesperson"),
        ),
        (
            "en",
            "Dan Barcroft, the NCA's Director Threat Leadership, said crime is rising.",
            ("person:dan_barcroft", "org:nca", "Director Threat Leadership"),
        ),
        (
            "ar",
            "وقال المتحدث باسم الشرطة الفرنسية جان دوبون إن الشبكة كبيرة.",
            ("person:جان_دوبون", "org:french_police", "المتحدث باسم"),
        ),
    ],
)
def test_a_title_written_with_its_organisation_before_or_after_a_name(lang, text, expected):
    b = batch(text, lang)
    assert edges(b, "WORKS_FOR") == {expected}
    assert not [n for n in b.nodes if n.label == "Person" and n.id != expected[0]]  # no name of a role


@pytest.mark.parametrize(
    ("lang", "text", "pair"),
    [
        (
            "en",
            "Karwan Saleh is alleged to have worked with Dana Rashid in Calais.",
            {"karwan_saleh", "dana_rashid"},
        ),
        (
            "en",
            "Karwan Saleh was jailed for five years. His co-defendant Dana Rashid was jailed for two years.",
            {"karwan_saleh", "dana_rashid"},
        ),
        (
            "en",
            "Karwan Saleh called it off. Instead, he and a future co-conspirator, Dana Rashid,"
            " travelled to Kabul.",
            {"karwan_saleh", "dana_rashid"},
        ),
        (
            "ar",
            "وقضت المحكمة بسجن كاروان صالح، فيما حكمت على شريكه البريطاني دانا رشيد بالسجن خمس سنوات.",
            {"كاروان_صالح", "دانا_رشيد"},
        ),
        ("ar", "ونظم كاروان صالح الرحلات بالتعاون مع دانا رشيد.", {"كاروان_صالح", "دانا_رشيد"}),
    ],
)
def test_people_said_to_work_together_or_named_as_accomplices_are_associated(lang, text, pair):
    found = [
        {a.removeprefix("person:"), b.removeprefix("person:")}
        for a, b, _ in edges(batch(text, lang), "ASSOCIATED_WITH")
    ]
    assert found == [pair]
