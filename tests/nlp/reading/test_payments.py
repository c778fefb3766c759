"""Reading payments: payer, payment and payee, in both languages."""

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
