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
        ("ar", "وتلقى مكتب المدعي العام بلاغا عن القارب.", "مكتب المدعي العام", "agency"),
        ("ar", "وأمرت النيابة العامة بحبس المتهمين.", "النيابة العامة", "agency"),
        ("ar", "ونفذت إدارة العمليات الخاصة عملية دهم.", "إدارة العمليات الخاصة", "agency"),
        ("ar", "وقال جهاز الأمن الوطني إن المتهم اعترف.", "جهاز الأمن الوطني", "agency"),
        ("ar", 'وأصدرت محكمة "سنيرسبروك كراون كورت" حكمها.', 'محكمة "سنيرسبروك كراون كورت"', "court"),
        ("ar", "وأصدرت محكمة تشيلمسفورد الملكية حكمها أمس.", "محكمة تشيلمسفورد الملكية", "court"),
    ],
)
def test_an_organisation_named_by_its_head_noun_is_found_with_its_kind(lang, text, name, kind):
    assert organisations(lang, text).get(name) == kind


def test_a_proclitic_before_the_head_is_left_out():
    assert (
        organisations("ar", "بالتعاون مع قوة حرس السواحل اليونانية.")["قوة حرس السواحل اليونانية"] == "agency"
    )
    assert "شرطة ويست يوركشاير" in organisations("ar", "بالتعاون مع الوكالة وشرطة ويست يوركشاير.")


def test_a_place_inside_the_name_is_part_of_it():
    found = organisations("ar", "وتعاون مجلس أمن محافظة دهوك مع الشرطة البريطانية.")
    assert found.get("مجلس أمن محافظة دهوك") == "agency"
    assert organisations("en", "Kent Police said the men were held.").get("Kent Police") == "agency"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Police said the boat was overloaded."),
        ("en", "The court heard he was paid in cash."),
        ("ar", "ينتمي إلى شبكة جريمة منظمة تعمل في نقل المهاجرين."),
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


def test_a_court_named_by_its_kind_takes_its_seat_and_one_named_by_its_place_does_not():
    found = organisations("ar", "ومثل المتهمان أمام محكمة الجنايات في إزمير أمس.")
    assert found.get("محكمة الجنايات في إزمير") == "court"
    found = organisations("ar", "وأصدرت محكمة تشيلمسفورد الملكية في إسكس حكمها.")
    assert found.get("محكمة تشيلمسفورد الملكية") == "court"
    found = organisations("en", "He appeared at Chelmsford Crown Court in Essex.")
    assert found.get("Chelmsford Crown Court") == "court"
