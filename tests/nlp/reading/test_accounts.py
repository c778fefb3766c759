"""Reading accounts described without a handle, in both languages."""

import pytest
from tests.nlp.reading.records import batch, edges


def accounts_of(b) -> list[dict]:
    return sorted((n.props for n in b.nodes if n.label == "Account"), key=lambda p: p.get("name") or "")


@pytest.mark.parametrize(
    ("lang", "text", "platform", "kind"),
    [
        ("en", "The gang ran a private Telegram group to sell seats on the boats.", "Telegram", "group"),
        (
            "en",
            "Investigators found dozens of accounts on Instagram offering crossings.",
            "Instagram",
            "account",
        ),
        ("ar", "وتنشر العصابة إعلاناتها عبر صفحات على فيسبوك تروج للهجرة.", "Facebook", "page"),
        ("ar", "وحذفت منصة تيك توك حساب المهرب بعد نشر الفيديو.", "TikTok", "account"),
    ],
)
def test_an_account_described_next_to_its_platform_is_an_account_on_it(lang, text, platform, kind):
    [account] = accounts_of(batch(text, lang))
    assert (account["platform"], account["kind"]) == (platform, kind)


def test_a_count_before_the_accounts_is_theirs():
    [account] = accounts_of(batch("Meta removed 40 accounts on Facebook that sold crossings.", "en"))
    assert account["count"] == 40
    [account] = accounts_of(batch("Police found 40 accounts on Facebook that sold crossings.", "en"))
    assert (account["name"], account["unnamed"]) == ("40 Facebook accounts (unnamed)", True)


def test_an_unnamed_account_is_named_for_tables_by_its_platform_and_kind():
    [account] = accounts_of(batch("وتنشر العصابة إعلاناتها عبر صفحات على فيسبوك تروج للهجرة.", "ar"))
    assert (account["name"], account["unnamed"]) == ("Facebook page (unnamed)", True)


@pytest.mark.parametrize(
    ("lang", "text", "name", "platform"),
    [
        (
            "en",
            "A Facebook group called Channel Dreams sold places on dinghies.",
            "Channel Dreams",
            "platform:facebook",
        ),
        (
            "en",
            "Another TikTok user called Boat King posted videos of crossings.",
            "Boat King",
            "platform:tiktok",
        ),
        ("ar", "ونشرت صفحة باسم «طريق الأمل» على فيسبوك أسعار الرحلات.", "طريق الأمل", "platform:facebook"),
        (
            "ar",
            "وتدير العصابة قناة على تيليغرام تدعى “رحلات آمنة” لبيع المقاعد.",
            "رحلات آمنة",
            "platform:telegram",
        ),
    ],
)
def test_a_named_account_is_named_and_hosted_on_its_platform(lang, text, name, platform):
    b = batch(text, lang)
    [account] = accounts_of(b)
    assert account["name"] == name
    assert {t for _, t, _ in edges(b, "HOSTED_ON")} == {platform}


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        (
            "en",
            "The police found an account on TikTok that sold crossings. Called 'Safe Road' it posted prices.",
            "Safe Road",
        ),
        (
            "ar",
            "ونشرت العصابة إعلاناتها على فيسبوك. وإحدى تلك الصفحات التي رصدتها الشرطة تدعى «الطريق الآمن».",
            "الطريق الآمن",
        ),
    ],
)
def test_a_name_given_in_the_next_sentence_or_a_platform_named_before(lang, text, name):
    assert [a.get("name") for a in accounts_of(batch(text, lang))][-1] == name


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Karwan Saleh ran the TikTok account @sea_road_uk."),
        ("ar", "وكان كاروان صالح يدير حساب @sea_road_uk على تيك توك."),
    ],
)
def test_an_account_with_a_handle_is_not_described_again(lang, text):
    assert [a["handle"] for a in accounts_of(batch(text, lang))] == ["sea_road_uk"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "He paid the money into a bank account and joined a crime group."),
        ("ar", "وأودع المال في حساب مصرفي وانضم إلى مجموعة إجرامية."),
        ("en", "Millions of TikTok users saw the videos."),
    ],
)
def test_an_account_noun_with_no_platform_is_no_account(lang, text):
    assert not accounts_of(batch(text, lang))
