"""Reading payments: payer, payment and payee, in both languages."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.nlp.reading.records import batch, edges


def test_payments_link_payer_payment_and_payee_in_both_languages():
    en = batch("In May 2024 Himen Aziz, a hawala broker, transferred $90,000 to Mr Ahmad Shah Noori.", "en")
    payment = next(n.id for n in en.nodes if n.label == "Payment")
    assert ("person:himen_aziz", payment, "") in edges(en, "PAID")
    assert (payment, "person:ahmad_shah_noori", "") in edges(en, "RECEIVED")
    ar = batch("وتظهر الوثائق أن المدعو هيمن عزيز حوّل 4000 دولار إلى المدعو دلشاد كريم عبر حوالة.", "ar")
    payment = next(n.id for n in ar.nodes if n.label == "Payment")
    assert ("person:هيمن_عزيز", payment, "") in edges(ar, "PAID")
    assert (payment, "person:دلشاد_كريم", "") in edges(ar, "RECEIVED")


def payments_of(b) -> list[dict]:
    return sorted((n.props for n in b.nodes if n.label == "Payment"), key=lambda p: p.get("amount") or 0)


@pytest.mark.parametrize(
    ("lang", "text", "currency"),
    [
        ("en", "Passengers paid between three and five thousand euros each for the crossing.", "EUR"),
        ("en", "Each passenger paid between $3,000 and $5,000 for a seat.", "USD"),
        ("ar", "دفع الركاب ما بين ثلاثة وخمسة آلاف يورو للشخص الواحد مقابل العبور.", "EUR"),
        ("ar", "وتراوحت الأسعار بين 3000 و5 آلاف دولار لكل راكب.", "USD"),
    ],
)
def test_a_range_is_two_amounts_with_both_ends_per_person(lang, text, currency):
    found = payments_of(batch(text, lang))
    assert [(p["amount"], p["currency"]) for p in found] == [(3000.0, currency), (5000.0, currency)]
    assert all((p["amount_min"], p["amount_max"], p["per_person"]) == (3000.0, 5000.0, True) for p in found)


def test_a_price_per_head_in_both_languages():
    assert payments_of(batch("The crew charged €1,900 a head.", "en"))[0]["per_person"] is True
    assert payments_of(batch("طلب المهربون 1900 يورو عن كل شخص.", "ar"))[0]["per_person"] is True
    assert "per_person" not in payments_of(batch("The crew earned €1,900 in May.", "en"))[0]


@pytest.mark.parametrize(
    ("lang", "text", "kind"),
    [
        ("en", "Detectives seized £71,000 in cash at the flat of Hemin Rauf.", "seized"),
        ("en", "Hemin Rauf was fined £4,000 by the court.", "fine"),
        ("en", "The network made a profit of £2.4 million in two years.", "revenue"),
        ("ar", "وضبطت الشرطة 71 ألف جنيه إسترليني في شقة هيمن رؤوف.", "seized"),
        ("ar", "وقضت المحكمة بتغريم هيمن رؤوف 4000 جنيه إسترليني.", "fine"),
        ("ar", "وحققت الشبكة أرباحا بلغت 2.4 مليون جنيه إسترليني.", "revenue"),
    ],
)
def test_money_that_is_not_a_payment_keeps_its_kind_and_is_nobodys_payment(lang, text, kind):
    b = batch(text, lang)
    assert [p["kind"] for p in payments_of(b)] == [kind]
    assert not edges(b, "PAID") and not edges(b, "RECEIVED")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Relatives in Leeds sent the money to the smugglers via hawala."),
        ("ar", "وأرسل الأقارب المال إلى المهربين عبر الحوالة."),
    ],
)
def test_a_method_named_without_an_amount_is_a_payment_of_that_method(lang, text):
    assert [(p["method"], p.get("amount")) for p in payments_of(batch(text, lang))] == [("hawala", None)]


def test_a_method_given_with_an_amount_makes_no_second_payment():
    found = payments_of(batch("Karwan Saleh sent £900 to Dana Rashid through a hawala broker.", "en"))
    assert [(p["amount"], p["method"]) for p in found] == [(900.0, "hawala")]


@pytest.mark.parametrize(
    ("lang", "first", "second", "payer"),
    [
        (
            "en",
            "On 3 May 2024 Rebaz Kamal paid £3,500 to a courier in Leeds.",
            "Court papers show that Rebaz Kamal paid £3,500 on 3 May 2024 to a man in Leeds.",
            "person:rebaz_kamal",
        ),
        (
            "ar",
            "وتظهر الوثائق أن المدعو كاروان صالح حوّل 3500 جنيه إسترليني إلى وسيط في 3 مايو 2024.",
            "وقالت الشرطة إن المدعو كاروان صالح حوّل 3500 جنيه إسترليني في 3 مايو 2024 إلى رجل في ليدز.",
            "person:كاروان_صالح",
        ),
    ],
)
def test_one_transfer_in_two_reports_is_one_payment(lang, first, second, payer):
    a, b = batch(first, lang, "a" * 64), batch(second, lang, "b" * 64)
    paid_a, paid_b = edges(a, "PAID"), edges(b, "PAID")
    assert paid_a == paid_b and {s for s, _, _ in paid_a} == {payer}


@pytest.mark.parametrize(
    ("lang", "text", "buyer"),
    [
        ("en", "Police said Soran Ali had bought a £6,200 dinghy in Germany.", "person:soran_ali"),
        ("ar", "واشترى المدعو كاروان صالح قاربا مطاطيا بمبلغ 6200 يورو من ألمانيا.", "person:كاروان_صالح"),
    ],
)
def test_the_buyer_pays_the_price_of_what_was_bought(lang, text, buyer):
    assert {s for s, _, _ in edges(batch(text, lang), "PAID")} == {buyer}


@pytest.mark.parametrize(
    ("lang", "text", "asker"),
    [
        ("en", "Police said Soran Ali charged migrants £2,800 each for a dinghy seat.", "person:soran_ali"),
        ("en", "Soran Ali was charged with smuggling after he charged £2,800 a head.", "person:soran_ali"),
        (
            "en",
            "Soran Ali ran the TikTok account @dinghy_seats_uk, which offered places for €2,000 per person.",
            "account:tiktok:dinghy_seats_uk",
        ),
        ("en", "Soran Ali offered crossings for between £2,000 and £3,000 per person.", "person:soran_ali"),
        ("ar", "وقالت الشرطة إن المدعو ريبوار كمال كان يتقاضى 2800 يورو عن كل شخص.", "person:ريبوار_كمال"),
        ("ar", "وكان المدعو ريبوار كمال يعرض مقاعد في القوارب مقابل 2500 يورو للشخص.", "person:ريبوار_كمال"),
        ("ar", "ويتقاضى المدعو ريبوار كمال 2800 دولار للشخص الواحد مقابل العبور.", "person:ريبوار_كمال"),
    ],
)
def test_who_asks_a_price_for_each_person_receives_it(lang, text, asker):
    b = batch(text, lang)
    prices = {n.id for n in b.nodes if n.label == "Payment" and n.props.get("per_person")}
    assert prices and edges(b, "RECEIVED") == {(price, asker, "") for price in prices}


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Soran Ali was offered a seat on a dinghy for £2,800 a head."),  # asked of him, not by him
        ("en", "Soran Ali charged his clients in advance; the fee rose to £2,800 in May."),  # no price each
        ("en", "Soran Ali offered a lorry driver £2,000 for each migrant he carried."),  # money offered
        ("ar", "وطلب من المدعو ريبوار كمال دفع 2800 يورو للشخص الواحد."),  # asked of him: he pays
        ("ar", "وعرض المدعو ريبوار كمال على سائق شاحنة 2000 يورو عن كل مهاجر."),  # money offered
        ("en", "Soran Ali said the smugglers asked him for £2,800 a head."),  # he says it; they ask
        ("ar", "وقال المدعو ريبوار كمال إن المهربين طلبوا منه 2800 يورو للشخص."),  # he says it
    ],
)
def test_a_price_asked_of_someone_or_no_price_each_gives_no_payee(lang, text):
    assert not edges(batch(text, lang), "RECEIVED")


@pytest.mark.parametrize(
    ("lang", "text", "currency"),
    [
        ("ar", "دفع المهاجرون مبالغ تراوحت بين 1500 جنيه إسترليني و3500 جنيه إسترليني للشخص.", "GBP"),
        ("en", "Migrants paid between 1,500 pounds and 3,500 pounds per person.", "GBP"),
        ("en", "Migrants paid 1,500 euros - 3,500 euros per person.", "EUR"),
    ],
)
def test_a_range_whose_lower_end_names_its_currency_is_one_range(lang, text, currency):
    found = payments_of(batch(text, lang))
    assert [(p["amount"], p["currency"]) for p in found] == [(1500.0, currency), (3500.0, currency)]
    assert all((p["amount_min"], p["amount_max"], p["per_person"]) == (1500.0, 3500.0, True) for p in found)


RANGE_SENTENCES = {
    "en": "Migrants paid between {low:,} {unit} and {high:,} {unit} per person.",
    "ar": "ودفع المهاجرون مبالغ تراوحت بين {low} {unit} و{high} {unit} للشخص.",
}
UNITS = {"en": {"pounds": "GBP", "euros": "EUR", "dollars": "USD"},
         "ar": {"جنيه إسترليني": "GBP", "يورو": "EUR", "دولار": "USD"}}  # fmt: skip


@settings(max_examples=30, deadline=None)
@given(
    st.sampled_from(["en", "ar"]),
    st.integers(min_value=100, max_value=40_000),
    st.integers(min_value=1, max_value=40_000),
    st.data(),
)
def test_any_range_with_its_currency_on_both_ends_is_one_range_per_person(lang, low, more, data):
    unit = data.draw(st.sampled_from(sorted(UNITS[lang])))
    high, currency = low + more, UNITS[lang][unit]
    found = payments_of(batch(RANGE_SENTENCES[lang].format(low=low, high=high, unit=unit), lang))
    assert [(p["amount"], p["currency"]) for p in found] == [(low, currency), (high, currency)]
    assert all((p["amount_min"], p["amount_max"], p["per_person"]) == (low, high, True) for p in found)
