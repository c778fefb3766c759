"""`graph_organisations`: organisations named by their head noun, in both languages (invented
examples)."""

import pytest

from graph.nlp.pipeline import get_pipeline


def organisations(lang: str, text: str) -> dict[str, str]:
    """Organisation text -> its kind (or lexicon id) as the pipeline finds it."""
    doc = get_pipeline(lang)(text)
    return {e.text: e.kb_id_ or e.ent_id_ for e in doc.ents if e.label_ == "ORG"}


@pytest.mark.parametrize(
    ("lang", "text", "name", "kind"),
    [
        (
            "en",
            "Officers from Lancashire Constabulary searched the flat.",
            "Lancashire Constabulary",
            "agency",
        ),
        (
            "en",
            "Detectives from Greater Manchester Police arrested him.",
            "Greater Manchester Police",
            "agency",
        ),
        ("en", "He appeared at Antwerp Correctional Court on Friday.", "Antwerp Correctional Court", "court"),
        ("en", "He will be sentenced at Ipswich Crown Court next month.", "Ipswich Crown Court", "court"),
        ("en", "The Hellenic Coast Guard picked up 31 people.", "Hellenic Coast Guard", "agency"),
        ("en", "The Libyan coastguard said the dinghy had sunk.", "Libyan coastguard", "agency"),
        (
            "en",
            "A spokesman for the Ministry of the Interior declined to comment.",
            "Ministry of the Interior",
            "agency",
        ),
        ("ar", "وقالت شرطة ويست يوركشاير إنها اعتقلت رجلين.", "شرطة ويست يوركشاير", "agency"),
        ("ar", "وأنقذ خفر السواحل الليبي 40 مهاجرا.", "خفر السواحل الليبي", "agency"),
        ("ar", "وتلقى مكتب النائب العام بلاغا عن القارب.", "مكتب النائب العام", "agency"),
        ("ar", "وأمرت النيابة العامة بحبس المتهمين.", "النيابة العامة", "agency"),
        ("ar", "ونفذت إدارة المهام الخاصة عملية دهم.", "إدارة المهام الخاصة", "agency"),
        ("ar", "وقال جهاز الادعاء الملكي إن المتهم أقر بالذنب.", "جهاز الادعاء الملكي", "agency"),
        ("ar", 'وأصدرت محكمة "سنيرسبروك كراون كورت" حكمها.', 'محكمة "سنيرسبروك كراون كورت"', "court"),
        ("ar", "وأصدرت محكمة ميدستون الملكية حكمها أمس.", "محكمة ميدستون الملكية", "court"),
    ],
)
def test_an_organisation_named_by_its_head_noun_is_found_with_its_kind(lang, text, name, kind):
    assert organisations(lang, text).get(name) == kind


def test_a_proclitic_before_the_head_is_left_out():
    assert (
        organisations("ar", "بالتعاون مع قوة حرس الحدود البريطانية.")["قوة حرس الحدود البريطانية"] == "agency"
    )
    assert "شرطة ويست يوركشاير" in organisations("ar", "بالتعاون مع الوكالة وشرطة ويست يوركشاير.")


def test_a_place_inside_the_name_is_part_of_it():
    found = organisations("ar", "وتعاون مجلس أمن إقليم كردستان مع الشرطة البريطانية.")
    assert found.get("مجلس أمن إقليم كردستان") == "agency"
    assert organisations("en", "Kent Police said the men were held.").get("Kent Police") == "agency"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Police said the boat was overloaded."),
        ("en", "The court heard he was paid in cash."),
        ("ar", "ينتمي إلى عصابة جريمة منظمة تقوم بتهريب المهاجرين."),
        ("ar", "وأصدرت محكمة بريطانية أمس حكما بسجنه."),
        ("ar", "وضبطت الشرطة جهاز تحديد المواقع في القارب."),
        ("ar", "وقالت القوات الأمنية إنها صادرت الهواتف."),
        ("ar", "وأيدت المحاكم البريطانية الحكم."),
        ("ar", "وصل القارب على هيئة مجموعة صغيرة."),
    ],
)
def test_a_head_noun_that_names_no_one_makes_no_organisation(lang, text):
    found = organisations(lang, text)
    assert not any(
        w in name for name in found for w in ("منظمة", "محكمة", "جهاز", "القوات", "المحاكم", "هيئة")
    )
    assert "Police" not in found and "court" not in found


def test_a_lexicon_organisation_keeps_its_id():
    assert (
        organisations("en", "The Crown Prosecution Service charged him.")["Crown Prosecution Service"]
        == "org:cps"
    )
    assert (
        organisations("ar", "وقالت الشرطة الفرنسية إنها أوقفت سائقا.")["الشرطة الفرنسية"]
        == "org:french_police"
    )
