"""Payments: who paid whom ('X paid £3,500 to Y', 'Y received $4,000 from X', 'حوّل X مبلغ …'),
and each amount's method (hawala, bank, cash) and date from its sentence."""

from __future__ import annotations

import re

from graph.model import Mention
from graph.nlp.clitics import load_clitics
from graph.nlp.normalise import normalise
from graph.nlp.reading.context import Reading


def payment_details(reading: Reading) -> None:
    """Each MONEY mention gets the `method` its sentence names and the `date` nearest to it."""
    methods = sorted(reading.lexicon.payment_methods.items(), key=lambda w: -len(w[0]))
    clitics = load_clitics().regex("payment_method")
    for m in reading.x.mentions:
        if m.label != "MONEY" or not reading.names_entity(m):
            continue
        sentence = normalise(reading.x.sentences[m.sentence].text)
        m.attrs["method"] = next(
            (
                method
                for word, method in methods
                if re.search(rf"(?<!\w){clitics}?{re.escape(word)}(?!\w)", sentence)
            ),
            None,
        )
        dates = [d for d in reading.by_sentence[m.sentence] if d.label == "DATE" and d.attrs.get("date")]
        m.attrs["date"] = min(dates, key=lambda d: abs(d.start - m.start)).attrs["date"] if dates else None


def payments(reading: Reading, sentence: int, here: list[Mention], actors: list[Mention]) -> None:
    """payer -PAID-> Payment -RECEIVED-> payee, from the verbs of `paid` and `received`."""
    amounts = [m for m in here if m.label == "MONEY" and reading.names_entity(m)]
    for rule, payer_before in (("paid", True), ("received", False)):
        for verb in reading.verbs(sentence, rule):
            payment = next((p for p in amounts if p.start > verb), None)
            before = reading.subject_after(verb, actors) or next(
                (a for a in reversed(actors) if a.end <= verb), None
            )
            after = next((a for a in actors if payment is not None and a.start > payment.end), None)
            if payment is None:
                continue
            payer, payee = (before, after) if payer_before else (after, before)
            if payer is not None:
                evidence = reading.evidence(payer, payment, "PAID", f"rule:relation:{rule}", 0.75)
                reading.relate("PAID", payer, payment, evidence)
            if payee is not None:
                evidence = reading.evidence(payment, payee, "RECEIVED", f"rule:relation:{rule}", 0.75)
                reading.relate("RECEIVED", payment, payee, evidence)
